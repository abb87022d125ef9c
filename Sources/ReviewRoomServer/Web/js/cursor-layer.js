// Others' carets and selections drawn in a note's text. A <textarea> cannot style parts of its
// text, so a layer laid exactly over it repeats the text invisibly (same font, padding, width and
// wrapping) with a marker where each person's caret is, and scrolls with it. The layer is
// hidden from assistive technology: the list under the editor says the same in words.
import { el } from './dom.js';

// Copied from the textarea so the invisible text wraps exactly like the visible one.
const MIRRORED = ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing', 'wordSpacing',
  'tabSize', 'textIndent', 'textTransform', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth'];

/** A stable hue (0–359) for a participant id, so a person keeps their colour on every screen. */
export function hueOf(id) {
  let hash = 0;
  for (const ch of String(id)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

export class CursorLayer {
  /** Creates the layer for `textarea`; `element` goes right after it inside a positioned wrapper. */
  constructor(textarea) {
    this.textarea = textarea;
    this.element = el('div', { className: 'cursor-layer', hidden: true, attrs: { 'aria-hidden': 'true' } });
    this.marks = [];
    this.text = '';
    textarea.addEventListener('scroll', () => { this.element.scrollTop = textarea.scrollTop; });
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.draw(this.text, this.marks)).observe(textarea);
  }

  /**
   * Draws `marks` ({by, name, anchor, head}, positions in UTF-16 units of `text`, the text the
   * textarea shows) over the textarea. No marks, or a hidden textarea, hides the layer.
   */
  draw(text, marks) {
    this.text = text;
    this.marks = marks;
    const area = this.textarea;
    if (!marks.length || area.offsetParent === null) {
      this.element.hidden = true;
      this.element.replaceChildren();
      return;
    }
    this.fitOver(area);
    // Only the text up to the end of the last marked line decides where the marks are drawn:
    // the rest is left out (in a long note most of it), and an empty block keeps the layer as
    // tall as the textarea's text so it still scrolls with it.
    const last = Math.max(...marks.map((m) => Math.max(m.anchor, m.head)));
    const lineEnd = text.indexOf('\n', last);
    const laidOut = lineEnd < 0 ? text : text.slice(0, lineEnd);
    this.element.replaceChildren(...this.pieces(laidOut, marks));
    if (laidOut.length < text.length) {
      const fill = document.createElement('div');
      fill.style.height = `${area.scrollHeight}px`;
      this.element.append(fill);
    }
    this.element.hidden = false;
    this.element.scrollTop = area.scrollTop;
    // A name tag sits above its caret, except on the first visible line, where it would be cut
    // off; and it ends at its caret when it would run past the right edge (at 400 % zoom a caret
    // near the end of a line showed "C" of "Cleo Reviewer").
    // Every caret is measured before any class changes: a change between two reads made each
    // read lay the whole text out again.
    const width = this.element.clientWidth;
    const scrolled = this.element.scrollTop;
    const placed = [...this.element.querySelectorAll('.remote-caret')].map((caret) => {
      const tag = caret.firstElementChild;
      const [tagWidth, tagHeight] = [tag?.offsetWidth ?? 0, tag?.offsetHeight ?? 0];
      return { caret, below: caret.offsetTop - scrolled < tagHeight, left: caret.offsetLeft + tagWidth > width && caret.offsetLeft >= tagWidth };
    });
    for (const { caret, below, left } of placed) {
      caret.classList.toggle('tag-below', below);
      caret.classList.toggle('tag-left', left);
    }
  }

  fitOver(area) {
    const style = getComputedStyle(area);
    for (const property of MIRRORED) this.element.style[property] = style[property];
    const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    const scrollbar = Math.max(0, area.offsetWidth - area.clientWidth - borders);
    this.element.style.left = `${area.offsetLeft}px`;
    this.element.style.top = `${area.offsetTop}px`;
    this.element.style.width = `${area.offsetWidth - scrollbar}px`;
    this.element.style.height = `${area.offsetHeight}px`;
  }

  /** The text cut at every caret and selection edge: text nodes, <mark>s for selections, caret markers. */
  pieces(text, marks) {
    const spans = marks.map((m) => ({ ...m, from: Math.min(m.anchor, m.head), to: Math.max(m.anchor, m.head) }));
    const cuts = [...new Set([0, text.length, ...spans.flatMap((m) => [m.head, m.from, m.to])])].sort((a, b) => a - b);
    const nodes = [];
    cuts.forEach((at, index) => {
      for (const m of spans) if (m.head === at) nodes.push(this.caret(m));
      const next = cuts[index + 1];
      if (next === undefined) return;
      const piece = text.slice(at, next);
      const selectedBy = spans.find((m) => m.from <= at && next <= m.to && m.from !== m.to);
      if (!selectedBy) { nodes.push(document.createTextNode(piece)); return; }
      const mark = el('mark', { className: 'remote-selection' }, piece);
      mark.style.setProperty('--who-hue', String(hueOf(selectedBy.by)));
      nodes.push(mark);
    });
    // A trailing newline only makes a line when something follows it.
    nodes.push(document.createTextNode('\u200b'));
    return nodes;
  }

  caret(mark) {
    const caret = el('span', { className: 'remote-caret', attrs: { 'data-by': mark.by, 'data-offset': mark.head } },
      el('span', { className: 'caret-name', textContent: mark.name }));
    caret.style.setProperty('--who-hue', String(hueOf(mark.by)));
    return caret;
  }
}
