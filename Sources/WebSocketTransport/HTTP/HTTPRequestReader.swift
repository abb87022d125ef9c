import CLibWebSockets

/// Reads the parts of a request that lws parsed into its header table (service thread,
/// while the header table is attached: in `HTTP` and `FILTER_PROTOCOL_CONNECTION`).
enum HTTPRequestReader {
    /// Methods lws recognises, with the token holding their URI.
    static let methods: [(String, lws_token_indexes)] = [
        ("GET", WSI_TOKEN_GET_URI), ("POST", WSI_TOKEN_POST_URI), ("OPTIONS", WSI_TOKEN_OPTIONS_URI),
        ("PUT", WSI_TOKEN_PUT_URI), ("PATCH", WSI_TOKEN_PATCH_URI), ("DELETE", WSI_TOKEN_DELETE_URI),
        ("HEAD", WSI_TOKEN_HEAD_URI), ("CONNECT", WSI_TOKEN_CONNECT),
    ]

    /// The value of a known header token, or nil when absent.
    static func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> String? {
        let length = lws_hdr_total_length(wsi, token)
        guard length > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        guard lws_hdr_copy(wsi, &buffer, Int32(buffer.count), token) >= 0 else { return nil }
        return Self.string(buffer)
    }

    /// The value of a header lws does not know by name (`name` lower-case, no colon).
    static func customHeader(_ wsi: OpaquePointer, _ name: String) -> String? {
        let key = name + ":"
        let keyLength = Int32(key.utf8.count)
        let length = lws_hdr_custom_length(wsi, key, keyLength)
        guard length >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        guard lws_hdr_custom_copy(wsi, &buffer, Int32(buffer.count), key, keyLength) >= 0 else { return nil }
        return Self.string(buffer)
    }

    /// The method and the token holding its URI.
    static func method(_ wsi: OpaquePointer) -> (name: String, token: lws_token_indexes)? {
        for (name, token) in methods where lws_hdr_total_length(wsi, token) > 0 {
            return (name, token)
        }
        return nil
    }

    /// The query's arguments as lws split them (at `&` and `;`) and percent-decoded them; kept
    /// apart, since a decoded `&` inside one would make a joined string mean something else.
    static func queryArguments(_ wsi: OpaquePointer) -> [String] {
        let total = lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_URI_ARGS)
        guard total > 0 else { return [] }
        var parts: [String] = []
        var buffer = [CChar](repeating: 0, count: Int(total) + 1)
        var index: Int32 = 0
        while lws_hdr_copy_fragment(wsi, &buffer, Int32(buffer.count), WSI_TOKEN_HTTP_URI_ARGS, index) >= 0 {
            parts.append(Self.string(buffer))
            index += 1
        }
        return parts
    }

    /// Every known header present, names lower-cased without the colon, plus `custom` names.
    static func headers(_ wsi: OpaquePointer, custom: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for raw in 0..<WSI_TOKEN_COUNT.rawValue {
            let token = lws_token_indexes(rawValue: raw)
            guard let namePointer = lws_token_to_string(token) else { continue }
            let name = String(cString: namePointer).lowercased()
            // Method/URI tokens are named like "get " and pseudo-headers start with ":".
            guard name.hasSuffix(":"), !name.hasPrefix(":"), let value = header(wsi, token) else { continue }
            result[String(name.dropLast())] = value
        }
        for name in custom {
            let key = name.lowercased()
            if result[key] == nil, let value = customHeader(wsi, key) { result[key] = value }
        }
        return result
    }

    /// The peer's IP address as text.
    static func remoteAddress(_ wsi: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        guard lws_get_peer_simple(wsi, &buffer, buffer.count) != nil else { return "" }
        return Self.string(buffer)
    }

    private static func string(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
