import ReviewRoomProtocol
import ReviewRoomStore

// A session loaded from a snapshot holds only the events after it in its replay ring; the ones
// before it that a `resume` may still ask for are read from the store the first time one does
// (most joins, and every join without `resume`, never need them).
extension SessionActor {
    /// Reads the stored events before the snapshot into the replay ring if `resume` needs them
    /// (same epoch, an `after` inside the window but before the ring). Concurrent resumes share
    /// one read. On a store error the ring stays as it was and the resume gets a `welcome`.
    func readReplayWindow(for resume: ResumeRequest) async {
        guard let window = unreadReplayWindow, resume.epoch == epoch, resume.after >= window.after,
              resume.after < recent.firstSeq - 1 else { return }
        if let running = replayWindowRead {
            await running.value
            return
        }
        let read = Task { await self.readUnreadReplayWindow(window) }
        replayWindowRead = read
        await read.value
        replayWindowRead = nil
    }

    private func readUnreadReplayWindow(_ window: ReplayWindow) async {
        do {
            let records = try await store.events(of: id, after: window.after, limit: window.count)
            // Events up to the snapshot never change, so reading them now is as consistent as at
            // load; a ring trimmed since (a long session) no longer joins them and drops them.
            recent.prepend(stored: records)
            unreadReplayWindow = nil
        } catch {
            logger.warning("events before the snapshot could not be read for a resume",
                           metadata: ["session": "\(id)", "error": "\(error)"])
        }
    }
}

extension SessionActor {
    /// The seq of the oldest event the replay ring holds now.
    var replayRingStart: Int64 { recent.firstSeq }
}
