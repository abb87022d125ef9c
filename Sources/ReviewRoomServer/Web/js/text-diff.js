// The smallest op between two texts, for turning a textarea's new value into an edit.

import { TextOperation, isHighSurrogate, isLowSurrogate } from './text-operation.js';

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
