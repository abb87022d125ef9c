// Note edits the server has not confirmed, kept in the tab's sessionStorage: a reload, or a
// Chromebook discarding the tab in the background (it reloads when shown again), lost them with
// the page's memory. On the next welcome of the same person in the same session they are carried
// onto the notes as the server has them now and sent with their old opIds, exactly as after a
// reconnect (`NoteClient.adopt`): an edit the server had applied before the reload is acked as a
// repeat, not applied twice.
import { TextOperation } from './text-operation.js';

/** How long after a change the kept copy is written (it is written at once when the tab is hidden or left). */
export const KEEP_DELAY_MS = 300;

const PREFIX = 'reviewroom.kept.';

/** What a note client's unconfirmed edits are, as JSON (with the note's `title`); null when it has none. */
export function keptNote(client, title) {
  if (!client.outstanding) return null;
  return { title, serverText: client.serverText, op: client.outstanding.op.toJSON(), opId: client.outstanding.opId,
    buffer: client.buffer ? client.buffer.toJSON() : null };
}

/** The note's text with the kept edits (`keptNote`'s JSON), or null when the JSON is not such a value. */
export function keptText(kept) {
  const client = clientFromKept(kept);
  if (!client) return null;
  const text = client.outstanding.op.apply(client.serverText);
  return client.buffer ? client.buffer.apply(text) : text;
}

/**
 * A stand-in for the note client of the page before the reload, from `keptNote`'s JSON: what
 * `NoteClient.adopt` reads of the client it replaces. Null when the JSON is not such a value.
 */
export function clientFromKept(kept) {
  try {
    if (typeof kept?.serverText !== 'string' || typeof kept.opId !== 'string') return null;
    const op = TextOperation.fromJSON(kept.op);
    const buffer = kept.buffer ? TextOperation.fromJSON(kept.buffer) : null;
    if (op.baseLength !== kept.serverText.length || (buffer && buffer.baseLength !== op.targetLength)) return null;
    return { state: buffer ? 'awaitingWithBuffer' : 'awaitingConfirm', serverText: kept.serverText,
      outstanding: { op, opId: kept.opId }, buffer };
  } catch {
    return null;
  }
}

/**
 * A short fingerprint of an invite link's token (FNV-1a, 32 bits, hex): which link kept edits
 * were typed under, without the token itself. The tab's storage already holds the token; this
 * only tells one link's kept edits from another's.
 */
export function linkFingerprint(token) {
  let hash = 0x811c9dc5;
  for (const unit of String(token)) {
    hash ^= unit.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The notes of a stored value: `{link, notes}`, or (kept before links were noted) the notes themselves. */
function storedNotes(value) {
  const notes = value && typeof value.notes === 'object' && 'link' in value ? value.notes : value;
  return notes && typeof notes === 'object' ? notes : {};
}

/**
 * The kept edits of one person in one session, in `storage` (the tab's sessionStorage), typed
 * under the invite token `link` (the join page's). `write` and `take` fail quietly: a full or
 * disabled storage only means edits are not kept across a reload.
 */
export class KeptEdits {
  constructor(storage = globalThis.sessionStorage, { link = null } = {}) {
    this.storage = storage;
    this.link = link ? linkFingerprint(link) : null;
    this.key = null;
    this.timer = null;
  }

  /** Whose edits these are: set at each welcome (`session` and `you` ids). */
  use(session, you) {
    this.key = session && you ? `${PREFIX}${session}.${you}` : null;
  }

  /**
   * The notes kept in this tab under this page's link (or kept before links were noted), as
   * `{title, text}` to show before a welcome says whose the page is. A tab that followed two
   * people's links in turn showed the other person's kept edits too (an audit).
   */
  waiting() {
    try {
      return Object.keys(this.storage).filter((key) => key.startsWith(PREFIX))
        .map((key) => JSON.parse(this.storage.getItem(key)))
        .filter((value) => !value?.link || !this.link || value.link === this.link)
        .flatMap((value) => Object.values(storedNotes(value)))
        .map((kept) => ({ title: String(kept?.title ?? ''), text: keptText(kept) }))
        .filter((note) => note.text !== null);
    } catch {
      return [];
    }
  }

  /** The kept notes (note id → `keptNote` JSON) of this person in this session, removed from storage. */
  take() {
    if (!this.key) return {};
    try {
      const text = this.storage.getItem(this.key);
      this.storage.removeItem(this.key);
      return text ? storedNotes(JSON.parse(text)) : {};
    } catch {
      return {};
    }
  }

  /** Drops a write that is waiting (the view that asked for it has gone). */
  cancel() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes `notes()` (note id → `keptNote` JSON or null) soon; at once with `now`. */
  write(notes, { now = false } = {}) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!now) {
      this.timer = setTimeout(() => this.write(notes, { now: true }), KEEP_DELAY_MS);
      return;
    }
    if (!this.key) return;
    const kept = Object.fromEntries(Object.entries(notes()).filter(([, note]) => note));
    try {
      if (Object.keys(kept).length) this.storage.setItem(this.key, JSON.stringify({ link: this.link, notes: kept }));
      else this.storage.removeItem(this.key);
    } catch { /* storage full or disabled: kept in the page only */ }
  }
}
