import CLibWebSockets

/// A vhost's canned response headers (`lws_context_creation_info.headers`): a C linked list
/// that lives as long as the context, which keeps the pointer.
///
/// lws 4.1.6 adds the list in `lws_add_http_header_status`, so it reaches every response whose
/// status line lws writes — the transport's own answers and lws's error pages (a 403 for a bad
/// percent escape or an unknown method, made inside its parser before any callback) alike.
final class CannedHeaderList {
    /// The list's head, nil when there are no headers.
    let head: UnsafePointer<lws_protocol_vhost_options>?
    private let nodes: UnsafeMutablePointer<lws_protocol_vhost_options>?
    private let count: Int

    /// Builds the list of `headers` (names as given; lws wants the trailing colon, added here),
    /// its strings kept in `strings`.
    init(_ headers: [(String, String)], strings: CStringArena) {
        count = headers.count
        guard !headers.isEmpty else {
            nodes = nil
            head = nil
            return
        }
        let nodes = UnsafeMutablePointer<lws_protocol_vhost_options>.allocate(capacity: headers.count)
        for (index, (name, value)) in headers.enumerated() {
            let next = index + 1 < headers.count ? UnsafePointer(nodes + index + 1) : nil
            (nodes + index).initialize(to: lws_protocol_vhost_options(
                next: next, options: nil, name: strings.copy(name.lowercased() + ":"), value: strings.copy(value)))
        }
        self.nodes = nodes
        head = UnsafePointer(nodes)
    }

    deinit {
        nodes?.deinitialize(count: count)
        nodes?.deallocate()
    }
}
