// The operation of ReviewRoom's shared notes (PROTOCOL.md §3.3) and its transform.
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

  /**
   * The selection [start, end) (start <= end) moved through a remote op, as its own page moves
   * it: a caret stays in front of text inserted exactly at it (transformCaret), a selection is
   * not grown over text inserted at its edges.
   */
  transformSelection(start, end) {
    const from = start === end ? this.transformCaret(start) : this.transformPosition(start);
    return [from, Math.max(from, this.transformCaret(end))];
  }

  /** How many UTF-16 units this op deletes. */
  get deletedUnits() {
    let units = 0;
    for (const c of this.ops) if (isDelete(c)) units -= c;
    return units;
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

/** Components the pending op of a PendingText may grow to before the text is built from it. */
const PENDING_COMPONENTS = 64;

/**
 * A text that ops are applied to lazily: each op is composed into one pending op, which costs
 * the size of the ops rather than of the text, and the text is built from it only when read
 * (or when the pending op has grown to PENDING_COMPONENTS pieces, edits in that many places).
 * So a long run of small ops on a long note (a replay after a drop) no longer copies the whole
 * note once per op. An op that does not span the text throws the OpError `apply` throws.
 */
export class PendingText {
  constructor(text) {
    this.base = text;
    this.pending = null; // TextOperation on `base`, or null
  }

  /** The text, with every op applied. */
  get value() {
    this.build();
    return this.base;
  }

  set value(text) {
    this.base = text;
    this.pending = null;
  }

  /** The text's length in UTF-16 units (without building it). */
  get length() { return this.pending ? this.pending.targetLength : this.base.length; }

  /** Applies `op` (a TextOperation on the text as it is now). */
  apply(op) {
    if (op.baseLength !== this.length) {
      throw new OpError(`op spans ${op.baseLength} code units but the text has ${this.length}`);
    }
    this.pending = this.pending ? this.pending.compose(op) : op;
    if (this.pending.ops.length > PENDING_COMPONENTS) this.build();
  }

  /** Builds the text from the pending op. */
  build() {
    if (!this.pending) return;
    this.base = this.pending.apply(this.base);
    this.pending = null;
  }
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

/** Whether `unit` is the first half of a surrogate pair. */
export function isHighSurrogate(unit) { return unit >= 0xd800 && unit <= 0xdbff; }
/** Whether `unit` is the second half of a surrogate pair. */
export function isLowSurrogate(unit) { return unit >= 0xdc00 && unit <= 0xdfff; }
