// A note's text as the server has it (the model) and as a <textarea> shows it (the display).
// Protocol clients may send CRLF or a lone CR; a textarea turns both into LF. The page keeps the
// model exactly and maps between the two: a CRLF is one display unit for two model units, a lone
// CR is one for one (shown as LF). Everything else is the same unit in both.
import { TextOperation } from './ot.js';

const CR = 0x0d, LF = 0x0a;

/** Whether `text` has a CR at all (without one, model and display are the same text). */
const hasCR = (text) => text.indexOf('\r') >= 0;

/** The text as a textarea shows it: CRLF and lone CR become LF. */
export function displayText(text) {
  return hasCR(text) ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * A model position in the display. A position between the CR and LF of a CRLF (only another
 * client can put one there) shows after the line break.
 */
export function toDisplay(text, position) {
  if (!hasCR(text)) return position;
  let display = position;
  for (let i = text.indexOf('\r'); i >= 0 && i + 1 < position; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === LF) display -= 1;
  }
  return display;
}

/** A display position in the model: before a CRLF's CR when before its line break, after its LF when after. */
export function toModel(text, position) {
  if (!hasCR(text)) return position;
  // Each CRLF shown before `position` adds its LF (a CR's display index is its index less the
  // CRLFs before it).
  let pairs = 0;
  for (let i = text.indexOf('\r'); i >= 0 && i - pairs < position; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === LF) pairs += 1;
  }
  return Math.min(text.length, position + pairs);
}

/** How many model units the display unit starting at model `index` stands for (2 for a CRLF). */
function unitsAt(text, index) {
  return text.charCodeAt(index) === CR && text.charCodeAt(index + 1) === LF ? 2 : 1;
}

/**
 * An op on the display (`displayText(text)`, as the textarea's `input` diff finds it) as an op on
 * the model `text`: retains and deletes cover whole CRLFs (deleting a CRLF's line break deletes
 * both units), inserts are as typed. So no CR is touched that the user did not delete.
 */
export function modelOperation(text, displayOp) {
  if (!hasCR(text)) return displayOp;
  const op = new TextOperation();
  let model = 0;
  const span = (count) => {
    const from = model;
    for (let i = 0; i < count; i++) model += unitsAt(text, model);
    return model - from;
  };
  for (const c of displayOp.ops) {
    if (typeof c === 'string') op.insert(c);
    else if (c > 0) op.retain(span(c));
    else op.delete(span(-c));
  }
  return op;
}

/**
 * Where display position `position` of the textarea after `displayOp` is in the model after
 * `modelOperation(text, displayOp)`. Needed when the edit joined a lone CR and an LF into a CRLF
 * (deleting what was between them): the textarea then shows one line break more than the model.
 */
export function modelPositionAfter(text, displayOp, position) {
  let model = 0, after = 0, shown = 0;
  for (const c of displayOp.ops) {
    if (typeof c === 'string') {
      if (position <= shown + c.length) return after + position - shown;
      shown += c.length;
      after += c.length;
    } else if (c > 0) {
      for (let i = 0; i < c; i++) {
        if (shown === position) return after;
        const units = unitsAt(text, model);
        model += units;
        after += units;
        shown += 1;
      }
    } else {
      for (let i = 0; i < -c; i++) model += unitsAt(text, model);
    }
  }
  return after;
}
