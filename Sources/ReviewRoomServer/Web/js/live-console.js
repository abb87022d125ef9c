// The console's live view: the room as the facilitator sees it, with the controls
// for the clock, the agenda, the floor, rounds and questions.
import { el, keepingFocus, replaceChildren } from './dom.js';
import { t } from './strings.js';
import { Announcer } from './announcer.js';
import { NotesView } from './notes-view.js';
import { RoomView } from './room-view.js';
import { joinSession } from './session-page.js';
import { field } from './schedule-form.js';

export class LiveConsole {
  constructor(main, { sessionId, token, banner, onFatal }) {
    this.controls = el('section', { className: 'panel controls', attrs: { 'aria-labelledby': 'controls-heading' } });
    const roomRoot = el('div', { className: 'live-room' });
    replaceChildren(main, el('div', { className: 'live-layout' }, this.controls, roomRoot));
    this.announcer = new Announcer();
    const { model, connection } = joinSession({
      hello: () => ({ facilitatorToken: token, session: sessionId }),
      banner,
      onReplayDone: () => this.notesView.resendPending(),
      onEphemeral: (msg) => this.room.ephemeral(msg),
      onFatal,
    });
    this.model = model;
    this.connection = connection;
    this.notesView = new NotesView(null, { model, connection, announce: (text) => this.announcer.say(text) });
    this.room = new RoomView(roomRoot, { model, connection, announcer: this.announcer, notesView: this.notesView });
    this.turnSec = 120;
    this.roundSec = 90;
    this.questionsOpen = false;
    // What the facilitator has chosen or typed but not sent yet survives every re-render.
    this.gotoChoice = null;
    this.grantChoice = null;
    this.newQuestion = '';
    model.subscribe((change) => { if (change.event?.name !== 'note.op') this.render(); });
    this.handle = { model, connection, notesView: this.notesView };
    connection.connect();
  }

  stop() { this.connection.stop(); }

  send(type, fields) { return this.room.send(type, fields); }

  button(label, type, fields, extra = {}) {
    return el('button', { type: 'button', className: extra.className || '', id: extra.id, textContent: label,
      attrs: { 'aria-keyshortcuts': extra.keys, 'data-focus-key': extra.focusKey }, disabled: extra.disabled, on: { click: () => this.send(type, fields) } });
  }

  render() {
    if (!this.model.session) return;
    keepingFocus(this.controls, () => this.renderControls(this.model.session));
  }

  renderControls(s) {
    const clock = s.clock || {};
    const status = clock.status;
    const ended = status === 'ended';
    const running = status === 'live';
    // Start, Pause and Resume take turns in one place: focus stays there as one gives way to the next.
    const clockRow = el('div', { className: 'row' },
      status === 'scheduled' || status === 'lobby' ? this.button(t('control.start'), 'session.start', {}, { id: 'control-start', focusKey: 'control-run' }) : null,
      running ? this.button(t('control.pause'), 'clock.pause', {}, { id: 'control-pause', focusKey: 'control-run' }) : null,
      status === 'paused' ? this.button(t('control.resume'), 'clock.resume', {}, { id: 'control-resume', focusKey: 'control-run' }) : null,
      ...[-300, -60, 60, 300].map((seconds) => this.button(t(seconds > 0 ? 'control.extendPlus' : 'control.extendMinus', { n: Math.abs(seconds) / 60 }), 'clock.extend', { seconds },
        { className: 'secondary', disabled: ended, id: `control-extend-${seconds < 0 ? 'minus' : 'plus'}-${Math.abs(seconds)}` })),
      el('button', { type: 'button', id: 'control-end', className: 'secondary danger', textContent: t('control.end'), disabled: ended,
        on: { click: () => { if (window.confirm(t('control.confirmEnd'))) this.send('session.end'); } } }));
    const agenda = s.agenda || [];
    const gotoIndex = this.gotoChoice !== null && this.gotoChoice < agenda.length ? this.gotoChoice : clock.phase;
    const goto = el('select', { id: 'control-goto', on: { change: (e) => { this.gotoChoice = Number(e.target.value); } } },
      agenda.map((p, i) => el('option', { value: i, selected: i === gotoIndex }, `${i + 1}. ${p.title}`)));
    const phaseRow = el('div', { className: 'row' },
      this.button(t('control.prev'), 'phase.prev', {}, { className: 'secondary', keys: 'P', disabled: ended || clock.phase === 0, id: 'control-prev' }),
      this.button(t('control.next'), 'phase.next', {}, { keys: 'N', disabled: ended || clock.phase >= agenda.length - 1, id: 'control-next' }),
      field(t('control.gotoLabel'), goto),
      el('button', { type: 'button', id: 'control-goto-go', className: 'secondary', textContent: t('control.goto'), disabled: ended,
        on: { click: () => this.send('phase.goto', { index: Number(goto.value) }).then((ack) => { if (ack) this.gotoChoice = null; }) } }));
    const floor = s.floor || {};
    const grantable = (s.participants || []).filter((p) => ['host', 'reviewer', 'facilitator'].includes(p.role));
    const who = el('select', { id: 'control-grant-who', on: { change: (e) => { this.grantChoice = e.target.value; } } },
      grantable.map((p) => el('option', { value: p.id, selected: p.id === this.grantChoice }, p.name)));
    const turn = el('input', { type: 'number', min: 10, max: 1800, value: this.turnSec, className: 'narrow', id: 'control-turn', on: { input: (e) => { this.turnSec = Number(e.target.value) || 120; } } });
    const roundSecs = el('input', { type: 'number', min: 10, max: 1800, value: this.roundSec, className: 'narrow', id: 'control-round-secs', on: { input: (e) => { this.roundSec = Number(e.target.value) || 90; } } });
    const floorRow = el('div', { className: 'row' },
      el('button', { type: 'button', id: 'control-next-speaker', textContent: t('control.nextSpeaker'), disabled: ended, on: { click: () => this.send('floor.next', { turnSec: Number(turn.value) }) } }),
      field(t('control.grantLabel'), who), field(t('control.turnLabel'), turn),
      el('button', { type: 'button', id: 'control-grant', className: 'secondary', textContent: t('control.grant'), disabled: ended, on: { click: () => this.send('floor.grant', { participant: who.value, turnSec: Number(turn.value) }) } }),
      el('button', { type: 'button', id: 'control-raise-for', className: 'secondary', textContent: t('control.raiseFor'), disabled: ended,
        on: { click: () => this.send('hand.raise', { kind: 'contribution', participant: who.value }) } }),
      floor.speaker ? this.button(t('control.release'), 'floor.release', {}, { className: 'secondary', id: 'control-release' }) : null);
    const queueRow = el('ul', { className: 'plain' }, (floor.queue || []).map((hand) => el('li', {},
      this.model.nameOf(hand.participant), ' ',
      el('button', { type: 'button', className: 'secondary', textContent: t('control.grantTo', { name: this.model.nameOf(hand.participant) }),
        attrs: { 'data-focus-key': `grant-to:${hand.participant}` }, on: { click: () => this.send('floor.grant', { participant: hand.participant, turnSec: Number(turn.value) }) } }),
      el('button', { type: 'button', className: 'secondary', textContent: t('control.lowerFor', { name: this.model.nameOf(hand.participant) }),
        attrs: { 'data-focus-key': `lower-for:${hand.participant}` }, on: { click: () => this.send('hand.lower', { participant: hand.participant }) } }))));
    const roundRow = el('div', { className: 'row' },
      floor.round ? this.button(t('control.roundStop'), 'round.stop', {}, { className: 'secondary', id: 'control-round-stop', focusKey: 'control-round' })
        : el('button', { type: 'button', id: 'control-round-start', className: 'secondary', textContent: t('control.roundStart'), disabled: ended,
          attrs: { 'data-focus-key': 'control-round' }, on: { click: () => this.send('round.start', { secondsEach: Number(roundSecs.value) }) } }),
      floor.round ? null : field(t('control.roundSecs'), roundSecs));
    replaceChildren(this.controls,
      el('h2', { id: 'controls-heading', textContent: t('control.heading') }),
      el('h3', {}, t('control.clock')), clockRow,
      el('h3', {}, t('control.agenda')), phaseRow,
      el('h3', {}, t('control.floor')), floorRow, queueRow, roundRow,
      this.questions(s, ended));
  }

  /** The questions list (show/hide, discussed) and the form that adds one. */
  questions(s, ended) {
    const prompts = s.prompts || { deck: [], discussed: [] };
    const discussed = new Set(prompts.discussed || []);
    const promptItems = (prompts.deck || []).map((q) => {
      const shown = prompts.current === q.id;
      const box = el('input', { type: 'checkbox', checked: discussed.has(q.id), disabled: ended, attrs: { 'data-focus-key': `discussed:${q.id}` },
        on: { change: (e) => this.send('prompt.discussed', { prompt: q.id, discussed: e.target.checked }) } });
      return el('li', { className: shown ? 'current' : '' },
        el('span', {}, q.text), shown ? el('span', { className: 'badge' }, t('control.shown')) : null,
        el('div', { className: 'row' },
          shown ? this.button(t('control.hide'), 'prompt.hide', {}, { className: 'secondary', focusKey: `show:${q.id}` })
            : this.button(t('control.show'), 'prompt.show', { prompt: q.id }, { className: 'secondary', disabled: ended, focusKey: `show:${q.id}` }),
          el('label', { className: 'check' }, box, ' ', t('control.discussed'))));
    });
    const newQuestion = el('input', { type: 'text', id: 'control-new-question', value: this.newQuestion,
      on: { input: (e) => { this.newQuestion = e.target.value; } } });
    const add = (e) => {
      e.preventDefault();
      const text = this.newQuestion.trim();
      // A refused question stays in the field to be fixed and sent again.
      if (text) this.send('prompt.add', { text }).then((ack) => { if (ack && this.newQuestion.trim() === text) this.setNewQuestion(''); });
    };
    const addForm = el('form', { className: 'row', on: { submit: add } },
      field(t('control.newQuestion'), newQuestion),
      el('button', { type: 'submit', id: 'control-add-question', className: 'secondary', textContent: t('control.addQuestion'), disabled: ended }));
    return el('details', { open: this.questionsOpen, on: { toggle: (e) => { this.questionsOpen = e.target.open; } } },
      el('summary', { id: 'control-questions' }, t('control.questions')), el('ol', { className: 'prompt-list' }, promptItems), addForm);
  }

  setNewQuestion(text) {
    this.newQuestion = text;
    const input = this.controls.querySelector('#control-new-question');
    if (input) input.value = text;
  }
}
