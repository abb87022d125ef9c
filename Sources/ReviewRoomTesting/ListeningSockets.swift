import Foundation

/// The kernel's view of listening TCP sockets, from `/proc/net/tcp` and `/proc/net/tcp6`.
///
/// A connect that is refused shows that nothing listens on a port *now*, but in a parallel
/// test run another listener may be given the port a server just released. A socket's inode
/// names that one socket for as long as it lives, so "this listener is gone" can be checked
/// without racing whoever binds the port next.
public enum ListeningSockets {
    /// Inodes of the sockets listening on TCP `port` (any address, IPv4 or IPv6).
    public static func inodes(onPort port: Int) -> Set<UInt64> {
        var found: Set<UInt64> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to the end: `String(contentsOfFile:)` stops after the first page of a /proc file.
            guard let handle = FileHandle(forReadingAtPath: table),
                  let data = try? handle.readToEnd() else { continue }
            try? handle.close()
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                // sl, local address:port (hex), remote, state (0A is LISTEN), …, inode (10th).
                guard fields.count > 9, fields[3] == "0A",
                      let portText = fields[1].split(separator: ":").last,
                      Int(portText, radix: 16) == port,
                      let inode = UInt64(fields[9]) else { continue }
                found.insert(inode)
            }
        }
        return found
    }
}
