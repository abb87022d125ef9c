// Opening the record in a tab of its own (`record-view.html`), from a host's or the facilitator's
// join page (with its invite token) or from the console (with the facilitator's sign-in).

/**
 * Opens the record in a new tab: of session `sessionId` with the console's sign-in; with
 * `controls`, of a co-facilitator's console with the invite token its controls joined with;
 * otherwise with the room page's invite token. `window.open` with an opener, not a link (a
 * `target="_blank"` link has none): the new tab starts with a copy of this tab's
 * sessionStorage, where the token is, so no token is ever put in an address. The fragment holds
 * only the session's id. With `followed`, the record of the review the room page's session
 * follows (a post-review workshop's review), read with the room page's invite token. Returns
 * whether the browser opened the tab (a pop-up blocker may not).
 */
export function openRecordTab(sessionId = null, { controls = false, followed = false } = {}) {
  const fragment = sessionId ? `#session=${encodeURIComponent(sessionId)}` : controls ? '#controls' : followed ? '#followed' : '';
  return !!window.open(`record-view${fragment}`, '_blank');
}
