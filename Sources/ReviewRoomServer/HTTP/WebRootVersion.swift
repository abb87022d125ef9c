import Foundation
import LockedValue
#if canImport(Glibc)
import Glibc
#endif

/// The version of the web client's files: one name for the content of all of them, which
/// changes when any file is added, removed or edited, and only then.
///
/// A page links its files under this version (``VersionedLinks``), and a browser keeps a file
/// fetched under the current version for good, asking nothing on a reload. The name comes from
/// the files' content, so a reinstall of the same files keeps the browsers' copies; it is worked
/// out again only when a file's `stat` (size, modification time, inode) differs from the last
/// time, so asking costs a walk of the folder, not a read of every file.
struct WebRootVersion: Sendable {
    /// A folder holding more files than this is not the web client (README: `web_root` named a
    /// wrong folder): its pages are served as they are rather than walked on every request.
    static let mostFiles = 1_000

    /// How the daemon serves the files it versions (``ScriptComments``, ``StyleComments``), in
    /// the version's hash and in a served script's entity tag: a daemon that serves them otherwise
    /// names other versions and tags of the same files, so no browser keeps what an older one served.
    static let servedFormRevision = "u1"

    /// The folder versioned (symlinks resolved).
    let root: URL
    /// Each file's stamp when the version was last worked out, by path, and that version.
    private let kept = Locked<(stamps: [String: FileStamp], version: String)?>(nil)

    /// Versions the files below `root`.
    init(root: URL) { self.root = root }

    /// The version of the files as they are now, or nil when the folder cannot be walked or
    /// holds more than ``mostFiles``.
    func current() -> String? {
        guard let stamps = stamps() else { return nil }
        if let kept = kept.withLock({ $0 }), kept.stamps == stamps { return kept.version }
        var hash = FNV1a64()
        hash.add(Array(Self.servedFormRevision.utf8))
        for path in stamps.keys.sorted() {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
            hash.add(Array(path.utf8))
            hash.add([0])
            hash.add(Array(StaticFiles.entityTag(of: [UInt8](data)).utf8))
        }
        let version = hash.hex
        kept.withLock { $0 = (stamps, version) }
        return version
    }

    /// Whether `file` (its path below the root) is as it was when the folder's version was
    /// `version`, so that its content now is that version's. One `stat`, not a walk: a browser
    /// loading a page asks for some fifty files under the version the page named.
    func holds(_ file: String, asOf version: Substring) -> Bool {
        // A daemon just started has worked nothing out yet: the browsers' pages came from before.
        if kept.withLock({ $0 == nil }) { _ = current() }
        guard let kept = kept.withLock({ $0 }), kept.version == version, let then = kept.stamps[file] else { return false }
        return Self.stamp(ofFileAt: root.appendingPathComponent(file).path) == then
    }

    /// Whether `text` could be a version: 16 lowercase hexadecimal digits.
    static func isWellFormed(_ text: Substring) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Every regular, unhidden file below the root with its stamp, by path.
    private func stamps() -> [String: FileStamp]? {
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else { return nil }
        var stamps: [String: FileStamp] = [:]
        let prefix = root.path + "/"
        for case let url as URL in walk {
            let path = url.path
            guard path.hasPrefix(prefix), let stamp = Self.stamp(ofFileAt: path) else { continue }
            stamps[String(path.dropFirst(prefix.count))] = stamp
            if stamps.count > Self.mostFiles { return nil }
        }
        return stamps
    }

    /// What `stat` says of the regular file at `path`, or nil when there is none.
    private static func stamp(ofFileAt path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(size: Int64(status.st_size), inode: UInt64(status.st_ino),
                         modifiedSeconds: Int64(status.st_mtim.tv_sec), modifiedNanoseconds: Int64(status.st_mtim.tv_nsec))
    }
}

/// What `stat` says of one file: enough to see that it changed without reading it.
struct FileStamp: Equatable, Sendable {
    /// Its size in bytes.
    var size: Int64
    /// Its inode (an editor that saves by renaming a new file over the old one changes it).
    var inode: UInt64
    /// Its modification time: seconds since 1970.
    var modifiedSeconds: Int64
    /// Its modification time: nanoseconds past the second.
    var modifiedNanoseconds: Int64
}
