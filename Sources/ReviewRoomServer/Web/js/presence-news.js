// Who came and went, in words, for the facilitator: pure functions (no DOM, no I/O) from the
// `presence` lists to the sentences said. The people list changed without a word, so a blind
// facilitator waiting for everyone before starting heard nothing. A drop shorter than `AWAY_MS`
// (flaky Wi-Fi, a reload) is no news either way.
import { t } from './strings.js';

/** How long someone must be gone before their going, and their coming back, is said. */
export const AWAY_MS = 30000;

const list = (ids, nameOf) => new Intl.ListFormat(undefined, { type: 'conjunction' }).format(ids.map(nameOf));

/**
 * The people online in `after` but not in `before` whose coming is news: someone this page has
 * not seen online yet (`seen`), or back after at least `AWAY_MS` offline (`awaySince`: id → ms
 * when they went), not `me`. In the order of `after`.
 */
export function arrivals(before, after, { seen, awaySince, now, me }) {
  return [...after].filter((id) => id !== me && !before.has(id)
    && (!seen.has(id) || (awaySince.has(id) && now - awaySince.get(id) >= AWAY_MS)));
}

/**
 * Who was invited, and whose invite was withdrawn, between two `participants` lists, in words
 * for the facilitator ("Invited to the review: Dana. No longer in the review (invite withdrawn):
 * Cy."), or null. A revocation changed the people list without a word: a co-facilitator revoked
 * mid-review was gone from the owner's console unsaid (a co-facilitation audit).
 */
export function rosterNews(before, after) {
  const ids = (people) => new Set((people || []).map((p) => p.id));
  const [had, has] = [ids(before), ids(after)];
  const names = (people, keep) => (people || []).filter((p) => keep(p.id)).map((p) => p.name);
  const invited = names(after, (id) => !had.has(id));
  const gone = names(before, (id) => !has.has(id));
  const format = (list) => new Intl.ListFormat(undefined, { type: 'conjunction' }).format(list);
  const parts = [invited.length ? t('announce.invited', { names: format(invited) }) : null,
    gone.length ? t('announce.inviteWithdrawn', { names: format(gone) }) : null].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/** More people than this joining together are said as a count ("Asha, Ben and 12 others joined"). */
export const MANY_JOINED = 3;

/** The sentence for `ids` who joined ("Asha and Ben joined"; "Asha, Ben and 12 others joined"), or null for none. */
export function joinedNews(ids, nameOf) {
  if (!ids.length) return null;
  if (ids.length <= MANY_JOINED) return t('announce.joined', { names: list(ids, nameOf) });
  return t('announce.joinedMany', { first: `${nameOf(ids[0])}, ${nameOf(ids[1])}`, n: ids.length - 2 });
}

/**
 * The people offline for at least `AWAY_MS` whose going was not said yet (`said`), and the
 * sentence for them ("Asha went offline"), or null.
 */
export function departureNews({ awaySince, said, now, nameOf }) {
  const gone = [...awaySince].filter(([id, since]) => now - since >= AWAY_MS && !said.has(id)).map(([id]) => id);
  return gone.length ? { ids: gone, text: t('announce.wentOffline', { names: list(gone, nameOf) }) } : null;
}
