// The console's questions: show or hide one for everyone, mark it discussed, reword it
// (PATCH with the whole deck, ids kept) and add one, all without leaving the live view.
import { failureText } from './api.js';
import { el, repeatedClick } from './dom.js';
import { t } from './strings.js';
import { moverKey } from './movers.js';
import { field } from './schedule-form.js';

/** A question's whole text on one line, for control names that say which question they act on (a cut one left it unsaid). */
function oneLine(text) {
  return String(text).replace(/\s+/g, ' ').trim();
}

/** The questions section of the live console; `owner` is the `LiveConsole` (send, holds, api). */
export class QuestionControls {
  constructor(owner) {
    this.owner = owner;
    this.open = false;
    /** The half-typed new question, and the complaint of the last Add press (`LiveConsole.checkedField`). */
    this.newQuestion = { text: '', error: null };
    /** The question being reworded: `{id, text, n, error, saving}`, or null. */
    this.rewording = null;
    /** "Discussed" as pressed, per question, until its command is answered (drawn meanwhile). */
    this.discussedSent = new Map();
  }

  /**
   * A list pasted into the one-line field (a host's questions, one per line): the browser joined
   * its lines into one question (a paste probe). The lines are kept, shown joined by " / " with a
   * line saying Add adds each; editing the field makes it one question again.
   */
  paste(event) {
    const lines = (event.clipboardData?.getData('text/plain') ?? '').split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean);
    if (lines.length < 2) return;
    event.preventDefault();
    this.lines = lines;
    this.setNewQuestion(lines.join(' / '));
    event.target.closest('.field')?.querySelector('.pasted-lines')?.remove();
    event.target.closest('.field')?.append(this.pastedHint());
  }

  /** The pasted lines while the field still shows them as pasted, else null. */
  pastedLines() {
    return this.lines && this.newQuestion.text === this.lines.join(' / ') ? this.lines : null;
  }

  pastedHint() {
    return el('p', { className: 'hint pasted-lines', id: 'control-new-question-lines', attrs: { role: 'status' } },
      t('control.questionsPasted', { n: this.lines.length }));
  }

  /** Adds each pasted line as its own question, in order, stopping at the first refused. */
  addEach(lines) {
    const owner = this.owner;
    owner.hold('add-question', async () => {
      let added = 0;
      for (const text of lines) {
        if (!(await owner.send('prompt.add', { text }))) break;
        added += 1;
      }
      return added;
    }).then((added) => {
      if (!added) return;
      if (added === lines.length && this.pastedLines() === lines) { this.lines = null; this.setNewQuestion(''); }
      owner.announcer.say(t('control.questionsAdded', { n: added }));
    });
  }

  /** The `<details>` with the list and the add form. */
  render(s, ended) {
    const owner = this.owner;
    const prompts = s.prompts || { deck: [], discussed: [] };
    // The question being reworded was removed by someone else: the wording goes to "New
    // question" as when Save finds it gone (it vanished with focus dropping to the page).
    const rewording = this.rewording;
    if (rewording && !rewording.saving && !(prompts.deck || []).some((q) => q.id === rewording.id)) {
      queueMicrotask(() => { if (this.rewording === rewording) this.gone(rewording, { id: rewording.id }, rewording.text.trim(), rewording.n); });
    }
    const discussed = new Set(prompts.discussed || []);
    const items = (prompts.deck || []).map((q, index) => this.item(q, index + 1, { shown: prompts.current === q.id, discussed: discussed.has(q.id), ended }));
    const add = (e) => {
      e.preventDefault();
      // Another field's complaint belongs to its own press; an empty field is this one's.
      owner.clearFieldErrors();
      const text = this.newQuestion.text.trim();
      if (!text) { owner.fieldError(this.newQuestion, 'control-new-question', t('control.questionEmpty')); return; }
      const lines = this.pastedLines();
      if (lines) { this.addEach(lines); return; }
      // A refused question stays in the field to be fixed and sent again.
      // Said once added, as a reword is: the field only emptied, which a screen reader does not tell.
      owner.act('add-question', 'prompt.add', { text }).then((ack) => {
        if (!ack) return;
        if (this.newQuestion.text.trim() === text) this.setNewQuestion('');
        owner.announcer.say(t('control.questionAdded', { n: (owner.model.session?.prompts?.deck || []).length }));
      });
    };
    const newField = owner.checkedField(t('control.newQuestion'), this.newQuestion, 'control-new-question', { type: 'text' });
    newField.querySelector('input').addEventListener('paste', (e) => this.paste(e));
    if (this.pastedLines()) newField.append(this.pastedHint());
    const addForm = el('form', { className: 'row', on: { submit: add } },
      newField,
      el('button', { type: 'submit', id: 'control-add-question', className: 'secondary', textContent: t('control.addQuestion'), disabled: ended,
        attrs: owner.holdAttrs('add-question') }));
    return el('details', { open: this.open, on: { toggle: (e) => { this.open = e.target.open; } } },
      el('summary', { id: 'control-questions' }, t('control.questions')), el('ol', { className: 'prompt-list' }, items), addForm);
  }

  item(q, n, { shown, discussed, ended }) {
    const owner = this.owner;
    const text = oneLine(q.text);
    const textId = `question-text-${q.id}`;
    const showSlot = `show:${q.id}`;
    const sentAfter = owner.recent.lastSeq;
    const toggle = shown
      ? owner.control(t('control.hide'), showSlot, 'prompt.hide', {}, { className: 'secondary', disabled: ended, focusKey: showSlot, label: t('control.hideNamed', { n, text }),
        then: (ack) => this.hidden(ack, q.id, sentAfter) })
      : owner.control(t('control.show'), showSlot, 'prompt.show', { prompt: q.id }, { className: 'secondary', disabled: ended, focusKey: showSlot, label: t('control.showNamed', { n, text }) });
    const discussedSlot = `discussed:${q.id}`;
    // While its command is on its way the box shows what was pressed: drawn from the room, an
    // event landing meanwhile unticked it under the facilitator's focus (a keyboard probe).
    const box = el('input', { type: 'checkbox', checked: this.discussedSent.get(q.id) ?? discussed, disabled: ended,
      attrs: { 'data-focus-key': discussedSlot, 'aria-label': t('control.discussedNamed', { n, text }), ...owner.holdAttrs(discussedSlot) },
      on: { click: (e) => { if (owner.held(discussedSlot)) e.preventDefault(); },
        change: (e) => {
          const pressed = e.target.checked;
          this.discussedSent.set(q.id, pressed);
          owner.act(discussedSlot, 'prompt.discussed', { prompt: q.id, discussed: pressed })
            .finally(() => { if (this.discussedSent.get(q.id) === pressed) { this.discussedSent.delete(q.id); owner.render(); } });
        } } });
    const editing = this.rewording?.id === q.id;
    return el('li', { className: shown ? 'current' : '' },
      el('span', { id: textId }, q.text), shown ? el('span', { className: 'badge' }, t('control.shown')) : null,
      editing ? this.rewordForm(q, n) : el('div', { className: 'row' },
        toggle,
        el('label', { className: 'check' }, box, ' ', t('control.discussed')),
        // Rewording is an HTTP PATCH: a co-facilitator in the room by invite has no API token for it.
        !owner.api ? null : el('button', { type: 'button', className: 'secondary', id: `control-reword-${q.id}`, textContent: t('control.reword'), disabled: ended,
          attrs: { 'aria-label': t('control.rewordNamed', { n, text }) },
          on: { click: (e) => { if (repeatedClick(e)) return; this.startRewording(q); } } })));
  }

  /**
   * After this console's Hide (`prompt.hide` names no question): when another question had been
   * shown a moment before (by a co-facilitator), that is the one hidden; the refusal line says so.
   */
  async hidden(ack, id, sentAfter) {
    if (!ack) return;
    const event = await this.owner.recent.at(ack.seq, 'prompts.changed', sentAfter);
    const was = event?.before?.current;
    if (!was || was === id) return;
    const n = (event.before.deck || []).findIndex((p) => p.id === was) + 1;
    const mover = this.owner.moverOf(this.owner.recent.lastBy((e) => e.name === 'prompts.changed' && e.seq < event.seq
      && e.after?.current === was && e.before?.current !== was));
    this.owner.refused(t(moverKey('control.hidOther', mover, ['other', 'self']), { n, name: mover?.name }));
  }

  rewordForm(q, n) {
    const state = this.rewording;
    const errorId = `reword-error-${q.id}`;
    const input = el('textarea', { id: `control-reword-text-${q.id}`, value: state.text, rows: 2,
      attrs: { 'aria-invalid': state.error ? 'true' : null, 'aria-describedby': state.error ? errorId : null },
      on: { input: (e) => { state.text = e.target.value; } } });
    const save = (e) => {
      e.preventDefault();
      this.saveRewording(q);
    };
    // Escape cancels, as in any dialog-like form (a keyboard-only probe pressed it and stayed in the form).
    const escape = (e) => { if (e.key === 'Escape' && !e.isComposing && !state.saving) { e.preventDefault(); this.stopRewording(q.id); } };
    return el('form', { className: 'reword', on: { submit: save, keydown: escape } },
      field(t('control.rewordLabel', { n }), input),
      state.error ? el('p', { className: 'field-error', id: errorId }, state.error) : null,
      el('div', { className: 'row' },
        el('button', { type: 'submit', id: `control-reword-save-${q.id}`, textContent: t('control.rewordSave'), attrs: state.saving ? { 'aria-disabled': 'true' } : {} }),
        el('button', { type: 'button', className: 'secondary', id: `control-reword-cancel-${q.id}`, textContent: t('control.rewordCancel'),
          attrs: { 'data-focus-fallback': `control-reword-${q.id}` },
          on: { click: () => this.stopRewording(q.id) } })));
  }

  startRewording(q) {
    const n = (this.owner.model.session?.prompts?.deck || []).findIndex((p) => p.id === q.id) + 1;
    this.rewording = { id: q.id, text: q.text, n, error: null, saving: false };
    this.owner.render();
    const input = this.owner.controls.querySelector(`#control-reword-text-${CSS.escape(q.id)}`);
    input?.focus();
  }

  stopRewording(id) {
    this.rewording = null;
    this.owner.render();
    this.owner.controls.querySelector(`#control-reword-${CSS.escape(id)}`)?.focus();
  }

  /**
   * Sends the whole deck with this question's new text; ids go along so nothing else changes.
   * The deck is fetched fresh just before: a question a co-facilitator added (or reworded) a
   * moment ago is in it, so the PATCH does not take it away again. A question removed meanwhile
   * is not put back: the facilitator is told instead.
   */
  async saveRewording(q) {
    const state = this.rewording;
    if (!state || state.saving) return;
    const text = state.text.trim();
    if (!text) {
      state.error = t('control.rewordEmpty');
      this.owner.render();
      this.owner.controls.querySelector(`#control-reword-text-${CSS.escape(q.id)}`)?.focus();
      return;
    }
    const shownN = (this.owner.model.session?.prompts?.deck || []).findIndex((p) => p.id === q.id) + 1;
    state.saving = true;
    state.error = null;
    this.owner.render();
    try {
      const fresh = await this.owner.api.session(this.owner.sessionId);
      const deck = fresh?.prompts?.deck || [];
      if (!deck.some((p) => p.id === q.id)) {
        this.gone(state, q, text, shownN);
        return;
      }
      const prompts = deck.map((p) => {
        const prompt = { id: p.id, text: p.id === q.id ? text : p.text };
        if (p.theme) prompt.theme = p.theme;
        return prompt;
      });
      await this.owner.api.update(this.owner.sessionId, { prompts });
      const n = deck.findIndex((p) => p.id === q.id) + 1;
      this.owner.announcer.say(t('control.reworded', { n }));
      if (this.rewording === state) this.stopRewording(q.id);
    } catch (error) {
      this.failed(state, q, failureText(error, t));
    }
  }

  /**
   * The question was removed before the reword reached the server: nothing is sent, the form
   * closes, and the new wording moves to "New question" (the Questions section opened) so it
   * can be added as a question of its own; the facilitator is told so.
   */
  gone(state, q, text, n) {
    if (this.rewording === state) this.rewording = null;
    this.open = true;
    const free = !this.newQuestion.text.trim();
    if (free) this.newQuestion.text = text;
    this.owner.refused(t(free ? 'control.rewordGone' : 'control.rewordGoneBusy', { n, text }));
    this.owner.render();
    this.owner.controls.querySelector('#control-new-question')?.focus();
  }

  /** A reword that was not saved: the field stays open with `message`, which is also reported. */
  failed(state, q, message) {
    state.saving = false;
    state.error = message;
    this.owner.refused(message);
    this.owner.render();
    if (this.rewording === state) this.owner.controls.querySelector(`#control-reword-text-${CSS.escape(q.id)}`)?.focus();
  }

  setNewQuestion(text) {
    this.newQuestion.text = text;
    const input = this.owner.controls.querySelector('#control-new-question');
    if (input) input.value = text;
  }
}
