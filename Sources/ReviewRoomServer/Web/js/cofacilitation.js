// Co-facilitation (PROTOCOL.md §3.2): a second facilitator is invited with a link like anyone
// else, and the console's sign-in (a facilitator API token) only opens the sessions that
// facilitator owns. So the room page of someone who joined as a facilitator links to the
// console's live controls, which then join with the same invite token (kept in this tab's
// sessionStorage by the room page), not with an API token.
import { el } from './dom.js';
import { t } from './strings.js';

/** Where the room page keeps its invite token (`takeToken` in join.js). */
export const JOIN_TOKEN_KEY = 'reviewroom.join.token';
/**
 * The invite token of the room page whose "Open the facilitator controls" was chosen in this
 * tab. Not the room page's own key: any invite link opened later in the tab replaces that one,
 * and the controls, reloaded after Back, then joined that other session, as a reviewer (a tabs probe).
 */
export const CONTROLS_TOKEN_KEY = 'reviewroom.controls.token';
/** Where the console keeps the facilitator's sign-in (a facilitator API token) in this tab. */
export const CONSOLE_TOKEN_KEY = 'reviewroom.console.token';
/** The console's address for a co-facilitator: the fragment names the mode, never a token. */
export const COFACILITATE_HASH = '#cofacilitate';

/**
 * On a room page: once `you` (the welcome's) is a facilitator, adds a link to the console's
 * live controls into `header` (once).
 */
export function offerControls(header, you) {
  if (!header || you?.role !== 'facilitator' || header.querySelector('#open-controls')) return;
  header.append(el('a', { id: 'open-controls', className: 'open-controls', href: `console${COFACILITATE_HASH}`, textContent: t('cofac.open'),
    on: { click: () => keepToken(CONTROLS_TOKEN_KEY, sessionStorage.getItem(JOIN_TOKEN_KEY)) } }));
}

/** The console's way back to the room page the controls were opened from (not the tab's latest link's). */
export function backToRoom(token) {
  return el('a', { href: 'join', id: 'back-to-room', textContent: t('cofac.back'), on: { click: () => keepToken(JOIN_TOKEN_KEY, token) } });
}

function keepToken(key, token) {
  if (token) sessionStorage.setItem(key, token);
}

/** The invite token a co-facilitator's console joins with, or null when this page is not one. */
export function coFacilitatorToken() {
  if (location.hash !== COFACILITATE_HASH) return null;
  return sessionStorage.getItem(CONTROLS_TOKEN_KEY) || sessionStorage.getItem(JOIN_TOKEN_KEY) || '';
}

/** Forgets a co-facilitator's token that cannot join any more, under both keys that may hold it. */
export function forgetCoFacilitatorToken(token) {
  for (const key of [CONTROLS_TOKEN_KEY, JOIN_TOKEN_KEY]) {
    if (sessionStorage.getItem(key) === token) sessionStorage.removeItem(key);
  }
}
