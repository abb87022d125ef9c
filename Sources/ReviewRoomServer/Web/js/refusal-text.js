// A refused command in plain words: the server's messages are written for API clients (they
// name ids, command names and 0-based phase numbers); the pages show what happened, at a
// glance, in the words and button labels the pages use. Pure: no DOM, no I/O.
import { t } from './strings.js';

/** Every command type of PROTOCOL.md §3.2 that may appear in a server message. */
const COMMANDS = ['session.start', 'session.end', 'clock.pause', 'clock.resume', 'clock.extend',
  'phase.next', 'phase.prev', 'phase.goto', 'hand.raise', 'hand.lower', 'floor.grant', 'floor.next',
  'floor.release', 'round.start', 'round.pass', 'round.stop', 'prompt.show', 'prompt.hide',
  'prompt.discussed', 'prompt.add', 'note.edit', 'note.get', 'note.cursor', 'signal', 'ping'];

/** What a command is called in a sentence: the console's button for it, or plain words. */
const ACTION_KEYS = {
  'session.start': 'control.start', 'session.end': 'control.end', 'clock.pause': 'control.pause',
  'clock.resume': 'control.resume', 'clock.extend': 'refusal.action.extend', 'phase.next': 'control.next',
  'phase.prev': 'control.prev', 'phase.goto': 'control.goto', 'hand.raise': 'floor.raise', 'hand.lower': 'floor.lower',
  'floor.grant': 'control.grant', 'floor.next': 'control.nextSpeaker', 'floor.release': 'control.release',
  'round.start': 'control.roundStart', 'round.pass': 'floor.pass', 'round.stop': 'control.roundStop',
  'prompt.show': 'control.show', 'prompt.hide': 'control.hide', 'prompt.discussed': 'control.discussed',
  'prompt.add': 'control.addQuestion', 'note.edit': 'refusal.action.note', 'note.get': 'refusal.action.note',
  'note.cursor': 'refusal.action.note', signal: 'refusal.action.signal', ping: 'refusal.action.ping',
};

/** A command's field named in a message ("prompt.add text …"): what it is in plain words. */
const FIELD_KEYS = {
  'prompt.add text': 'refusal.field.question', 'floor.grant turnSec': 'refusal.field.turn',
  'floor.next turnSec': 'refusal.field.turn', 'round.start secondsEach': 'refusal.field.roundSecs',
  'round.start order': 'refusal.field.roundOrder', 'clock.extend seconds': 'refusal.field.extension',
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMMAND_NAME = new RegExp(`(?<![\\w.])(${COMMANDS.map(escape).join('|')})(?![\\w.])`, 'g');
const FIELD_NAME = new RegExp(`(?<![\\w.])(${Object.keys(FIELD_KEYS).map(escape).join('|')})(?![\\w])`, 'g');
/** `phase 4 ("Reflection")` or `phase 4` in a server message (0-based). */
const PHASE = /\bphase (\d+)(?: \("(.*?)"\))?/g;
const SESSION_ID = /\b(?:session )?s_[A-Za-z0-9_-]+/g;
const PARTICIPANT_ID = /(?:participant )?'?\b(p_[A-Za-z0-9_-]+)'?/g;

/** The command's name as the console shows it, in quotes ("“Stop the round”"). */
export function actionName(type) {
  const key = ACTION_KEYS[type];
  if (!key) return t('refusal.action.command');
  // A button's label is quoted; plain words ("the minute buttons") are not.
  return key.startsWith('refusal.') ? t(key) : t('refusal.quoted', { label: t(key) });
}

/**
 * The plain text for a refused command: `type` and `fields` as sent, `error` the server's
 * `{code, message}`, `context` what the page knows: `nameOf(id)` (a name, or null/the id itself
 * for someone unknown), `phaseTitle(index)` (0-based), `floor` and `clock` as the page has them,
 * `me` (this page's participant id), and optionally `phaseMover(index)`: who just moved the room
 * to phase `index` (`moverOf`'s value, or null), named when the phase had moved on ("Cy had just
 * moved the room to 3. Phase 3…", "At time-up the room had just moved on by itself…"), and
 * `floorGiver(id)`: who just gave participant `id` the floor (likewise; only a co-facilitator is
 * named: "Fran had just given the floor to Bo…").
 * Never shows an id (`p_…`, `s_…`) or a command name.
 */
export function refusalText(type, fields = {}, error = {}, context = {}) {
  const message = String(error.message ?? '');
  const specific = specificText(type, fields || {}, error.code, message, context);
  return specific === null ? t('error.refused', { message: plainMessage(message, context) || t('refusal.unknown') }) : capitalized(specific);
}

const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * "Next speaker" (`floor.next` with `next`) refused as the hand it was meant for, `meant`, is no
 * longer first: that person has the floor already (another press gave it), another hand
 * (`now`) is first, or no hand is up.
 */
function nextHandText(meant, now, context, name) {
  const action = actionName('floor.next');
  if (context.floor?.speaker === meant) return t(givenKey('refusal.nextSpeakerMovedOn', meant, context), { now: name(meant), action, name: giverName(meant, context) });
  if (now) return t('refusal.nextHandChanged', { meant: name(meant), now: name(now), action });
  return t('refusal.nextNoHand', { meant: name(meant), action });
}

function specificText(type, fields, code, message, context) {
  const name = (id) => personName(id, context);
  switch (code) {
    case 'session_ended':
      return t(type === 'session.end' ? 'refusal.alreadyEnded' : 'refusal.ended');
    case 'invalid_state': {
      if (/needs a running session|has not started yet/.test(message)) return t('error.refused', { message: t('refusal.notStarted') });
      if (/at the last phase/.test(message) || (type === 'phase.next' && /last/.test(message))) {
        return t('refusal.lastPhase', { phase: phaseLabel(message, context, context.clock?.phase) });
      }
      if (/at the first phase/.test(message) || (type === 'phase.prev' && /first/.test(message))) {
        return t('refusal.firstPhase', { phase: phaseLabel(message, context, 0) });
      }
      if (/during a round/.test(message)) {
        const id = fields.participant ?? message.match(/'(p_[^']+)'|\b(p_[A-Za-z0-9_-]+)/)?.slice(1).find(Boolean);
        return t('refusal.grantInRound', { name: name(id), stop: actionName('round.stop'), next: actionName('floor.next') });
      }
      if (/round is in progress/.test(message)) return t('refusal.roundRunning', { stop: actionName('round.stop') });
      if (/no reviewers or hosts/.test(message)) return t('refusal.roundNobody');
      if (/no phases in its agenda/.test(message)) return t('refusal.noPhases');
      const release = message.match(/was meant for the turn of .*?'(p_[^']+)'.*?, but .*?'(p_[^']+)'.*? has the floor/);
      if (release) {
        return t(givenKey('refusal.releaseMovedOn', release[2], context),
          { meant: name(release[1]), now: name(release[2]), action: actionName('floor.release'), name: giverName(release[2], context) });
      }
      const moved = message.match(/was meant to move on from (phase \d+(?: \(".*?"\))?), but (phase \d+(?: \(".*?"\))?) is current/);
      if (moved) {
        return t(movedKey('refusal.phaseMovedOn', moved[2], context),
          { meant: phaseLabel(moved[1], context), phase: phaseLabel(moved[2], context), action: actionName(type), name: moverName(moved[2], context) });
      }
      const next = message.match(/was meant to move on from the turn of .*?'(p_[^']+)'.*?, but (?:.*?'(p_[^']+)'.*? has the floor|nobody has the floor)/);
      if (next) {
        return next[2] ? t(givenKey('refusal.nextSpeakerMovedOn', next[2], context), { now: name(next[2]), action: actionName('floor.next'), name: giverName(next[2], context) })
          : t('refusal.nextSpeakerNobody', { meant: name(next[1]), action: actionName('floor.next') });
      }
      const given = message.match(/was meant to give the floor to .*?'(p_[^']+)'.*?, but (?:.*?'(p_[^']+)'.*? would have it now|no hand is up now|the round would end now)/);
      if (given) return nextHandText(given[1], given[2], context, name);
      const meant = message.match(/was meant for (phase \d+(?: \(".*?"\))?), but (phase \d+(?: \(".*?"\))?) is current/);
      if (meant) {
        return t(movedKey('refusal.extendMovedOn', meant[2], context),
          { meant: phaseLabel(meant[1], context), phase: phaseLabel(meant[2], context), name: moverName(meant[2], context) });
      }
      const overtime = message.match(/cannot shorten .*already ([\d.]+) s into overtime/);
      if (overtime) {
        return t('refusal.shortenOvertime', { phase: phaseLabel(message, context, context.clock?.phase), secs: Math.round(Number(overtime[1])) });
      }
      return null;
    }
    case 'forbidden': {
      if (type === 'floor.release' || /does not have the floor/.test(message)) {
        const speaker = context.floor?.speaker ?? null;
        if (!speaker) return t('refusal.turnAlreadyOver');
        if (speaker === context.me) return null; // the page thinks this person speaks: the server's reason, plainly
        return t('refusal.turnAlreadyOverFor', { name: name(speaker) });
      }
      if (type === 'round.pass' || /cannot pass/.test(message)) {
        return t(/no round is in progress/.test(message) ? 'refusal.passNoRound' : 'refusal.passNotYourTurn');
      }
      const role = message.match(/^(.+?) is (an? [\w ]+?) and may not send (\S+): only (.+) may$/);
      if (role) return t('refusal.role', { name: role[1], role: role[2], action: actionName(role[3]) });
      return null;
    }
    case 'not_found': {
      if (/has no prompt|no prompt/.test(message) || type.startsWith('prompt.')) {
        return t(type === 'prompt.discussed' ? 'refusal.questionGoneDiscussed' : 'refusal.questionGone');
      }
      if (/is not in this session|is not in session/.test(message) && fields.participant !== undefined) {
        return t('refusal.personGone', { name: name(fields.participant) });
      }
      if (/is not in this session/.test(message)) {
        const id = message.match(/'(p_[^']+)'/)?.[1];
        return t('refusal.personGone', { name: name(id) });
      }
      return null;
    }
    case 'bad_request': {
      const range = message.match(/^phase\.goto index (-?\d+) is out of range: the agenda has (\d+) phases/);
      if (range) return t('refusal.noSuchPhase', { n: Number(range[1]) + 1, count: Number(range[2]) });
      return null;
    }
    case 'rate_limited':
      return t('refusal.tooFast');
    default:
      return null;
  }
}

/** A person's name as the page knows it, or "That person" for someone it does not. */
function personName(id, context) {
  const known = id && typeof context.nameOf === 'function' ? context.nameOf(id) : null;
  return known && known !== id ? known : t('refusal.someone');
}

/** The phase a message names ("phase 4 ("Reflection")") as the console shows it: "5. Reflection". */
/** `base`, or its `By` sentence when a co-facilitator is known to have just given participant `id` the floor (`context.floorGiver`). */
function givenKey(base, id, context) {
  return giverName(id, context) ? `${base}By` : base;
}

function giverName(id, context) {
  const giver = typeof context.floorGiver === 'function' ? context.floorGiver(id) : null;
  return giver?.kind === 'other' ? giver.name : undefined;
}

/** Who moved the room to the phase `label` names (`context.phaseMover`), or null. */
function phaseMoverOf(label, context) {
  if (typeof context.phaseMover !== 'function') return null;
  PHASE.lastIndex = 0;
  const found = PHASE.exec(label);
  return found ? context.phaseMover(Number(found[1])) : null;
}

/** `base`, or its `By`/`Server` sentence when someone else or the server is known to have moved the room to `label`'s phase. */
function movedKey(base, label, context) {
  const kind = phaseMoverOf(label, context)?.kind;
  return kind === 'other' ? `${base}By` : kind === 'server' ? `${base}Server` : base;
}

function moverName(label, context) {
  return phaseMoverOf(label, context)?.name;
}

function phaseLabel(message, context, fallbackIndex) {
  PHASE.lastIndex = 0;
  const found = PHASE.exec(message);
  const index = found ? Number(found[1]) : fallbackIndex;
  const title = (found?.[2] !== undefined ? found[2] : null) || phaseTitleOf(index, context);
  if (!Number.isInteger(index)) return title || t('refusal.thisPhase');
  return title ? `${index + 1}. ${title}` : t('refusal.phaseNumber', { n: index + 1 });
}

function phaseTitleOf(index, context) {
  if (!Number.isInteger(index) || typeof context.phaseTitle !== 'function') return '';
  return context.phaseTitle(index) || '';
}

/**
 * The server's message with what only an API client understands taken out and its sense kept:
 * the session's id is "the review", a participant's id their name, a command its button, a
 * 0-based phase number the console's "5. Reflection", and a leading "floor.grant: " goes.
 */
export function plainMessage(message, context = {}) {
  let text = String(message ?? '');
  text = text.replace(/^([a-z]+\.[a-z][A-Za-z]*|ping|signal): /, (whole, type) => (COMMANDS.includes(type) ? '' : whole));
  text = text.replace(SESSION_ID, t('refusal.theReview'));
  text = text.replace(PARTICIPANT_ID, (whole, id) => personName(id, context));
  text = text.replace(PHASE, (whole, number, title) => {
    const index = Number(number);
    const shown = title !== undefined ? title : phaseTitleOf(index, context);
    return shown ? `${index + 1}. ${shown}` : t('refusal.phaseNumber', { n: index + 1 });
  });
  text = text.replace(FIELD_NAME, (whole, field) => t(FIELD_KEYS[field]));
  text = text.replace(COMMAND_NAME, (whole, type) => actionName(type));
  return text.trim();
}
