extension Milliseconds {
    /// Seconds as a client sent them, for an error message: whole numbers without a fraction
    /// ("0", not "0.0"), anything else as Swift prints it.
    static func shown(seconds: Double) -> String {
        seconds.isFinite && seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : "\(seconds)"
    }

    /// Why `seconds`, inside its range, still gives no time: it is under half a millisecond.
    static func roundsToZero(_ seconds: Double) -> Bool {
        seconds.isFinite && seconds != 0 && from(seconds: seconds) == 0
    }
}
