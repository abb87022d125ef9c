// reviewroom-store-probe DATA_DIR [SESSION_ID…]
//
// Appends events to sessions forever and writes "durable <session> <seq>" on stdout after each
// acknowledgement, for the crash test, which kills it with SIGKILL at a random point. Without
// session ids it creates four sessions and prints "session <id>" for each first. A small event
// journal makes the writer fold it into the log all the time, so kills land in folds too.
#if canImport(Glibc)
import Glibc
#endif
import ReviewRoomCore
import ReviewRoomStore

/// One line to stdout in one write(2), so lines from the writer thread never interleave.
func emit(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    emit("usage: reviewroom-store-probe DATA_DIR [SESSION_ID…]")
    exit(2)
}
do {
    let store = try await Store.open(StoreConfiguration(dataDirectory: arguments[1], durability: .process, journalFoldRows: 64))
    var sessions = arguments.dropFirst(2).map { SessionID($0) }
    if sessions.isEmpty {
        let owner = try await store.addFacilitator(name: "Probe").facilitator.id
        for index in 0..<4 {
            let definition = SessionDefinition(title: "Probe \(index)", hostSchool: "Probe School", focus: "crash safety",
                                               startsAt: Timestamp(millisecondsSince1970: 0), timeZone: "UTC")
            let created = try await store.createSession(owner: owner, definition: definition, participants: [])
            sessions.append(created.session.id)
            emit("session \(created.session.id)")
        }
    }
    emit("ready")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for session in sessions {
            group.addTask {
                var seq = try await store.lastSeq(of: session)
                while true {
                    // Several appends in flight per session, the last of each round holding two events.
                    for _ in 0..<6 {
                        seq += 1
                        let event = EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: seq), name: "probe",
                                                data: "{\"seq\":\(seq)}", author: "probe", opId: "op-\(seq)")
                        store.append([event], to: session) { result in
                            if case .success(let durable) = result { emit("durable \(session) \(durable)") }
                        }
                    }
                    let pair = [seq + 1, seq + 2].map {
                        EventRecord(seq: $0, at: Timestamp(millisecondsSince1970: $0), name: "probe",
                                    data: "{\"seq\":\($0)}", author: "probe", opId: "op-\($0)")
                    }
                    seq += 2
                    let durable = try await store.append(pair, to: session)
                    emit("durable \(session) \(durable)")
                }
            }
        }
        try await group.waitForAll()
    }
} catch {
    emit("error \(error)")
    exit(1)
}
