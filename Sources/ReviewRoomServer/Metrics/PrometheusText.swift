/// Writes the Prometheus text exposition format 0.0.4: `# HELP`, `# TYPE` and sample lines.
struct PrometheusText {
    /// The text so far.
    private(set) var output = ""

    mutating func gauge(_ name: String, help: String, labels: [(String, String)] = [], value: Int64) {
        header(name, help: help, type: "gauge")
        output += "\(name)\(Self.labels(labels)) \(value)\n"
    }

    mutating func gauge(_ name: String, help: String, number: Double) {
        header(name, help: help, type: "gauge")
        output += "\(name) \(Self.number(number))\n"
    }

    mutating func counter(_ name: String, help: String, value: UInt64) {
        header(name, help: help, type: "counter")
        output += "\(name) \(value)\n"
    }

    mutating func counterFamily(_ name: String, help: String, labelNames: [String],
                                series: [(labels: [String], value: UInt64)]) {
        header(name, help: help, type: "counter")
        for (values, value) in series {
            output += "\(name)\(Self.labels(zip(labelNames, values).map { ($0, $1) })) \(value)\n"
        }
    }

    mutating func histogram(_ name: String, help: String, snapshot: MetricHistogram.Snapshot) {
        header(name, help: help, type: "histogram")
        var cumulative: UInt64 = 0
        for (bound, count) in zip(snapshot.bounds, snapshot.bucketCounts) {
            cumulative &+= count
            output += "\(name)_bucket\(Self.labels([("le", Self.number(bound))])) \(cumulative)\n"
        }
        output += "\(name)_bucket{le=\"+Inf\"} \(snapshot.count)\n"
        output += "\(name)_sum \(Self.number(snapshot.sum))\n"
        output += "\(name)_count \(snapshot.count)\n"
    }

    private mutating func header(_ name: String, help: String, type: String) {
        output += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    static func labels(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "{" + pairs.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return "\(value)"
    }

    // The format allows only these escapes: a backslash, a double quote (label values) and a newline.
    static func escapeLabel(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }
}
