import Foundation
import ReviewRoomTesting
import Testing

/// PROTOCOL §3.1: `epoch` changes when history cannot be continued. After a backup is restored
/// over a newer history, a client that saw events past the backup must not resume on the
/// restored sequence numbers (they now mean other events): it gets a fresh `welcome`.
@Suite("Live sessions: resuming after a restored backup")
struct RestoreResumeTests {
    @Test func aClientResumingOverARestoredBackupGetsAWelcome() async throws {
        let live = try await LiveDaemon.start()
        let data = live.dataDirectory
        let (fay, _) = try await live.join("Fay")
        _ = try await fay.request("session.start")
        let (asha, welcome) = try await live.join("Asha")
        let epoch = try #require(welcome.object["epoch"] as? String)
        let kept = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "kept", "op": ["kept;"]])
        #expect(kept.type == "ack", "\(kept)")

        let backup = try TemporaryDirectory.make(prefix: "restore-backup").appendingPathComponent("backup.sqlite3")
        let executable = try BuildProducts.executable(named: "reviewroomd")
        let made = try await ChildProcess.run([executable.path, "backup", backup.path, "--data-dir", data.path])
        #expect(made.status == 0, "\(made.stderr)")

        let lost = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "lost", "op": ["lost;"]])
        #expect(lost.type == "ack", "\(lost)")
        let seen = try await asha.request("note.get", ["note": "evidence"])
        let lastSeq = try #require(seen.seq)
        asha.disconnect()
        fay.disconnect()
        live.daemon.terminate()
        _ = try await live.daemon.waitForExit()

        // README's restore: put the copy in place, remove the old -wal and -shm.
        let database = data.appendingPathComponent("reviewroom.sqlite3")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        try FileManager.default.copyItem(at: backup, to: database)

        let restored = try await LiveDaemon.restart(on: data, fixture: live.fixture)
        defer { restored.daemon.terminate() }
        // Ben edits first, so the restored history reaches Asha's old seq again: with the old
        // epoch kept, her resume would be accepted and replay Ben's events as if they followed hers.
        let (ben, benWelcome) = try await restored.join("Ben")
        let restoredSeq = try #require(benWelcome.seq)
        #expect(restoredSeq < lastSeq, "the backup holds less history than Asha saw")
        for n in 0...(lastSeq - restoredSeq) {
            let ack = try await ben.request("note.edit", ["note": "evidence", "rev": 0, "opId": "ben\(n)", "op": ["ben\(n);"]])
            #expect(ack.type == "ack", "\(ack)")
        }
        let reached = try #require(try await ben.request("note.get", ["note": "evidence"]).seq)
        #expect(reached >= lastSeq)
        ben.disconnect()

        let client = try await ProtocolClient.connect(port: restored.port)
        let reply = try await client.hello(token: try requireTokenValue(live.fixture.tokens["Asha"], "Asha"),
                                           resume: (epoch, lastSeq))
        #expect(reply.type == "welcome", "\(reply)")
        let newEpoch = reply.object["epoch"] as? String
        #expect(newEpoch != nil && newEpoch != epoch)
        let session = reply.object["session"] as? [String: Any]
        let text = (session?["notes"] as? [[String: Any]])?.first { $0["id"] as? String == "evidence" }?["text"] as? String
        #expect(text?.contains("kept;") == true && text?.contains("ben0;") == true, "\(text ?? "no text")")
        #expect(text?.contains("lost;") == false, "the edit made after the backup is gone")
        client.disconnect()
    }
}
