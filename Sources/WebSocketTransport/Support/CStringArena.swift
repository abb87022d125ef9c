import Glibc

/// C strings that must outlive the lws context: lws 4.1.6 keeps pointers to the vhost name,
/// interface, ALPN list and certificate paths from `lws_context_creation_info` instead of
/// copying them. Freed together when the arena goes (after `lws_context_destroy`).
final class CStringArena {
    private var strings: [UnsafeMutablePointer<CChar>] = []

    /// Copies `text` and returns a pointer valid for the arena's lifetime (nil if out of memory).
    func copy(_ text: String) -> UnsafePointer<CChar>? {
        guard let pointer = text.withCString({ strdup($0) }) else { return nil }
        strings.append(pointer)
        return UnsafePointer(pointer)
    }

    deinit {
        for pointer in strings { free(pointer) }
    }
}
