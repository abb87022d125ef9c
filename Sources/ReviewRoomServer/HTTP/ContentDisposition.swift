/// `Content-Disposition` values that name a download (RFC 6266): an ASCII `filename` for
/// clients that know nothing else (each other character as `_`), then `filename*` with the name
/// as written, UTF-8 and percent-encoded (RFC 8187), which clients that know it prefer.
enum ContentDisposition {
    /// Shown where it is opened (a browser displays a record), saved under `fileName`.
    static func inline(fileName: String) -> String { "inline; " + parameters(fileName) }

    /// Saved under `fileName` (a calendar file).
    static func attachment(fileName: String) -> String { "attachment; " + parameters(fileName) }

    private static func parameters(_ fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "\\"
                ? Character(scalar) : "_"
        })
        return "filename=\"\(ascii)\"; filename*=UTF-8''\(percentEncoded(fileName))"
    }

    /// RFC 8187's `value-chars`: `attr-char`s as they are, every other byte as `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        let kept = Set("!#$&+-.^_`|~".utf8)
        var out = ""
        for byte in text.utf8 {
            let isAlphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if isAlphanumeric || kept.contains(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
