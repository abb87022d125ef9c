// The notes' tabs and panels: one tab and one panel (editor, status line, others' cursors,
// hints) per note, which tab is selected and how the arrow keys move between them, the status
// line under each editor, and the box shown after a restore from a backup took text away.
import { el, morphChildren, replaceChildren } from './dom.js';
import { t } from './strings.js';
import { diffOperation } from './ot.js';
import { CursorLayer } from './cursor-layer.js';
import { displayText } from './line-breaks.js';
import { formatTimeOfDay } from './timefmt.js';

/**
 * The DOM of one note: {tab, textarea, status, cursors, hints, layer, panel}. `onSelect` is
 * called when its tab is clicked, `onTabKey(event)` on a key press in its tab.
 */
export function notePanel(note, { onSelect, onTabKey }) {
  const tabId = `tab-${note.id}`, panelId = `panel-${note.id}`;
  const tab = el('button', { type: 'button', id: tabId, className: 'tab', textContent: note.title,
    attrs: { role: 'tab', 'aria-controls': panelId, 'aria-selected': 'false', tabindex: '-1' },
    on: { click: onSelect, keydown: onTabKey } });
  // The line under the editor describes it: a screen reader on the note can hear whether it is saved.
  const textarea = el('textarea', { id: `note-${note.id}`, className: 'note-text', value: displayText(note.text), spellcheck: true,
    attrs: { 'aria-label': t('notes.editorLabel', { title: note.title }), 'aria-describedby': `note-status-${note.id} note-hints-count-${note.id}`,
      'data-note': note.id, rows: 12 } });
  const status = el('p', { id: `note-status-${note.id}`, className: 'note-status', attrs: { 'aria-live': 'off' } });
  const cursors = el('ul', { className: 'cursor-list', attrs: { 'aria-label': t('notes.others') } });
  // Not a live region: each new hint is announced once through the page's announcer instead.
  // How many are listed is part of the editor's description (NoteHints.render), so coming back
  // to the note says so: a hint was spoken once, mid-typing, and then only shown (an audit).
  const hints = el('div', { className: 'hints' }, el('p', { id: `note-hints-count-${note.id}`, className: 'visually-hidden' }));
  const layer = new CursorLayer(textarea);
  const editor = el('div', { className: 'note-editor' }, textarea, layer.element);
  const panel = el('section', { id: panelId, className: 'tab-panel', hidden: true,
    attrs: { role: 'tabpanel', 'aria-labelledby': tabId } }, editor, status, cursors, hints);
  return { tab, textarea, status, cursors, hints, layer, panel };
}

/** Fills `root` with the heading, the notes' tabs and panels (`entries`), and the copy button. */
export function renderNotes(root, entries, onCopy) {
  const tabs = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': t('notes.tabs') } });
  const panels = el('div', { className: 'tab-panels' });
  for (const entry of entries) {
    tabs.append(entry.tab);
    panels.append(entry.panel);
  }
  const copy = el('button', { type: 'button', id: 'notes-copy', className: 'secondary', textContent: t('notes.copyMarkdown'),
    on: { click: onCopy } });
  // What the copy did is also shown beside it: the announcement alone left a sighted person
  // (by voice control, or keeping track of many things) unsure it had worked.
  replaceChildren(root, el('h2', { id: 'notes-heading', textContent: t('notes.heading') }), tabs, panels,
    el('div', { className: 'row' }, copy, el('span', { className: 'hint', id: 'notes-copy-status' })));
}

/** Shows the panel of note `id` (of the Map `notes`) and makes its tab the one Tab reaches. */
export function selectTab(notes, id) {
  for (const [noteId, entry] of notes) {
    const on = noteId === id;
    entry.tab.setAttribute('aria-selected', String(on));
    entry.tab.tabIndex = on ? 0 : -1;
    entry.panel.hidden = !on;
  }
}

/** The note a key press in the tab of `id` moves to (arrows wrap; Home, End), or null. */
export function tabAfterKey(key, ids, id) {
  const index = ids.indexOf(id);
  if (key === 'ArrowRight') return ids[(index + 1) % ids.length];
  if (key === 'ArrowLeft') return ids[(index - 1 + ids.length) % ids.length];
  if (key === 'Home') return ids[0];
  if (key === 'End') return ids[ids.length - 1];
  return null;
}

/**
 * The line under a note: out of step, a notice (a refusal), saved or not yet — with
 * `offline`, kept until the page is back ("sending…" while nothing could be sent misled).
 */
export function renderStatus(entry, { offline = false } = {}) {
  const state = entry.client.state;
  // A read-only note has nothing of this person's to save: "All changes saved" misled observers.
  const settled = entry.textarea.readOnly ? t('notes.readOnly') : t('notes.saved');
  entry.status.textContent = entry.outOfStep ? t('notes.outOfStep')
    : entry.notice ?? (state === 'synchronized' ? settled : t(offline ? 'notes.unsyncedOffline' : 'notes.unsynced'));
  entry.status.classList.toggle('unsynced', state !== 'synchronized');
  entry.panel.dataset.sync = state;
}

/**
 * The text of `entry`'s status line when it tells the writer something they must know (edits
 * kept while offline, out of step, a refusal), else null: "All changes saved", a read-only
 * note's line and the moment's "sending…" of every keystroke are not worth pointing to.
 */
export function statusWorthACue(entry) {
  const text = entry.status.textContent;
  if (!text || entry.textarea.readOnly || text === t('notes.saved') || text === t('notes.unsynced')) return null;
  return text;
}

/**
 * Shows under a note that the server's copy was restored from a backup and text saved since
 * is missing, with `before` (the note as this page showed it) in a read-only field to copy
 * from, until dismissed.
 */
export function showRestored(entry, before) {
  const box = keptTextBox(entry, before, { testId: 'note-restored', message: t('notes.restored', { title: entry.title }),
    label: t('notes.restoredBefore', { title: entry.title }), summary: t('notes.restoredShow'), onDismiss: () => { entry.restored = null; } });
  entry.restored = { before, box };
}

/**
 * Shows under a note that the review ended before edits typed here reached the server
 * (`session_ended`), with `before` (the note as this page showed it, those edits in it) in a
 * read-only field to copy from, until dismissed.
 */
export function showUnsent(entry, before) {
  const box = keptTextBox(entry, before, { testId: 'note-unsent', message: t('notes.endedUnsent', { title: entry.title }),
    label: t('notes.endedUnsentBefore', { title: entry.title }), onDismiss: () => { entry.unsent = null; } });
  entry.unsent = { before, box };
}

/**
 * A box after a note's status line: `message`, `before` in a labelled read-only field (inside a
 * disclosure named `summary`, when given) and Dismiss, which removes the box, calls
 * `onDismiss` and puts focus back in the note.
 */
function keptTextBox(entry, before, { testId, message, label, summary, onDismiss }) {
  const field = el('textarea', { className: 'note-before', value: before, readOnly: true, rows: 6, attrs: { 'aria-label': label } });
  const dismiss = el('button', { type: 'button', className: 'secondary', textContent: t('notes.restoredDismiss'),
    on: { click: () => { box.remove(); onDismiss(); entry.textarea.focus(); } } });
  const box = el('div', { className: 'note-restored', attrs: { 'data-testid': testId } },
    el('p', {}, message),
    summary ? el('details', {}, el('summary', { textContent: summary }), field) : field,
    dismiss);
  entry.status.after(box);
  return box;
}

/**
 * Under a note's status line on a facilitator's console: others' large removals (`entry.removals`,
 * oldest first), each saying who removed how much and when, its text in a read-only field to copy
 * (inside a disclosure) and Dismiss (`onForget(item)`); nothing when none is kept. Each item's
 * nodes are made once, so focus stays where it is as others come and go. `nameOf(id)` names who;
 * the time is of day in `timeZone` (the session's), as elsewhere on the page.
 */
export function renderRemovals(entry, { nameOf, timeZone, onForget }) {
  const items = entry.removals.items;
  if (!items.length) { entry.removalsBox?.remove(); entry.removalsBox = null; return; }
  if (!entry.removalsBox) {
    entry.removalsBox = el('ul', { className: 'note-removals', attrs: { 'data-testid': 'note-removals', 'aria-label': t('notes.removalsLabel', { title: entry.title }) } });
    entry.status.after(entry.removalsBox);
  }
  morphChildren(entry.removalsBox, items.map((item) => {
    if (item.node) return item.node;
    const time = formatTimeOfDay(new Date(item.at).toISOString(), timeZone);
    const words = { name: nameOf(item.by), n: item.units.toLocaleString(), title: entry.title, time };
    item.node = el('li', {}, el('p', {}, t('notes.removal', words)),
      el('details', {}, el('summary', { textContent: t('notes.removalShow') }),
        el('textarea', { className: 'note-before', value: item.text, readOnly: true, rows: 6, attrs: { 'aria-label': t('notes.removalText', words) } })),
      el('button', { type: 'button', className: 'secondary', textContent: t('notes.restoredDismiss'),
        attrs: { 'aria-label': t('notes.removalDismissFor', words) }, on: { click: () => onForget(item) } }));
    return item.node;
  }));
}

/** Whether going from `saved` (the note's text as confirmed to this page) to `now` deletes any of it. */
export function lostSavedText(saved, now) {
  return diffOperation(saved, now).ops.some((c) => typeof c === 'number' && c < 0);
}
