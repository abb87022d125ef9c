// The console's live view: the room as the facilitator sees it, with the controls
// for the clock, the agenda, the floor, rounds and questions.
import { Api, failureText } from './api.js';
import { downloadBlob, el, keepingFocus, morphChildren, repeatedClick, replaceChildren } from './dom.js';
import { recordFileName } from './download-names.js';
import { openRecordTab } from './record-tab.js';
import { t } from './strings.js';
import { Announcer } from './announcer.js';
import { NotesView } from './notes-view.js';
import { RoomView, commandFailureText } from './room-view.js';
import { keyShortcuts } from './room-rules.js';
import { joinSession, EditsKeptNotice } from './session-page.js';
import { field } from './schedule-form.js';
import { RoundOrder } from './round-order.js';
import { QuestionControls } from './question-controls.js';
import { PhaseUndo } from './phase-undo.js';
import { RecentEvents, isNewSpeaker, isPhaseMove } from './recent-events.js';
import { LateCommands } from './late-commands.js';
import { UncertainCommands } from './uncertain-commands.js';
import { NextFrame } from './next-frame.js';
import { controlsGlance } from './controls-glance.js';
import { FloorQueueButtons } from './floor-queue-buttons.js';
import { formatDuration } from './timefmt.js';
import { ControlsFit } from './controls-fit.js';
import { KeptEdits } from './kept-edits.js';
import { JustChanged } from './just-changed.js';
import { moverKey, moverOf } from './movers.js';
import { phaseMoveMayEndRound } from './round-confirm.js';

// After a control's command is answered it stays unavailable this long, so the second click
// of a double click (or a quick repeat) does not land on it, or on what replaced it, again.
const HOLD_MS = 400;
// A phase move is held longer: a nervous second press half a second after the first ("it did
// not react") moved the room on two phases, skipping one (a usability audit). Two phases on
// purpose is "Go to phase". A round's Start gives way to its Stop in the same place (focus stays
// there): pressed again within 2 s it stopped the round it had just started, everyone's place
// lost with no Undo (a keyboard audit: Enter, then Enter 0.5-1.6 s later).
const HOLD_MS_BY_SLOT = { phase: 1200, round: 2000 };
const TURN_RANGE = { min: 10, max: 1800 };

/**
 * The seconds a length field's text says: digits, or digits with a unit as dictation writes
 * them ("90 seconds", "90 s", "2 minutes", "2 min"); NaN for anything else.
 */
export function spokenSeconds(text) {
  const match = /^(\d+)\s*(s|secs?|seconds?|m|mins?|minutes?)?\.?$/i.exec(text.trim());
  if (!match) return NaN;
  return Number(match[1]) * (match[2] && match[2][0].toLowerCase() === 'm' ? 60 : 1);
}

export class LiveConsole {
  /**
   * Joins with the facilitator API `token` and `sessionId` (the owner, signed in), or with
   * `hello()` (a co-facilitator's invite token); `api` is null when there is no API token, and
   * what needs it (Reword, Remove) is then not offered; `inviteToken` is the co-facilitator's (for
   * the record after the end). `onRevoked(participantId)` follows a removal. With
   * `focusHeading`, the session's h1 takes focus once drawn (the button that opened the view is
   * gone).
   */
  constructor(main, { sessionId = null, token, hello, api = null, inviteToken = null, banner, onFatal, onWelcome, onRevoked = null, focusHeading = false }) {
    this.sessionId = sessionId;
    this.api = api;
    this.onRevoked = onRevoked; // after `removePerson`: the participant id whose link this browser should forget
    this.inviteApi = inviteToken ? new Api(inviteToken) : null;
    this.controls = el('section', { className: 'panel controls', attrs: { 'aria-labelledby': 'controls-heading' } });
    const roomRoot = el('div', { className: 'live-room' });
    replaceChildren(main, el('div', { className: 'live-layout' }, this.controls, roomRoot));
    this.fit = new ControlsFit(this.controls);
    this.announcer = new Announcer();
    const { model, connection, lossSaid } = joinSession({
      hello: hello ?? (() => ({ facilitatorToken: token, session: sessionId })),
      banner,
      // Connection lost / back is said once through the console's own live region.
      announce: (text) => this.announcer.say(text),
      onLossSaid: () => this.showEditsKept(),
      onReplayDone: () => { this.notesView.replayDone(); this.room.replayDone(); this.uncertain.settle({ replayed: true }); },
      onEphemeral: (msg) => this.room.ephemeral(msg),
      onFatal,
      onWelcome,
      // Offline with unsent notes, the banner says they are kept, as on the room page (the
      // console said only "Connection lost – reconnecting…").
      onStatus: (state) => {
        if (state === 'online') this.editsKept?.online(); else this.showEditsKept();
        this.room?.statusChanged(state);
        this.notesView?.connectionChanged();
      },
    });
    this.model = model;
    this.connection = connection;
    this.lossSaid = lossSaid;
    this.editsKept = new EditsKeptNotice(banner, (text) => this.announcer.say(text));
    this.notesView = new NotesView(null, { model, connection, announce: (text) => this.announcer.say(text), keepRemovals: true,
      onLocalEdit: () => this.showEditsKept(), onAllSaved: () => this.editsKept?.allSaved(this.connection), kept: new KeptEdits() });
    this.queueButtons = new FloorQueueButtons(this);
    // The phase keys go through the same hold as the buttons (and offer the same Undo).
    this.room = new RoomView(roomRoot, { model, connection, announcer: this.announcer, notesView: this.notesView, inConsole: true,
      onPhaseKey: (type) => this.movePhase(type), onConsoleKey: (action) => this.pressFor(action),
      onTick: (session, now) => this.showGlance(session, now), queueActions: this.queueButtons,
      removePerson: this.api && this.sessionId ? (participant) => this.removePerson(participant) : null });
    this.queueButtons.attach(this.room.floor, () => this.room.drawing.request());
    // The room at a glance above the controls: on a tablet the room's clock, floor and queue
    // were a screen or two below the buttons, read only by scrolling away from them (a probe).
    this.glance = el('p', { className: 'controls-glance', id: 'controls-glance' });
    // On one column it stays at the top of the screen (app.css): what focus is brought to is
    // kept clear of it by its height, which grows as a long phase title wraps.
    this.glanceSize = new ResizeObserver(() => {
      document.documentElement.style.setProperty('--glance-height', `${Math.ceil(this.glance.offsetHeight)}px`);
    });
    this.glanceSize.observe(this.glance);
    // The session's title is the page's h1: it comes first, above the controls and the room (the
    // outline used to start with "Run the session" and its parts, and reach the h1 after them).
    main.prepend(this.room.header);
    this.focusHeading = focusHeading;
    // The heading and the room's refusal line stay put; only the controls below them are redrawn
    // (a live region re-inserted at every redraw could be read again). The refusal line moves
    // here, beside the buttons whose commands it reports.
    this.controlsBody = el('div', { className: 'controls-body' });
    replaceChildren(this.controls, el('h2', { id: 'controls-heading', textContent: t('control.heading'), attrs: { tabindex: '-1' } }),
      this.glance, this.refusalSlot(), this.controlsBody);
    /** Controls waiting for their command's answer (value null) or in the pause after it (a timer). */
    this.holds = new Map();
    // The length fields keep what was typed, as typed: it is read and checked only when sent.
    this.turn = { text: '120', error: null };
    this.roundSecs = { text: '90', error: null };
    // What the facilitator has chosen or typed but not sent yet survives every re-render.
    this.gotoChoice = null;
    this.grantChoice = null;
    this.roundOrder = new RoundOrder();
    this.questions = new QuestionControls(this);
    this.recent = new RecentEvents(model, connection);
    this.phaseUndo = new PhaseUndo(this);
    this.late = new LateCommands(this);
    this.justChanged = new JustChanged();
    this.uncertain = new UncertainCommands(this);
    // A burst of events is drawn twice, as in the room view; a lone event as it comes, a welcome at once.
    this.drawing = new NextFrame(() => this.render(), { leading: true });
    this.unsubscribe = model.subscribe((change) => {
      this.recent.observe(change);
      this.phaseUndo.observe(change);
      if (change.kind === 'welcome') this.render();
      else if (change.event?.name !== 'note.op') this.drawing.request();
      if (change.kind === 'welcome') { this.takeFocusOnce(); this.uncertain.settle({ replayed: false }); }
    });
    this.handle = { model, connection, notesView: this.notesView, announcer: this.announcer, phaseUndo: this.phaseUndo, justChanged: this.justChanged };
    connection.connect();
  }

  /** The glance line (`controlsGlance`), redrawn at each tick of the room's clock. */
  showGlance(s, now) {
    const text = controlsGlance(s, { now, remainingSec: (at) => this.model.remainingSec(at), nameOf: (id) => this.model.nameOf(id), online: this.model.online });
    if (this.glance.textContent !== text) this.glance.textContent = text;
  }

  /** Puts focus on the session's h1 after the first welcome, unless the facilitator has put it somewhere meanwhile. */
  takeFocusOnce() {
    if (!this.focusHeading) return;
    this.focusHeading = false;
    if (!document.activeElement || document.activeElement === document.body) this.room.header.querySelector('h1')?.focus();
  }

  /** Stops everything this view started: connection, room view, hold timers, live regions. */
  /** The banner's "your edits are kept" line, while offline with unsent notes. */
  showEditsKept() { this.editsKept?.update(this.connection, this.notesView, { lossSaid: this.lossSaid?.() ?? true }); }

  stop() {
    this.stopped = true;
    this.glanceSize.disconnect();
    this.fit.stop();
    for (const timer of this.holds.values()) clearTimeout(timer);
    this.holds.clear();
    this.phaseUndo.stop();
    this.recent.stop();
    this.drawing.cancel();
    this.unsubscribe?.();
    this.room?.stop?.();
    this.notesView?.stop?.();
    this.connection.stop();
    this.announcer.remove();
  }

  /**
   * Removes `participant` from the session after asking: their invite is revoked, so their pages
   * are disconnected at once (4003) and their link stops working. Someone disrupting a live
   * review could only be removed from the session's page, which closes the live view (an audit:
   * 3.3 s by script, and the console was the page their edits froze). What they wrote stays.
   */
  async removePerson(participant) {
    const name = this.model.nameOf(participant.id);
    if (!window.confirm(t('invite.confirmRevoke', { name }))) return;
    try {
      await this.api.revoke(this.sessionId, participant.id);
      this.onRevoked?.(participant.id);
      this.announcer.say(t('invite.revoked', { name }));
    } catch (error) {
      this.refused(t('people.removeFailed', { name, reason: failureText(error, t) }));
    }
  }

  /** A refusal, shown where the facilitator looks (and announced), or announced when the room view cannot show it. */
  refused(text) {
    if (typeof this.room?.showRefusal === 'function') {
      this.room.showRefusal(text);
      this.placeRefusal();
    } else {
      this.announcer.say(text, true);
    }
  }

  /**
   * The room's refusal line in a slot of its own above the controls (app.css): the slot keeps its
   * place and sticks to the top of the panel, and a tap on a shown line puts it away (it may lie
   * over a control for its ten seconds).
   */
  refusalSlot() {
    const line = this.room.refusalLine;
    if (!line) return null;
    line.addEventListener('click', () => this.room.clearRefusal());
    return el('div', { className: 'refusal-slot' }, line);
  }

  /**
   * Lays a shown refusal over what is beside its slot without moving anything: upwards over the
   * heading and the glance line when they leave room for it, else downwards over the controls
   * (app.css, `data-grow`). Drawn at the top of a panel scrolled down to the button pressed, a
   * refusal looked like a click that did not register (a usability audit); scrolling it into
   * view moved the buttons under the finger (another). The slot sticks in sight now; only when
   * the controls are off the screen altogether (a shortcut pressed from the notes) is the page
   * scrolled to it. Focus stays on the button.
   */
  placeRefusal() {
    const line = this.room?.refusalLine;
    const slot = line?.parentElement;
    if (!slot) return;
    // One frame: after the room's own callback has put the text in (RoomView.showRefusal), before
    // anything is drawn, so the line never shows first on the wrong side.
    requestAnimationFrame(() => {
      if (this.stopped || !line.textContent) return;
      slot.dataset.grow = 'up';
      const box = slot.getBoundingClientRect();
      const panel = this.controls.scrollHeight > this.controls.clientHeight ? this.controls.getBoundingClientRect().top : 0;
      // On one column the glance line stays at the top of the screen: nothing goes over it.
      const glance = getComputedStyle(this.glance).position === 'sticky' ? this.glance.getBoundingClientRect().bottom : 0;
      if (box.bottom - line.offsetHeight < Math.max(0, panel, glance)) slot.dataset.grow = 'down';
      if (box.bottom < 0 || box.top > window.innerHeight) line.scrollIntoView({ block: 'nearest' });
    });
  }

  /** Sends a command; resolves with the ack, or undefined after showing the refusal. */
  send(type, fields = {}) {
    const sentAfter = this.recent.lastSeq;
    return this.connection.command(type, fields).then((ack) => { this.room?.clearRefusal?.(); return ack; }, (error) => {
      this.refused(commandFailureText(error, { type, fields, model: this.model, phaseMover: (index) => this.phaseMoverTo(index),
        floorGiver: (id) => this.floorGiverTo(id) }));
      if (error.sent) this.uncertain.lost(type, fields, sentAfter);
      if (this.room) this.room.offlineRefusal = error.code === 'offline';
      return undefined;
    });
  }

  /** True while the control in `slot` waits for its answer or the short pause after it. */
  held(slot) { return this.holds.has(slot); }

  /** The attributes of a control in `slot`: its slot, and `aria-disabled` while held (it keeps focus, unlike `disabled`). */
  holdAttrs(slot) { return this.held(slot) ? { 'data-hold': slot, 'aria-disabled': 'true' } : { 'data-hold': slot }; }

  /** Sends `type` for the control in `slot` unless that slot is held; holds it until the answer plus HOLD_MS. */
  act(slot, type, fields = {}) {
    return this.hold(slot, () => this.send(type, fields));
  }

  /**
   * Runs `work` (an async function that never rejects, e.g. a few `send`s) unless `slot` is held,
   * holding the slot until it has finished plus HOLD_MS; resolves with its result, or undefined
   * when the slot was held.
   */
  hold(slot, work) {
    if (this.held(slot) || this.stopped) return Promise.resolve(undefined);
    this.holds.set(slot, null);
    this.markHeld(slot, true);
    const release = () => {
      if (!this.stopped) this.holds.set(slot, setTimeout(() => this.endHold(slot), HOLD_MS_BY_SLOT[slot] ?? HOLD_MS));
    };
    return work().then((result) => { release(); return result; }, () => { release(); return undefined; });
  }

  /** Ends `slot`'s pause after an answer (its timer, if it is still running): the control is offered again. */
  endHold(slot) {
    clearTimeout(this.holds.get(slot));
    this.holds.delete(slot);
    this.markHeld(slot, false);
  }

  /**
   * `phase.next`/`phase.prev` from a shortcut: ignored while a phase command is unanswered, like
   * the buttons. The pause after an answer guards a pointer's double or nervous second press; a
   * key pressed again after it is meant (it was ignored for the whole 1.2 s pause, silently).
   */
  movePhase(type) {
    if (this.holds.get('phase') === null) return;
    if (this.held('phase')) this.endHold('phase');
    if (type === 'phase.next' && this.late.movesOnBySelf('phase')) { this.refused(t('control.phaseMovesOn')); return; }
    if (this.stillSettling('phase', t(type === 'phase.next' ? 'control.next' : 'control.prev'))) return;
    if (!phaseMoveMayEndRound(this.model, type)) return;
    const shown = this.model.session?.clock?.phase;
    const sentAfter = this.recent.lastSeq;
    this.act('phase', type, { phase: shown }).then((ack) => this.phaseUndo.moved(ack, shown, sentAfter));
  }

  /**
   * A console shortcut (`CONSOLE_SHORTCUTS`) presses the button it stands for, so it goes through
   * that button's checks, hold and answer as a click would; with no such button it says why.
   */
  pressFor(action) {
    if (this.model.session?.clock?.status === 'ended') { this.refused(t('control.keyEnded')); return; }
    const { ids, whyNot } = {
      nextSpeaker: { ids: ['control-next-speaker'], whyNot: 'control.keyEnded' },
      endTurn: { ids: ['control-release'], whyNot: 'control.nobodySpeaking' },
      clock: { ids: ['control-pause', 'control-resume'], whyNot: 'control.clockNotRunning' },
      // The offer is ten Tab stops from Pause: at a screen reader's pace its 15 s ran out on the way.
      undo: { ids: ['control-undo-phase'], whyNot: 'control.nothingToUndo' },
    }[action];
    const button = ids.map((id) => this.controls.querySelector(`#${id}`)).find((node) => node && !node.disabled);
    if (button) button.click(); else this.refused(t(whyNot));
  }

  // Marked in place, not by a redraw: holds come and go with every click, and a redraw for each
  // would replace the controls under the facilitator's pointer (and under the tests' references).
  markHeld(slot, held) {
    // The Floor panel's queue has buttons of the floor's slot too (`floor-queue-buttons.js`).
    const nodes = [this.controls, this.room?.floor].flatMap((root) => (root ? [...root.querySelectorAll(`[data-hold="${CSS.escape(slot)}"]`)] : []));
    for (const node of nodes) {
      if (held) node.setAttribute('aria-disabled', 'true');
      else node.removeAttribute('aria-disabled');
    }
  }

  /** A button that sends `type` through `slot`; a click that is part of a double click is ignored. */
  control(label, slot, type, fields, extra = {}) {
    return el('button', { type: 'button', className: extra.className || '', id: extra.id, textContent: label, disabled: extra.disabled,
      attrs: { 'aria-keyshortcuts': extra.keys, 'data-focus-key': extra.focusKey, 'aria-label': extra.label,
        'data-focus-fallback': extra.fallback, ...this.holdAttrs(slot) },
      on: { click: (e) => {
        if (repeatedClick(e) || this.held(slot)) return;
        if (extra.settles && this.stillSettling(extra.settles, label)) return;
        // Where focus goes when this press makes the button go (the next hand's same button) can
        // differ from where it goes when someone else does (`fallback`): see `floorControls`.
        if (extra.pressedFallback) e.currentTarget.dataset.focusFallback = extra.pressedFallback;
        // A length field's complaint was about the press that read it: another press takes it away
        // (the field's own press finds it again while the text is still wrong).
        this.clearFieldErrors();
        const values = typeof fields === 'function' ? fields() : fields;
        if (values) this.act(slot, type, values).then((ack) => extra.then?.(ack));
      } } });
  }

  /**
   * True, after saying so, while what a press of a control on `kind` ('phase', 'floor') acts on
   * changed by someone else's doing a moment ago (`JustChanged`): the press was decided on the
   * screen before, so it is not sent. `label` is the control's.
   */
  stillSettling(kind, label) {
    if (!this.justChanged.settling(kind)) return false;
    const s = this.model.session;
    // The change the wait is for, as it was then (a move of this console's own since keeps the
    // wait, and is not what it is about): where it moved the room, who got the floor, who did it:
    // a co-facilitator by name; on the floor only a facilitator (a reviewer's pass moving a round
    // on did not "give" the floor).
    const change = this.justChanged.changeOf(kind);
    const index = kind === 'phase' && Number.isInteger(change?.key) ? change.key : s?.clock?.phase;
    const phase = s?.agenda?.[index];
    const speaker = kind === 'floor' && typeof change?.key === 'string' ? change.key.split('|')[0] : s?.floor?.speaker;
    const by = change?.by;
    let mover = this.moverOf(by);
    if (kind === 'floor' && mover?.kind === 'other' && this.model.participant(by)?.role !== 'facilitator') mover = null;
    const key = moverKey(`control.justChanged.${kind}`, mover, kind === 'phase' ? ['other', 'self', 'server'] : ['other', 'self']);
    this.refused(t(key, { action: t('refusal.quoted', { label }), name: mover?.name,
      phase: phase ? `${index + 1}. ${phase.title}` : '', speaker: speaker ? this.model.nameOf(speaker) : '' }));
    return true;
  }

  /**
   * Who moved the room to phase `index` just now, for a refusal that says the phase had moved on:
   * the maker of the latest phase move kept, when it moved the room to `index` (else null: its
   * event has not been followed yet, and an older move there is not this one).
   */
  phaseMoverTo(index) {
    const move = this.recent.last(isPhaseMove);
    return move?.after?.phase === index ? this.moverOf(move.by) : null;
  }

  /**
   * Who just gave participant `id` the floor, for a refusal that says the floor had changed: the
   * maker of the latest change of speaker kept, when it made `id` the speaker and was a
   * facilitator (a reviewer's pass moving a round on gave nobody the floor); else null.
   */
  floorGiverTo(id) {
    const change = this.recent.last(isNewSpeaker);
    if (change?.after?.speaker !== id || this.model.participant(change.by)?.role !== 'facilitator') return null;
    return this.moverOf(change.by);
  }

  /** Who made a change whose event has `by` (`byOf`), as `moverOf` gives it for this console. */
  moverOf(by) {
    return moverOf(by, this.model.you?.id, (id) => (this.model.participant(id) ? this.model.nameOf(id) : undefined));
  }

  /** Takes the complaints off the checked fields (lengths, new question), redrawing when there was one. */
  clearFieldErrors() {
    const fields = [this.turn, this.roundSecs, this.questions.newQuestion];
    if (!fields.some((state) => state.error)) return;
    for (const state of fields) state.error = null;
    this.render();
  }

  /** Marks the field `inputId` (bound to `state`) with `error`, puts focus there and says it. */
  fieldError(state, inputId, error) {
    state.error = error;
    this.render();
    this.controls.querySelector(`#${inputId}`)?.focus();
    this.announcer.say(error, true);
  }

  /**
   * The whole seconds typed in a length field (`state` is `{text, error}`), or null after
   * marking the field with an error that says what is wrong (and putting focus there). With
   * `optional`, a blank field is `undefined`: no length (an untimed turn; the key is left out).
   */
  seconds(state, name, inputId, { optional = false } = {}) {
    const raw = state.text.trim();
    const value = spokenSeconds(raw);
    if (optional && raw === '') {
      state.error = null;
      return undefined;
    }
    if (raw !== '' && Number.isInteger(value) && value >= TURN_RANGE.min && value <= TURN_RANGE.max) {
      state.error = null;
      return value;
    }
    // A blank field is said to be empty: quoting it back read "“” is not" (a keyboard audit).
    const key = optional ? 'control.turnSecondsError' : raw === '' ? 'control.secondsEmpty' : 'control.secondsError';
    this.fieldError(state, inputId, t(key, { field: name, min: TURN_RANGE.min, max: TURN_RANGE.max, value: state.text }));
    return null;
  }

  /** A length field bound to `state`, with its error (if any) shown below and described. */
  secondsField(label, state, id, { fallback, enterPresses, whyNot } = {}) {
    // Text, not a number field: dictating "90 seconds" into a number field left it reading "90e"
    // with an empty value, which a blank turn field takes for no limit. Here the words are
    // read, or quoted back in the field's error.
    // Enter in a field with one button that reads it presses that button, as in a form: "Seconds
    // each" then Enter did nothing (a keyboard audit). The Turn field has no such button (both
    // "Next speaker" and "Give the floor" read it), so Enter there stays nothing. Where the
    // button is not offered, Enter says why (`whyNot()`), as a shortcut does: it did nothing.
    const keydown = enterPresses ? (e) => {
      if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      const button = this.controls.querySelector(`#${enterPresses}`);
      if (button && !button.disabled) button.click();
      else if (whyNot) this.refused(whyNot());
    } : undefined;
    return this.checkedField(label, state, id, { type: 'text', inputMode: 'numeric', autocomplete: 'off', className: 'narrow' }, fallback, { keydown });
  }

  /** A field (an input with `props`) bound to `state` (`{text, error}`), with its error (if any) shown below and described. */
  checkedField(label, state, id, props, fallback = null, { keydown } = {}) {
    const errorId = `${id}-error`;
    const input = el('input', { ...props, value: state.text, id,
      attrs: { 'aria-invalid': state.error ? 'true' : null, 'aria-describedby': state.error ? errorId : null, 'data-focus-fallback': fallback },
      on: { keydown, input: (e) => {
        state.text = e.target.value;
        if (!state.error) return;
        // Typing again takes the old complaint away (without a redraw under the caret).
        state.error = null;
        e.target.removeAttribute('aria-invalid');
        e.target.removeAttribute('aria-describedby');
        document.getElementById(errorId)?.remove();
      } } });
    const node = field(label, input);
    if (state.error) node.append(el('p', { className: 'field-error', id: errorId }, state.error));
    return node;
  }

  /**
   * The control on the page that `node` (from a rendering) was merged into: a morph keeps the
   * element already there, so what a click reads (a list's choice) is read from that one.
   */
  shown(node) {
    return (node.id && this.controls.querySelector(`#${CSS.escape(node.id)}`)) || node;
  }

  render() {
    this.drawing.done();
    if (!this.model.session || this.stopped) return;
    keepingFocus(this.controls, () => this.renderControls(this.model.session));
  }

  renderControls(s) {
    const clock = s.clock || {};
    const floorNow = s.floor || {};
    // What the phase and floor controls act on, for `stillSettling`. A change made while any of
    // this console's controls is held is its own (a round it started, a phase move clearing the
    // floor: a re-audit met its own "Start round" as a change made elsewhere).
    const own = this.holds.size > 0;
    this.justChanged.observe('phase', clock.phase, own,
      () => this.recent.lastBy(isPhaseMove));
    // The floor by who has been given it: a turn ending (the speaker's own "Finish my turn") or
    // a hand going up is no reason to wait (`next` on floor.next already refuses a press meant
    // for a hand no longer first); someone new speaking is.
    // (Nobody speaking keeps the last key: observed from the first render, so the first speaker is a change.)
    const floorKey = floorNow.speaker ? `${floorNow.speaker}|${floorNow.round?.index}` : this.justChanged.keyOf('floor') ?? 'nobody';
    this.justChanged.observe('floor', floorKey, own,
      () => this.recent.lastBy(isNewSpeaker));
    const status = clock.status;
    const ended = status === 'ended';
    const notStarted = status === 'scheduled' || status === 'lobby';
    const overtime = (status === 'live' || status === 'paused') && this.model.remainingSec(this.connection.serverNow()) < 0;
    // Start, Pause and Resume take turns in one place (one slot): focus stays there as one gives way to the next.
    // Once the review has ended (a co-facilitator ended it) none of them is left: the heading.
    const run = (label, type, id, keys) => this.control(label, 'run', type, {}, { id, focusKey: 'control-run', keys, fallback: 'controls-heading' });
    const shownSeq = this.recent.lastSeq;
    const clockRow = el('div', { className: 'row' },
      notStarted ? run(t('control.start'), 'session.start', 'control-start') : null,
      status === 'live' ? run(t('control.pause'), 'clock.pause', 'control-pause', keyShortcuts('clock')) : null,
      status === 'paused' ? run(t('control.resume'), 'clock.resume', 'control-resume', keyShortcuts('clock')) : null,
      ...[-300, -60, 60, 300].map((seconds) => {
        const id = `control-extend-${seconds < 0 ? 'minus' : 'plus'}-${Math.abs(seconds)}`;
        const label = t(seconds > 0 ? 'control.extendPlus' : 'control.extendMinus', { n: Math.abs(seconds) / 60 });
        // Taking off as much as is left ends the phase at once (and skips on from an `advance` one):
        // asked first, as ending the session is.
        // With the phase shown: landing after the phase moved on (by itself at time-up, or by a
        // co-facilitator), it is refused rather than given to the next phase, where "−5 min"
        // ended a five-minute break at once and skipped it (a co-facilitation audit).
        const meant = { seconds, phase: clock.phase };
        const fields = seconds > 0 ? meant : () => {
          const left = this.model.remainingSec(this.connection.serverNow());
          if (left > -seconds) return meant;
          const advances = this.model.phase?.onTimeUp === 'advance';
          const phase = this.model.phase ? `${clock.phase + 1}. ${this.model.phase.title}` : '';
          // Moving on ends a round under way, as a phase move does (it was not said; an audit).
          const key = advances && this.model.session?.floor?.round ? 'control.confirmShortenAdvanceRound' : advances ? 'control.confirmShortenAdvance' : 'control.confirmShorten';
          return window.confirm(t(key, { left: formatDuration(left), n: -seconds / 60, phase })) ? meant : null;
        };
        return this.control(label, id, 'clock.extend', fields,
          { className: 'secondary', id, settles: 'phase', disabled: ended || notStarted || (seconds < 0 && overtime), fallback: seconds < 0 ? 'control-extend-plus-60' : null,
            then: (ack) => this.late.extendLanded(ack, shownSeq, label) });
      }),
      el('button', { type: 'button', id: 'control-end', className: 'secondary danger', textContent: t('control.end'), disabled: ended,
        attrs: { 'data-focus-fallback': 'controls-heading', ...this.holdAttrs('end') },
        on: { click: (e) => {
          if (repeatedClick(e) || this.held('end')) return;
          if (window.confirm(t('control.confirmEnd'))) this.act('end', 'session.end');
        } } }));
    const agenda = s.agenda || [];
    // The phase and the last event shown now (the controls are redrawn at every change but a
    // note edit): what a click here moves from, and what came before it was sent.
    const sentAfter = this.recent.lastSeq;
    const moved = (ack) => this.phaseUndo.moved(ack, clock.phase, sentAfter);
    const gotoIndex = this.gotoChoice !== null && this.gotoChoice < agenda.length ? this.gotoChoice : clock.phase;
    const goto = el('select', { id: 'control-goto', disabled: ended || notStarted, on: { change: (e) => { this.gotoChoice = Number(e.target.value); } } },
      agenda.map((p, i) => el('option', { value: i, selected: i === gotoIndex }, `${i + 1}. ${p.title}`)));
    const phaseRow = el('div', { className: 'row' },
      // The phase shown goes with Next and Prev: pressed by two facilitators at once, the
      // second finds the room moved already and is refused, rather than moving it once more.
      this.control(t('control.prev'), 'phase', 'phase.prev', () => (phaseMoveMayEndRound(this.model, 'phase.prev') ? { phase: clock.phase } : null), { className: 'secondary', keys: keyShortcuts('prev'), id: 'control-prev', settles: 'phase',
        disabled: ended || notStarted || clock.phase === 0, fallback: 'control-next', then: moved }),
      this.control(t('control.next'), 'phase', 'phase.next', this.late.unlessMovingOn('phase', 'control.phaseMovesOn', () => (phaseMoveMayEndRound(this.model, 'phase.next') ? { phase: clock.phase } : null)),
        { keys: keyShortcuts('next'), id: 'control-next', settles: 'phase',
        disabled: ended || notStarted || clock.phase >= agenda.length - 1, fallback: 'control-prev', then: moved }),
      field(t('control.gotoLabel'), goto),
      this.control(t('control.goto'), 'phase', 'phase.goto', () => {
        const index = Number(this.shown(goto).value);
        // Going to the phase under way changes nothing: the round goes on, so nothing is asked.
        if (index === clock.phase) return { index };
        // Go to names where it goes, so it goes there from wherever the room is now; but asked
        // about this phase's round, the phase shown goes with it, as with Next: confirmed after
        // a co-facilitator moved the room and started a round there, it ended theirs (an audit).
        const inRound = !!this.model.session?.floor?.round;
        if (!phaseMoveMayEndRound(this.model)) return null;
        return inRound ? { index, phase: clock.phase } : { index };
      }, { className: 'secondary', id: 'control-goto-go',
        disabled: ended || notStarted, then: (ack) => { if (ack) this.gotoChoice = null; moved(ack); } }));
    const [floorRow, handsList] = this.floorControls(s, ended);
    // What changes size on its own goes where it moves nothing a finger is about to tap: the
    // Undo offer's place is kept (an empty slot) until the session ends, and the hands' list,
    // one row per hand, comes last (it pushed the round and question controls down).
    // Merged into the page, not put in place of it (`morphChildren`): a control that is still
    // there keeps focus without being read out again, and a field keeps its undo history, as
    // hands go up and people come and go (they rebuilt everything: a keyboard-only probe).
    morphChildren(this.controlsBody,
      this.endedRecord(s),
      // Named apart from the room's own sections ("Agenda", "Floor", h2), so no name is at two levels.
      el('h3', {}, t('control.clockHeading')), clockRow,
      el('h3', {}, t('control.agendaHeading')), phaseRow,
      this.phaseUndo.render() ?? (ended ? null : el('div', { className: 'undo-slot' })),
      el('h3', {}, t('control.floorHeading')), floorRow,
      // One wrapper whatever it holds: the children after it are matched by position, and a
      // round starting or stopping (one node or three) shifted and rebuilt them all.
      el('h3', {}, t('control.roundHeading')), el('div', { className: 'round-controls' }, this.roundControls(s, ended)),
      el('h3', {}, t('control.questionsHeading')), this.questions.render(s, ended),
      // "Hands up" stays though the Floor panel's rows now give the floor too (floor-queue-buttons.js):
      // only here can a hand be lowered for someone, it follows the turn length its grants read in
      // the controls' Tab order, and on a phone the Floor panel is a screen further down.
      el('h3', { id: 'control-hands-heading', attrs: { tabindex: '-1' } }, t('control.handsHeading')), handsList);
    // Ended while this console was scrolled down to the floor or the questions: the way to the
    // record, at the top of the controls, comes into sight. The panel kept its scroll, and all
    // the facilitator saw was greyed controls (a visual audit at 1366 px).
    if (ended && this.shownRunning) {
      this.controls.scrollTop = 0;
      this.controlsBody.querySelector('#control-record')?.scrollIntoView({ block: 'nearest' });
    }
    this.shownRunning = !ended;
  }

  /**
   * Once the review has ended, the way to its record from here, above the greyed controls: they
   * offered none, and the record was three pages away (a usability audit). The owner's console
   * reads it with the facilitator API; a co-facilitator's with the invite its controls joined
   * with (`GET /api/v1/invite/record`): it offered nothing, and "Back to the room page" was
   * off-screen at the top (a co-facilitation audit).
   */
  endedRecord(s) {
    if (s.clock?.status !== 'ended') return null;
    const owner = this.api && this.sessionId;
    if (!owner && !this.inviteApi) return null;
    const api = owner ? this.api : this.inviteApi;
    const path = owner ? `/sessions/${encodeURIComponent(this.sessionId)}/record?format=` : '/invite/record?format=';
    const button = (format) => el('button', { type: 'button', className: 'secondary', id: `control-record-${format}`,
      textContent: t(`console.record.${format}`), on: { click: async (e) => {
        if (repeatedClick(e)) return;
        try {
          downloadBlob(await api.blob(path + format), recordFileName(s, format));
        } catch {
          this.refused(t('control.recordFailed'));
        }
      } } });
    const view = el('button', { type: 'button', id: 'control-record-view', textContent: t('record.view'),
      on: { click: () => { if (!openRecordTab(owner ? this.sessionId : null, { controls: !owner })) this.refused(t('record.viewBlocked')); } } });
    return el('div', { className: 'ended-record', id: 'control-record' },
      el('p', {}, t('control.endedRecord')), el('div', { className: 'row' }, view, ...['html', 'md', 'json'].map(button)));
  }

  /** "Next speaker" and "Give the floor" (a row), and the queue's hands (a list, or a line saying there are none). */
  floorControls(s, ended) {
    const floor = s.floor || {};
    const inRound = !!floor.round;
    const grantable = (s.participants || []).filter((p) => ['host', 'reviewer', 'facilitator'].includes(p.role));
    // Until one is chosen, the first reviewer or host: the facilitator, listed first, is rarely
    // whom "Give the floor" is for (a keyboard-only probe gave it to themselves).
    const chosen = grantable.some((p) => p.id === this.grantChoice) ? this.grantChoice
      : (grantable.find((p) => p.role !== 'facilitator') ?? grantable[0])?.id;
    const who = el('select', { id: 'control-grant-who', on: { change: (e) => { this.grantChoice = e.target.value; } } },
      grantable.map((p) => el('option', { value: p.id, selected: p.id === chosen }, this.model.nameOf(p.id))));
    const turnLabel = t('control.turnLabel');
    const withTurn = (make) => () => { const secs = this.turnSeconds(); return secs === null ? null : make(secs); };
    const floorRow = el('div', { className: 'row' },
      this.nextSpeaker(floor, withTurn, ended),
      field(t('control.grantLabel'), who), this.secondsField(turnLabel, this.turn, 'control-turn'),
      this.control(t('control.grant'), 'floor', 'floor.grant', withTurn((secs) => ({ participant: this.shown(who).value, turnSec: secs })),
        { className: 'secondary', id: 'control-grant', disabled: ended || inRound, fallback: 'control-grant-who controls-heading' }),
      this.control(t('control.raiseFor'), 'floor', 'hand.raise', () => ({ kind: 'contribution', participant: this.shown(who).value }),
        { className: 'secondary', id: 'control-raise-for', disabled: ended }),
      // The speaker shown goes with it (`participant`, SessionRules): a co-facilitator's Next
      // speaker landing first makes the server refuse it rather than end the new turn.
      floor.speaker ? this.control(t('control.release'), 'floor', 'floor.release', { participant: floor.speaker },
        { className: 'secondary', id: 'control-release', settles: 'floor', disabled: ended, fallback: 'control-next-speaker', keys: keyShortcuts('endTurn') })
        // Its room is kept (unseen, out of the accessibility tree and of the tab order), so the
        // row does not wrap anew, moving the controls below, as a turn starts and ends.
        : el('button', { type: 'button', className: 'secondary placeholder', textContent: t('control.release'), disabled: true,
          attrs: { 'aria-hidden': 'true', tabindex: '-1' } }));
    const queue = floor.queue || [];
    // A hand's buttons go once it is granted or lowered. Pressed here, focus moves on to the next
    // hand's same button, or to "Next speaker". Gone by someone else's doing (its owner lowered
    // it, a co-facilitator gave the floor), focus goes to the list's heading: moved onto the next
    // person's button, the Enter meant for Asha granted or lowered Bo's hand.
    const fallback = (index, kind) => (queue[index + 1] ? `control-${kind}-${queue[index + 1].participant}` : 'control-next-speaker');
    const queueRow = queue.length === 0 ? el('p', { className: 'meta', id: 'control-no-hands' }, t('control.noHands')) : el('ul', { className: 'plain' }, queue.map((hand, index) => {
      const name = this.model.nameOf(hand.participant);
      return el('li', {}, name, ' ',
        this.control(t('control.grantTo', { name }), 'floor', 'floor.grant', withTurn((secs) => ({ participant: hand.participant, turnSec: secs })),
          { className: 'secondary', id: `control-grant-${hand.participant}`, focusKey: `grant-to:${hand.participant}`, disabled: ended || inRound,
            fallback: 'control-hands-heading', pressedFallback: fallback(index, 'grant') }),
        this.control(t('control.lowerFor', { name }), 'floor', 'hand.lower', { participant: hand.participant },
          { className: 'secondary', id: `control-lower-${hand.participant}`, focusKey: `lower-for:${hand.participant}`, disabled: ended,
            fallback: 'control-hands-heading', pressedFallback: fallback(index, 'lower') }));
    }));
    return [floorRow, queueRow];
  }

  /** The turn field's seconds (undefined when blank), or null after marking the field with what is wrong. */
  turnSeconds() {
    return this.seconds(this.turn, t('control.turnLabel'), 'control-turn', { optional: true });
  }

  /** The fields of a `floor.grant` to `participant` with the turn field's length, read at the press (null when it is wrong). */
  grantFields(participant) {
    return () => {
      const secs = this.turnSeconds();
      return secs === null ? null : { participant, turnSec: secs };
    };
  }

  /**
   * "Next speaker". In a round it moves the round on from the speaker shown (`floor.next` with
   * `speaker`): when two facilitators press it at once, the second is refused, where it used to
   * move the round past the person whose turn had just begun. Otherwise it gives the floor to the
   * hand first in the queue *as shown* (`floor.next` with `next`, and `speaker` when someone
   * speaks): on a view a moment behind a co-facilitator's, where that hand has had its turn
   * since, it is refused; as `floor.grant` it gave that person the floor again and cut the new
   * speaker off (a co-facilitation audit). With no hand up it sends nothing and says so.
   */
  nextSpeaker(floor, withTurn, ended) {
    const extra = { id: 'control-next-speaker', disabled: ended, keys: keyShortcuts('nextSpeaker'), settles: 'floor' };
    if (floor.round) {
      // Not the Turn field's length: a round's turns are its own length, and a bad value typed
      // there for later ("5") refused "Next speaker" in a round, which would not have used it.
      const onwards = () => ({ speaker: floor.speaker ?? undefined });
      return this.control(t('control.nextSpeaker'), 'floor', 'floor.next', this.late.unlessMovingOn('round', 'control.roundMovesOn', onwards), extra);
    }
    const head = (floor.queue || [])[0]?.participant;
    if (head) {
      const fields = withTurn((secs) => ({ next: head, speaker: floor.speaker ?? undefined, turnSec: secs }));
      return this.control(t('control.nextSpeaker'), 'floor', 'floor.next', fields, extra);
    }
    // "End the turn" is offered only while someone speaks: named otherwise, it sent the
    // facilitator looking for a button that was not there (a usability audit).
    const why = floor.speaker ? 'control.nobodyNext' : 'control.nobodyNextNoSpeaker';
    return this.control(t('control.nextSpeaker'), 'floor', 'floor.next', () => { this.refused(t(why)); return null; }, extra);
  }

  roundControls(s, ended) {
    if (s.floor?.round) {
      return el('div', { className: 'row' }, this.control(t('control.roundStop'), 'round', 'round.stop', {}, { className: 'secondary', id: 'control-round-stop', focusKey: 'control-round' }));
    }
    this.roundOrder.sync(s.participants || [], this.model.online);
    const order = this.roundOrder.order();
    const label = t('control.roundSecs');
    const start = () => {
      const secondsEach = this.seconds(this.roundSecs, label, 'control-round-secs');
      if (secondsEach === null) return null;
      // A round ends the turn under way: asked first, as it went without a word (a usability audit).
      const speaking = this.model.session?.floor?.speaker;
      if (speaking && !window.confirm(t('control.confirmRoundEndsTurn', { name: this.model.nameOf(speaking) }))) return null;
      return { order: this.roundOrder.order(), secondsEach };
    };
    return [
      this.roundOrder.render(this.model, { disabled: ended, changed: () => this.render(), now: () => this.connection.serverNow(),
        say: (text) => this.announcer.say(text) }),
      order.length ? null : el('p', { className: 'field-error', id: 'round-order-empty' }, t('control.roundNobody')),
      // The length before the button that reads it, in reading and Tab order (it came after).
      el('div', { className: 'row' },
        this.secondsField(label, this.roundSecs, 'control-round-secs', { fallback: 'control-round', enterPresses: 'control-round-start',
          whyNot: () => t(this.model.session?.clock?.status === 'ended' ? 'control.keyEnded' : 'control.roundNobody') }),
        this.control(t('control.roundStart'), 'round', 'round.start', start,
          { className: 'secondary', id: 'control-round-start', focusKey: 'control-round', disabled: ended || order.length === 0 }))];
  }
}
