// The live room: clock and agenda, floor and queue, question, participants,
// signals and speaking time. Used by the reviewer page and the console.
import { el, keepingFocus, morphChildren, replaceChildren, typingInField } from './dom.js';
import { ordinal, t } from './strings.js';
import { setPageTitle } from './page-title.js';
import { sentences } from './announcer.js';
import { unsavedFields } from './session-page.js';
import { formatCountdown, formatDuration, formatElapsed, spokenDuration, spokenMinutes, startParts } from './timefmt.js';
import { floorPanel } from './floor-panel.js';
import { agendaPanel, peoplePanel, promptPanel, shortcutsHeading, shortcutsPanel, signalsPanel } from './room-panels.js';
import { handNews, raisedNews, roundNews, speakerNews, turnLengthNews, turnLengthSec, turnWarningNews } from './floor-news.js';
import { NewsGatherer } from './gathered-news.js';
import { NextFrame } from './next-frame.js';
import { PacedCopy } from './paced-draw.js';
import { catchUpNews, extensionNews, questionNews, signalNews, timeLeftNews } from './room-news.js';
import { WakeWatch } from './wake-watch.js';
import { PersonalCue, covers, wholeInView } from './personal-cue.js';
import { HandBar, handBarState } from './hand-bar.js';
import { arrivals, departureNews, joinedNews, rosterNews } from './presence-news.js';
import { CONSOLE_SHORTCUTS, actsWhileTyping, clockAlert, clockIsStale, clockStatusText, shortcutOf } from './room-rules.js';
import { refusalText } from './refusal-text.js';
import { offersRecord } from './record-offer.js';
import { statusWorthACue } from './note-panels.js';
import { UNDO_EXTENSIONS } from './phase-undo-rules.js';
import { moverOf } from './movers.js';
import { byOf } from './recent-events.js';
import { phaseMoveMayEndRound } from './round-confirm.js';

/** How long a refusal stays on screen when no command succeeds meanwhile. */
const REFUSAL_MS = 10000;
/** Others' signals that come within this long of the first are said together (eight "Agree"s are one message). */
const SIGNAL_GATHER_MS = 1500;
/** After a phase shortcut's command is answered, further phase shortcuts wait this long (as the console's buttons do). */
const PHASE_KEY_HOLD_MS = 400;

export class RoomView {
  /**
   * `onPhaseKey(type)`, if given, takes the phase keys (`phase.next`/`phase.prev`) instead of the
   * view's own held send; `onConsoleKey(action)`, if given (the console), takes `CONSOLE_SHORTCUTS`.
   * `recordOffer` (a `RecordOffer`; the join page) offers the record to a host or facilitator
   * once the review has ended. `queueActions` (the console's `FloorQueueButtons`) gives the Floor
   * panel's queue its rows and each row's button. `keptEdits` (a `KeptEdits`): edits kept from
   * before a reload, shown while the page is still joining. `removePerson(participant)` (the
   * owner's console) gives each reviewer, host and observer in the people panel a "Remove" button
   * until the end.
   */
  constructor(root, { model, connection, announcer, notesView, onPhaseKey, onConsoleKey, onTick, inConsole = false, recordOffer = null, queueActions = null, keptEdits = null, removePerson = null }) {
    this.root = root;
    this.removePerson = removePerson; // the owner's console: removes someone (their invite revoked)
    this.keptEdits = keptEdits; // shown while joining (`renderJoining`)
    this.queueActions = queueActions;
    this.recordOffer = recordOffer;
    this.inConsole = inConsole; // the console's live view: its tab says so, not who joined
    this.onTick = onTick; // called with (session, now) at each tick of the clock (the console's glance line)
    this.model = model;
    this.connection = connection;
    this.announcer = announcer;
    this.notesView = notesView;
    this.lastFloor = null;
    this.lastPhase = null;
    this.lastStatus = null;
    this.lastQuestion = null;
    this.lastDuration = null;
    this.welcomed = false;
    // The seq of the last `floor.timeUp` of this person's own turn: a round's next turn comes in
    // the event after it, and "Your turn has ended" would repeat "Your turn time is over".
    this.turnOverSeq = null;
    // `{seq, kind}` of the floor.changed a phase move (`move`) or the end (`end`) is expected to bring.
    this.floorReset = null;
    this.signals = [];
    this.signalsToSay = [];
    // Who came and went (`presence-news.js`): seen online on this page, since when away, and
    // whose going was said. The first `presence` after a fresh welcome is where the page starts.
    this.seenOnline = new Set();
    this.awaySince = new Map();
    this.wentOfflineSaid = new Set();
    this.presenceBaseline = true;
    // Bursts of others' hands and of arrivals, said to the facilitator a few at a time (`gathered-news.js`).
    this.handsToSay = new NewsGatherer((hands) => this.sayRaised(hands));
    this.joinsToSay = new NewsGatherer((ids) => this.sayJoined(ids));
    this.signalTimer = null;
    this.stopped = false;
    this.refusalTimer = null;
    this.onPhaseKey = onPhaseKey ?? null;
    this.onConsoleKey = onConsoleKey ?? null;
    this.phaseKeyHeld = false;
    this.phaseKeyTimer = null;
    this.newsHeldOffline = false; // an event came while the connection was not known to be up (`holdsNewsOffline`)
    this.build();
    // A burst of events and presence changes (a resume's replay, a mass join, hands raised
    // together) is drawn twice, its first and the rest at the next frame; it was one whole redraw
    // each. A lone event is drawn as it comes (`leading`), a welcome at once.
    this.drawing = new NextFrame(() => { if (!this.stopped) this.render(); }, { leading: true });
    // The queue as the Floor panel lists it, changed at most twice a second (paced-draw.js): a
    // hand flicked up and down made it flash on everyone's screen, as on the room display. The
    // person's own buttons follow the floor at once. Not in the console: its rows carry the
    // buttons that give the floor, held still under the pointer instead (steady-queue.js).
    this.listedQueue = queueActions ? null : new PacedCopy([], () => this.model.session?.floor?.queue || [], () => this.drawing.request());
    this.unsubscribe = model.subscribe((change) => this.changed(change));
    this.onKey = (event) => this.shortcut(event);
    document.addEventListener('keydown', this.onKey);
    // Back from a hidden tab: what changed meanwhile is said once, as after a drop (`catchUp`).
    this.onVisibility = () => { if (!document.hidden && this.welcomed) this.catchUp(); };
    document.addEventListener('visibilitychange', this.onVisibility);
    // Back from a sleep or a frozen tab: what came meanwhile is said once too (`WakeWatch`).
    this.wake = new WakeWatch(Date.now());
    this.interval = setInterval(() => {
      if (this.wake.beat(Date.now()) && this.welcomed && !this.stopped) this.catchUp();
      this.tick();
    }, 250);
  }

  /** Removes every listener and timer this view added and its announcer's live regions; idempotent. */
  stop() {
    if (this.stopped) return;
    this.stopped = true;
    document.removeEventListener('keydown', this.onKey);
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearInterval(this.interval);
    this.drawing.cancel();
    clearTimeout(this.refusalTimer);
    clearTimeout(this.phaseKeyTimer);
    clearTimeout(this.signalTimer);
    this.handsToSay.stop();
    this.joinsToSay.stop();
    this.unsubscribe();
    this.announcer.remove?.();
  }

  /**
   * Shows `text` in the visible status line at the top of the room (a polite live region, so
   * it is read once), replacing the previous one; cleared by the next successful command or
   * after ten seconds. Kept in the announcer's log.
   */
  showRefusal(text) {
    clearTimeout(this.refusalTimer);
    this.refusalLine.textContent = '';
    // Set in the next frame so the same text twice is read twice.
    requestAnimationFrame(() => { if (!this.stopped) this.refusalLine.textContent = text; });
    this.announcer.note?.(text);
    this.refusalTimer = setTimeout(() => this.clearRefusal(), REFUSAL_MS);
  }

  /** Empties the refusal line. */
  clearRefusal() {
    clearTimeout(this.refusalTimer);
    if (this.refusalLine.textContent) this.refusalLine.textContent = '';
  }

  build() {
    const section = (label, className = 'panel') => el('section', { className, attrs: { 'aria-labelledby': label } });
    this.header = el('header', { className: 'room-header' });
    this.refusalLine = el('p', { className: 'refusal', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'refusal' } });
    this.clock = section('clock-heading', 'panel clock-panel');
    this.agenda = section('agenda-heading');
    this.floor = section('floor-heading');
    this.prompt = section('prompt-heading');
    this.people = section('people-heading');
    this.signalPanel = section('signals-heading');
    // Labelled by its heading only while it has one (renderRecord).
    this.recordPanel = el('section', { className: 'panel', attrs: { hidden: '' } });
    // A post-review workshop's review and its record, for the workshop's host staff (`RecordOffer.followedChildren`).
    this.followedPanel = el('section', { className: 'panel', id: 'followed-panel', attrs: { hidden: '' } });
    this.notesPanel = section('notes-heading', 'panel notes-panel');
    this.shortcuts = section('keys-heading', 'panel shortcuts');
    this.countdown = el('p', { className: 'countdown', attrs: { role: 'timer', 'aria-live': 'off' } });
    // Before the start: the start in the reader's own zone and how long until it.
    this.startDetail = el('p', { className: 'meta start-detail', attrs: { 'data-testid': 'start-detail', hidden: '' } });
    this.alert = el('p', { className: 'clock-alert', attrs: { 'data-testid': 'clock-alert' } });
    this.turnCountdown = el('p', { className: 'turn-countdown', attrs: { role: 'timer', 'aria-live': 'off' } });
    this.cue = new PersonalCue();
    this.handBar = new HandBar((action) => {
      if (action === 'hand') this.toggleHand();
      else if (action === 'respond') this.raiseResponse();
      else this.send(action === 'pass' ? 'round.pass' : 'floor.release');
    });
    // The hand bar comes last: it is fixed at the foot of the screen, and the panel's buttons it
    // repeats come first in the document.
    this.grid = el('div', { className: 'room-grid' },
        // On a phone the first column comes first: time, the floor (raise hand), the question and
        // the signals, which answer whoever speaks (after the agenda they were 2,200 px down).
        // The record, once offered, first: after the end it is what there is left to do.
        el('div', { className: 'column' }, this.recordPanel, this.followedPanel, this.clock, this.floor, this.prompt, this.signalPanel),
        el('div', { className: 'column' }, this.agenda, this.people));
    replaceChildren(this.root, this.header, this.refusalLine, this.cue.element, this.grid,
      this.notesPanel, this.shortcuts, this.handBar.element);
    if (this.notesView) this.notesView.root = this.notesPanel;
    this.renderJoining();
  }

  /**
   * Until the first welcome: a heading saying the page is joining, and none of the room's panels.
   * A first connection that failed left eight empty boxes, no heading and nothing said (the
   * banner above says how the connection is doing).
   */
  renderJoining() {
    for (const part of [this.grid, this.notesPanel, this.shortcuts]) part.hidden = true;
    // Edits kept from before a reload (`KeptEdits`): only in this tab until the page joins.
    const kept = this.keptEdits?.waiting() ?? [];
    morphChildren(this.header,
      el('h1', { id: 'room-heading', textContent: t('room.joiningHeading'), attrs: { tabindex: '-1' } }),
      el('p', { className: 'meta', attrs: { 'data-testid': 'joining' } }, t('room.joining')),
      ...(kept.length ? [el('p', { attrs: { 'data-testid': 'joining-kept' } }, t('room.joiningKept')), ...unsavedFields(kept)] : []));
  }

  changed(change) {
    if (this.stopped) return;
    if (change.kind === 'welcome') {
      // A later welcome comes after a drop whose history could not be replayed: the same catch-up,
      // said after "Reconnected" (which the connection says once this welcome is handled).
      if (this.welcomed) queueMicrotask(() => { if (!this.stopped) this.catchUp(); }); else this.remember();
      this.welcomed = true;
      this.clearOfflineRefusal();
      queueMicrotask(() => { if (!this.stopped) this.resendHand(); }); // once the welcome is applied
      if (this.notesView) keepingFocus(this.notesPanel, () => this.notesView.welcome());
    }
    if (change.kind === 'event') {
      const event = change.event;
      if (event.name === 'note.op') { this.notesView?.event(event.data || {}); return; } // the notes view redraws itself
      if (event.name === 'clock.changed') this.notesView?.updateReadOnly();
      // Events replayed after a drop, that come while the tab is hidden, that waited while the
      // laptop slept, or that come while the page does not know its connection is back (a Wi-Fi
      // outage the socket outlived delivers them in a burst before the ping that says so) are not
      // said one by one (a burst of stale news): what they changed is said once when the replay is
      // over (`replayDone`), the tab is shown again (`onVisibility`), the backlog after waking has
      // been read (`WakeWatch`) or the connection is known to be back (`statusChanged`).
      if (!this.connection.replaying && !document.hidden && !this.wake.catchingUp(Date.now()) && !this.holdsNewsOffline()) {
        this.announceEvent(event);
      } else if (event.name === 'floor.changed' && event.data?.floor?.speaker && event.data.floor.speaker === this.model.you?.id) {
        this.hadFloorMeanwhile = true; // a turn given and over while away is told by the catch-up
      }
    }
    if (change.kind === 'welcome') this.render(); else this.drawing.request();
  }

  /** Whether an event is held because the connection is not known to be up; remembers that one was. */
  holdsNewsOffline() {
    if (this.connection.state === 'online') return false;
    this.newsHeldOffline = true;
    return true;
  }

  /**
   * The connection's status (after the page has said "Reconnected"): back online after a stall
   * the socket outlived, what the held events changed is said once, as after a resume's replay —
   * with the time left in a turn, not the turn's whole length. During a replay `replayDone` says it.
   */
  statusChanged(state) {
    if (state !== 'online' || !this.newsHeldOffline) return;
    this.newsHeldOffline = false;
    if (!this.stopped && this.welcomed && !this.connection.replaying) this.catchUp();
  }

  /** After a resume's replay: what changed while the page was away, said once (`catchUp`). */
  replayDone() {
    if (!this.stopped && this.model.session) this.catchUp();
    this.clearOfflineRefusal();
    this.resendHand();
  }

  // Back online, the room shows what did happen: an "offline" line about a command is stale.
  clearOfflineRefusal() {
    if (this.offlineRefusal) this.clearRefusal();
    this.offlineRefusal = false;
  }

  /**
   * Says what changed since the room was last said, once: the phase, the clock's status, the
   * speaker, this person's hand (and, for a facilitator, others' hands) and the shown question,
   * each as it is now. Then remembers the room as it is now. Nothing while the tab is hidden:
   * it is said when the tab is shown again.
   */
  catchUp() {
    if (document.hidden) return;
    const s = this.model.session;
    const before = { phase: this.lastPhase, status: this.lastStatus, floor: this.lastFloor, question: this.lastQuestion };
    const news = catchUpNews(before, this.remember(), { me: this.model.you?.id, facilitator: this.model.isFacilitator,
      nameOf: (id) => this.model.nameOf(id), phaseTitle: (index) => s.agenda?.[index]?.title ?? '',
      turnLeftSec: this.model.turnRemainingSec(this.connection.serverNow()), hadFloorMeanwhile: this.hadFloorMeanwhile });
    this.hadFloorMeanwhile = false;
    if (news.urgent.length) this.announcer.say(sentences(news.urgent), true);
    // Given the floor meanwhile: what is taken back when the turn ends (a catch-up's "You have the
    // floor, 1 minute 30 seconds left" stayed in the region after the speaker's own Finish).
    const me = this.model.you?.id;
    if (news.urgent.length && me && s.floor?.speaker === me && before.floor?.speaker !== me) this.floorCall = sentences(news.urgent);
    if (news.polite.length) this.announcer.say(sentences(news.polite));
  }

  /** Takes the room as it is now as the last said (what later news is told against); returns it. */
  remember() {
    const s = this.model.session;
    this.lastPhase = s.clock?.phase ?? null;
    this.lastStatus = s.clock?.status ?? null;
    this.lastDuration = s.clock?.durationSec ?? null;
    this.lastFloor = s.floor ?? null;
    this.lastQuestion = this.shownQuestion();
    this.lastParticipants = s.participants ?? [];
    return { phase: this.lastPhase, status: this.lastStatus, floor: this.lastFloor, question: this.lastQuestion };
  }

  /** The question shown to everyone as `{id, text}`, or null. */
  shownQuestion() {
    const q = this.model.currentPrompt;
    return q ? { id: q.id, text: q.text } : null;
  }

  /**
   * For a facilitator, who made `event` when it was someone else (a co-facilitator): `{name}`,
   * else null. A move of the phase, the clock or the question shown is then said with their name
   * ("Now: Evidence (by Cy)"), so two facilitators each know what the other did.
   */
  otherMover(event) {
    if (!this.model.isFacilitator) return null;
    const mover = moverOf(byOf(event), this.model.you?.id, (id) => (this.model.participant(id) ? this.model.nameOf(id) : undefined));
    return mover?.kind === 'other' ? mover : null;
  }

  announceEvent(event) {
    const s = this.model.session;
    const data = event.data || {};
    const phaseTitle = (index) => s.agenda?.[index]?.title ?? '';
    const nameOf = (id) => this.model.nameOf(id);
    const mover = this.otherMover(event);
    const byline = (text) => (mover ? t('announce.by', { text, name: mover.name }) : text);
    switch (event.name) {
      case 'clock.changed': {
        const clock = data.clock || {};
        const extended = extensionNews(this.lastDuration, clock.durationSec, phaseTitle(clock.phase));
        // The floor.changed right after a phase move or the end is that move's reset of the floor.
        if (clock.phase !== this.lastPhase || (clock.status === 'ended' && this.lastStatus !== 'ended')) {
          this.floorReset = { seq: event.seq + 1, kind: clock.status === 'ended' ? 'end' : 'move' };
        }
        if (clock.phase !== this.lastPhase) this.announcer.say(byline(t('announce.phase', { phase: phaseTitle(clock.phase) })));
        else if (clock.status !== this.lastStatus) {
          // A host is told where the record now is (its panel comes first on the page); at the
          // start everyone hears the first phase and its length, which no phase move names.
          const withRecord = !!this.recordOffer && offersRecord({ clock }, this.model.you);
          const started = clock.status === 'live' && (this.lastStatus === 'scheduled' || this.lastStatus === 'lobby');
          // The name goes with the first sentence: "(by Fran)" after "Now: Briefing, 10 minutes"
          // read as if Fran had set the length (an audit of these names).
          const length = spokenDuration(clock.durationSec ?? 0);
          this.announcer.say(started
            ? (mover ? t('announce.startedBy', { name: mover.name, phase: phaseTitle(clock.phase), length })
              : t('announce.started', { phase: phaseTitle(clock.phase), length }))
            : withRecord ? t(mover ? 'announce.status.endedRecordBy' : 'announce.status.endedRecord', { name: mover?.name })
              : byline(t(`announce.status.${clock.status}`)));
          // Seen too: a host typing far down the notes saw only "Read only" under the note (the
          // banner and the record's panel out of sight), or a hand cue that no longer applied.
          if (clock.status === 'ended') this.cue.flash(t(withRecord ? 'cue.endedRecord' : 'cue.ended'), withRecord ? 'record' : 'clock', Date.now());
        }
        // The countdown jumped: say why — unless it is this console's Undo giving the phase its
        // time back (`UNDO_EXTENSIONS`), which says "Back to … with 4:12 left" when done:
        // "21 seconds taken off" before it puzzled a keyboard-only probe.
        else if (extended && !this.connection.awaiting('clock.extend', (fields) => UNDO_EXTENSIONS.has(fields))) this.announcer.say(byline(extended));
        this.lastPhase = clock.phase;
        this.lastStatus = clock.status;
        this.lastDuration = clock.durationSec;
        break;
      }
      case 'clock.warning': this.announcer.say(t('announce.warning', { phase: phaseTitle(data.phase), time: spokenMinutes(data.remainingSec ?? 60) })); break;
      case 'clock.timeUp': this.announcer.say(t('announce.timeUp', { phase: phaseTitle(data.phase) }), true); break;
      case 'floor.timeUp':
        if (data.participant === this.model.you?.id) {
          this.turnOverSeq = event.seq;
          this.announcer.say(t('announce.turnOver'), true);
        } else if (this.model.isFacilitator) this.announcer.say(t('announce.turnOverFor', { name: nameOf(data.participant) }));
        break;
      case 'floor.changed': {
        const after = data.floor ?? null;
        const turnOverSaid = this.turnOverSeq !== null && event.seq === this.turnOverSeq + 1;
        const reset = this.floorReset?.seq === event.seq ? this.floorReset.kind : null;
        // This page's own release or lowering awaits its ack when the event it caused arrives.
        const who = { me: this.model.you?.id, facilitator: this.model.isFacilitator, nameOf, turnOverSaid, reset, live: true,
          releasedByMe: this.connection.awaiting('floor.release'), passedByMe: this.connection.awaiting('round.pass'),
          loweredByMe: (id) => this.connection.awaiting('hand.lower', (fields) => fields.participant === id),
          gather: (hands) => this.handsToSay.add(hands), unsaidRaise: (id) => this.handsToSay.take((hand) => hand.id === id) };
        const speaker = speakerNews(this.lastFloor, after, who);
        // This person's turn is over: "You have the floor" is no longer so (announcer.js `withdraw`).
        // Never said (the turn ended within the announcer's gathering time), its end is not said either.
        let callUnsaid = false;
        if (who.me && this.lastFloor?.speaker === who.me && after?.speaker !== who.me) {
          callUnsaid = this.announcer.withdraw(this.floorCall, true);
          this.floorCall = null;
        }
        const polite = handNews(this.lastFloor, after, who);
        const turnLength = turnLengthNews(this.lastFloor, after, who, this.model.turnRemainingSec(this.connection.serverNow()));
        if (turnLength) polite.push(turnLength);
        // A phase move's reset stops a round too: the new phase is the news.
        const round = reset ? { first: null, last: null } : roundNews(this.lastFloor, after, who);
        if (round.last) polite.unshift(round.last);
        if (speaker?.urgent) {
          if (!(callUnsaid && speaker.text === t('announce.yourTurnEnded'))) this.announcer.say(speaker.text, true);
        } else if (speaker) polite.unshift(speaker.text);
        // What is taken back when this turn ends (above).
        if (speaker?.urgent && after?.speaker === who.me && this.lastFloor?.speaker !== who.me) this.floorCall = speaker.text;
        if (round.first) polite.unshift(round.first);
        if (polite.length) this.announcer.say(sentences(polite));
        const me = this.model.you?.id;
        const place = (floor) => (floor?.queue || []).findIndex((hand) => hand.participant === me);
        const [was, now] = [place(this.lastFloor), place(after)];
        if (reset === 'move' && was >= 0 && now < 0 && after?.speaker !== me) {
          this.cue.flash(t('announce.handCleared'), 'floor', Date.now());
        } else if (!reset && (was < 0) !== (now < 0) && after?.speaker !== me && !this.handBar.state) {
          // One's own hand going up or down, seen: Alt+Shift+H pressed in a note far below the
          // Floor panel was said to a screen reader and shown nowhere (a visual audit). On a
          // phone the hand bar says it.
          this.cue.flash(now >= 0 ? t('announce.handUp', { pos: ordinal(now + 1) }) : t('announce.handLowered'), 'floor', Date.now());
        }
        this.lastFloor = after;
        break;
      }
      case 'participant.changed': {
        const text = this.model.isFacilitator ? rosterNews(this.lastParticipants, data.participants) : null;
        if (text) this.announcer.say(text);
        this.lastParticipants = data.participants ?? [];
        break;
      }
      // The whole deck comes with every change (a question marked discussed, added, reworded):
      // only a change to the shown question is news.
      case 'prompts.changed': case 'session.changed': {
        const shown = this.shownQuestion();
        const text = questionNews(this.lastQuestion, shown);
        if (text && mover && shown && shown.id !== this.lastQuestion?.id) this.announcer.say(t('announce.questionBy', { text: shown.text, name: mover.name }));
        else if (text) this.announcer.say(shown ? text : byline(text));
        if (shown && shown.id !== this.lastQuestion?.id && !this.model.isFacilitator) {
          this.cue.flash(t('cue.question', { text: shown.text }), 'prompt', Date.now());
        }
        this.lastQuestion = shown;
        break;
      }
      default: break;
    }
  }

  /** An ephemeral message. */
  ephemeral(msg) {
    if (this.stopped) return;
    if (msg.type === 'presence') {
      const before = new Set(this.model.online || []);
      this.model.presence(msg.online);
      this.notePresence(before, this.model.online);
      this.notesView?.notes.forEach((_, id) => this.notesView.renderCursors(id));
    }
    else if (msg.type === 'cursor') this.notesView?.cursor(msg);
    else if (msg.type === 'hint') this.notesView?.hint(msg);
    else if (msg.type === 'signal') {
      this.signals.unshift({ by: msg.by, kind: msg.kind, at: Date.now() });
      this.signals.length = Math.min(this.signals.length, 6);
      keepingFocus(this.signalPanel, () => this.renderSignals());
      // A signal that came while the tab was hidden is old news by the time anyone hears it.
      if (msg.by !== this.model.you?.id && !document.hidden) this.saySignalSoon(msg);
      // One's own, once it went through: the button does not change, and the list is no live region.
      else if (msg.by === this.model.you?.id) this.announcer.say(t('announce.signalSent', { kind: t(`signal.${msg.kind}`) }));
    }
  }

  // The facilitator hears who joined (`arrivals`, gathered in bursts); who went offline is said from the tick.
  notePresence(before, after) {
    const now = Date.now();
    if (this.presenceBaseline) this.presenceBaseline = false;
    else if (this.model.isFacilitator && !document.hidden) {
      this.joinsToSay.add(arrivals(before, after, { seen: this.seenOnline, awaySince: this.awaySince, now, me: this.model.you?.id }));
    }
    for (const id of after) { this.seenOnline.add(id); this.awaySince.delete(id); this.wentOfflineSaid.delete(id); }
    for (const id of before) if (!after.has(id)) this.awaySince.set(id, now);
  }

  /**
   * Others' hands raised (`raisedHands`' items, gathered): those still up, at their places now,
   * with how many wait now (a hand lowered meanwhile was said as lowered).
   */
  sayRaised(hands) {
    if (this.stopped) return;
    const queue = (this.model.session?.floor?.queue || []).map((h) => h.participant);
    const up = hands.filter((h) => queue.includes(h.id)).map((h) => ({ ...h, pos: queue.indexOf(h.id) + 1 }));
    const news = raisedNews(up, (id) => this.model.nameOf(id), queue.length);
    if (news.length) this.announcer.say(news.join('. '));
  }

  /** People who joined (gathered), in one sentence. */
  sayJoined(ids) {
    const text = this.stopped ? null : joinedNews(ids, (id) => this.model.nameOf(id));
    if (text) this.announcer.say(text);
  }

  sayWentOffline() {
    if (!this.model.isFacilitator || document.hidden || this.awaySince.size === 0) return;
    const news = departureNews({ awaySince: this.awaySince, said: this.wentOfflineSaid, now: Date.now(), nameOf: (id) => this.model.nameOf(id) });
    if (!news) return;
    for (const id of news.ids) this.wentOfflineSaid.add(id);
    this.announcer.say(news.text);
  }

  // The signals list is not a live region (it would be read whole at each one): others'
  // signals are said through the announcer, gathered for a moment so a burst is one message.
  saySignalSoon(signal) {
    this.signalsToSay.push(signal);
    if (this.signalTimer) return;
    this.signalTimer = setTimeout(() => {
      this.signalTimer = null;
      const text = signalNews(this.signalsToSay, (id) => this.model.nameOf(id));
      this.signalsToSay = [];
      if (text && !this.stopped) this.announcer.say(text);
    }, SIGNAL_GATHER_MS);
  }

  // Every section is rebuilt as elements and merged into the page by `morphChildren`: only
  // the text and attributes that differ change, so nothing a screen reader is on moves.
  render() {
    this.drawing.done(); // drawn now: a redraw asked for meanwhile has nothing left to do
    const s = this.model.session;
    if (!s) return;
    this.grid.hidden = false;
    this.notesPanel.hidden = false;
    keepingFocus(this.root, () => {
      this.renderHeader(s);
      this.renderClock(s);
      this.renderAgenda(s);
      this.listedQueue?.update();
      morphChildren(this.floor, floorPanel(this, s));
      this.renderPrompt();
      this.renderPeople(s);
      this.renderSignals();
      this.renderRecord(s);
      this.renderShortcuts();
      this.tick();
    });
  }

  /** The record panel: shown to a host or facilitator on the join page once the review has ended. */
  renderRecord(s) {
    const offered = !!this.recordOffer && offersRecord(s, this.model.you);
    this.recordPanel.hidden = !offered;
    if (offered) this.recordPanel.setAttribute('aria-labelledby', 'record-heading');
    else this.recordPanel.removeAttribute('aria-labelledby');
    morphChildren(this.recordPanel, ...(offered ? this.recordOffer.children(s) : []));
    const followed = this.recordOffer ? this.recordOffer.followedChildren(this.model.you, s?.clock?.status) : [];
    this.followedPanel.hidden = followed.length === 0;
    if (followed.length) this.followedPanel.setAttribute('aria-labelledby', 'followed-heading');
    else this.followedPanel.removeAttribute('aria-labelledby');
    morphChildren(this.followedPanel, ...followed);
  }

  renderHeader(s) {
    const you = this.model.you;
    morphChildren(this.header,
      // Focusable (tabindex -1): the console's live view puts focus here once it is drawn.
      el('h1', { id: 'room-heading', textContent: s.title, attrs: { tabindex: '-1' } }),
      el('p', { className: 'meta' }, t('room.host', { school: s.hostSchool })),
      el('p', { className: 'focus' }, el('strong', {}, t('room.focus')), ' ', s.focus),
      you ? el('p', { className: 'meta' }, t('room.you', { name: this.model.nameOf(you.id), role: t(`role.${you.role}`) })) : null,
      you?.role === 'observer' ? el('p', { className: 'role-note', id: 'role-note' }, t('room.observerNote')) : null);
    // Whose page and which session, so tabs (and a screen reader's list of them) tell apart two
    // people's rooms, or a room and the console, open in one browser (a tabs probe: four alike).
    setPageTitle(this.inConsole ? t('console.sessionTitle', { title: s.title })
      : you ? t('room.pageTitleYou', { title: s.title, name: this.model.nameOf(you.id), role: t(`role.${you.role}`) })
        : t('room.pageTitle', { title: s.title }));
  }

  renderClock(s) {
    const phase = this.model.phase;
    const clock = s.clock || {};
    // Once ended, the phase it ended in is no longer "now" (a host's audit read "Now: Clarifying
    // questions" beside "Ended"), and its purpose is no longer what to do.
    const ended = clock.status === 'ended';
    const title = phase ? (ended ? t('clock.lastPhase', { phase: phase.title }) : phase.title) : t('clock.noPhase');
    morphChildren(this.clock,
      el('h2', { id: 'clock-heading', textContent: t('clock.heading') }),
      el('p', { className: 'phase-title', attrs: { 'data-testid': 'phase-title' } }, title),
      phase?.purpose && !ended ? el('p', { className: 'purpose' }, phase.purpose) : null,
      phase?.onTimeUp === 'advance' && clock.status !== 'ended' ? el('p', { className: 'meta advances', attrs: { 'data-testid': 'advances' } }, t('phase.advances')) : null,
      el('p', { className: `status status-${clock.status}${this.clockStale ? ' status-stale' : ''}`, attrs: { 'data-testid': 'clock-status' } },
        clockStatusText(t, clock, this.clockStale)),
      this.countdown, this.startDetail, this.alert);
  }

  renderAgenda(s) {
    morphChildren(this.agenda, agendaPanel(s));
  }

  renderPrompt() {
    morphChildren(this.prompt, promptPanel(this.model.currentPrompt, this.model.session?.clock?.status === 'ended'));
  }

  renderPeople(s) {
    const remove = s.clock?.status === 'ended' ? null : this.removePerson;
    morphChildren(this.people, peoplePanel(s, this.model, this.connection.serverNow(), remove));
  }

  renderSignals() {
    const canSignal = this.model.you && this.model.you.role !== 'display' && this.model.session?.clock?.status !== 'ended';
    morphChildren(this.signalPanel, signalsPanel({ canSignal, recent: this.signals, nameOf: (id) => this.model.nameOf(id), send: (kind) => this.send('signal', { kind }) }));
  }

  /** The shortcuts that act on this page for this person, each with every chord that does it. */
  shownShortcuts() {
    const actions = ['time', ...(this.model.canEdit ? ['hand', 'respond'] : [])];
    if (this.model.isFacilitator && this.model.session?.clock?.status !== 'ended') {
      actions.push('next', 'prev', ...(this.onConsoleKey ? CONSOLE_SHORTCUTS : []));
    }
    return actions;
  }

  renderShortcuts() {
    const actions = this.shownShortcuts();
    this.shortcuts.hidden = actions.length === 0;
    // Hidden, it keeps its heading: the section's aria-labelledby must name an element that exists.
    if (actions.length === 0) replaceChildren(this.shortcuts, shortcutsHeading());
    else morphChildren(this.shortcuts, shortcutsPanel(actions));
  }

  tick() {
    const s = this.model.session;
    if (!s || this.stopped) return;
    const now = this.connection.serverNow();
    const clock = s.clock || {};
    const remaining = this.model.remainingSec(now);
    const stale = clockIsStale(this.connection.state, clock);
    if (stale !== !!this.clockStale) { this.clockStale = stale; this.renderClock(s); }
    this.countdown.classList.toggle('stale', stale);
    let text;
    if (clock.status === 'ended') text = t('clock.ended');
    let detail = '';
    if (clock.status === 'scheduled' || clock.status === 'lobby') {
      const start = startParts(s.startsAt, s.timeZone, now);
      text = t(start.ago ? 'clock.dueAt' : 'clock.startsAt', { time: start.when });
      detail = [start.local, start.until, start.ago].filter(Boolean).join(' · ');
    } else if (clock.status !== 'ended') text = formatCountdown(remaining);
    if (this.countdown.textContent !== text) this.countdown.textContent = text;
    if (this.startDetail.textContent !== detail) { this.startDetail.textContent = detail; this.startDetail.hidden = !detail; }
    this.countdown.classList.toggle('overtime', remaining < 0 && clock.status !== 'ended');
    const alert = clockAlert(clock, remaining);
    const alertText = alert ? t(`clock.alert.${alert}`) : '';
    if (this.alert.textContent !== alertText) this.alert.textContent = alertText;
    this.alert.dataset.alert = alert ?? '';
    const turn = this.model.turnRemainingSec(now);
    const turnText = turn === null ? '' : (turn >= 0 ? t('floor.turnLeft', { time: formatDuration(turn) }) : t('floor.turnOver'));
    if (this.turnCountdown.textContent !== turnText) this.turnCountdown.textContent = turnText;
    this.warnTurn(s.floor, turn);
    const speaking = this.speakingText(s.floor, turnText);
    this.showHandBar(s.floor, speaking);
    this.showCue(speaking);
    this.sayWentOffline();
    this.tickSpoken(s, now);
    this.onTick?.(s, now);
  }

  // What concerns this person, at the foot of the screen when its panel is out of view
  // (`personal-cue.js`); the facilitator runs the floor from the controls and needs none. On a
  // phone the hand bar says "You have the floor" itself, so the cue leaves that to it.
  showCue(speaking) {
    if (this.model.isFacilitator) return;
    const typing = this.notesView?.focused() ?? null;
    const shownFor = { floor: this.floor.querySelector('[data-testid=speaker]'), prompt: this.prompt.querySelector('[data-testid=question]'),
      notes: typing?.status, record: this.recordPanel.hidden ? null : this.recordPanel, clock: this.countdown };
    this.cue.update({ speaking: this.handBar.state?.speaking ? null : speaking, unsaved: typing ? statusWorthACue(typing) : null,
      // The note's line counts as out of view under the cue itself (at 200 % the floor's cue covered it).
      now: Date.now(), panelInView: (panel) => wholeInView(shownFor[panel]) && !(panel === 'notes' && covers(this.cue.element, shownFor.notes)) });
  }

  /** "You have the floor · Turn: 0:45 left" while this person speaks, else null. */
  speakingText(floor, turnText) {
    const me = this.model.you?.id;
    return me && floor?.speaker === me ? [t('floor.youSpeaking'), turnText].filter(Boolean).join(' · ') : null;
  }

  // The hand toggle at the foot of a phone's screen while the panel's is out of sight
  // (`hand-bar.js`); the console's live view and the facilitator have the controls instead.
  showHandBar(floor, speaking) {
    const canRaise = this.model.canEdit && !this.model.isFacilitator && !this.inConsole && this.handBar.fitsScreen;
    const place = (floor?.queue || []).findIndex((h) => h.participant === this.model.you?.id) + 1;
    const buttons = { hand: '#raise-hand', release: '#release-floor' };
    this.handBar.update(handBarState({
      canRaise, place, countdown: this.countdown.textContent, refusal: this.refusalLine.textContent,
      speaking: speaking ? { text: speaking, inRound: !!floor.round } : null, paused: this.model.session?.clock?.status === 'paused',
      panelButtonInView: (action) => wholeInView(this.floor.querySelector(buttons[action])),
    }));
  }

  // The speaker of a timed turn hears once, politely, that it is running out (`turnWarningNews`).
  warnTurn(floor, turnLeft) {
    const me = this.model.you?.id;
    const turnKey = me && floor?.speaker === me && floor.turnEndsAt ? `${floor.since}|${floor.turnEndsAt}` : null;
    if (turnKey !== this.warnedTurnKey) { this.warnedTurnKey = turnKey; this.lastTurnLeft = null; }
    const text = turnKey && !document.hidden ? turnWarningNews(this.lastTurnLeft, turnLeft, turnLengthSec(floor)) : null;
    this.lastTurnLeft = turnKey ? turnLeft : null;
    if (text) this.announcer.say(text);
  }

  // The speaker's time grows while they speak: only their line's text and bar change.
  tickSpoken(s, now) {
    const speaker = s.floor?.speaker;
    if (!speaker) return;
    const line = this.people.querySelector(`li[data-participant="${CSS.escape(speaker)}"] .spoken`);
    const text = t('people.spoken', { time: formatElapsed(this.model.spokenSec(speaker, now)) });
    if (line && line.textContent !== text) keepingFocus(this.people, () => this.renderPeople(s));
  }

  /** Raises a contribution hand, or lowers the hand that is up (button and Alt+Shift+H). */
  toggleHand() {
    const me = this.model.you?.id;
    if (this.handUp()) this.sendHand('hand.lower', { participant: me });
    else this.sendHand('hand.raise', { kind: 'contribution' });
  }

  /** Raises a direct-response hand; never lowers one (Alt+Shift+R with a hand up says so). */
  raiseResponse() {
    if (this.handUp()) { this.showRefusal(t('floor.alreadyUp')); return; }
    // A direct response answers someone else: the speaker's own would queue them behind themselves.
    if (this.model.session?.floor?.speaker === this.model.you?.id) { this.showRefusal(t('floor.respondWhileSpeaking')); return; }
    this.sendHand('hand.raise', { kind: 'response' });
  }

  /**
   * Raises or lowers this person's hand. Until it is answered it is remembered and, once the page
   * is back, sent again if it did not go through (`resendHand`): both are safe to repeat
   * (PROTOCOL §3.2: raising a raised hand, or lowering a lowered one, changes nothing). So one
   * pressed while offline, or cut off in flight, says at once that it will be done on reconnecting.
   * A hand raised into a silently dead connection used to be lost; one pressed while the page knew
   * it was offline was dropped with "Not sent… try again"; and one pressed as the browser said
   * "offline" got no word for 8 s, then "may have gone through", and went up anyway (an audit).
   */
  sendHand(type, fields) {
    const intent = { type, fields, phase: this.model.session?.clock?.phase };
    this.handIntent = intent;
    const queued = t(type === 'hand.raise' ? 'floor.raiseQueued' : 'floor.lowerQueued');
    if (!this.connection.online || this.connection.state === 'offline') this.showRefusal(queued);
    return this.connection.command(type, fields).then((ack) => {
      if (this.handIntent === intent) this.handIntent = null;
      this.clearRefusal();
      return ack;
    }, (error) => {
      if (error.code === 'offline') {
        this.showRefusal(queued);
        this.offlineRefusal = true;
        return;
      }
      if (this.handIntent === intent) this.handIntent = null;
      this.showRefusal(commandFailureText(error, { type, fields, model: this.model }));
      this.offlineRefusal = false;
    });
  }

  /**
   * Back online: a hand command pressed offline, or cut off in flight, that did not go through is
   * sent again, unless it is stale: the phase moved meanwhile (a move clears every hand), the
   * review ended, or this person was given the floor. What the server then does is said as usual
   * ("Your hand is up"). A raise left stale by a move or the end is said too: the page had said
   * the hand would go up, and it was then simply not up, with nothing to say why.
   */
  resendHand() {
    const intent = this.handIntent;
    this.handIntent = null;
    const s = this.model.session;
    if (!intent || !this.connection.online || !s) return;
    if (s.floor?.speaker === this.model.you?.id) return;
    if (s.clock?.phase !== intent.phase || s.clock?.status === 'ended') {
      if (intent.type === 'hand.raise' && !this.handUp()) {
        this.showRefusal(s.clock?.status === 'ended' ? t('floor.raiseLostEnded')
          : t('floor.raiseLostMoved', { phase: this.model.phase?.title ?? '' }));
      }
      return;
    }
    if ((intent.type === 'hand.raise') === this.handUp()) return; // it went through after all
    this.sendHand(intent.type, intent.fields);
  }

  handUp() {
    const me = this.model.you?.id;
    return (this.model.session?.floor?.queue || []).some((h) => h.participant === me);
  }

  // Alt+Shift with a letter or an arrow only (WCAG 2.1.4: no single-key shortcuts), never while
  // typing — except the hand's in a note (`actsWhileTyping`).
  shortcut(event) {
    if (this.stopped) return;
    const action = shortcutOf(event);
    if (!action) return;
    if (!this.model.session) {
      // Still joining: the keys a reviewer presses (from anywhere) are answered, not silent.
      if (action === 'time' || action === 'hand' || action === 'respond') { event.preventDefault(); this.announcer.say(t('keys.notJoined')); }
      return;
    }
    const inNote = event.target instanceof HTMLElement && event.target.classList.contains('note-text');
    if (typingInField(event) && !actsWhileTyping(action, { inNote, mac: /Mac|iPhone|iPad/.test(navigator.platform) })) return;
    if (action === 'time') {
      event.preventDefault();
      this.sayTimeLeft();
    } else if ((action === 'hand' || action === 'respond') && this.model.canEdit) {
      event.preventDefault();
      if (action === 'hand') this.toggleHand(); else this.raiseResponse();
    } else if ((action === 'hand' || action === 'respond') && this.model.you?.role === 'observer') {
      event.preventDefault();
      this.showRefusal(t('floor.observerNoHand')); // the keys did nothing and said nothing
    } else if ((action === 'next' || action === 'prev') && this.model.isFacilitator) {
      event.preventDefault();
      const type = action === 'next' ? 'phase.next' : 'phase.prev';
      if (this.onPhaseKey) this.onPhaseKey(type); else this.sendPhaseKey(type);
    } else if (CONSOLE_SHORTCUTS.includes(action) && this.model.isFacilitator && this.onConsoleKey) {
      event.preventDefault();
      this.onConsoleKey(action);
    }
  }

  /** Says the time left (Alt+Shift+O): the phase's, and the turn's to its speaker (`timeLeftNews`). */
  sayTimeLeft() {
    const s = this.model.session;
    const now = this.connection.serverNow();
    const mine = s.floor?.speaker === this.model.you?.id;
    this.announcer.say(timeLeftNews({ clock: s.clock, phaseTitle: this.model.phase?.title ?? t('clock.noPhase'),
      remainingSec: this.model.remainingSec(now), turnSec: mine ? this.model.turnRemainingSec(now) : null,
      startText: [this.countdown.textContent, this.startDetail.textContent.replaceAll(' · ', ', ')].filter(Boolean),
      stale: clockIsStale(this.connection.state, s.clock) }));
  }

  // A fast double press must move one phase, not two: ignored until the answer plus a pause.
  // The phase shown goes with it, so a co-facilitator's move a moment before refuses it.
  sendPhaseKey(type) {
    if (this.phaseKeyHeld) return;
    // During a round it asks first, as the console does (this page moved on unasked; an audit).
    if (!phaseMoveMayEndRound(this.model, type)) return;
    this.phaseKeyHeld = true;
    this.send(type, { phase: this.model.session?.clock?.phase }).finally(() => {
      this.phaseKeyTimer = setTimeout(() => { this.phaseKeyHeld = false; }, PHASE_KEY_HOLD_MS);
    });
  }

  /** Sends a command; a success clears the refusal line, a refusal is shown there in plain words. */
  send(type, fields = {}) {
    return this.connection.command(type, fields).then((ack) => {
      this.clearRefusal();
      return ack;
    }, (error) => {
      this.showRefusal(commandFailureText(error, { type, fields, model: this.model }));
      this.offlineRefusal = error.code === 'offline';
    });
  }
}

/**
 * What the refusal line says when a command failed: the server's refusal in plain words
 * (`refusal-text.js`: what happened, with names and the console's button labels, never ids or
 * command names; `type` and `fields` are the command as sent, `model` the page's session model),
 * or that the page was offline — and when the connection dropped after the command went out,
 * that it may have gone through (a hand raised during a silent drop was up once the network came
 * back, while the page said "Not sent… try again", and trying again lowered it).
 */
export function commandFailureText(error, { type = '', fields = {}, model = null, phaseMover = null, floorGiver = null } = {}) {
  if (error.code !== 'offline') {
    const s = model?.session;
    return refusalText(type, fields, error, {
      me: model?.you?.id ?? null, floor: s?.floor ?? null, clock: s?.clock ?? null,
      nameOf: (id) => model?.participant?.(id)?.name ?? null,
      phaseTitle: (index) => s?.agenda?.[index]?.title ?? '', phaseMover, floorGiver });
  }
  return t(error.sent ? 'conn.maybeSent' : 'conn.notSent');
}
