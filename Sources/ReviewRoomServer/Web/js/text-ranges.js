// Stretches of a note's shown text followed through edits: where a large paste went, so that
// a paste the note cannot hold is taken back whole (its pieces go to the server one by one).
import { TextOperation } from './ot.js';

/** The [from, to) ranges of the text `op` inserted, in the text after it (adjacent ones joined). */
export function insertedRanges(op) {
  const ranges = [];
  let at = 0;
  for (const c of op.ops) {
    if (typeof c === 'string') {
      const last = ranges[ranges.length - 1];
      if (last && last.to === at) last.to += c.length;
      else ranges.push({ from: at, to: at + c.length });
      at += c.length;
    } else if (c > 0) {
      at += c;
    }
  }
  return ranges;
}

/**
 * Moves ranges through `op` (on the text they are in): each becomes the stretches where its own
 * characters are after `op`. Text inserted inside a range splits it and stays outside, as at
 * its edges, so taking the range back never takes what someone else wrote in the middle of it
 * (a paste probe: a reviewer's saved words inside a paste that was then taken back went with
 * it); deleted text leaves it; a range whose text was all deleted goes.
 */
export function moveRanges(ranges, op) {
  const moved = [];
  for (const { from, to } of ranges) {
    let before = 0; // position in the text `op` applies to
    let after = 0; // the same in the text it makes
    let run = null;
    for (const c of op.ops) {
      if (typeof c === 'string') {
        if (run) { moved.push(run); run = null; }
        after += c.length;
      } else if (c > 0) {
        const start = Math.max(from, before);
        const end = Math.min(to, before + c);
        if (start < end) {
          const [newStart, newEnd] = [after + start - before, after + end - before];
          if (run && run.to === newStart) run.to = newEnd;
          else { if (run) moved.push(run); run = { from: newStart, to: newEnd }; }
        }
        before += c;
        after += c;
      } else {
        before -= c;
      }
    }
    if (run) moved.push(run);
  }
  return moved;
}

/** The op that deletes `ranges` from `text` (ranges past its end or overlapping are skipped), or null when none is left. */
export function deletingRanges(text, ranges) {
  const op = new TextOperation();
  let at = 0;
  for (const { from, to } of [...ranges].sort((a, b) => a.from - b.from)) {
    if (from < at || to > text.length || from >= to) continue;
    op.retain(from - at);
    op.delete(to - from);
    at = to;
  }
  op.retain(text.length - at);
  return op.isNoop() ? null : op;
}
