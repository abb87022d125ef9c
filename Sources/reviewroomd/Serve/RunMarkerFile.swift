import Foundation
import ReviewRoomStore

/// The ``RunMarker`` file in the data directory (`reviewroomd.running`): written and synced when
/// `serve` starts, removed once its store closed cleanly. What it means is decided in
/// ``RunMarker``; this type only reads and writes it.
struct RunMarkerFile {
    /// The file's name in the data directory.
    static let name = "reviewroomd.running"
    /// Where the kernel names the current boot.
    static let bootIDPath = "/proc/sys/kernel/random/boot_id"

    let dataDirectory: String

    var path: String { (dataDirectory as NSString).appendingPathComponent(Self.name) }

    /// How the previous run ended: no file is a clean stop.
    func previousRun() -> RunMarker.PreviousRun {
        guard FileManager.default.fileExists(atPath: path) else { return .stoppedCleanly }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
              let marker = RunMarker(text: text) else { return .unreadable }
        return .cutOff(marker)
    }

    /// The current boot's id, or nil when the kernel does not say.
    static func currentBootID() -> String? {
        guard let data = FileManager.default.contents(atPath: bootIDPath),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !text.isEmpty else { return nil }
        return text
    }

    /// Writes `marker` and syncs it and the directory entry, so a power cut cannot lose it.
    func write(_ marker: RunMarker) throws {
        let bytes = Array(marker.text.utf8)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("open", path) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Self.failure("write", path) }
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync", path) }
        try syncDirectory()
    }

    /// Removes the marker (a clean stop) and syncs the directory entry.
    func remove() throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.failure("unlink", path) }
        try syncDirectory()
    }

    private func syncDirectory() throws {
        let descriptor = open(dataDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("open", dataDirectory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync", dataDirectory) }
    }

    private static func failure(_ call: String, _ path: String) -> any Error {
        let code = errno
        return NSError(domain: NSPOSIXErrorDomain, code: Int(code),
                       userInfo: [NSLocalizedDescriptionKey: "\(call) \(path): \(String(cString: strerror(code)))"])
    }
}
