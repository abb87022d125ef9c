// Keeps the screen on while the room display is shown: a tablet propped up as the room's clock,
// or a laptop driving the projector, dimmed and locked mid-review after its idle time (a probe).
// The Screen Wake Lock API exists only in secure contexts (HTTPS, or localhost): over plain HTTP,
// or where the browser refuses (battery saver), the screen sleeps as the device is set to.

/**
 * Asks `nav.wakeLock` for a screen lock now and whenever `doc` is shown again (a lock is let go
 * while the page is hidden) or clicked (some browsers want a user's gesture). Returns whether a
 * lock is held, for tests.
 */
export function keepScreenAwake(doc = document, nav = navigator) {
  let lock = null;
  let asking = false;
  const request = async () => {
    if (!nav.wakeLock || doc.visibilityState !== 'visible' || lock || asking) return;
    asking = true;
    try {
      lock = await nav.wakeLock.request('screen');
      lock.addEventListener?.('release', () => { lock = null; });
    } catch {
      lock = null; // refused: the device's own settings decide
    } finally {
      asking = false;
    }
  };
  doc.addEventListener('visibilitychange', request);
  doc.addEventListener('click', request);
  request();
  return () => lock !== null;
}
