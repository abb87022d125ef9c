// The console's "schedule a session" form: details, time zone, template and deck,
// and the agenda and questions tailored before the session.
import { el, repeatedClick, replaceChildren } from './dom.js';
import { t } from './strings.js';
import { agendaLength, formatInstant, zonedTime, zonedToUTC, utcToZoned } from './timefmt.js';
import { failureText } from './api.js';
import { isolatedName, repeatedName } from './names.js';

const KINDS = ['briefing', 'enquiry', 'evidence', 'round', 'discussion', 'actions', 'reflection', 'break'];
const TURN_MODES = ['open', 'queue', 'round'];
const TIME_UP = ['overtime', 'advance'];
const ROLES = ['reviewer', 'host', 'observer', 'display', 'facilitator'];

let fieldCounter = 0;
/** A labelled field: label + control (+ hint), with ids linking them. */
/** The longest name and question the server takes, in characters (PROTOCOL's limits; `TextRules`). */
const MAX_NAME_CHARACTERS = 200;
const MAX_QUESTION_CHARACTERS = 2000;
/** How much of a question names its row's buttons and what is said of it: a screen reader reads it at every button. */
const QUESTION_GIST_CHARACTERS = 40;

export function field(labelText, control, hint) {
  const id = control.id || `f${++fieldCounter}`;
  control.id = id;
  const hintNode = hint ? el('span', { className: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el('div', { className: 'field' }, el('label', { htmlFor: id }, labelText), control, hintNode);
}

/** A labelled checkbox (label after the box) with an optional hint, as ``field`` makes fields. */
export function checkboxField(labelText, box, hint) {
  const hintNode = hint ? el('span', { className: 'hint', id: `${box.id}-hint` }, hint) : null;
  if (hintNode) box.setAttribute('aria-describedby', hintNode.id);
  return el('div', { className: 'field' }, el('label', { htmlFor: box.id }, box, ` ${labelText}`), hintNode);
}

/**
 * Shows `message` under `control` (cleared with an empty one): marked invalid, the message in a
 * `.field-error` right after it and named by its `aria-describedby`, so the mistake is said where
 * it is, in words, not only by a red border with the message at the foot of a long form.
 */
export function setFieldError(control, message) {
  const id = `${control.id}-error`;
  const described = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
  control.setAttribute('aria-invalid', String(!!message));
  document.getElementById(id)?.remove();
  if (message) {
    control.after(el('p', { className: 'field-error', id }, message));
    described.push(id);
  }
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  else control.removeAttribute('aria-describedby');
}

function select(values, labelOf, selected) {
  return el('select', {}, values.map((v) => el('option', { value: v, selected: v === selected }, labelOf(v))));
}

/** What a post-review workshop starts from: its template, its deck and its note buffers. */
export const WORKSHOP = Object.freeze({
  template: 'post-review-workshop-60',
  deck: 'post-review-workshop',
  notes: [{ id: 'findings', titleKey: 'workshop.note.findings' }, { id: 'resonates', titleKey: 'workshop.note.resonates' },
    { id: 'actions', titleKey: 'workshop.note.actions' }],
});

/**
 * The session a review's post-review workshop is scheduled from: the review's host school,
 * focus, zone and time of day, its owner (first, left out as in any copy) and its host staff
 * and co-facilitators (not its reviewers, observers or displays), a title naming the review,
 * the workshop's note buffers, and the review it follows (`follows`: sent as `followsSession`, so
 * the workshop's host staff can open the review's record from their own link). Scheduling it meant copying the review, then taking out every
 * reviewer, renaming it, choosing the template and clearing the review's questions one by one
 * (a workshop audit).
 */
export function workshopSource(review) {
  const people = review.participants || [];
  const owner = people[0]?.role === 'facilitator' ? people[0] : null;
  return { ...review, review: review.title, follows: review.id, title: t('workshop.title', { title: review.title }), autoStart: false,
    agenda: [], prompts: { deck: [] },
    participants: people.filter((p) => p === owner || p.role === 'host' || p.role === 'facilitator'),
    notes: WORKSHOP.notes.map(({ id, titleKey }) => ({ id, title: t(titleKey) })) };
}

/** A copied session's phases, without their ids (the copy's are its own), with their question links. */
function copiedPhases(session) {
  return (session?.agenda || []).map(({ id, ...phase }) => ({ ...phase, prompts: [...(phase.prompts || [])] }));
}

/** A copied session's questions, with the ids its phases link to. */
function copiedPrompts(session) {
  return (session?.prompts?.deck || []).map((p) => ({ id: p.id, text: p.text, ...(p.theme ? { theme: p.theme } : {}) }));
}

export class ScheduleForm {
  /**
   * `existing`: a session to edit (PATCH) instead of scheduling a new one. `copyOf`: a session
   * whose details, agenda, questions and people a new one starts from ("Schedule a similar
   * session"), on a date of its own. `workshopOf`: a review whose post-review workshop this is
   * (`workshopSource`): its details and its host staff, with the workshop's template, deck and
   * note buffers.
   */
  constructor(root, { api, onScheduled, onError, existing, copyOf, workshopOf }) {
    this.root = root;
    this.existing = existing || null;
    this.workshop = !existing && !!workshopOf;
    this.copyOf = existing ? null : (workshopOf ? workshopSource(workshopOf) : copyOf || null);
    // New people in a workshop are host staff (every "Add a person" row said reviewer).
    this.newRole = this.workshop ? 'host' : 'reviewer';
    this.api = api;
    this.onScheduled = onScheduled;
    this.onError = onError;
    this.phases = [];
    this.prompts = [];
    this.people = [{ name: '', role: 'reviewer' }];
    this.templates = [];
    this.decks = [];
  }

  /**
   * What is wrong with the date and time, `{field, message}`, or `{iso, past}` for a start that
   * can be taken (`past` when it has gone by).
   */
  startProblem() {
    // A five-digit year (Chromium's date field takes one typed) was sent and refused in the API's words.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.date.value)) return { field: 'date', message: t('schedule.needDate') };
    if (!this.time.value) return { field: 'time', message: t('schedule.needTime') };
    const { iso } = zonedTime(this.date.value, this.time.value, this.zone.value);
    if (Number.isNaN(Date.parse(iso))) return { field: 'date', message: t('schedule.needDate') };
    return { iso, past: Date.parse(iso) < Date.now() };
  }

  /**
   * Says when the chosen date and time are skipped or repeated by a clock change in the chosen
   * zone, and when an edit's new zone moves the start: the date and time fields keep their
   * reading, so London to Paris moved the review an hour without a word (a time audit).
   */
  sayClockChange() {
    const start = this.startProblem();
    const { iso, adjusted } = start.iso ? zonedTime(this.date.value, this.time.value, this.zone.value) : {};
    const said = { time: this.time.value, zone: this.zone.value, start: iso ? formatInstant(iso, this.zone.value) : '' };
    const parts = [adjusted ? t(adjusted === 'skipped' ? 'schedule.timeSkipped' : 'schedule.timeTwice', said) : ''];
    const loaded = this.loadedStart;
    if (iso && loaded && !this.started && loaded.zone !== this.zone.value && iso !== this.existing.startsAt) {
      parts.push(t('schedule.zoneMovesStart', { ...said, before: formatInstant(this.existing.startsAt, this.zone.value) }));
    }
    const text = parts.filter(Boolean).join(' ');
    if (this.clockChange.textContent !== text) { this.clockChange.textContent = text; this.clockChange.hidden = !text; }
  }

  async open() {
    const underway = ['live', 'paused'].includes(this.existing?.status);
    const [templates, decks, fixed] = await Promise.all([this.api.templates(), this.api.decks(),
      underway ? this.startedPhaseCount() : 0]);
    this.templates = templates || [];
    this.decks = decks || [];
    this.fixedPhases = fixed;
    this.build();
  }

  /**
   * How many leading phases of a review under way can no longer change: every phase up to the
   * furthest one that has run (the server answers 409 for them, PROTOCOL §2). The session has
   * no clock, so the draft record says which phases have run. Unknown (the record could not be
   * read): none are fixed here, and the server still refuses what it must.
   */
  async startedPhaseCount() {
    try {
      const record = await this.api.request('GET', `/sessions/${encodeURIComponent(this.existing.id)}/record?format=json`);
      const ran = (record?.agenda || []).filter((row) => (row.runs || []).length > 0).map((row) => row.index);
      return ran.length ? Math.max(...ran) + 1 : 0;
    } catch {
      return 0;
    }
  }

  build() {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [zone, 'UTC'];
    if (!zones.includes(zone)) zones.unshift(zone);
    // Chromium's list has no UTC unless the browser itself is set to it (a console audit).
    if (!zones.includes('UTC')) zones.push('UTC');
    const tomorrow = new Date(Date.now() + 86400000);
    const dateText = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    const existing = this.existing;
    // A copy keeps its source's details and time of day, on tomorrow's date until one is chosen.
    const source = existing ?? this.copyOf;
    const when = existing ? utcToZoned(existing.startsAt, existing.timeZone)
      : { date: dateText, time: source ? utcToZoned(source.startsAt, source.timeZone).time : '09:30' };
    if (source && !zones.includes(source.timeZone)) zones.unshift(source.timeZone);
    // The start as loaded, to send it back untouched when the date, time and zone were not
    // changed: rebuilt from them it lost its seconds and, in a repeated hour (the autumn's
    // 01:30 twice), which of the two it was, moving the review an hour (a console audit).
    this.loadedStart = existing ? { date: when.date, time: when.time, zone: existing.timeZone } : null;
    this.title = el('input', { type: 'text', required: true, id: 'schedule-title', value: source?.title ?? '' });
    this.host = el('input', { type: 'text', required: true, id: 'schedule-host', value: source?.hostSchool ?? '', disabled: !!existing });
    this.focus = el('textarea', { required: true, id: 'schedule-focus', rows: 2, value: source?.focus ?? '' });
    // Once the review has started its start is in the past: the server refuses to move it.
    this.started = ['live', 'paused'].includes(existing?.status);
    this.date = el('input', { type: 'date', required: true, value: when.date, id: 'schedule-date', disabled: this.started });
    this.time = el('input', { type: 'time', required: true, value: when.time, id: 'schedule-time', disabled: this.started });
    this.zone = select(zones, (z) => z, source?.timeZone ?? zone); this.zone.id = 'schedule-zone';
    // Edited or copied, the session's own agenda and questions come first, and are what the
    // selects show: they showed "Rapid remote review" and "Covid response and recovery" above a
    // workshop's phases and a reading deck's questions (a workshop audit).
    const own = source && !this.workshop ? [''] : [];
    const ownLabel = (kind) => t(`schedule.own.${kind}.${existing ? 'edit' : 'copy'}`);
    this.template = select([...own, ...this.templates.map((x) => x.id)],
      (id) => (id === '' ? ownLabel('agenda') : this.templates.find((x) => x.id === id)?.title ?? id),
      this.workshop ? WORKSHOP.template : source ? '' : 'rapid-remote-90');
    this.template.id = 'schedule-template';
    // A template replaces every phase, the started ones too, which the server refuses.
    this.template.disabled = (this.fixedPhases || 0) > 0;
    this.deck = select([...own, ...this.decks.map((x) => x.id)],
      (id) => (id === '' ? ownLabel('questions') : this.decks.find((x) => x.id === id)?.title ?? id),
      this.workshop ? WORKSHOP.deck : source ? '' : 'covid-recovery');
    this.deck.id = 'schedule-deck';
    // A new deck drops the questions the started phases link to, which the server refuses (its
    // refusal spoke of the agenda); own questions can still be added, reworded or removed.
    this.deck.disabled = (this.fixedPhases || 0) > 0;
    this.lobby = el('input', { type: 'number', min: 0, max: 1440, value: source?.lobbyOpensMinutesBefore ?? 15, id: 'schedule-lobby', disabled: !!existing });
    // The API's `autoStart` (a copy keeps its source's); set when scheduling, as the API allows.
    this.autoStart = el('input', { type: 'checkbox', id: 'schedule-autostart', checked: !!source?.autoStart, disabled: !!existing });
    this.chosen = { agenda: this.template.value, prompts: this.deck.value };
    // Another template or deck replaces the phases or questions: tailoring is not thrown away
    // without asking (a probe lost renamed, reordered and added phases to one stray choice).
    this.template.addEventListener('change', () => {
      if (this.tailored('agenda') && !window.confirm(t('schedule.confirmTemplate'))) { this.template.value = this.chosen.agenda; return; }
      this.loadTemplate();
      // The whole agenda changed out of sight of a screen reader (a workshop audit): said.
      this.say(t('schedule.templateLoaded', { title: this.template.selectedOptions[0]?.textContent ?? '', n: this.phases.length,
        time: agendaLength(this.totalSeconds()) }));
    });
    this.deck.addEventListener('change', () => {
      if (this.tailored('prompts') && !window.confirm(t('schedule.confirmDeck'))) { this.deck.value = this.chosen.prompts; return; }
      this.loadDeck();
      this.say(t('schedule.deckLoaded', { title: this.deck.selectedOptions[0]?.textContent ?? '', n: this.prompts.length }));
    });
    // What the chosen template is for (its description was never shown: a workshop audit).
    this.templateAbout = el('p', { className: 'hint', id: 'schedule-template-about' });
    this.agendaList = el('ol', { className: 'edit-list', attrs: { 'aria-label': t('schedule.agenda') } });
    this.agendaTotal = el('p', { className: 'meta', id: 'agenda-total' });
    this.promptList = el('ol', { className: 'edit-list', attrs: { 'aria-label': t('schedule.questions') } });
    this.peopleList = el('ul', { className: 'edit-list', attrs: { 'aria-label': t('schedule.people') } });
    this.status = el('p', { className: 'form-status', attrs: { role: 'status' } });
    // A time the clocks skip or repeat in the chosen zone is said, with the start it gives.
    this.clockChange = el('p', { className: 'hint', id: 'schedule-clock-change', attrs: { 'aria-live': 'polite', hidden: '' } });
    for (const input of [this.date, this.time, this.zone]) input.addEventListener('change', () => this.sayClockChange());
    this.addPhase = el('button', { type: 'button', className: 'secondary', id: 'add-phase', textContent: t('schedule.addPhase'), on: { click: () => this.appendPhase() } });
    this.addPrompt = el('button', { type: 'button', className: 'secondary', id: 'add-question', textContent: t('schedule.addQuestion'), on: { click: () => { this.prompts.push({ text: '' }); this.renderPrompts(this.prompts.length - 1); } } });
    this.addPerson = el('button', { type: 'button', className: 'secondary', id: 'add-person', textContent: t('schedule.addPerson'), on: { click: () => { this.people.push({ name: '', role: this.newRole }); this.renderPeople(this.people.length - 1); } } });
    const form = el('form', { className: 'schedule', noValidate: true, on: { submit: (e) => { e.preventDefault(); this.submit(); } } },
      el('h1', { textContent: existing ? t('schedule.editHeading', { title: existing.title })
        : this.workshop ? t('schedule.workshopHeading', { title: this.copyOf.review })
          : this.copyOf ? t('schedule.copyHeading', { title: this.copyOf.title }) : t('schedule.heading') }),
      this.workshop ? el('p', { className: 'hint', id: 'schedule-workshop-follows' }, t('schedule.workshopFollows', { title: this.copyOf.review })) : null,
      el('fieldset', {}, el('legend', {}, t('schedule.details')),
        field(t('schedule.title'), this.title), field(t('schedule.host'), this.host), field(t('schedule.focus'), this.focus),
        el('div', { className: 'row' }, field(t('schedule.date'), this.date, this.started ? t('schedule.startedHint') : null),
          field(t('schedule.time'), this.time), field(t('schedule.zone'), this.zone)),
        this.clockChange,
        field(t('schedule.lobby'), this.lobby, t('schedule.lobbyHint')),
        checkboxField(t('schedule.autoStart'), this.autoStart, t(existing ? 'schedule.autoStartFixed' : 'schedule.autoStartHint'))),
      el('fieldset', {}, el('legend', {}, t('schedule.agenda')), field(t('schedule.template'), this.template, t('schedule.templateHint')),
        this.templateAbout, this.agendaList, this.agendaTotal, this.addPhase),
      el('fieldset', {}, el('legend', {}, t('schedule.questions')), field(t('schedule.deck'), this.deck),
        this.promptList, this.addPrompt),
      existing ? null : el('fieldset', {}, el('legend', {}, t('schedule.people')),
        this.peopleList, this.addPerson),
      // A double click's second click is no second press: it scheduled the session twice (or
      // took a passed start without the second look it asks for).
      el('div', { className: 'row' }, el('button', { type: 'submit', id: 'schedule-submit', textContent: existing ? t('schedule.save') : t('schedule.submit'),
        on: { click: (e) => { if (repeatedClick(e)) e.preventDefault(); } } })),
      this.status);
    replaceChildren(this.root, form);
    // Leaving the page (reload, closing the tab) with the form half filled asks first: a reload
    // dropped everything typed without a word. The console's own views and Back ask through
    // `dirty` (console.js).
    this.dirty = false;
    form.addEventListener('input', () => { this.dirty = true; });
    // Rows added, removed or moved by their buttons are changes too: only typing asked before
    // leaving, and a reordered agenda was lost without a word (a console audit).
    form.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('button[type=button]')) this.dirty = true;
    });
    const unsaved = (e) => {
      if (!this.root.isConnected) { window.removeEventListener('beforeunload', unsaved); return; }
      if (this.dirty) { e.preventDefault(); e.returnValue = ''; }
    };
    window.addEventListener('beforeunload', unsaved);
    if (existing) {
      // Phases that have started cannot change (the server answers 409); the rest are editable.
      this.phases = this.ownPhases();
      this.prompts = this.ownPrompts();
      this.renderAgenda();
      this.renderPrompts();
    } else if (this.copyOf) {
      this.copyFrom(this.copyOf);
      if (this.workshop) { this.loadTemplate(); this.loadDeck(); }
    } else {
      this.loadTemplate();
      this.loadDeck();
      this.renderPeople();
    }
    this.title.focus();
  }

  /**
   * The agenda (phases with their linked questions and purposes), questions (with their ids,
   * which the phases link to) and people of `session` (co-facilitators too), but not its owner's
   * own facilitator participant (the one who schedules is added by the server) nor any ids of
   * its own. Its `autoStart` and note buffers go with it too (`build`, `create`).
   */
  copyFrom(session) {
    this.phases = copiedPhases(session);
    this.prompts = copiedPrompts(session);
    // The source's owner is invited first and the server adds whoever schedules the copy; any
    // other facilitator (a co-facilitator) is copied like everyone else.
    const owner = session.participants?.[0]?.role === 'facilitator' ? session.participants[0] : null;
    const people = (session.participants || []).filter((p) => p !== owner).map((p) => ({ name: p.name, role: p.role }));
    this.people = people.length ? people : [{ name: '', role: this.newRole }];
    this.renderAgenda();
    this.renderPrompts();
    this.renderPeople();
  }

  /** The phases of the session being edited, as they are, or of the one copied (`copiedPhases`). */
  ownPhases() {
    return this.existing ? (this.existing.agenda || []).map((p) => ({ ...p })) : copiedPhases(this.copyOf);
  }

  /** The questions of the session being edited, as they are, or of the one copied (`copiedPrompts`). */
  ownPrompts() {
    return this.existing ? (this.existing.prompts?.deck || []).map((p) => ({ ...p })) : copiedPrompts(this.copyOf);
  }

  loadTemplate() {
    const template = this.templates.find((x) => x.id === this.template.value);
    this.templateAbout.textContent = template?.description ?? '';
    // '' is the session's own agenda (edited or copied), taken again as it came.
    if (this.template.value === '') this.phases = this.ownPhases();
    else this.phases = (template?.phases || []).map((p) => ({ ...p }));
    this.chosen = { ...this.chosen, agenda: this.template.value };
    this.renderAgenda();
  }

  /**
   * Whether the phases (`agenda`) or questions (`prompts`) differ from the template or deck they
   * came from (the session's own, edited or copied, while that is the choice).
   */
  tailored(kind) {
    const phase = (p) => [p.title.trim(), p.kind, p.durationSec, p.turnMode, p.onTimeUp];
    const source = this.existing ?? this.copyOf;
    if (kind === 'agenda') {
      const from = this.chosen?.agenda === '' ? source?.agenda : this.templates.find((x) => x.id === this.chosen?.agenda)?.phases;
      return JSON.stringify((from || []).map(phase)) !== JSON.stringify(this.phases.map(phase));
    }
    const from = this.chosen?.prompts === '' ? source?.prompts?.deck : this.decks.find((x) => x.id === this.chosen?.prompts)?.prompts;
    return JSON.stringify((from || []).map((p) => p.text.trim())) !== JSON.stringify(this.prompts.map((p) => p.text.trim()));
  }

  loadDeck() {
    const deck = this.decks.find((x) => x.id === this.deck.value);
    this.chosen = { ...this.chosen, prompts: this.deck.value };
    if (this.deck.value === '') this.prompts = this.ownPrompts();
    else this.prompts = (deck?.prompts || []).map((p) => ({ text: p.text, theme: p.theme }));
    this.renderPrompts();
  }

  renderAgenda(focusIndex) {
    const fixed = this.fixedPhases || 0;
    const rows = this.phases.map((phase, index) => {
      // A phase that has started is shown as it is, with why it cannot change: offering its
      // fields got a 409 on Save, after the facilitator had retimed it.
      if (index < fixed) return this.startedPhaseRow(phase, index);
      // A renamed phase's row buttons say its new name (a screen reader heard "Remove phase 1
      // (Welcome…)" after it was renamed).
      const title = el('input', { type: 'text', value: phase.title, required: true, on: { input: (e) => {
        phase.title = e.target.value;
        this.relabelRow(e.target.closest('li'), t('schedule.phaseName', { n: index + 1, title: phase.title }));
      } } });
      // A length out of range is said at submit, not quietly made 1 minute (0, blank) or kept (700).
      // To the hundredth: a 90 s phase showed "2" (and became 120 s when that was typed back).
      const minutes = el('input', { type: 'number', min: 1, max: 600, step: 'any', value: Math.round((phase.durationSec || 60) / 0.6) / 100, className: 'narrow', on: { input: (e) => {
        const value = Number(e.target.value);
        phase.minutesError = e.target.value.trim() === '' || !(value >= 1 && value <= 600);
        if (!phase.minutesError) phase.durationSec = Math.round(value * 60);
        this.showTotal();
      } } });
      this.sayTotalWhenLeft(minutes);
      minutes.dataset.phaseMinutes = String(index);
      title.dataset.phaseTitle = String(index);
      const kind = select(KINDS, (k) => t(`kind.${k}`), phase.kind); kind.addEventListener('change', () => { phase.kind = kind.value; });
      const turn = select(TURN_MODES, (k) => t(`turnMode.${k}`), phase.turnMode); turn.addEventListener('change', () => { phase.turnMode = turn.value; });
      const up = select(TIME_UP, (k) => t(`timeUp.${k}`), phase.onTimeUp); up.addEventListener('change', () => { phase.onTimeUp = up.value; });
      const n = index + 1;
      return el('li', { className: 'edit-row' },
        field(t('schedule.phaseTitle', { n }), title), field(t('schedule.phaseMinutes', { n }), minutes),
        field(t('schedule.phaseKind', { n }), kind), field(t('schedule.phaseTurns', { n }), turn), field(t('schedule.phaseTimeUp', { n }), up),
        this.rowButtons('agenda', index, t('schedule.phaseName', { n, title: phase.title }), {
          moved: (to, count) => t('schedule.movedPhase', { title: phase.title, n: to, count }),
          removed: () => this.withTotal(t('schedule.removedPhase', { title: phase.title })) }, index === fixed));
    });
    replaceChildren(this.agendaList, rows);
    this.showTotal();
    if (focusIndex !== undefined) this.agendaList.children[focusIndex]?.querySelector('input')?.focus();
  }

  renderPrompts(focusIndex) {
    const rows = this.prompts.map((prompt, index) => {
      const n = index + 1;
      // The row's buttons and what is said after them name the question by its words, as they are
      // now: "Remove question 2" was said the same of every question, and after a removal the
      // focused "Remove question 2" was another question than the one just removed (an audit).
      const text = el('textarea', { rows: 2, value: prompt.text, required: true, on: { input: (e) => {
        prompt.text = e.target.value;
        this.relabelRow(e.target.closest('li'), questionName(prompt, n));
      } } });
      return el('li', { className: 'edit-row' }, field(t('schedule.questionText', { n }), text),
        this.rowButtons('prompts', index, questionName(prompt, n), {
          moved: (to, count) => questionMoved(prompt, n, to, count),
          removed: () => questionRemoved(prompt, n) }));
    });
    replaceChildren(this.promptList, rows);
    if (focusIndex !== undefined) this.promptList.children[focusIndex]?.querySelector('textarea')?.focus();
  }

  renderPeople(focusIndex) {
    const rows = this.people.map((person, index) => {
      // Enter in a name goes on to the next person (a new row after the last one with a name),
      // as in a list: it sent the whole form with only the people typed so far.
      const name = el('input', { type: 'text', value: person.name, className: 'person-name', on: {
        input: (e) => {
          person.name = e.target.value;
          this.relabelRow(e.target.closest('li'), personName(person, index + 1));
        },
        keydown: (e) => {
          if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
          e.preventDefault();
          if (index + 1 < this.people.length) this.peopleList.children[index + 1]?.querySelector('input')?.focus();
          else if (person.name.trim()) { this.people.push({ name: '', role: this.newRole }); this.renderPeople(index + 1); }
        } } });
      const role = select(ROLES, (r) => t(`role.${r}`), person.role); role.className = 'person-role';
      role.addEventListener('change', () => { person.role = role.value; });
      const remove = this.rowButton('remove', t('schedule.remove'), t('schedule.removeName', { name: personName(person, index + 1) }), false,
        () => this.removeRow('people', index, () => personRemoved(person, index + 1)));
      return el('li', { className: 'edit-row' }, field(t('schedule.personName', { n: index + 1 }), name), field(t('schedule.personRole', { n: index + 1 }), role), remove);
    });
    replaceChildren(this.peopleList, rows);
    if (focusIndex !== undefined) this.peopleList.children[focusIndex]?.querySelector('input')?.focus();
  }

  /** The schedule form's editable lists by name: the items, the list element, its Add button and its redraw. */
  editable(kind) {
    if (kind === 'agenda') return { items: this.phases, element: this.agendaList, add: this.addPhase, render: () => this.renderAgenda() };
    if (kind === 'prompts') return { items: this.prompts, element: this.promptList, add: this.addPrompt, render: () => this.renderPrompts() };
    return { items: this.people, element: this.peopleList, add: this.addPerson, render: () => this.renderPeople() };
  }

  /** A phase that has started, read-only: its title, length and why it cannot change. */
  startedPhaseRow(phase, index) {
    const n = index + 1;
    return el('li', { className: 'edit-row started-phase', attrs: { 'data-started-phase': String(index) } },
      el('p', {}, el('strong', {}, t('schedule.startedPhase', { n, title: phase.title })), ' · ', agendaLength(phase.durationSec || 0)),
      el('p', { className: 'hint' }, t('schedule.phaseStarted')));
  }

  /**
   * Up / down / remove buttons for one row of the `kind` list. `moved(position, count)` and
   * `removed()` make what is said after a move or the removal; `first` says the row cannot move up
   * (the list's first, or the first after the phases that have started).
   */
  rowButtons(kind, index, name, { moved, removed }, first = index === 0) {
    const { items } = this.editable(kind);
    return el('div', { className: 'row move' },
      this.rowButton('up', t('control.up'), t('schedule.moveUp', { name }), first, () => this.moveRow(kind, index, -1, moved)),
      this.rowButton('down', t('control.down'), t('schedule.moveDown', { name }), index === items.length - 1, () => this.moveRow(kind, index, 1, moved)),
      this.rowButton('remove', t('schedule.remove'), t('schedule.removeName', { name }), false, () => this.removeRow(kind, index, removed)));
  }

  /** Gives the up, down and remove buttons of `row` the labels for `name`. */
  relabelRow(row, name) {
    const keys = { up: 'schedule.moveUp', down: 'schedule.moveDown', remove: 'schedule.removeName' };
    for (const [action, key] of Object.entries(keys)) row?.querySelector(`[data-row-action="${action}"]`)?.setAttribute('aria-label', t(key, { name }));
  }

  /** The agenda's length as tailored, under its phases: a 90-minute template became 85 without a sign. */
  showTotal() {
    this.agendaTotal.textContent = t('schedule.total', { time: agendaLength(this.totalSeconds()) });
  }

  totalSeconds() {
    return this.phases.reduce((sum, phase) => sum + (phase.durationSec || 0), 0);
  }

  /** `message` with the agenda's length after it ("Phase “Close” removed. Agenda now 85 min."). */
  withTotal(message) {
    return t('schedule.withTotal', { message, time: agendaLength(this.totalSeconds()) });
  }

  // The total under the phases is no live region: it would speak at every keystroke in a length.
  // A changed length says the new total once, when the field is left.
  sayTotalWhenLeft(minutes) {
    let before = null;
    minutes.addEventListener('focus', () => { before = this.totalSeconds(); });
    minutes.addEventListener('blur', () => {
      if (before !== null && before !== this.totalSeconds()) this.say(t('schedule.agendaNow', { time: agendaLength(this.totalSeconds()) }));
      before = null;
    });
  }

  /** A new phase at the end of the agenda, its title focused, and the new total said. */
  appendPhase() {
    this.phases.push({ title: t('schedule.newPhase'), kind: 'discussion', durationSec: 600, turnMode: 'queue', onTimeUp: 'overtime' });
    this.renderAgenda(this.phases.length - 1);
    this.say(this.withTotal(t('schedule.addedPhase', { n: this.phases.length })));
  }

  rowButton(action, text, label, disabled, click) {
    return el('button', { type: 'button', className: 'secondary', textContent: text, disabled,
      attrs: { 'aria-label': label, 'data-row-action': action }, on: { click } });
  }

  // The list is redrawn, so the pressed button is gone: focus follows the row to its new place
  // (the other arrow once this one is disabled at the end of the list), and the move is said.
  moveRow(kind, index, delta, moved) {
    const { items, render } = this.editable(kind);
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    [items[index], items[target]] = [items[target], items[index]];
    render();
    const [same, other] = delta < 0 ? ['up', 'down'] : ['down', 'up'];
    this.focusRow(kind, target, same, other);
    this.say(moved(target + 1, items.length));
  }

  // Focus goes to the Remove of the row that took the removed one's place, else the row before,
  // else the list's Add button: never to <body>. What is said is made now, after the removal:
  // made when the row was drawn, it named a phase by the title it had before it was renamed.
  removeRow(kind, index, removed) {
    const { items, render, add } = this.editable(kind);
    items.splice(index, 1);
    render();
    if (!this.focusRow(kind, Math.min(index, items.length - 1), 'remove')) add.focus();
    this.say(removed());
  }

  /** Focuses the first enabled of the row's buttons named by `actions`; false when there is none. */
  focusRow(kind, index, ...actions) {
    const row = this.editable(kind).element.children[index];
    const button = actions.map((action) => row?.querySelector(`[data-row-action="${action}"]`)).find((b) => b && !b.disabled);
    button?.focus();
    return !!button;
  }

  /**
   * Says `text` in the form's status line, emptied first so the same message twice is read twice.
   * Only the latest message is put in, and not over one written meanwhile (the form's problems,
   * when leaving a phase's length was a click on the submit button).
   */
  say(text) {
    const turn = (this.sayTurn ?? 0) + 1;
    this.sayTurn = turn;
    this.status.textContent = '';
    requestAnimationFrame(() => { if (this.sayTurn === turn && !this.status.textContent) this.status.textContent = text; });
  }

  /** `{template}` while the agenda is the chosen template's, untouched (it keeps purposes and question links), else `{agenda}`. */
  agendaOrTemplate(agenda, shape) {
    const template = this.templates.find((x) => x.id === this.template.value);
    const same = template && JSON.stringify((template.phases || []).map(shape)) === JSON.stringify(agenda);
    return same ? { template: template.id } : { agenda };
  }

  /** `{promptDeck}` while the questions are the chosen deck's, untouched, else `{prompts}`. */
  promptsOrDeck(prompts) {
    const deck = this.decks.find((x) => x.id === this.deck.value);
    const texts = (list) => JSON.stringify(list.map((p) => p.text.trim()));
    // The deck's own ids too: a copied session's questions may carry ids its phases link to.
    const sameIds = (list) => list.every((p, index) => !p.id || p.id === deck.prompts[index]?.id);
    const same = deck && texts(deck.prompts || []) === texts(prompts) && sameIds(prompts);
    return same ? { promptDeck: deck.id } : { prompts };
  }

  async submit() {
    // Pressed again while the first press is on its way: one session, not two.
    if (this.sending) return;
    const problems = [];
    const invalid = [];
    const check = (control, message) => {
      setFieldError(control, message || '');
      if (message) { problems.push(message); invalid.push(control); }
    };
    // Too long is said under the field too, with the form's name for it: the server's refusal
    // came at the foot of the form naming `hostSchool` (a console audit).
    for (const [control, key, label, max] of [[this.title, 'schedule.needTitle', 'schedule.title', MAX_NAME_CHARACTERS],
      [this.host, 'schedule.needHost', 'schedule.host', MAX_NAME_CHARACTERS], [this.focus, 'schedule.needFocus', 'schedule.focus', MAX_QUESTION_CHARACTERS]]) {
      if (control.disabled) continue;
      const count = [...control.value.trim()].length;
      check(control, !count ? t(key) : count > max ? t('schedule.fieldTooLong', { field: t(label), count, max }) : '');
    }
    // A cleared or half-typed date or time has an empty value: it was turned into no instant at
    // all and the button did nothing (a RangeError in the console).
    const start = this.started ? null : this.startProblem();
    if (!this.started) {
      check(this.date, start?.field === 'date' ? start.message : '');
      check(this.time, start?.field === 'time' ? start.message : '');
    }
    if (!this.existing) {
      const lobby = this.lobby.value.trim();
      check(this.lobby, lobby !== '' && Number.isInteger(Number(lobby)) && Number(lobby) >= 0 && Number(lobby) <= 1440 ? '' : t('schedule.needLobby'));
    }
    this.phases.forEach((phase, index) => {
      const title = this.agendaList.querySelector(`[data-phase-title="${index}"]`);
      const minutes = this.agendaList.querySelector(`[data-phase-minutes="${index}"]`);
      if (title && !title.disabled) check(title, phase.title.trim() ? '' : t('schedule.needPhaseTitle', { n: index + 1 }));
      if (minutes && !minutes.disabled) check(minutes, phase.minutesError ? t('schedule.needPhaseMinutes', { n: index + 1 }) : '');
    });
    if (this.phases.length === 0) problems.push(t('schedule.needPhase'));
    // Two people of the same name could not be told apart in the room (they would be shown
    // numbered, "Sam (1)" and "Sam (2)"): the form asks for something to tell them apart by.
    const names = this.existing ? [] : this.people.map((p) => p.name);
    const repeated = repeatedName(names);
    this.peopleList.querySelectorAll('input.person-name').forEach((input) => input.removeAttribute('aria-invalid'));
    if (repeated) {
      problems.push(t('schedule.sameName', { name: repeated.name }));
      const input = this.peopleList.children[repeated.index]?.querySelector('input.person-name');
      input?.setAttribute('aria-invalid', 'true');
      if (input) invalid.push(input);
    }
    // The server's limits on a name and a question, counted as it counts them (characters, not
    // UTF-16 units), checked here so the field is named as the form shows it and takes focus: a
    // paste probe's 204-character "Person 5 name" came back as "participants[2].name" (the blank
    // rows before it are not sent), with no field marked.
    const length = (text) => [...text.trim()].length;
    if (!this.existing) {
      this.people.forEach((person, index) => {
        const input = this.peopleList.children[index]?.querySelector('input.person-name');
        if (input && length(person.name) > MAX_NAME_CHARACTERS) {
          check(input, t('schedule.nameTooLong', { n: index + 1, count: length(person.name), max: MAX_NAME_CHARACTERS }));
        }
      });
    }
    this.prompts.forEach((prompt, index) => {
      const area = this.promptList.children[index]?.querySelector('textarea');
      if (area) check(area, length(prompt.text) > MAX_QUESTION_CHARACTERS
        ? t('schedule.questionTooLong', { n: index + 1, count: length(prompt.text), max: MAX_QUESTION_CHARACTERS }) : '');
    });
    // A start in the past opens the lobby at once, so every link works now: said, and taken
    // only when the same start is sent again (an edit that leaves a passed start as it was is
    // not asked about).
    const minute = (iso) => Math.floor(Date.parse(iso) / 60000);
    // Fields as loaded are the loaded start, even in a repeated hour's second occurrence, which
    // the fields read as the first (a time audit: the prompt named the other 01:30).
    const unchanged = this.existing && start?.iso && (!this.startMoved() || minute(start.iso) === minute(this.existing.startsAt));
    if (!problems.length && start?.past && !unchanged && this.pastStartAccepted !== start.iso) {
      this.pastStartAccepted = start.iso;
      check(this.date, t('schedule.startPassed', { when: formatInstant(start.iso, this.zone.value) }));
    }
    if (problems.length) {
      this.status.textContent = problems.join(' ');
      invalid[0]?.focus();
      invalid[0]?.scrollIntoView?.({ block: 'center' });
      return;
    }
    // Which form row each question and person sent is (blank rows are not sent), for refusals.
    const sentRows = (items, filled) => items.map((item, index) => (filled(item) ? index : -1)).filter((index) => index >= 0);
    this.sentRows = { prompts: sentRows(this.prompts, (p) => p.text.trim()), participants: sentRows(this.people, (p) => p.name.trim()) };
    const prompts = promptPayload(this.prompts);
    // Fields the form does not edit (a phase's linked question ids, its purpose) go back as they
    // came: dropping them would change the agenda, which the server refuses for a started phase.
    // Links to questions removed in the form go, or the server would refuse the unknown ids.
    // Both are always sent, none and null included: PATCH matches phases by position and keeps
    // what a phase leaves out, so a phase added and moved up took the purpose and questions of
    // the phase that had been at its place.
    const kept = new Set(prompts.map((p) => p.id).filter(Boolean));
    const shape = (p) => ({
      ...p, title: p.title, kind: p.kind, durationSec: p.durationSec, turnMode: p.turnMode, onTimeUp: p.onTimeUp,
      prompts: (p.prompts || []).filter((id) => kept.has(id)), purpose: p.purpose || null,
    });
    const agenda = this.phases.map(shape);
    this.sending = true;
    try {
      await (this.existing ? this.save(agenda, prompts, shape) : this.create(agenda, shape, prompts));
    } finally {
      this.sending = false;
    }
  }

  /**
   * Sends the edited session (PATCH); the form shows the server's refusal if there is one. The
   * agenda and questions go only when the form changed them, and then only if nobody changed
   * them on the server since the form opened: a question added live by a co-facilitator was
   * deleted by a title-only save made from a form opened before it (a console audit).
   */
  async save(agenda, prompts, shape) {
    this.status.textContent = t('schedule.saving');
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const sendAgenda = !same(agenda, (this.existing.agenda || []).map(shape));
    const sendPrompts = !same(prompts, promptPayload(this.existing.prompts?.deck || []));
    try {
      if (sendAgenda || sendPrompts) {
        const now = await this.api.session(this.existing.id);
        const changed = (sendAgenda && !same(now.agenda, this.existing.agenda)) || (sendPrompts && !same(now.prompts?.deck, this.existing.prompts?.deck));
        if (changed) {
          this.status.textContent = t('schedule.changedMeanwhile');
          return;
        }
      }
      const updated = await this.api.update(this.existing.id, {
        title: this.title.value.trim(), focus: this.focus.value.trim(),
        ...(this.started || !this.startMoved() ? {} : { startsAt: zonedToUTC(this.date.value, this.time.value, this.zone.value) }),
        timeZone: this.zone.value, ...(sendAgenda ? { agenda } : {}), ...(sendPrompts ? { prompts } : {}) });
      this.status.textContent = '';
      this.dirty = false;
      this.onScheduled({ session: updated, invites: [] });
    } catch (error) {
      // Never reached: the form keeps everything, and says it was the connection.
      if (error.status === 0) this.status.textContent = failureText(error, t);
      else this.refused(error.message);
    }
  }

  /** Whether the date, time or zone differ from the session's as loaded (``loadedStart``). */
  startMoved() {
    const loaded = this.loadedStart;
    return !loaded || loaded.date !== this.date.value || loaded.time !== this.time.value || loaded.zone !== this.zone.value;
  }

  /** Schedules the new session (POST); the form shows the server's refusal if there is one. */
  async create(agenda, shape, prompts) {
    const body = {
      title: this.title.value.trim(), hostSchool: this.host.value.trim(), focus: this.focus.value.trim(),
      startsAt: zonedToUTC(this.date.value, this.time.value, this.zone.value), timeZone: this.zone.value,
      ...this.agendaOrTemplate(agenda, shape), ...this.promptsOrDeck(prompts),
      participants: this.people.filter((p) => p.name.trim()).map((p) => ({ name: p.name.trim(), role: p.role })),
      lobbyOpensMinutesBefore: Number(this.lobby.value) || 0, autoStart: this.autoStart.checked,
      // A copy keeps its source's note buffers (the form has no editor for them).
      ...(this.copyOf?.notes?.length ? { notes: this.copyOf.notes.map(({ id, title }) => ({ id, title })) } : {}),
      ...(this.workshop && this.copyOf?.follows ? { followsSession: this.copyOf.follows } : {}),
    };
    this.status.textContent = t('schedule.sending');
    try {
      const created = await this.api.schedule(body);
      this.status.textContent = '';
      this.dirty = false;
      this.onScheduled(created);
    } catch (error) {
      // Never reached: the form keeps everything, and says it was the connection.
      if (error.status === 0) this.status.textContent = failureText(error, t);
      else this.refused(error.message);
    }
  }

  /**
   * Shows the server's refusal in the form's own words: its 0-based places ("agenda[2].title",
   * "phase 0 (…)") numbered as the form numbers them ("Phase 3 title", "Phase 1 (…)"), under the
   * field it names when it names one, which takes focus (the raw text sat under the button).
   */
  refused(message) {
    const text = formsNumbering(message, this.sentRows);
    this.status.textContent = t('error.api', { message: text });
    const place = /agenda\[(\d+)\]\.(title|durationSec)/.exec(message);
    const control = place && this.agendaList.querySelector(`[data-phase-${place[2] === 'title' ? 'title' : 'minutes'}="${place[1]}"]`);
    if (control) {
      setFieldError(control, text);
      control.focus();
    }
  }
}

/** The start of `text` to name it by: spaces run together, and past `max` characters cut at a word, with "…". */
function gist(text, max = QUESTION_GIST_CHARACTERS) {
  const plain = String(text ?? '').replace(/\s+/g, ' ').trim();
  const characters = [...plain];
  if (characters.length <= max) return plain;
  const cut = characters.slice(0, max).join('');
  const wordEnd = cut.lastIndexOf(' ');
  return `${(wordEnd > cut.length / 2 ? cut.slice(0, wordEnd) : cut).trimEnd()}…`;
}

/** How a question's row buttons name it: "question 2 (How do pupils…)", or "question 2" while blank. */
function questionName(prompt, n) {
  const text = gist(prompt.text);
  return text ? t('schedule.questionName', { n, text }) : t('schedule.questionNumber', { n });
}

function questionMoved(prompt, was, n, count) {
  const text = gist(prompt.text);
  return text ? t('schedule.movedQuestion', { text, n, count }) : t('schedule.movedQuestionNumber', { was, n, count });
}

function questionRemoved(prompt, n) {
  const text = gist(prompt.text);
  return text ? t('schedule.removedQuestion', { text }) : t('schedule.removedQuestionNumber', { n });
}

/** How a person's Remove button names them: "person 2 (Asha)", or "person 2" while unnamed. */
function personName(person, n) {
  const name = person.name.trim();
  return name ? t('schedule.personRowName', { n, name: isolatedName(name) }) : t('schedule.personNumber', { n });
}

function personRemoved(person, n) {
  const name = person.name.trim();
  return name ? t('schedule.removedPerson', { name: isolatedName(name) }) : t('schedule.removedPersonNumber', { n });
}

/** The questions as the API takes them: blank ones left out, each `{text, id?, theme?}`. */
export function promptPayload(items) {
  return items.filter((p) => p.text.trim()).map((p) => {
    const prompt = { text: p.text.trim() };
    if (p.id) prompt.id = p.id;
    if (p.theme) prompt.theme = p.theme;
    return prompt;
  });
}

/**
 * A server message with its 0-based agenda, question and people places as the form numbers them.
 * `rows` maps the places of what was sent to the form's rows (`{ prompts, participants }`): blank
 * rows are not sent, so the server's third person may be the form's fifth.
 */
export function formsNumbering(message, rows = {}) {
  const field = { title: 'title', durationSec: 'length', kind: 'kind', turnMode: 'turns', onTimeUp: 'time-up', prompts: 'questions', purpose: 'purpose' };
  const row = (list, n) => (rows[list]?.[Number(n)] ?? Number(n)) + 1;
  return String(message)
    .replace(/agenda\[(\d+)\](?:\.(\w+))?/g, (_, n, key) => `Phase ${Number(n) + 1}${key ? ` ${field[key] ?? key}` : ''}`)
    .replace(/prompts\[(\d+)\](?:\.text)?/g, (_, n) => `Question ${row('prompts', n)}`)
    .replace(/participants\[(\d+)\](?:\.(name|role))?/g, (_, n, key) => `Person ${row('participants', n)}${key ? ` ${key}` : ''}`)
    .replace(/\bphase (\d+)\b/g, (_, n) => `Phase ${Number(n) + 1}`);
}
