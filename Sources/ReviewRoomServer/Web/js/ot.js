// Operational transformation for ReviewRoom's shared notes (PROTOCOL.md §3.3), in one import:
// the operation (text-operation.js), the textarea diff (text-diff.js) and the note's client
// state machine (note-client.js). Ops use the ot.js wire format: positive integer = retain,
// string = insert, negative integer = delete, lengths in UTF-16 code units.

export { OpError, MAX_INSERT_UNITS, TextOperation, PendingText } from './text-operation.js';
export { diffOperation, rebaseOperation } from './text-diff.js';
export { NoteClient } from './note-client.js';
