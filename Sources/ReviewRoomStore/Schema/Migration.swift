/// One step of the schema: applied once, in order, inside the start-up transaction.
struct Migration: Sendable {
    /// The schema version this migration produces (1, 2, …).
    let version: Int
    /// What it changes, recorded in `store_metadata`.
    let summary: String
    /// The DDL/DML to run.
    let sql: String
}
