// Operational transformation for ReviewRoom's shared notes (PROTOCOL.md §3.3).
// Ops use the ot.js wire format: positive integer = retain, string = insert,
// negative integer = delete. Lengths are UTF-16 code units (JS string length).
// Tie rule, as on the server: in transform(a, b) the insert of `a` (the op the
// server applied first) stays to the left.

/** Thrown for an op that breaks the format or does not fit a text. */
export class OpError extends Error {
  constructor(message) { super(message); this.name = 'OpError'; }
}

/**
 * Most UTF-16 units one `note.edit` inserts: even if every unit were escaped as `\uXXXX` in
 * JSON, the message stays under the server's default 64 KiB limit.
 */
export const MAX_INSERT_UNITS = 8000;

const isRetain = (c) => typeof c === 'number' && c > 0;
const isInsert = (c) => typeof c === 'string';
const isDelete = (c) => typeof c === 'number' && c < 0;

/** One operation over a whole text: a list of retain/insert/delete components. */
export class TextOperation {
  constructor() {
    this.ops = [];
    this.baseLength = 0;
    this.targetLength = 0;
  }

  /** Builds an op from its JSON array, checking every component. */
  static fromJSON(components) {
    if (!Array.isArray(components)) throw new OpError('an op must be a JSON array');
    const op = new TextOperation();
    components.forEach((c, i) => {
      if (typeof c === 'string') {
        if (c.length === 0) throw new OpError(`component ${i} is an empty insert`);
        const lone = loneSurrogateOffset(c);
        if (lone >= 0) throw new OpError(`component ${i} holds a lone surrogate at offset ${lone}`);
        op.insert(c);
      } else if (typeof c === 'number') {
        if (!Number.isInteger(c)) throw new OpError(`component ${i} is not an integer`);
        if (c === 0) throw new OpError(`component ${i} is 0`);
        if (c > 0) op.retain(c); else op.delete(c);
      } else {
        throw new OpError(`component ${i} is neither an integer nor a string`);
      }
    });
    return op;
  }

  /** Throws an OpError unless this op spans `text` exactly and cuts no surrogate pair. */
  checkAgainst(text) {
    if (text.length !== this.baseLength) {
      throw new OpError(`op spans ${this.baseLength} code units but the text has ${text.length}`);
    }
    let index = 0;
    for (const c of this.ops) {
      if (isInsert(c)) continue;
      if (index > 0 && index < text.length && isHighSurrogate(text.charCodeAt(index - 1)) &&
          isLowSurrogate(text.charCodeAt(index))) {
        throw new OpError(`position ${index} splits a surrogate pair`);
      }
      index += Math.abs(c);
    }
  }

  /** The JSON array form (normal form). */
  toJSON() { return this.ops.slice(); }

  retain(n) {
    if (n === 0) return this;
    this.baseLength += n;
    this.targetLength += n;
    const last = this.ops.length - 1;
    if (last >= 0 && isRetain(this.ops[last])) this.ops[last] += n;
    else this.ops.push(n);
    return this;
  }

  insert(s) {
    if (s === '') return this;
    this.targetLength += s.length;
    const ops = this.ops;
    const last = ops.length - 1;
    if (last >= 0 && isInsert(ops[last])) {
      ops[last] += s;
    } else if (last >= 0 && isDelete(ops[last])) {
      // Normal form: an insert goes before a delete at the same position.
      if (last >= 1 && isInsert(ops[last - 1])) ops[last - 1] += s;
      else { ops.push(ops[last]); ops[last] = s; }
    } else {
      ops.push(s);
    }
    return this;
  }

  delete(n) {
    const count = typeof n === 'string' ? n.length : Math.abs(n);
    if (count === 0) return this;
    this.baseLength += count;
    const last = this.ops.length - 1;
    if (last >= 0 && isDelete(this.ops[last])) this.ops[last] -= count;
    else this.ops.push(-count);
    return this;
  }

  /** True when the op only retains (changes nothing). */
  isNoop() { return this.ops.length === 0 || (this.ops.length === 1 && isRetain(this.ops[0])); }

  /** The text after this op, or an OpError when the op does not fit `text`. */
  apply(text) {
    if (text.length !== this.baseLength) {
      throw new OpError(`op spans ${this.baseLength} code units but the text has ${text.length}`);
    }
    const parts = [];
    let index = 0;
    for (const c of this.ops) {
      if (isRetain(c)) { parts.push(text.slice(index, index + c)); index += c; }
      else if (isInsert(c)) parts.push(c);
      else index -= c;
    }
    return parts.join('');
  }

  /** The op that undoes this one, given the text it applied to. */
  invert(text) {
    const inverse = new TextOperation();
    let index = 0;
    for (const c of this.ops) {
      if (isRetain(c)) { inverse.retain(c); index += c; }
      else if (isInsert(c)) inverse.delete(c.length);
      else { inverse.insert(text.slice(index, index - c)); index -= c; }
    }
    return inverse;
  }

  /** One op with the effect of this op followed by `other`. */
  compose(other) {
    if (this.targetLength !== other.baseLength) {
      throw new OpError(`cannot compose: the first op ends with ${this.targetLength} code units, the second spans ${other.baseLength}`);
    }
    const result = new TextOperation();
    const a = this.ops, b = other.ops;
    let i = 0, j = 0;
    let x = a[i++], y = b[j++];
    for (;;) {
      if (x === undefined && y === undefined) break;
      if (isDelete(x)) { result.delete(x); x = a[i++]; continue; }
      if (isInsert(y)) { result.insert(y); y = b[j++]; continue; }
      if (x === undefined || y === undefined) throw new OpError('cannot compose: ops of different lengths');
      if (isRetain(x) && isRetain(y)) {
        if (x > y) { result.retain(y); x -= y; y = b[j++]; }
        else if (x === y) { result.retain(x); x = a[i++]; y = b[j++]; }
        else { result.retain(x); y -= x; x = a[i++]; }
      } else if (isInsert(x) && isDelete(y)) {
        if (x.length > -y) { x = x.slice(-y); y = b[j++]; }
        else if (x.length === -y) { x = a[i++]; y = b[j++]; }
        else { y += x.length; x = a[i++]; }
      } else if (isInsert(x) && isRetain(y)) {
        if (x.length > y) { result.insert(x.slice(0, y)); x = x.slice(y); y = b[j++]; }
        else if (x.length === y) { result.insert(x); x = a[i++]; y = b[j++]; }
        else { result.insert(x); y -= x.length; x = a[i++]; }
      } else { // retain x, delete y
        if (x > -y) { result.delete(y); x += y; y = b[j++]; }
        else if (x === -y) { result.delete(y); x = a[i++]; y = b[j++]; }
        else { result.delete(x); y += x; x = a[i++]; }
      }
    }
    return result;
  }

  /**
   * Transforms two concurrent ops on one text: returns [aPrime, bPrime] with
   * apply(apply(t, a), bPrime) === apply(apply(t, b), aPrime). On a tie the
   * insert of `a` stays left.
   */
  static transform(first, second) {
    if (first.baseLength !== second.baseLength) {
      throw new OpError(`cannot transform: ops span ${first.baseLength} and ${second.baseLength} code units`);
    }
    const aPrime = new TextOperation(), bPrime = new TextOperation();
    const a = first.ops, b = second.ops;
    let i = 0, j = 0;
    let x = a[i++], y = b[j++];
    for (;;) {
      if (x === undefined && y === undefined) break;
      if (isInsert(x)) { aPrime.insert(x); bPrime.retain(x.length); x = a[i++]; continue; }
      if (isInsert(y)) { aPrime.retain(y.length); bPrime.insert(y); y = b[j++]; continue; }
      if (x === undefined || y === undefined) throw new OpError('cannot transform: ops of different lengths');
      let n;
      if (isRetain(x) && isRetain(y)) {
        if (x > y) { n = y; x -= y; y = b[j++]; }
        else if (x === y) { n = y; x = a[i++]; y = b[j++]; }
        else { n = x; y -= x; x = a[i++]; }
        aPrime.retain(n); bPrime.retain(n);
      } else if (isDelete(x) && isDelete(y)) {
        if (-x > -y) { x -= y; y = b[j++]; }
        else if (x === y) { x = a[i++]; y = b[j++]; }
        else { y -= x; x = a[i++]; }
      } else if (isDelete(x) && isRetain(y)) {
        if (-x > y) { n = y; x += y; y = b[j++]; }
        else if (-x === y) { n = y; x = a[i++]; y = b[j++]; }
        else { n = -x; y += x; x = a[i++]; }
        aPrime.delete(n);
      } else { // retain x, delete y
        if (x > -y) { n = -y; x += y; y = b[j++]; }
        else if (x === -y) { n = x; x = a[i++]; y = b[j++]; }
        else { n = x; y += x; x = a[i++]; }
        bPrime.delete(n);
      }
    }
    return [aPrime, bPrime];
  }

  /** Where a caret at `position` ends up after this op (inserts at the caret push it right). */
  transformPosition(position) {
    let result = position, index = 0;
    for (const c of this.ops) {
      if (isRetain(c)) index += c;
      else if (isInsert(c)) result += c.length;
      else { result -= Math.min(position - index, -c); index -= c; }
      if (index > position) break;
    }
    return result;
  }

  /**
   * Where the local caret at `position` ends up after a remote op: like transformPosition, except
   * that an insert exactly at the caret leaves it in place, so a typist keeps typing in front of
   * text someone else just added at the same spot instead of jumping past it.
   */
  transformCaret(position) {
    let result = position, index = 0;
    for (const c of this.ops) {
      if (isRetain(c)) index += c;
      else if (isInsert(c)) { if (index < position) result += c.length; }
      else { result -= Math.min(position - index, -c); index -= c; }
      if (index > position) break;
    }
    return result;
  }

  /** How many UTF-16 units this op inserts. */
  get insertedUnits() {
    let units = 0;
    for (const c of this.ops) if (isInsert(c)) units += c.length;
    return units;
  }

  /**
   * Splits an op that inserts more than `maxUnits` into [first, rest]: `first` inserts at most
   * `maxUnits` (never cutting a surrogate pair) and `rest` applies after it, so that
   * first.compose(rest) has this op's effect. Returns null when the op is small enough.
   */
  splitInserts(maxUnits) {
    if (this.insertedUnits <= maxUnits) return null;
    const first = new TextOperation(), rest = new TextOperation();
    let budget = maxUnits, cut = false;
    for (const c of this.ops) {
      if (cut) {
        // Past the cut `first` keeps the text as it was; `rest` makes the remaining changes.
        if (isRetain(c)) { first.retain(c); rest.retain(c); }
        else if (isDelete(c)) { first.retain(-c); rest.delete(c); }
        else rest.insert(c);
      } else if (isRetain(c)) { first.retain(c); rest.retain(c); }
      else if (isDelete(c)) first.delete(c);
      else if (c.length <= budget) { first.insert(c); rest.retain(c.length); budget -= c.length; }
      else {
        let at = budget;
        if (at > 0 && isHighSurrogate(c.charCodeAt(at - 1))) at--;
        first.insert(c.slice(0, at));
        rest.retain(at);
        rest.insert(c.slice(at));
        cut = true;
      }
    }
    return [first, rest];
  }
}

/**
 * The op that turns `before` into `after`: one replaced range between a common prefix and suffix.
 * In a run of like units ("\n\n" typed over "\n") more than one range is as small; `caret`
 * (optional: where the caret is in `after` after a typed change) picks the one ending there, so
 * the line break the user deleted is the one deleted.
 */
export function diffOperation(before, after, caret = null) {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  let start = prefix;
  let end = Math.min(suffix, max - prefix);
  const inserted = after.length - start - end;
  if (caret !== null && suffix > max - prefix) {
    // The range may slide left as far as the common suffix allows, keeping its size.
    const lowest = Math.max(0, after.length - inserted - suffix);
    start = Math.max(lowest, Math.min(prefix, caret - inserted));
    end = after.length - start - inserted;
  }
  // Never cut a surrogate pair: widen the changed range over a split pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  const op = new TextOperation();
  op.retain(start);
  op.delete(before.length - start - end);
  op.insert(after.slice(start, after.length - end));
  op.retain(end);
  return op;
}

function loneSurrogateOffset(s) {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (isHighSurrogate(unit)) {
      if (i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) { i++; continue; }
      return i;
    }
    if (isLowSurrogate(unit)) return i;
  }
  return -1;
}

function isHighSurrogate(unit) { return unit >= 0xd800 && unit <= 0xdbff; }
function isLowSurrogate(unit) { return unit >= 0xdc00 && unit <= 0xdfff; }

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
 */
export class NoteClient {
  constructor({ revision, text, opIdPrefix, send, applyRemote, maxInsertUnits = MAX_INSERT_UNITS }) {
    this.revision = revision;
    this.maxInsertUnits = maxInsertUnits;
    this.text = text;
    this.serverText = text;
    this.opIdPrefix = opIdPrefix;
    this.counter = 0;
    this.send = send;
    this.applyRemote = applyRemote;
    this.outstanding = null; // {op, rev, opId}
    this.buffer = null;      // TextOperation
  }

  /** 'synchronized', 'awaitingConfirm' or 'awaitingWithBuffer'. */
  get state() {
    if (!this.outstanding) return 'synchronized';
    return this.buffer ? 'awaitingWithBuffer' : 'awaitingConfirm';
  }

  /** A local edit the view already shows. */
  applyClient(op) {
    if (op.isNoop()) return;
    this.text = op.apply(this.text);
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
    this.serverText = incoming.apply(this.serverText);
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
    this.text = incoming.apply(this.text);
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
    else this.serverText = this.outstanding.op.apply(this.serverText);
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
    this.text = inverse.apply(this.text);
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
    let path = diffOperation(base, this.serverText);
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

  /** Moves a caret position through our unconfirmed edits (for others' cursors). */
  transformPosition(position) {
    let p = position;
    if (this.outstanding) p = this.outstanding.op.transformPosition(p);
    if (this.buffer) p = this.buffer.transformPosition(p);
    return p;
  }
}
