// The console's views by address. The fragment names the open view, so Back and Forward move
// between the console's own views (Back used to leave the console altogether), a reload keeps
// the view (in a live review, straight back to the live controls), and a session's page can be
// bookmarked or sent to oneself. The fragment never holds a token; the sign-in stays in this
// tab's sessionStorage, so a bookmark opened in a new tab asks for it first, then opens the view.

/** The views that have an address; anything else opens the session list. */
const SESSION_VIEWS = { '': 'session', edit: 'edit', live: 'live', copy: 'copy', workshop: 'workshop' };

/**
 * The view `hash` (a `location.hash`) names: `{ view: 'sessions' }`, `{ view: 'schedule' }`,
 * or `{ view: 'session' | 'edit' | 'live' | 'copy' | 'workshop', id }`. Unknown or malformed fragments are the list.
 */
export function parseRoute(hash) {
  const parts = String(hash || '').replace(/^#/, '').split('/');
  if (parts.length === 1 && parts[0] === 'schedule') return { view: 'schedule' };
  if (parts[0] === 'session' && (parts.length === 2 || parts.length === 3) && parts[1]) {
    const view = SESSION_VIEWS[parts[2] || ''];
    let id = null;
    try { id = decodeURIComponent(parts[1]); } catch { id = null; }
    if (view && id) return { view, id };
  }
  return { view: 'sessions' };
}

/** The fragment for `route` (as `parseRoute` reads it); the session list is no fragment at all. */
export function routeHash(route) {
  switch (route.view) {
    case 'schedule': return '#schedule';
    case 'session': return `#session/${encodeURIComponent(route.id)}`;
    case 'edit': return `#session/${encodeURIComponent(route.id)}/edit`;
    case 'live': return `#session/${encodeURIComponent(route.id)}/live`;
    case 'copy': return `#session/${encodeURIComponent(route.id)}/copy`;
    case 'workshop': return `#session/${encodeURIComponent(route.id)}/workshop`;
    default: return '';
  }
}

/**
 * Puts `route` in the address bar as a new history entry, or in place of the current one with
 * `replace` (a form that was sent, a session deleted: Back must not lead to them again).
 * Nothing happens when the address already says it, so showing a view again adds no entry.
 */
export function showRouteInAddress(route, { replace = false } = {}) {
  const hash = routeHash(route);
  if (location.hash === hash) return;
  const url = location.pathname + location.search + hash;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}
