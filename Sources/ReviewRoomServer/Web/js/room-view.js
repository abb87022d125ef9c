// The live room: clock and agenda, floor and queue, question, participants,
// signals and speaking time. Used by the reviewer page and the console.
import { el, keepingFocus, replaceChildren, typingInField } from './dom.js';
import { t } from './strings.js';
import { formatCountdown, formatDuration, formatTimeOfDay, spokenMinutes } from './timefmt.js';

export class RoomView {
  constructor(root, { model, connection, announcer, notesView }) {
    this.root = root;
    this.model = model;
    this.connection = connection;
    this.announcer = announcer;
    this.notesView = notesView;
    this.lastSpeaker = null;
    this.lastPhase = null;
    this.lastStatus = null;
    this.signals = [];
    this.build();
    model.subscribe((change) => this.changed(change));
    document.addEventListener('keydown', (event) => this.shortcut(event));
    setInterval(() => this.tick(), 250);
  }

  build() {
    this.header = el('header', { className: 'room-header' });
    this.clock = el('section', { className: 'panel clock-panel', attrs: { 'aria-labelledby': 'clock-heading' } });
    this.agenda = el('section', { className: 'panel', attrs: { 'aria-labelledby': 'agenda-heading' } });
    this.floor = el('section', { className: 'panel', attrs: { 'aria-labelledby': 'floor-heading' } });
    this.prompt = el('section', { className: 'panel', attrs: { 'aria-labelledby': 'prompt-heading' } });
    this.people = el('section', { className: 'panel', attrs: { 'aria-labelledby': 'people-heading' } });
    this.signalPanel = el('section', { className: 'panel', attrs: { 'aria-labelledby': 'signals-heading' } });
    this.notesPanel = el('section', { className: 'panel notes-panel', attrs: { 'aria-labelledby': 'notes-heading' } });
    this.shortcuts = el('section', { className: 'panel shortcuts', attrs: { 'aria-labelledby': 'keys-heading' } });
    this.countdown = el('p', { className: 'countdown', attrs: { role: 'timer', 'aria-live': 'off' } });
    this.turnCountdown = el('p', { className: 'turn-countdown', attrs: { role: 'timer', 'aria-live': 'off' } });
    replaceChildren(this.root, this.header,
      el('div', { className: 'room-grid' },
        // On a phone the first column comes first: time, the floor (raise hand) and the question.
        el('div', { className: 'column' }, this.clock, this.floor, this.prompt),
        el('div', { className: 'column' }, this.agenda, this.signalPanel, this.people)),
      this.notesPanel, this.shortcuts);
    if (this.notesView) this.notesView.root = this.notesPanel;
  }

  changed(change) {
    if (change.kind === 'welcome') {
      this.lastPhase = this.model.session.clock?.phase ?? null;
      this.lastStatus = this.model.session.clock?.status ?? null;
      this.lastSpeaker = this.model.session.floor?.speaker ?? null;
      if (this.notesView) keepingFocus(this.notesPanel, () => this.notesView.welcome());
    }
    if (change.kind === 'event') {
      this.announceEvent(change.event);
      if (change.event.name === 'note.op') return; // the notes view redraws itself
    }
    this.render();
  }

  announceEvent(event) {
    const s = this.model.session;
    const data = event.data || {};
    const phaseTitle = (index) => s.agenda?.[index]?.title ?? '';
    switch (event.name) {
      case 'clock.changed': {
        const clock = data.clock || {};
        if (clock.phase !== this.lastPhase) this.announcer.say(t('announce.phase', { phase: phaseTitle(clock.phase) }));
        else if (clock.status !== this.lastStatus) this.announcer.say(t(`announce.status.${clock.status}`));
        this.lastPhase = clock.phase;
        this.lastStatus = clock.status;
        this.notesView?.updateReadOnly();
        break;
      }
      case 'clock.warning': this.announcer.say(t('announce.warning', { phase: phaseTitle(data.phase), time: spokenMinutes(data.remainingSec ?? 60) })); break;
      case 'clock.timeUp': this.announcer.say(t('announce.timeUp', { phase: phaseTitle(data.phase) }), true); break;
      case 'floor.timeUp':
        if (data.participant === this.model.you?.id) this.announcer.say(t('announce.turnOver'), true);
        break;
      case 'floor.changed': {
        const speaker = data.floor?.speaker ?? null;
        if (speaker && speaker === this.model.you?.id && this.lastSpeaker !== speaker) this.announcer.say(t('announce.yourFloor'), true);
        else if (speaker && speaker !== this.lastSpeaker) this.announcer.say(t('announce.speaker', { name: this.model.nameOf(speaker) }));
        this.lastSpeaker = speaker;
        break;
      }
      case 'prompts.changed': {
        const q = this.model.currentPrompt;
        if (q) this.announcer.say(t('announce.question', { text: q.text }));
        break;
      }
      case 'note.op': this.notesView?.event(data); break;
      default: break;
    }
  }

  /** An ephemeral message. */
  ephemeral(msg) {
    if (msg.type === 'presence') { this.model.presence(msg.online); this.notesView?.notes.forEach((_, id) => this.notesView.renderCursors(id)); }
    else if (msg.type === 'cursor') this.notesView?.cursor(msg);
    else if (msg.type === 'hint') this.notesView?.hint(msg);
    else if (msg.type === 'signal') {
      this.signals.unshift({ by: msg.by, kind: msg.kind, at: Date.now() });
      this.signals.length = Math.min(this.signals.length, 6);
      keepingFocus(this.signalPanel, () => this.renderSignals());
    }
  }

  render() {
    const s = this.model.session;
    if (!s) return;
    keepingFocus(this.root, () => {
      this.renderHeader(s);
      this.renderClock(s);
      this.renderAgenda(s);
      this.renderFloor(s);
      this.renderPrompt();
      this.renderPeople(s);
      this.renderSignals();
      this.renderShortcuts();
      this.tick();
    });
  }

  renderHeader(s) {
    const you = this.model.you;
    replaceChildren(this.header,
      el('h1', { textContent: s.title }),
      el('p', { className: 'meta' }, t('room.host', { school: s.hostSchool })),
      el('p', { className: 'focus' }, el('strong', {}, t('room.focus')), ' ', s.focus),
      you ? el('p', { className: 'meta' }, t('room.you', { name: you.name, role: t(`role.${you.role}`) })) : null);
    document.title = t('room.pageTitle', { title: s.title });
  }

  renderClock(s) {
    const phase = this.model.phase;
    const clock = s.clock || {};
    const status = el('p', { className: `status status-${clock.status}` }, t(`status.${clock.status}`));
    replaceChildren(this.clock,
      el('h2', { id: 'clock-heading', textContent: t('clock.heading') }),
      el('p', { className: 'phase-title', attrs: { 'data-testid': 'phase-title' } }, phase ? phase.title : t('clock.noPhase')),
      phase?.purpose ? el('p', { className: 'purpose' }, phase.purpose) : null,
      status, this.countdown);
  }

  renderAgenda(s) {
    const current = s.clock?.phase;
    const items = (s.agenda || []).map((phase, index) => {
      const isNow = index === current;
      return el('li', { className: isNow ? 'current' : '', attrs: { 'aria-current': isNow ? 'step' : null } },
        el('span', { className: 'phase-name' }, phase.title),
        ' ', el('span', { className: 'meta' }, t('agenda.minutes', { n: Math.round((phase.durationSec || 0) / 60) })),
        isNow ? el('span', { className: 'badge' }, t('agenda.now')) : null,
        phase.purpose ? el('span', { className: 'purpose' }, phase.purpose) : null);
    });
    replaceChildren(this.agenda, el('h2', { id: 'agenda-heading', textContent: t('agenda.heading') }), el('ol', { className: 'agenda' }, items));
  }

  renderFloor(s) {
    const floor = s.floor || { queue: [] };
    const me = this.model.you?.id;
    const speaker = floor.speaker;
    const queue = floor.queue || [];
    const mine = queue.find((h) => h.participant === me);
    const items = queue.map((hand, index) => el('li', { attrs: { 'data-participant': hand.participant } },
      t('floor.position', { n: index + 1 }), ' ', el('strong', {}, this.model.nameOf(hand.participant)), ' ',
      el('span', { className: `badge kind-${hand.kind}` }, t(`hand.${hand.kind}`))));
    const canRaise = this.model.canEdit;
    const buttons = [];
    if (canRaise) {
      buttons.push(el('button', { type: 'button', id: 'raise-hand', textContent: mine ? t('floor.lower') : t('floor.raise'),
        attrs: { 'aria-keyshortcuts': 'H' }, on: { click: () => this.toggleHand('contribution') } }));
      if (!mine) buttons.push(el('button', { type: 'button', id: 'respond', className: 'secondary', textContent: t('floor.respond'),
        attrs: { 'aria-keyshortcuts': 'R' }, on: { click: () => this.toggleHand('response') } }));
      if (floor.round && speaker === me) buttons.push(el('button', { type: 'button', id: 'pass', className: 'secondary', textContent: t('floor.pass'), on: { click: () => this.send('round.pass') } }));
      if (speaker === me && !floor.round) buttons.push(el('button', { type: 'button', id: 'release-floor', className: 'secondary', textContent: t('floor.release'), on: { click: () => this.send('floor.release') } }));
    }
    const round = floor.round ? el('p', { className: 'meta' }, t('floor.round', {
      n: floor.round.index + 1, total: (floor.round.order || []).length, secs: floor.round.secondsEach })) : null;
    replaceChildren(this.floor,
      el('h2', { id: 'floor-heading', textContent: t('floor.heading') }),
      el('p', { className: 'speaker', attrs: { 'data-testid': 'speaker' } },
        speaker ? t(speaker === me ? 'floor.youSpeaking' : 'floor.speaking', { name: this.model.nameOf(speaker) }) : t('floor.nobody')),
      this.turnCountdown, round,
      el('h3', { textContent: t('floor.queue') }),
      items.length ? el('ol', { className: 'queue', attrs: { 'data-testid': 'queue' } }, items) : el('p', { className: 'meta', attrs: { 'data-testid': 'queue' } }, t('floor.emptyQueue')),
      el('div', { className: 'row' }, buttons));
  }

  renderPrompt() {
    const q = this.model.currentPrompt;
    replaceChildren(this.prompt, el('h2', { id: 'prompt-heading', textContent: t('prompt.heading') }),
      el('p', { className: 'question', attrs: { 'data-testid': 'question' } }, q ? q.text : t('prompt.none')));
  }

  renderPeople(s) {
    const spoken = s.floor?.spokenSec || {};
    const max = Math.max(60, ...Object.values(spoken));
    const items = (s.participants || []).filter((p) => p.role !== 'display').map((p) => {
      const online = this.model.online.has(p.id);
      const secs = spoken[p.id] || 0;
      const bar = el('span', { className: 'bar-fill' });
      bar.style.width = `${Math.round((secs / max) * 100)}%`;
      return el('li', { className: online ? 'online' : 'offline' },
        el('span', { className: 'presence', attrs: { 'aria-hidden': 'true' } }, online ? '●' : '○'),
        ' ', el('strong', {}, p.name), ' ', el('span', { className: 'meta' }, t(`role.${p.role}`), ' · ', online ? t('people.online') : t('people.offline')),
        el('span', { className: 'bar', attrs: { 'aria-hidden': 'true' } }, bar),
        el('span', { className: 'meta spoken' }, t('people.spoken', { time: formatDuration(secs) })));
    });
    replaceChildren(this.people, el('h2', { id: 'people-heading', textContent: t('people.heading') }), el('ul', { className: 'people' }, items));
  }

  renderSignals() {
    const canSignal = this.model.you && this.model.you.role !== 'display' && this.model.session?.clock?.status !== 'ended';
    const buttons = canSignal ? ['agree', 'clarify', 'slower', 'time'].map((kind) => el('button', {
      type: 'button', id: `signal-${kind}`, className: 'secondary', textContent: t(`signal.${kind}`),
      on: { click: () => this.send('signal', { kind }) } })) : [];
    const recent = this.signals.map((s) => el('li', {}, t('signal.from', { name: this.model.nameOf(s.by), kind: t(`signal.${s.kind}`) })));
    replaceChildren(this.signalPanel, el('h2', { id: 'signals-heading', textContent: t('signal.heading') }),
      el('div', { className: 'row' }, buttons), el('ul', { className: 'signals', attrs: { 'aria-label': t('signal.recent') } }, recent));
  }

  renderShortcuts() {
    const keys = this.model.canEdit ? [['H', t('keys.hand')], ['R', t('keys.respond')]] : [];
    if (this.model.isFacilitator && this.model.session?.clock?.status !== 'ended') keys.push(['N', t('keys.next')], ['P', t('keys.prev')]);
    if (keys.length === 0) { replaceChildren(this.shortcuts); this.shortcuts.hidden = true; return; }
    this.shortcuts.hidden = false;
    replaceChildren(this.shortcuts, el('h2', { id: 'keys-heading', textContent: t('keys.heading') }),
      el('dl', { className: 'keys' }, keys.map(([k, what]) => [el('dt', {}, el('kbd', {}, k)), el('dd', {}, what)])),
      el('p', { className: 'meta' }, t('keys.note')));
  }

  tick() {
    const s = this.model.session;
    if (!s) return;
    const now = this.connection.serverNow();
    const clock = s.clock || {};
    const remaining = this.model.remainingSec(now);
    let text;
    if (clock.status === 'ended') text = t('clock.ended');
    else if (clock.status === 'scheduled' || clock.status === 'lobby') text = t('clock.startsAt', { time: formatTimeOfDay(s.startsAt, s.timeZone) });
    else text = formatCountdown(remaining);
    if (this.countdown.textContent !== text) this.countdown.textContent = text;
    this.countdown.classList.toggle('overtime', remaining < 0 && clock.status !== 'ended');
    const turn = this.model.turnRemainingSec(now);
    const turnText = turn === null ? '' : (turn >= 0 ? t('floor.turnLeft', { time: formatDuration(turn) }) : t('floor.turnOver'));
    if (this.turnCountdown.textContent !== turnText) this.turnCountdown.textContent = turnText;
  }

  toggleHand(kind) {
    const me = this.model.you?.id;
    const raised = (this.model.session?.floor?.queue || []).some((h) => h.participant === me);
    if (raised) this.send('hand.lower', { participant: me });
    else this.send('hand.raise', { kind });
  }

  shortcut(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event) || !this.model.session) return;
    const key = event.key.toLowerCase();
    if (key === 'h' && this.model.canEdit) { event.preventDefault(); this.toggleHand('contribution'); }
    else if (key === 'r' && this.model.canEdit) { event.preventDefault(); this.toggleHand('response'); }
    else if (key === 'n' && this.model.isFacilitator) { event.preventDefault(); this.send('phase.next'); }
    else if (key === 'p' && this.model.isFacilitator) { event.preventDefault(); this.send('phase.prev'); }
  }

  /** Sends a command; a refusal is announced with the server's message. */
  send(type, fields = {}) {
    return this.connection.command(type, fields).catch((error) => {
      this.announcer.say(error.code === 'offline' ? t('conn.notSent') : t('error.refused', { message: error.message }), true);
    });
  }
}
