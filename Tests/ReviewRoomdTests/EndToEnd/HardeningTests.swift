import Foundation
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Daemon under the unit's sandbox settings")
struct HardeningTests {
    /// `prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN)` then exec: the kernel mechanism behind
    /// the unit's `MemoryDenyWriteExecute=yes`, inherited by the exec'd daemon.
    private static let memoryDenyWriteExecute = [
        "python3", "-c",
        "import ctypes, os, sys; assert ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) == 0; os.execv(sys.argv[1], sys.argv[1:])",
    ]

    @Test func servesWithMemoryDenyWriteExecute() async throws {
        let probe = try await ChildProcess.run(Self.memoryDenyWriteExecute + ["/bin/true"])
        guard probe.status == 0 else {
            print("skipped: this kernel has no PR_SET_MDWE (Linux 6.3+): \(probe.stderr)")
            return
        }
        let daemon = try await DaemonProcess.start(launcher: Self.memoryDenyWriteExecute)
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        #expect(try await CurlClient.request("GET", url + "/").status == 200)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }
}
