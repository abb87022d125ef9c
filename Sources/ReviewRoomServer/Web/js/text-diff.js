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
  return replacing(before, after, start, end);
}

/**
 * The op that keeps `before`'s first `start` and last `end` units and replaces what lies between
 * with `after`'s; never cutting a surrogate pair (the range widens over a split pair).
 */
function replacing(before, after, start, end) {
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  const op = new TextOperation();
  op.retain(start);
  op.delete(before.length - start - end);
  op.insert(after.slice(start, after.length - end));
  op.retain(end);
  return op;
}

/**
 * The op from `before` to `after` for moving positions and edits from one text to the other (a
 * fresh welcome's text, a restore): `diffOperation`, with the common end kept only from a line
 * start on. A common end found by characters can start inside a word: after a restore the
 * text's last tag "[A0335]" and the lost "[A1179]" shared only "]", so an unsent edit (and the
 * caret) from just before the lost tag landed inside "[A0335", before its "]", as an operations
 * probe saw three times out of three. Whole lines are an end that means the same text, and so
 * is an end that meets the common start (text only added, or only taken away).
 */
export function rebaseOperation(before, after) {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // A common end that meets the common start in either text (a pure insertion or deletion) is
  // kept whole; any other starts at the first line start inside it (none: no common end).
  const whole = before.length - suffix === prefix || after.length - suffix === prefix;
  while (!whole && suffix > 0 && after.charCodeAt(after.length - suffix - 1) !== 10) suffix--;
  return replacing(before, after, prefix, suffix);
}
