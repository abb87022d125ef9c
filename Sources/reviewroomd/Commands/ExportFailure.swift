/// Why `reviewroomd export` could not produce a record (printed as `error: <message>`, exit 1).
struct ExportFailure: Error {
    /// What was wrong, naming the session or the stored value.
    var message: String
}
