/// What a load run counts besides latency.
struct LoadRunCounters {
    /// Text frames clients received inside the measured window.
    var frames = 0
    /// `note.edit` commands sent inside the measured window.
    var edits = 0
    /// `error` replies (not tolerated ones).
    var errorReplies = 0
    /// Connections that failed or closed before the run ended.
    var connectionFailures = 0
    /// Edits whose events never reached every other participant.
    var lostEdits = 0
    /// Note ops the client-side OT could not apply (a server bug against ReviewRoom; expected
    /// against the peer, which does not transform).
    var otFailures = 0
    /// Edits the server acked without an event (no-ops after transformation): not sampled.
    var noopEdits = 0
    /// Arrivals the ledger did not expect.
    var unknownArrivals = 0
    /// The first few error texts, for the report.
    var samples: [String] = []
    /// What the run measured besides its result line (CPU, splits, the daemon's histograms),
    /// for the report after the error texts; never crowded out by them.
    var figures: [String] = []

    /// Everything that counts as an error in the result line.
    var errors: Int { errorReplies + connectionFailures + lostEdits + unknownArrivals }

    /// Keeps an error text (the first six only).
    mutating func note(_ text: String) {
        if samples.count < 6 { samples.append(text) }
    }

    /// Keeps a measured figure's text.
    mutating func figure(_ text: String) {
        figures.append(text)
    }
}
