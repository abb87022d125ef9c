// Strings of the schedule form's, console's and room pages' accessibility fixes. They belong in
// strings.js's catalogue (same keys); they wait here because that file was being changed by
// another piece of work at the time. `addedText` fills placeholders exactly as `t` does.
import { t } from './strings.js';

const added = {
  'schedule.movedPhase': 'Phase “{title}” moved to position {n} of {count}',
  'schedule.movedQuestion': 'Question {was} moved to position {n} of {count}',
  'schedule.removedPhase': 'Phase “{title}” removed',
  'schedule.removedQuestion': 'Question {n} removed',
  'schedule.removedPerson': 'Person {n} removed',
  'control.questionEmpty': 'Type the question first',
  'title.lost': 'Connection lost – {title}',
  'title.ended': 'Ended – {title}',
  'control.clockHeading': 'Clock controls',
  'control.agendaHeading': 'Agenda controls',
  'control.floorHeading': 'Floor controls',
};

/** The text for `key` with `{name}` placeholders filled from `params` (as `t` does for its catalogue). */
export function addedText(key, params = {}) {
  // `t` fills the placeholders of a key it does not know in the key itself.
  return t(added[key] ?? key, params);
}
