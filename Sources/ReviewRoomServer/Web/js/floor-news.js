// What changed on the floor, in words: pure functions from the old and new floor to the
// sentences a screen reader hears (no DOM, no I/O), so the room view only says them.
import { ordinal, t } from './strings.js';
import { spokenDuration } from './timefmt.js';

/**
 * The polite sentences for a `floor.changed` from `before` to `after` (floor objects as in
 * PROTOCOL.md §3.2), as heard by participant `me`. The person hears what happened to their
 * own hand; the facilitator also hears others raise and lower hands. A hand that leaves the
 * queue because its owner got the floor is not "lowered" (the new speaker is said instead).
 * `reset` is `'move'` when the change is a phase move's reset of the floor and `'end'` for the
 * end's: the hands it clears were not lowered by anyone, so that is not what is said (the
 * facilitator heard "Asha lowered their hand"); after the end, hands are no news.
 * `loweredByMe(id)` is true while this page's own `hand.lower` for `id` awaits its answer.
 * Others' raised hands are said through `raisedNews`, or, when `gather` is given, handed to it
 * (`raisedHands`' items) to be said with those that follow (a burst of hands is one message);
 * `unsaidRaise(id)` then takes a raise still waiting there out and is true when it did (the
 * hand went up and down before it was said: neither is).
 */
export function handNews(before, after, { me, facilitator, nameOf, reset = null, loweredByMe = () => false, gather = null, unsaidRaise = () => false }) {
  const oldQueue = (before?.queue || []).map((h) => h.participant);
  const newQueue = (after?.queue || []).map((h) => h.participant);
  const speaker = after?.speaker ?? null;
  const news = [];
  if (reset === 'end') return news;
  const was = oldQueue.indexOf(me);
  const now = newQueue.indexOf(me);
  if (me) {
    if (was < 0 && now >= 0) news.push(t('announce.handUp', { pos: ordinal(now + 1) }));
    else if (was >= 0 && now < 0 && speaker !== me) news.push(t(reset ? 'announce.handCleared' : 'announce.handLowered'));
    else if (was >= 0 && now >= 0 && was !== now) news.push(t('announce.handMoved', { pos: ordinal(now + 1) }));
  }
  if (facilitator) {
    const raised = raisedHands(before, after, me);
    if (gather) gather(raised);
    else news.push(...raisedNews(raised, nameOf, newQueue.length));
    const gone = oldQueue.filter((id) => id !== me && id !== speaker && !newQueue.includes(id));
    if (reset && gone.length) {
      news.push(t('announce.handsCleared', { names: new Intl.ListFormat(undefined, { type: 'conjunction' }).format(gone.map(nameOf)) }));
    } else {
      // The facilitator's own "Lower the hand" was said as "Asha lowered their hand". A hand
      // lowered while its raise still waits to be said (`gather`) is neither: a probe heard only
      // "Asha lowered their hand" about a hand it was never told had gone up.
      for (const id of gone) {
        if (!unsaidRaise(id)) news.push(t(loweredByMe(id) ? 'announce.youLowered' : 'announce.lowered', { name: nameOf(id) }));
      }
    }
  }
  return news;
}

/** More hands than this raised together are said as a count ("Asha, Ben and 12 others raised hands"). */
export const MANY_HANDS = 3;

/** Hands in `after`'s queue that were not in `before`'s, but `me`'s: `{id, pos, response}` (`pos` from 1). */
export function raisedHands(before, after, me) {
  const was = new Set((before?.queue || []).map((h) => h.participant));
  return (after?.queue || []).flatMap((hand, index) => (hand.participant === me || was.has(hand.participant) ? []
    : [{ id: hand.participant, pos: index + 1, response: hand.kind === 'response' }]));
}

/**
 * The facilitator's sentences for hands raised (`raisedHands`' items): each with its place in
 * the queue; a direct response always named (it jumps the plain queue); more than MANY_HANDS
 * plain hands at once as the first two and how many more, with how many wait now (`waiting`).
 */
export function raisedNews(raised, nameOf, waiting) {
  const said = (hand) => t(hand.response ? 'announce.raisedResponse' : 'announce.raised', { name: nameOf(hand.id), pos: ordinal(hand.pos) });
  const plain = raised.filter((hand) => !hand.response);
  const news = raised.filter((hand) => hand.response).map(said);
  if (plain.length <= MANY_HANDS) return [...news, ...plain.map(said)];
  news.push(t('announce.raisedMany', { first: `${nameOf(plain[0].id)}, ${nameOf(plain[1].id)}`, n: plain.length - 2, waiting }));
  return news;
}

/**
 * The sentence about who has the floor after a `floor.changed`, or null when the speaker did
 * not change: `{ text, urgent }` — urgent only for the person who now has the floor, and for the
 * one whose turn was ended under them (the facilitator ended it, a round stopped), who may still
 * be speaking; not when they were just told their turn time is over (`turnOverSaid`), nor when
 * they ended it themselves (`releasedByMe`: a polite "You finished your turn", where an alarm
 * used to echo their own press; `passedByMe`, in a round: "You passed"), nor at the end of the review (`reset` `'end'`: "The review has
 * ended" is the news, and an alarm about the turn would cut it off). Others hear nothing when
 * the floor is freed, except, on a live change (`live`), a facilitator (who runs the floor:
 * "Asha’s turn has ended"). Live, the new speaker of a timed turn also hears its length.
 */
export function speakerNews(before, after, { me, nameOf, facilitator = false, turnOverSaid = false, reset = null,
  releasedByMe = false, passedByMe = false, live = false }) {
  const was = before?.speaker ?? null;
  const speaker = after?.speaker ?? null;
  if (speaker === was) return null;
  const own = passedByMe ? t('announce.youPassed') : releasedByMe ? t('announce.youFinished') : null;
  if (!speaker) {
    if (reset === 'end') return null;
    if (was === me) {
      if (own) return { text: own, urgent: false };
      return turnOverSaid ? null : { text: t('announce.yourTurnEnded'), urgent: true };
    }
    // A phase move frees the floor too: the new phase is the news.
    return live && facilitator && was && !reset ? { text: t('announce.turnEndedFor', { name: nameOf(was) }), urgent: false } : null;
  }
  if (speaker === me) {
    const lengthSec = live ? turnLengthSec(after) : null;
    return { text: lengthSec ? t('announce.yourFloorFor', { time: spokenDuration(lengthSec) }) : t('announce.yourFloor'), urgent: true };
  }
  // Passing in a round moves the floor straight on: say the press was taken before who is next.
  const next = t('announce.speaker', { name: nameOf(speaker) });
  if (was === me && own) return { text: `${own}. ${next}`, urgent: false };
  // The facilitator, who runs the floor, hears who passed (the order's "passed" was the only
  // sign); a finish cannot be told from their own "Next speaker" here, so it is not said.
  const passedNow = was && live && facilitator && (after.round?.passed || []).includes(was) && !(before?.round?.passed || []).includes(was);
  return { text: passedNow ? `${t('announce.passedFor', { name: nameOf(was) })}. ${next}` : next, urgent: false };
}

/** A timed turn's length in seconds (`turnEndsAt` − `since`), or null for an untimed one. */
export function turnLengthSec(floor) {
  const ends = Date.parse(floor?.turnEndsAt ?? ''), since = Date.parse(floor?.since ?? '');
  return Number.isFinite(ends) && Number.isFinite(since) && ends > since ? (ends - since) / 1000 : null;
}

/**
 * The polite warning for the speaker of a timed turn as its time left falls from `beforeSec`
 * to `nowSec` (two readings of the page's clock), or null: once, at 30 s left in a turn of a
 * minute or more, at 10 s in one of 20 s or more (a shorter turn gets none). A sighted speaker
 * watches "Turn: 0:09 left"; a screen reader heard nothing until "Your turn time is over".
 */
export function turnWarningNews(beforeSec, nowSec, lengthSec) {
  if (beforeSec === null || nowSec === null || !lengthSec) return null;
  const at = lengthSec >= 60 ? 30 : lengthSec >= 20 ? 10 : null;
  if (at === null || !(beforeSec > at && nowSec <= at && nowSec > 0)) return null;
  return t('announce.turnWarning', { time: spokenDuration(at) });
}

/**
 * The polite sentences about a round for a `floor.changed`, `{ first, last }` (each null when
 * there is nothing), said before and after the speaker's: that one started (with how many people
 * and how long each), finished (its last speaker's turn ended) or was stopped; and, to the
 * person after the current speaker, that they are next. A round used to start and end without
 * a word, and nobody was told their turn was coming.
 */
export function roundNews(before, after, { me }) {
  const was = before?.round ?? null;
  const now = after?.round ?? null;
  if (was && !now) return { first: t(was.index >= was.order.length - 1 ? 'announce.roundFinished' : 'announce.roundStopped'), last: null };
  if (!now) return { first: null, last: null };
  const started = !was || was.order.join() !== now.order.join() || now.index < was.index;
  const movedOn = started || now.index !== was.index;
  // Lengths in words: "1:30 each" was read as a time of day (an audit with a screen reader).
  const each = spokenDuration(now.secondsEach);
  // Speaking already and first in the round, they get a fresh turn that "You have the floor"
  // does not announce (the speaker did not change): said here.
  const firstAlready = started && me && now.order[now.index] === me && before?.speaker === me && after?.speaker === me;
  return {
    first: started ? t(now.order.length === 1 ? 'announce.roundStartedOne' : 'announce.roundStarted', { n: now.order.length, time: each }) : null,
    last: firstAlready ? t('announce.roundYouFirst', { time: each })
      : me && movedOn && now.order[now.index + 1] === me ? t('announce.roundYouAreNext') : null,
  };
}

/**
 * The sentence for the person speaking when their timed turn's end moved while they kept the
 * floor — the clock resumed and gave back what the pause stopped, or the facilitator gave the
 * turn a new length — or null: "Your turn: 1 minute 40 seconds left". `leftSec` is the turn's time left now.
 */
export function turnLengthNews(before, after, { me }, leftSec) {
  if (!me || after?.speaker !== me || before?.speaker !== me || after.since !== before.since) return null;
  if (!after.turnEndsAt || after.turnEndsAt === before.turnEndsAt || leftSec === null) return null;
  return t('announce.yourTurnLeft', { time: spokenDuration(Math.round(leftSec)) }); // a page's clock a little behind reads 5:00.4
}
