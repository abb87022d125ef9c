import Foundation
import Logging
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// `retention_days`: the sweep erases a session that many days after its last use (the latest of
/// its scheduling, its start and its newest event), leaves one somebody has open, and the
/// service sweeps again every hour on its clock.
@Suite("Live sessions: erasing sessions after retention_days")
struct RetentionSweepTests {
    static let day = 86_400.0

    static func sweep(_ server: InProcessServer, days: Int) throws -> RetentionSweep {
        RetentionSweep(retention: try #require(SessionRetention(days: days)), store: server.store,
                       registry: server.registry, logger: Logger(label: "test.retention"))
    }

    /// Waits until the service sleeps (its sweep is done).
    static func swept(_ clock: ManualSessionClock) async {
        while clock.sleeperCount == 0 { await Task.yield() }
    }

    /// Moves `clock` an hour on and waits for the sweep that wakes.
    static func anHourLater(_ clock: ManualSessionClock) async {
        clock.advance(to: clock.now().adding(seconds: 3_600))
        await swept(clock)
    }

    /// Stops the service's task, then the server.
    static func stop(_ running: Task<Void, any Error>, _ server: InProcessServer) async throws {
        running.cancel()
        try await running.value
        await server.stop()
    }

    /// A second session of the fixture's store, starting at `startsAt`.
    static func anotherSession(in server: InProcessServer, startsAt: Timestamp) async throws -> SessionID {
        try await SessionFixture.create(in: server.store, startsAt: startsAt).session
    }

    @Test func aSessionIsErasedOnTheDayItsRetentionRunsOutNotBefore() async throws {
        let server = try await InProcessServer.start()
        let unused = server.fixture.session
        let unusedStart = try #require(try await server.store.session(unused)).definition.startsAt
        let later = try await Self.anotherSession(in: server, startsAt: unusedStart.adding(seconds: 3 * Self.day))
        let sweep = try Self.sweep(server, days: 7)

        let justBefore = unusedStart.adding(seconds: 7 * Self.day - 0.001)
        #expect(try await sweep.run(now: justBefore).isEmpty)
        #expect(try await server.store.session(unused) != nil)

        #expect(try await sweep.run(now: unusedStart.adding(seconds: 7 * Self.day)) == [unused])
        #expect(try await server.store.session(unused) == nil, "erased from the store")
        #expect(try await server.store.session(later) != nil, "a session used three days later is kept")
        #expect(try await server.registry.state(session: unused, at: server.clock.now()) == nil)
        await server.stop()
    }

    /// The daemon's sweep before it listens erases a bounded number, the longest unused first,
    /// and says whether more may be due (its service then sweeps again at once).
    @Test func aBoundedSweepErasesTheLongestUnusedFirstAndSaysMoreMayBeDue() async throws {
        let server = try await InProcessServer.start()
        let oldest = server.fixture.session
        let start = try #require(try await server.store.session(oldest)).definition.startsAt
        let middle = try await Self.anotherSession(in: server, startsAt: start.adding(seconds: Self.day))
        let newest = try await Self.anotherSession(in: server, startsAt: start.adding(seconds: 2 * Self.day))
        let now = start.adding(seconds: 100 * Self.day)
        let service = RetentionService(sweep: try Self.sweep(server, days: 30), clock: ManualSessionClock(start: now),
                                       logger: Logger(label: "test.retention"))
        #expect(await service.sweep(at: now, atMost: 2), "two erased: more may be due")
        #expect(try await server.store.session(oldest) == nil)
        #expect(try await server.store.session(middle) == nil)
        #expect(try await server.store.session(newest) != nil)
        #expect(!(await service.sweep(at: now, atMost: 2)), "one erased: none left")
        #expect(try await server.store.session(newest) == nil)
        await server.stop()
    }

    @Test func theNewestEventIsTheLastUse() async throws {
        let server = try await InProcessServer.start()
        let session = server.fixture.session
        let start = try #require(try await server.store.session(session)).definition.startsAt
        #expect(try await server.store.lastUse(of: session) == start, "nothing happened yet: its start")
        let (fay, _) = try await server.join("Fay")
        let startedAt = start.adding(seconds: 120)
        server.clock.advance(to: startedAt)
        #expect(try await fay.request("session.start").type == "ack")
        let endedAt = startedAt.adding(seconds: 2 * Self.day)
        server.clock.advance(to: endedAt)
        #expect(try await fay.request("session.end").type == "ack")
        // Acknowledged means stored: the end is the last use.
        #expect(try await server.store.lastUse(of: session) == endedAt)
        fay.disconnect()
        await server.stop()
    }

    /// A post-review workshop works from its review's record: the review stays, and says it
    /// will be erased with the workshop, until the workshop has been unused for the same days.
    @Test func aReviewIsKeptWhileItsWorkshopIs() async throws {
        let server = try await InProcessServer.start()
        let review = server.fixture.session
        let stored = try #require(try await server.store.session(review))
        let start = stored.definition.startsAt
        var definition = stored.definition
        definition.title = "Post-review workshop: Test review"
        definition.startsAt = start.adding(seconds: 20 * Self.day)
        let workshop = try await server.store.createSession(owner: stored.owner, definition: definition, participants: [],
                                                           followsSession: review).session.id
        let workshopStart = definition.startsAt
        #expect(try await server.store.lastUse(of: review) == workshopStart)
        #expect(try await server.store.lastUse(of: workshop) == workshopStart)
        let sweep = try Self.sweep(server, days: 7)

        #expect(try await sweep.run(now: start.adding(seconds: 7 * Self.day)).isEmpty, "the review's own week is over")
        #expect(try await server.store.session(review) != nil)
        #expect(try await sweep.run(now: workshopStart.adding(seconds: 7 * Self.day - 0.001)).isEmpty)
        let erased = try await sweep.run(now: workshopStart.adding(seconds: 7 * Self.day))
        #expect(Set(erased) == [review, workshop])
        await server.stop()
    }

    @Test func aSessionSomebodyHasOpenWaitsForTheNextSweep() async throws {
        let server = try await InProcessServer.start()
        let session = server.fixture.session
        let (hana, _) = try await server.join("Hana")
        let longAfter = server.clock.now().adding(seconds: 400 * Self.day)
        #expect(try await Self.sweep(server, days: 30).run(now: longAfter).isEmpty)
        #expect(try await server.store.session(session) != nil)
        #expect(await server.registry.isInUse(session))
        hana.disconnect()
        await server.stop()
    }

    @Test func theServiceSweepsAtOnceAndThenEveryHour() async throws {
        let server = try await InProcessServer.start()
        let first = server.fixture.session
        let start = try #require(try await server.store.session(first)).definition.startsAt
        // Due an hour after the first: the service's first sweep leaves it, the next erases it.
        let second = try await Self.anotherSession(in: server, startsAt: start.adding(seconds: 3_600))
        let clock = ManualSessionClock(start: start.adding(seconds: Self.day))
        let service = RetentionService(sweep: try Self.sweep(server, days: 1), clock: clock, logger: Logger(label: "test.retention"))
        let running = Task { try await service.run() }
        await Self.swept(clock)
        #expect(try await server.store.session(first) == nil)
        #expect(try await server.store.session(second) != nil)
        #expect(clock.earliestDeadline == clock.now().adding(seconds: 3_600))

        await Self.anHourLater(clock)
        #expect(try await server.store.session(second) == nil)
        // Woken after five and a half hours (a suspended server): one sweep, the next an hour
        // from it (counted from the schedule, it would come in half an hour).
        clock.advance(to: clock.now().adding(seconds: 5.5 * 3_600))
        await Self.swept(clock)
        #expect(clock.earliestDeadline == clock.now().adding(seconds: 3_600))
        try await Self.stop(running, server)
    }

    /// The daemon sweeps once itself before it listens; its service then waits an hour first.
    @Test func aServiceThatDoesNotSweepAtOnceWaitsAnHourFirst() async throws {
        let server = try await InProcessServer.start()
        let session = server.fixture.session
        let clock = ManualSessionClock(start: server.clock.now().adding(seconds: 10 * Self.day))
        let service = RetentionService(sweep: try Self.sweep(server, days: 1), clock: clock, sweepsAtOnce: false,
                                       logger: Logger(label: "test.retention"))
        let running = Task { try await service.run() }
        await Self.swept(clock)
        #expect(clock.earliestDeadline == clock.now().adding(seconds: 3_600))
        #expect(try await server.store.session(session) != nil, "not swept yet")
        await Self.anHourLater(clock)
        #expect(try await server.store.session(session) == nil)
        try await Self.stop(running, server)
    }
}
