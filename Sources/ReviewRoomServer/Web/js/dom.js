// Small DOM helpers: build elements without innerHTML (no markup injection, CSP-friendly).
import { t } from './strings.js';

// An element's `on` handlers, called through one listener per event type (`dispatch`), so that
// `morphChildren` can hand a kept element the handlers of the rendering that replaced it: they
// close over the state that rendering was drawn for.
const handlersOf = new WeakMap();
function dispatch(event) { handlersOf.get(this)?.[event.type]?.call(this, event); }

// The form state `el` was given (value, checked, selected): properties, not attributes, so a
// morph carries them over itself, and only those a rendering set (a field left to the person
// keeps what they typed).
const FORM_PROPS = new Set(['value', 'checked', 'selected', 'indeterminate']);
const formPropsOf = new WeakMap();

/**
 * Creates an element; `props` sets properties (className, textContent…), `attrs` in props.attrs,
 * event handlers in props.on (handed on to the element a morph keeps in its place).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'attrs') {
      for (const [name, attr] of Object.entries(value)) {
        if (attr !== undefined && attr !== null && attr !== false) node.setAttribute(name, attr === true ? '' : String(attr));
      }
    } else if (key === 'on') {
      handlersOf.set(node, { ...value });
      for (const event of Object.keys(value)) node.addEventListener(event, dispatch);
    } else {
      node[key] = value;
      if (FORM_PROPS.has(key)) formPropsOf.set(node, { ...formPropsOf.get(node), [key]: value });
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children. */
export function replaceChildren(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/** The element with this id (throws a clear error when the page lacks it). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page has no element #${id}`);
  return node;
}

/** Fills every `[data-i18n]` element's text from the catalogue (and `data-i18n-label` aria-labels). */
export function localize(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  // The skip link moves focus without touching the fragment (which carries invite tokens).
  for (const link of root.querySelectorAll('.skip-link')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById(link.getAttribute('href').slice(1))?.focus();
    });
  }
}

/** Writes text to the clipboard; falls back to selecting a field so the person can copy it. */
export async function copyText(text, fallbackField) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackField) { fallbackField.focus(); fallbackField.select(); }
    return false;
  }
}

/** Saves a Blob under a file name through a temporary link. */
export function downloadBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Inputs that take no typed text: a shortcut pressed on one is meant for the page. */
const UNTYPED_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range', 'image']);

/**
 * True when keyboard focus is in a field where letters are typed (where Alt+Shift with a letter
 * or an arrow may be typing or selecting text). A select list or a checkbox is not one: the
 * console's shortcuts pressed there were ignored without a word (a keyboard-only probe).
 */
/**
 * Whether a click is the second (or later) of a double click or double tap (`detail` counts
 * them; a key press's click has 0). Buttons that give way to others under the pointer act on a
 * single click, the console's controls and the floor's buttons among them: a double click on
 * "Finish my turn" raised a direct response with its second click, and a double tap on the
 * phone's "Pass" did too (an audit).
 */
export function repeatedClick(event) {
  return event.detail > 1;
}

export function typingInField(event) {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === 'INPUT') return !UNTYPED_INPUTS.has(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA';
}

/**
 * Runs `render` (which rebuilds part of `root`) and, when keyboard focus was on a control in
 * `root` that the rebuild replaced, puts it on the new control with the same key: its
 * `data-focus-key` when it has one, else its id. A text field gets its selection back too, when
 * its text is the same: offsets in other text would mean another place, so a render that
 * changes a field's text places its selection itself (the notes after a fresh welcome).
 *
 * When that control is gone or now disabled, focus goes to its fallback instead, so it never
 * drops to `<body>`: the control's `data-focus-fallback` lists ids or focus keys (space
 * separated, tried in order; the first present and enabled one wins). A heading named as a
 * fallback needs `tabindex="-1"`.
 */
export function keepingFocus(root, render) {
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && root.contains(active);
  const key = inside ? focusKeyOf(active) : null;
  const fallback = inside ? (active.dataset.focusFallback || '') : '';
  const selection = key && hasSelection(active) ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null;
  const value = selection ? active.value : null;
  render();
  if (!inside || (active.isConnected && document.activeElement === active && !active.disabled)) return;
  const replacement = key ? findFocusKey(root, key) : null;
  if (replacement && focusable(replacement)) {
    replacement.focus({ preventScroll: true });
    if (selection && hasSelection(replacement) && replacement.value === value) replacement.setSelectionRange(...selection);
    return;
  }
  const next = fallback.split(/\s+/).filter(Boolean).map((name) => findByName(root, name)).find(focusable);
  next?.focus({ preventScroll: true });
}

/**
 * Makes `parent`'s children match `children` (nodes or strings) while touching as little as
 * possible: text differing only in its text gets the new text, an element of the same tag, id
 * and focus key gets the new attributes, the new `el` handlers and form state (value, checked,
 * selected) and (recursively) children. A screen reader in browse mode keeps its place in what
 * did not change, focus stays where it was, and a field keeps its own undo history. Listeners
 * added with `addEventListener` stay those of the kept element. A node that already has a
 * parent (a persistent live region or timer, say) is moved, never copied or morphed.
 */
export function morphChildren(parent, ...children) {
  const wanted = children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
  // Nodes that already have a parent (persistent ones) are kept as they are: moved, never
  // morphed into another child, and no other child is morphed into them.
  const pinned = new Set(wanted.filter((node) => node.parentNode !== null));
  wanted.forEach((want, index) => {
    const have = parent.childNodes[index];
    if (!have) parent.append(want);
    else if (have === want) return;
    else if (pinned.has(want) || pinned.has(have)) parent.insertBefore(want, have);
    else if (sameKind(have, want)) morph(have, want);
    else parent.replaceChild(want, have);
  });
  while (parent.childNodes.length > wanted.length) parent.lastChild.remove();
}

function morph(have, want) {
  if (have.nodeType === Node.TEXT_NODE) {
    if (have.data !== want.data) have.data = want.data;
    return;
  }
  // Equal-looking elements are walked too: their handlers and form state are not in the markup.
  if (handlersOf.has(want) || handlersOf.has(have)) {
    const handlers = handlersOf.get(want) ?? {};
    for (const event of Object.keys(handlers)) have.addEventListener(event, dispatch);
    handlersOf.set(have, handlers);
  }
  for (const { name } of [...have.attributes]) if (!want.hasAttribute(name)) have.removeAttribute(name);
  for (const { name, value } of [...want.attributes]) {
    if (have.getAttribute(name) === value) continue;
    // The CSP forbids setting a style attribute; the CSSOM is allowed.
    if (name === 'style') have.style.cssText = want.style.cssText;
    else have.setAttribute(name, value);
  }
  const children = [...want.childNodes];
  want.replaceChildren(); // detached first: they are new nodes, not persistent ones
  morphChildren(have, children);
  // After the children: a select's value is its options' (set last, it picks among the new ones).
  const formProps = formPropsOf.get(want);
  if (formProps) {
    // A value set as a number reads back as a string: compared as one, or it is written every time.
    for (const [key, value] of Object.entries(formProps)) if (have[key] !== (key === 'value' ? String(value) : value)) have[key] = value;
    formPropsOf.set(have, formProps);
  }
}

function sameKind(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType === Node.TEXT_NODE) return true;
  if (a.nodeType !== Node.ELEMENT_NODE) return false;
  return a.tagName === b.tagName && a.id === b.id && a.dataset.focusKey === b.dataset.focusKey;
}

function focusable(node) {
  return !!node && node.isConnected && !node.disabled && !node.closest('[hidden]');
}

function findByName(root, name) {
  return findFocusKey(root, { attr: 'data-focus-key', value: name }) || document.getElementById(name);
}

function focusKeyOf(node) {
  if (node.dataset.focusKey) return { attr: 'data-focus-key', value: node.dataset.focusKey };
  return node.id ? { attr: 'id', value: node.id } : null;
}

function findFocusKey(root, { attr, value }) {
  return root.querySelector(`[${attr}="${CSS.escape(value)}"]`);
}

// selectionStart is null (and setSelectionRange throws) for number, date and other inputs.
function hasSelection(node) {
  return (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) && typeof node.selectionStart === 'number';
}
