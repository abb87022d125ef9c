import ReviewRoomProtocol
import ReviewRoomStore

// A loaded session keeps only its latest events framed in memory (the replay ring: those after
// its snapshot at load, then the latest `replayRingEvents`, at most about `replayByteLimit`
// bytes of them); a `resume` from further back, but within `replayLimit`, reads the events the
// ring lacks from the store before it joins (most joins, and every join without `resume`, never
// need them).
extension SessionActor {
    /// The stored events a `resume` needs from before the replay ring: every event after
    /// `resume.after` that the ring does not hold now, in seq order. Nil when the ring holds them
    /// all, when the resume gets a `welcome` anyway (another epoch, a seq it cannot have seen,
    /// a backlog over ``LiveLimits/replayLimit``, or over ``LiveLimits/replayByteLimit`` with
    /// the ring's events alone), or when the store cannot read them (logged; the resume then
    /// gets a `welcome`).
    func olderEvents(for resume: ResumeRequest) async -> [EventRecord]? {
        guard resume.epoch == epoch, resume.after >= 0, resume.after <= seq,
              seq - resume.after <= Int64(limits.replayLimit), resume.after + 1 < recent.firstSeq,
              recent.bytes <= limits.replayByteLimit else { return nil }
        let missing = recent.firstSeq - 1 - resume.after
        do {
            return try await store.events(of: id, after: resume.after, limit: Int(missing))
        } catch {
            logger.warning("events before the replay ring could not be read for a resume",
                           metadata: ["session": "\(id)", "error": "\(error)"])
            return nil
        }
    }

    /// The seq of the oldest event the replay ring holds now.
    var replayRingStart: Int64 { recent.firstSeq }
}
