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
 * Moves ranges through `op` (on the text they are in). Text inserted at a range's edge stays
 * outside it, text inserted inside it joins it; a range whose text was all deleted goes.
 */
export function moveRanges(ranges, op) {
  return ranges.map(({ from, to }) => {
    const start = op.transformPosition(from);
    return { from: start, to: Math.max(start, op.transformCaret(to)) };
  }).filter((r) => r.from < r.to);
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
