// A page told `not_open` waits for the lobby to open, then reloads to join. It timed that by the
// device's clock and, since a school laptop's clock is often minutes off, reloaded at most 15 s
// apart until it was let in: each reload put focus back on the notice and read the whole of it
// to a screen reader again (about 60 times in a 15-minute wait), and a reload while the Wi-Fi was
// down left the browser's own error page, which never joined (an audit, session 53). Now the
// page asks the server its time (`/livez`'s `Date` header) without reloading, and reloads once,
// when the server's clock says the lobby is open; a check that cannot reach the server waits for
// the next one.

/**
 * The longest a page told `not_open` waits before it tries again: the next check of the server's
 * clock comes at most this long after the last.
 */
export const NOT_OPEN_RECHECK_MS = 15000;

/**
 * How long to wait before the next check, from when the lobby opens and the server's time now
 * (both ms since the epoch), or 0 when it is open. The `Date` header is to the second, rounded
 * down: a second is added, so the page never reloads into one more `not_open`. Pure.
 */
export function lobbyWaitMs(opensAtMs, serverNowMs) {
  const wait = opensAtMs - serverNowMs;
  return wait < 0 ? 0 : Math.min(wait + 1000, NOT_OPEN_RECHECK_MS);
}

/**
 * Checks the server's clock until `opensAt` (RFC 3339) has passed, then calls `reload()`. The
 * first check comes when the device's clock says the lobby opens (at most NOT_OPEN_RECHECK_MS
 * away). A server without a `Date` header gets the old behaviour: the reload itself is the check.
 * Each check is counted on `document.body.dataset` (`lobbyChecks`, `lobbyChecksFailed`).
 */
export function waitForOpening(opensAt, reload) {
  const opens = Date.parse(opensAt);
  const count = (key) => { document.body.dataset[key] = String(Number(document.body.dataset[key] || 0) + 1); };
  const check = async () => {
    let serverNow;
    try {
      const response = await fetch('livez', { cache: 'no-store' });
      serverNow = Date.parse(response.headers.get('Date') || '');
    } catch {
      count('lobbyChecksFailed');
      setTimeout(check, NOT_OPEN_RECHECK_MS);
      return;
    }
    count('lobbyChecks');
    if (Number.isNaN(serverNow)) { reload(); return; }
    const wait = lobbyWaitMs(opens, serverNow);
    if (wait === 0) reload(); else setTimeout(check, wait);
  };
  setTimeout(check, Math.max(1000, lobbyWaitMs(opens, Date.now())));
}
