// Co-facilitation (PROTOCOL.md §3.2): a second facilitator is invited with a link like anyone
// else, and the console's sign-in (a facilitator API token) only opens the sessions that
// facilitator owns. So the room page of someone who joined as a facilitator links to the
// console's live controls, which then join with the same invite token (kept in this tab's
// sessionStorage by the room page), not with an API token.
import { el } from './dom.js';
import { t } from './strings.js';

/** Where the room page keeps its invite token (`takeToken` in join.js). */
export const JOIN_TOKEN_KEY = 'reviewroom.join.token';
/** The console's address for a co-facilitator: the fragment names the mode, never a token. */
export const COFACILITATE_HASH = '#cofacilitate';

/**
 * On a room page: once `you` (the welcome's) is a facilitator, adds a link to the console's
 * live controls into `header` (once).
 */
export function offerControls(header, you) {
  if (!header || you?.role !== 'facilitator' || header.querySelector('#open-controls')) return;
  header.append(el('a', { id: 'open-controls', className: 'open-controls', href: `console${COFACILITATE_HASH}`, textContent: t('cofac.open') }));
}

/** The invite token a co-facilitator's console joins with, or null when this page is not one. */
export function coFacilitatorToken() {
  if (location.hash !== COFACILITATE_HASH) return null;
  return sessionStorage.getItem(JOIN_TOKEN_KEY) || '';
}
