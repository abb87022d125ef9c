import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// `/readyz` while the store cannot commit: a load balancer must stop sending new meetings to a
/// daemon whose disk is full, and send them again once a commit succeeds.
@Suite("Readiness and the store")
struct ReadinessStoreTests {
    @Test func readyzIs503WhileCommitsFailAnd200AfterOneSucceeds() async throws {
        let root = try TemporaryDirectory.make(prefix: "readyz-full")
        defer { try? FileManager.default.removeItem(at: root) }
        // A real SQLITE_FULL: the database may not grow past 60 pages.
        let (store, session) = try await StoreFilling.openSmallStore(in: root)
        let readiness = Readiness()
        readiness.markReady()
        let responder = ReviewRoomHTTPResponder(readiness: readiness, api: APIRouter(), staticFiles: nil, store: store,
                                                logger: Logger(label: "test"))
        let readyz = HTTPRequest(method: "GET", path: "/readyz")
        #expect(await responder.respond(to: readyz).status == 200)

        let (refusal, _) = try await StoreFilling.appendUntilRefused(store, session: session)
        #expect(refusal?.code == .diskFull)

        let failing = await responder.respond(to: readyz)
        #expect(failing.status == 503)
        let reason = String(decoding: failing.body, as: UTF8.self)
        #expect(reason == "store commits failing: diskFull\n")
        #expect(!reason.contains(root.path), "the public answer must not name server paths")
        try await store.probe()
        #expect(await responder.respond(to: readyz).status == 503, "an empty probe commit is no recovery")
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/livez")).status == 200)

        try await store.deleteSession(session)
        let recovered = await responder.respond(to: readyz)
        #expect(recovered.status == 200)
        #expect(String(decoding: recovered.body, as: UTF8.self) == "ready\n")
        await store.close()
    }

    /// An idle daemon whose disk was freed must turn ready again without any client write (a
    /// load balancer that took it out on 503 sends none): the store's own probe commit clears it.
    /// A real ENOSPC on a tiny tmpfs, freed by deleting a ballast file; skipped without mount rights.
    @Test(.timeLimit(.minutes(1)))
    func readyzTurns200WithoutAnyWriteOnceTheDiskHasRoom() async throws {
        let root = try TemporaryDirectory.make(prefix: "readyz-freed")
        defer { try? FileManager.default.removeItem(at: root) }
        guard let mount = TmpfsMount.mount(in: root.path, sizeKiB: 1_024) else { return }
        defer { mount.unmount() }
        let ballast = try mount.ballast(kiB: 640)
        let (store, session) = try await StoreFilling.openSmallStore(in: URL(fileURLWithPath: mount.path), maxPageCount: nil,
                                                                     commitRetryMilliseconds: 20)
        let readiness = Readiness()
        readiness.markReady()
        let responder = ReviewRoomHTTPResponder(readiness: readiness, api: APIRouter(), staticFiles: nil, store: store,
                                                logger: Logger(label: "test"))
        let readyz = HTTPRequest(method: "GET", path: "/readyz")
        let (refusal, _) = try await StoreFilling.appendUntilRefused(store, session: session)
        #expect(refusal?.code == .diskFull)
        #expect(await responder.respond(to: readyz).status == 503)

        try FileManager.default.removeItem(atPath: ballast)
        #expect(await store.waitUntilCommitsSucceed() == nil)
        let recovered = await responder.respond(to: readyz)
        #expect(recovered.status == 200)
        #expect(String(decoding: recovered.body, as: UTF8.self) == "ready\n")
        await store.close()
    }
}
