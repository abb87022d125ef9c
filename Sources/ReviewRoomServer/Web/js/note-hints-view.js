// Language hints under each note: `hint` messages carried to the text shown now and merged
// into the note's HintList, the list drawn, each new hint said once, and hints dropped from lines
// the server scanned and found clean (a `hint` comes only when a scan finds something).
import { el, replaceChildren } from './dom.js';
import { t } from './strings.js';
import { TextOperation } from './ot.js';
import { NewsGatherer } from './gathered-news.js';

/** Server ops kept per note to carry a `hint` (positions at its rev) to the text shown now. */
const HINT_HISTORY = 200;

export class NoteHints {
  /** `view` is the NotesView: its notes (entries), connection and `announce`. */
  constructor(view) {
    this.view = view;
    // A paragraph typed offline brings its hints together on reconnecting: five suggestions in
    // full were ~100 words after "Reconnected" (an audit, session 53). Several at once are said by
    // their phrases only; each is listed under its note in full.
    this.toSay = new NewsGatherer((items) => this.say(items));
  }

  /** Says new hints still listed (one gathered may have gone meanwhile): one in full, several by their phrases, note by note. */
  say(gathered) {
    const items = gathered.filter(({ entry, phrase }) => entry.hintList.items.some((h) => h.phrase === phrase));
    if (!items.length) return;
    if (items.length === 1) {
      this.view.announce?.(t('notes.hint', { phrase: items[0].phrase, suggestion: items[0].suggestion }));
      return;
    }
    // Per note, each phrase once whatever its case, with how often it came ("“lazy” 3 times").
    const byNote = new Map();
    for (const { entry, phrase } of items) {
      const phrases = byNote.get(entry.title) ?? new Map();
      const key = phrase.toLocaleLowerCase();
      phrases.set(key, { phrase: phrases.get(key)?.phrase ?? phrase, times: (phrases.get(key)?.times ?? 0) + 1 });
      byNote.set(entry.title, phrases);
    }
    for (const [note, phrases] of byNote) {
      const named = [...phrases.values()].map(({ phrase, times }) => t(times > 1 ? 'notes.hintPhraseTimes' : 'notes.hintPhrase', { phrase, n: times }));
      const n = [...phrases.values()].reduce((sum, { times }) => sum + times, 0);
      this.view.announce?.(n === 1
        ? t('notes.hintsSaidOne', { note, phrase: named[0] })
        : t('notes.hintsSaid', { note, n, phrases: named.join(', ') }));
    }
  }

  /** Keeps a `note.op` event's op (for `hint` messages about an earlier revision). */
  remember(entry, data) {
    entry.history.push({ rev: data.rev, op: TextOperation.fromJSON(data.op) });
    if (entry.history.length > HINT_HISTORY) entry.history.shift();
  }

  /**
   * After our own op is applied (its event), the server scans the lines it touched and sends a
   * `hint` right after the ack only if they hold hints. A `ping` sent now is answered after that
   * `hint` would have come: if none came, the hints listed on those lines are gone (a word that
   * now reads differently in context, "should have" → "should have a book"). Only done when those
   * lines list a hint or hold one withdrawn by someone else's op (then no `hint` means it is settled).
   */
  afterOwnEdit(entry, data) {
    const touched = touchedRange(data.op);
    if (!touched || !(entry.hintList.items.length || entry.hintList.withdrawn.length)) return;
    const from = entry.client.transformPosition(touched[0]), to = entry.client.transformPosition(touched[1]);
    const near = entry.hintList.itemsNear(entry.shown, from, to);
    if (!near.length) return;
    const before = entry.lastHintRev ?? 0;
    this.view.connection.command('ping').then(() => {
      if ((entry.lastHintRev ?? 0) > before) return; // a hint came: merging it settled those lines
      if (entry.hintList.remove(near)) this.render(entry);
    }, () => { /* offline: the next edit checks again */ });
  }

  /** An ephemeral `hint` message for our own edit: merged into the note's hints, new ones said once. */
  receive(msg) {
    const entry = this.view.notes.get(msg.note);
    if (!entry || !Array.isArray(msg.hints)) return;
    entry.lastHintRev = Math.max(entry.lastHintRev ?? 0, msg.rev);
    const incoming = [];
    for (const h of msg.hints) {
      const from = this.shownPosition(entry, msg.rev, h.from, false);
      const to = this.shownPosition(entry, msg.rev, h.to, true);
      if (from === null || to === null) return; // from a revision we cannot place: the next hint will do
      incoming.push({ from, to, phrase: String(h.phrase), suggestion: String(h.suggestion) });
    }
    const { changed, added } = entry.hintList.merge(incoming, entry.shown);
    if (changed) this.render(entry);
    this.toSay.add(added.map((h) => ({ entry, phrase: h.phrase, suggestion: h.suggestion })));
  }

  /**
   * A position in the note at server revision `rev` carried to the text shown now (through the
   * server ops since and our unconfirmed edits), or null when those ops are not all known.
   * `leftOfInserts` keeps an end position before text inserted exactly there.
   */
  shownPosition(entry, rev, position, leftOfInserts) {
    const client = entry.client;
    if (rev > client.revision) return null;
    let p = position, next = rev + 1;
    for (const { rev: opRev, op } of entry.history) {
      if (opRev < next) continue;
      if (opRev !== next) return null;
      p = leftOfInserts ? op.transformCaret(p) : op.transformPosition(p);
      next += 1;
    }
    if (next <= client.revision) return null;
    for (const op of [client.outstanding?.op, client.buffer]) {
      if (op) p = leftOfInserts ? op.transformCaret(p) : op.transformPosition(p);
    }
    return p;
  }

  /** Lists the note's hints (only called when the list changed). */
  render(entry) {
    const items = entry.hintList.items.map((h) => el('li', {}, t('notes.hint', { phrase: h.phrase, suggestion: h.suggestion })));
    const count = entry.hints.querySelector('.visually-hidden');
    count.textContent = items.length ? t(items.length === 1 ? 'notes.hintsCountOne' : 'notes.hintsCount', { n: items.length }) : '';
    replaceChildren(entry.hints, count, ...(items.length ? [el('p', { className: 'hints-heading' }, t('notes.hintsHeading')), el('ul', {}, items)] : []));
  }
}

/** The [from, to) range of the text after `op` (a JSON op) that it changed, or null. */
function touchedRange(components) {
  let at = 0, from = null, to = 0;
  for (const c of components) {
    if (typeof c === 'string') { from ??= at; at += c.length; to = at; }
    else if (c > 0) at += c;
    else { from ??= at; to = at; }
  }
  return from === null ? null : [from, to];
}
