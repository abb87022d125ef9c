#if canImport(Glibc)
import Glibc
#endif

/// What a path named by the configuration is, as far as its checks care (`tls_cert`, `tls_key`
/// must be regular files, `web_root` a directory).
enum PathKind: Sendable, Equatable {
    /// Nothing is there (or a directory on the way cannot be searched).
    case missing
    /// It exists but this process may not read it.
    case unreadable
    /// A regular file (symbolic links followed).
    case regularFile
    /// A directory.
    case directory
    /// A device, socket or FIFO.
    case other

    /// Asks the file system (`stat`, then `access(R_OK)`).
    static func of(_ path: String) -> PathKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == EACCES ? .unreadable : .missing }
        guard access(path, R_OK) == 0 else { return .unreadable }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
