import Foundation
import ReviewRoomServer
import Testing

/// The executable's own path decides where the web client is looked for, however it was started.
@Suite("Web root location")
struct WebRootTests {
    @Test func procSelfExeWinsOverArgumentZero() {
        let path = WebRoot.executablePath(procSelfExe: "/usr/local/bin/reviewroomd", argumentZero: "reviewroomd")
        #expect(path.path == "/usr/local/bin/reviewroomd")
    }

    /// Linux appends " (deleted)" once an upgrade replaced the running binary's file.
    @Test func aReplacedBinaryStillNamesItsDirectory() {
        let path = WebRoot.executablePath(procSelfExe: "/usr/local/bin/reviewroomd (deleted)", argumentZero: "reviewroomd")
        #expect(path.deletingLastPathComponent().path == "/usr/local/bin")
    }

    @Test func withoutProcArgumentZeroIsUsed() {
        #expect(WebRoot.executablePath(procSelfExe: nil, argumentZero: "/opt/rr/bin/reviewroomd").path == "/opt/rr/bin/reviewroomd")
        #expect(WebRoot.executablePath(procSelfExe: "relative", argumentZero: "/opt/rr/bin/reviewroomd").path == "/opt/rr/bin/reviewroomd")
    }

    @Test func thisProcessIsFoundThroughProc() {
        // The test runner is itself a file: /proc/self/exe names it, not the working directory.
        let directory = WebRoot.executableDirectory.path
        #expect(directory.hasPrefix("/"))
        #expect(FileManager.default.fileExists(atPath: directory))
    }
}
