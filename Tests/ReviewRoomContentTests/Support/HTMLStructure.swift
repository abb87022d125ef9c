/// A rough HTML5 well-formedness check: every non-void element is closed in order, and
/// nothing but the known elements of the record appears (so injected markup would show).
enum HTMLStructure {
    static let void: Set<String> = ["meta", "link", "br"]

    /// The problems found; empty when the tags nest properly.
    static func problems(_ html: String) -> [String] {
        var stack: [String] = []
        var problems: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { problems.append("unterminated tag"); break }
            let tag = rest[rest.index(after: open) ..< close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            let closing = tag.hasPrefix("/")
            let name = String((closing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if name == "style" && !closing {
                guard let end = rest.range(of: "</style>") else { problems.append("unclosed style"); break }
                rest = rest[end.upperBound...]
                continue
            }
            if void.contains(name) { continue }
            if closing {
                if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> closes \(stack.last ?? "nothing")") }
            } else {
                stack.append(name)
            }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack)") }
        return problems
    }

    /// Names of every element used.
    static func elements(_ html: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let name = String(rest.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if !name.isEmpty { names.insert(name) }
        }
        return names
    }
}
