/// A hand raised and lowered over and over in quick succession, read as one line of the log.
///
/// Raising and lowering a hand 48 times a second is within the live limits, and gave the record a
/// line for each change: ten seconds of it was 995 lines of the facilitator's log, between the
/// lines the host school reads it for (an audit of a disruptive participant). A hand put up by
/// mistake and taken down again is still two lines: only three or more raise-and-lower pairs of
/// one person, by the same hand, each change within ``gapSec`` of the one before and nothing else
/// logged between, become "Hand raised and lowered 48 times (until 10:01:12): Asha", the name last
/// as in the other hand lines, so that Markdown does not add "(by Asha)" after it. A flurry that
/// ends on another day than it began gives that day's date too ("until 2026-12-02 00:00:02"): the
/// time alone read as if it ended before it began.
enum RecordHandFlurries {
    /// The most seconds between two changes of one flurry.
    static let gapSec = 10.0
    /// The fewest raise-and-lower pairs read as a flurry.
    static let fewestPairs = 3

    /// `log` with each flurry as one line, dated by its first raise.
    static func collapsed(_ log: [RecordLogEntry]) -> [RecordLogEntry] {
        var out: [RecordLogEntry] = []
        out.reserveCapacity(log.count)
        var index = log.startIndex
        while index < log.endIndex {
            let pairs = pairsFrom(index, in: log)
            if pairs >= fewestPairs {
                var line = log[index]
                let last = log[index + 2 * pairs - 1]
                let raises = stride(from: index, to: index + 2 * pairs, by: 2).map { log[$0].text }
                let kind = raises.allSatisfy { $0.hasSuffix(response) } ? " as a direct response" : ""
                let until = last.date == line.date ? last.time : last.date + " " + last.time
                line.text = "Hand raised\(kind) and lowered \(pairs) times (until \(until)): \(last.text.dropFirst(lowered.count))"
                out.append(line)
                index += 2 * pairs
            } else {
                out.append(log[index])
                index += 1
            }
        }
        return out
    }

    private static let raised = RecordEventDigest.handRaised
    private static let lowered = RecordEventDigest.handLowered
    private static let response = RecordEventDigest.directResponse

    /// How many raise-and-lower pairs of one person follow one another from `start`.
    private static func pairsFrom(_ start: Int, in log: [RecordLogEntry]) -> Int {
        guard start + 1 < log.endIndex, let name = pairName(log[start], log[start + 1]) else { return 0 }
        let by = log[start].by
        var pairs = 1
        var next = start + 2
        while next + 1 < log.endIndex, pairName(log[next], log[next + 1]) == name,
              log[next].by == by, log[next + 1].by == by,
              log[next - 1].at.seconds(to: log[next].at) <= gapSec {
            pairs += 1
            next += 2
        }
        return pairs
    }

    /// The name in `raise` and `lower` when they are one person's hand raised, then lowered by
    /// the same hand within ``gapSec``.
    private static func pairName(_ raise: RecordLogEntry, _ lower: RecordLogEntry) -> Substring? {
        guard raise.kind == "floor", lower.kind == "floor", raise.by == lower.by,
              raise.text.hasPrefix(raised), lower.text.hasPrefix(lowered),
              raise.at.seconds(to: lower.at) <= gapSec else { return nil }
        let name = lower.text.dropFirst(lowered.count)
        let rest = raise.text.dropFirst(raised.count)
        guard rest == name || rest == name + response else { return nil }
        return name
    }
}
