// The client side of one shared note: the ot.js three-state machine (PROTOCOL.md §3.3).

import { TextOperation, PendingText, MAX_INSERT_UNITS } from './text-operation.js';
import { rebaseOperation } from './text-diff.js';

/**
 * The client side of one note (ot.js's Client): synchronized, awaiting-confirm
 * or awaiting-with-buffer. `send(edit)` is called with {rev, opId, op} to send;
 * `applyRemote(op)` is told of each transformed remote op to apply to the view.
 *
 * Invariant: `outstanding.op` always spans `serverText`, the note at `revision`,
 * and `outstanding.rev === revision`; the buffer spans `serverText` after the
 * outstanding op. So the outstanding edit can be sent again at any time (after a
 * reconnect) as it is: the server transforms it from `rev`, and answers a repeated
 * opId with the rev it got the first time.
 *
 * `serverText` and `text` are PendingTexts under the hood: an op received costs the size of the
 * op, not of the note, until something reads them.
 */
export class NoteClient {
  constructor({ revision, text, opIdPrefix, send, applyRemote, maxInsertUnits = MAX_INSERT_UNITS }) {
    this.revision = revision;
    this.maxInsertUnits = maxInsertUnits;
    this.local = new PendingText(text);
    this.server = new PendingText(text);
    this.opIdPrefix = opIdPrefix;
    this.counter = 0;
    this.send = send;
    this.applyRemote = applyRemote;
    this.outstanding = null; // {op, rev, opId}
    this.buffer = null;      // TextOperation
  }

  /** The note with our unconfirmed edits: the text the editor shows. */
  get text() { return this.local.value; }
  set text(text) { this.local.value = text; }

  /** The note as the server has it at `revision`. */
  get serverText() { return this.server.value; }
  set serverText(text) { this.server.value = text; }

  /** 'synchronized', 'awaitingConfirm' or 'awaitingWithBuffer'. */
  get state() {
    if (!this.outstanding) return 'synchronized';
    return this.buffer ? 'awaitingWithBuffer' : 'awaitingConfirm';
  }

  /** A local edit the view already shows. */
  applyClient(op) {
    if (op.isNoop()) return;
    this.local.apply(op);
    if (!this.outstanding) {
      this.startOutstanding(op);
      this.send(this.outstanding);
    } else {
      this.buffer = this.buffer ? this.buffer.compose(op) : op;
    }
  }

  /** A `note.op` event. Returns true when it confirmed our own outstanding op. */
  receiveEvent({ rev, op, by, opId }, myId) {
    if (rev <= this.revision) return false; // already seen (replay overlap)
    if (this.outstanding && by === myId && opId === this.outstanding.opId) {
      this.confirm(rev);
      return true;
    }
    let incoming = TextOperation.fromJSON(op);
    this.server.apply(incoming);
    if (this.outstanding) {
      const [serverPrime, outstandingPrime] = TextOperation.transform(incoming, this.outstanding.op);
      // The transformed op now follows `rev`: a resend must name that base, not the old one.
      this.outstanding.op = outstandingPrime;
      this.outstanding.rev = rev;
      incoming = serverPrime;
      if (this.buffer) {
        const [serverPrime2, bufferPrime] = TextOperation.transform(incoming, this.buffer);
        this.buffer = bufferPrime;
        incoming = serverPrime2;
      }
    }
    this.revision = rev;
    this.local.apply(incoming);
    this.applyRemote(incoming);
    return false;
  }

  /**
   * The ack of our outstanding op (by event or by `ack` reply). An ack whose rev is not past
   * the op's base means the server had applied this opId before that base (a carried edit the
   * fresh snapshot already holds): the local copy is undone instead of kept twice.
   */
  confirm(rev) {
    if (!this.outstanding) return;
    if (rev <= this.outstanding.rev) this.undoOutstanding();
    else this.server.apply(this.outstanding.op);
    this.revision = Math.max(this.revision, rev);
    this.outstanding = null;
    this.sendBuffer();
  }

  /** Drops the outstanding op (refused, or already in the server's text); the buffer is kept. */
  undoOutstanding() {
    if (!this.outstanding) return;
    let inverse = this.outstanding.op.invert(this.serverText);
    if (this.buffer) {
      const [inversePrime, bufferPrime] = TextOperation.transform(inverse, this.buffer);
      this.buffer = bufferPrime.isNoop() ? null : bufferPrime;
      inverse = inversePrime;
    }
    this.outstanding = null;
    this.local.apply(inverse);
    this.applyRemote(inverse);
  }

  /** Sends the buffer as the new outstanding edit once nothing is outstanding. */
  sendBuffer() {
    if (this.outstanding || !this.buffer) return;
    const op = this.buffer;
    this.buffer = null;
    this.startOutstanding(op);
    this.send(this.outstanding);
  }

  /**
   * Makes `op` the outstanding edit (with a new opId). An op inserting more than
   * `maxInsertUnits` goes out in pieces: the first piece now, the rest ahead of the buffer, so
   * no single `note.edit` outgrows the server's message limit.
   */
  startOutstanding(op) {
    const parts = op.splitInserts(this.maxInsertUnits);
    if (parts) {
      op = parts[0];
      this.buffer = this.buffer ? parts[1].compose(this.buffer) : parts[1];
    }
    this.outstanding = { op, rev: this.revision, opId: `${this.opIdPrefix}${++this.counter}` };
  }

  /**
   * Lowers the piece size to `maxUnits` (the server closed the connection on a message too big)
   * and cuts the outstanding edit to it. The cut piece gets a new opId: the server never read
   * the message it closed on. Returns false when the outstanding edit was already that small.
   */
  rechunk(maxUnits) {
    this.maxInsertUnits = maxUnits;
    if (!this.outstanding || this.outstanding.op.insertedUnits <= maxUnits) return false;
    const op = this.outstanding.op;
    this.outstanding = null;
    this.startOutstanding(op);
    return true;
  }

  /** Gives up the outstanding edit (shown no more) and moves on to the buffer, if any. */
  dropOutstanding() {
    this.undoOutstanding();
    this.sendBuffer();
  }

  /**
   * Takes over the unconfirmed edits of `old` (the client of the same note before a fresh
   * snapshot) on top of this client's snapshot, and sends them. The path from `old`'s server
   * text to the snapshot is taken as one diff (the ops between are not known), so an edit made
   * inside text changed meanwhile lands at that change's edge; no typed text is lost. The
   * outstanding edit keeps its opId: if the server had applied it, the ack says so (a rev not
   * past this snapshot) and the copy is undone. `dropOutstanding` leaves out `old`'s outstanding
   * edit (refused by the server) and carries only what was typed after it. Returns true when
   * anything was carried.
   */
  adopt(old, { dropOutstanding = false } = {}) {
    if (old.state === 'synchronized') return false;
    let base = old.serverText, outstanding = old.outstanding.op, buffer = old.buffer;
    if (dropOutstanding) {
      if (!buffer) return false;
      [, buffer] = TextOperation.transform(outstanding.invert(base), buffer);
      outstanding = null;
    }
    let path = rebaseOperation(base, this.serverText);
    if (outstanding) {
      const [pathPrime, outstandingPrime] = TextOperation.transform(path, outstanding);
      path = pathPrime;
      outstanding = outstandingPrime;
    }
    if (buffer) [, buffer] = TextOperation.transform(path, buffer);
    this.buffer = null;
    if (outstanding && !outstanding.isNoop()) {
      this.outstanding = { op: outstanding, rev: this.revision, opId: old.outstanding.opId };
      this.text = outstanding.apply(this.text);
    }
    if (buffer && !buffer.isNoop()) {
      this.text = buffer.apply(this.text);
      if (this.outstanding) this.buffer = buffer;
      else this.startOutstanding(buffer);
    }
    if (!this.outstanding) return false;
    this.send(this.outstanding);
    return true;
  }

  /** Sends the outstanding op again (after a reconnect): same opId, on the rev it now spans. */
  resend() {
    if (this.outstanding) this.send(this.outstanding);
  }

  /** Moves a caret position through our unconfirmed edits (text inserted at it pushes it right). */
  transformPosition(position) {
    let p = position;
    if (this.outstanding) p = this.outstanding.op.transformPosition(p);
    if (this.buffer) p = this.buffer.transformPosition(p);
    return p;
  }

  /**
   * Moves someone else's selection [start, end) through our unconfirmed edits as their own page
   * will move it when they arrive (TextOperation.transformSelection): text we type at their
   * caret stays after it.
   */
  transformSelection(start, end) {
    let range = [start, end];
    if (this.outstanding) range = this.outstanding.op.transformSelection(...range);
    if (this.buffer) range = this.buffer.transformSelection(...range);
    return range;
  }
}
