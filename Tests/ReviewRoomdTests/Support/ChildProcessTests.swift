#if canImport(Glibc)
import Glibc
#endif
import ReviewRoomTesting
import Testing

@Suite("ChildProcess (test support)")
struct ChildProcessTests {
    @Test func childrenInheritOnlyStandardStreams() async throws {
        // A descriptor without close-on-exec, as other tests' sockets may be.
        let leaky = open("/dev/null", O_RDONLY)
        defer { close(leaky) }
        #expect(leaky > 2)
        let result = try await ChildProcess.run(["/bin/sh", "-c", "ls /proc/$$/fd"])
        #expect(result.status == 0)
        let descriptors = Set(result.stdout.split(separator: "\n").compactMap { Int32($0) })
        #expect(!descriptors.contains(leaky), "fd \(leaky) leaked into the child: \(descriptors.sorted())")
        #expect(descriptors.isSuperset(of: [0, 1, 2]))
    }

    @Test func exitStatusesAndSignalsAreReported() async throws {
        #expect(try await ChildProcess.run(["/bin/sh", "-c", "exit 7"]).status == 7)
        #expect(try await ChildProcess.run(["/bin/sh", "-c", "kill -TERM $$"]).status == 128 + 15)
        await #expect(throws: DaemonProcessError.self) { try await ChildProcess.run(["no-such-command-here"]) }
    }
}
