import Logging
import ReviewRoomCore
import ReviewRoomStore

/// Erases the sessions whose ``SessionRetention`` time has run out (`retention_days`), as a
/// facilitator's `DELETE` would: definition, notes, history, participants, attendance, with the
/// store's `secure_delete` and WAL truncation.
///
/// A session somebody has open (loaded: someone is in it, or an API call is reading it) is left
/// for the next sweep; a join that loads it while it is being erased is closed with 4004, as
/// after a `DELETE`.
public struct RetentionSweep: Sendable {
    /// The rule.
    public let retention: SessionRetention
    let store: Store
    let registry: SessionRegistry
    let logger: Logger

    /// A sweep of `store`'s sessions under `retention`, skipping those open in `registry`.
    public init(retention: SessionRetention, store: Store, registry: SessionRegistry, logger: Logger) {
        self.retention = retention
        self.store = store
        self.registry = registry
        self.logger = logger
    }

    /// Erases the sessions due at `now` that nobody has open, at most `limit` of them (the
    /// longest unused first); returns the ids erased. A failure to erase one is logged and the
    /// rest still go.
    @discardableResult
    public func run(now: Timestamp, atMost limit: Int = .max) async throws -> [SessionID] {
        let due = retention.due(try await store.sessionLastUses(), now: now)
        var erased: [SessionID] = []
        for id in due where erased.count < limit {
            guard await !registry.isInUse(id) else {
                logger.info("session due for erasing is open; kept until the next sweep", metadata: ["session": "\(id)"])
                continue
            }
            do {
                // A join that loaded it meanwhile is closed (4004) once it is erased, not left in a ghost.
                try await registry.delete(session: id) { [store] in try await store.deleteSession(id) }
                erased.append(id)
                logger.notice("session erased: unused for retention_days", metadata: [
                    "session": "\(id)", "retention_days": "\(retention.days)",
                ])
            } catch let error as StoreError where error.code == .unknownSession {
                continue // A facilitator deleted it meanwhile.
            } catch {
                logger.error("cannot erase a session due under retention_days", metadata: ["session": "\(id)", "error": "\(error)"])
            }
        }
        return erased
    }
}
