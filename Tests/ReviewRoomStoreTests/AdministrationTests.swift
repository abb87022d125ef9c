import Foundation
import Testing
@testable import ReviewRoomStore

@Suite("Facilitator administration (the CLI's logic)")
struct AdministrationTests {
    @Test func addPrintsOneJSONObjectWithIdNameAndToken() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let output = try await FacilitatorAdministration(store: store).add(name: "Fran \"F\" Ng", email: nil, json: true)
        #expect(!output.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["id", "name", "token"])
        #expect(object["name"] == "Fran \"F\" Ng")
        let token = try #require(object["token"])
        #expect(try await store.authenticateFacilitator(token: token)?.id.rawValue == object["id"])
        await store.close()
    }

    /// The CLI opens its own store on the data dir of a running daemon: both see each other's writes.
    @Test func commandsWorkWhileTheDaemonHoldsTheStoreOpen() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: daemon)
        let appending = Task {
            for seq in Int64(1)...200 { _ = try await daemon.append([StoreFixtures.event(seq)], to: created.session.id) }
        }
        let cli = try await Store.open(StoreConfiguration(dataDirectory: dir.path, openMode: .existingOnly))
        let admin = FacilitatorAdministration(store: cli)
        let plain = try await admin.add(name: "Gus", email: "gus@example.org", json: false)
        let token = try #require(plain.split(separator: "\n").last.map(String.init))
        let gus = try #require(try await daemon.authenticateFacilitator(token: token))
        #expect(try await admin.list().contains("\(gus.id)\tactive"))
        #expect(try await admin.revoke(gus.id.rawValue).contains("Revoked facilitator Gus"))
        #expect(try await daemon.authenticateFacilitator(token: token) == nil)
        let revokedLine = try #require(try await admin.list().split(separator: "\n").first { $0.hasPrefix(gus.id.rawValue) })
        let fields = revokedLine.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        // One word per field but the name: the revocation's time has its own column.
        #expect(fields.count == 6 && fields[1] == "revoked" && fields[3].hasPrefix("20") && fields[4] == "Gus"
                && fields[5] == "gus@example.org", "\(fields)")
        await cli.close()
        try await appending.value
        #expect(try await daemon.lastSeq(of: created.session.id) == 200)
        await daemon.close()
    }

    @Test func revokingAnUnknownIdFailsWithItsName() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let admin = FacilitatorAdministration(store: store)
        #expect(try await admin.list().contains("No facilitators yet"))
        let error = await #expect(throws: StoreError.self) { try await admin.revoke("f_typo") }
        #expect(error?.code == .unknownFacilitator)
        #expect(error?.message.contains("f_typo") == true)
        await store.close()
    }
}
