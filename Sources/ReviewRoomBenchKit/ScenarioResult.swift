/// One scenario's figures and its JSON line
/// (`{"bench":"load","scenario":"a","sessions":…,"clients":…,"p50Ms":…,…}`).
public struct ScenarioResult: Sendable, Equatable {
    /// `load` (ReviewRoom), `limit` (the C send loop) or `peer` (the Hummingbird relay).
    public var bench: String
    /// Scenario letter (`a`…`e`).
    public var scenario: String
    /// Sessions created.
    public var sessions: Int
    /// WebSocket clients connected.
    public var clients: Int
    /// Edit→other-participant latency.
    public var latency: LatencySummary
    /// Frames the server delivered to clients per second (events, acks, everything).
    public var framesPerSec: Double
    /// Edits sent per second.
    public var editsPerSec: Double
    /// `error` replies, failed connections, unexpected closes and lost edits.
    public var errors: Int
    /// Server CPU seconds per 1,000 delivered frames.
    public var cpuSecPer1kFrames: Double
    /// Server RSS growth per connection, in bytes.
    public var rssBytesPerConn: Double
    /// Restart scenario only: daemon start to `/readyz` 200, in milliseconds.
    public var readyMs: Double?

    /// Creates a result.
    public init(bench: String, scenario: String, sessions: Int, clients: Int, latency: LatencySummary,
                framesPerSec: Double, editsPerSec: Double, errors: Int, cpuSecPer1kFrames: Double,
                rssBytesPerConn: Double, readyMs: Double? = nil) {
        self.bench = bench
        self.scenario = scenario
        self.sessions = sessions
        self.clients = clients
        self.latency = latency
        self.framesPerSec = framesPerSec
        self.editsPerSec = editsPerSec
        self.errors = errors
        self.cpuSecPer1kFrames = cpuSecPer1kFrames
        self.rssBytesPerConn = rssBytesPerConn
        self.readyMs = readyMs
    }

    /// The one-line JSON record, keys in a fixed order, numbers rounded to 3 decimals.
    public var jsonLine: String {
        func n(_ value: Double) -> String {
            guard value.isFinite else { return "null" }
            let rounded = (value * 1000).rounded() / 1000
            return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        }
        var line = #"{"bench":"\#(bench)","scenario":"\#(scenario)","sessions":\#(sessions),"clients":\#(clients),"#
        line += #""p50Ms":\#(n(latency.p50Ms)),"p90Ms":\#(n(latency.p90Ms)),"p99Ms":\#(n(latency.p99Ms)),"maxMs":\#(n(latency.maxMs)),"#
        line += #""framesPerSec":\#(n(framesPerSec)),"editsPerSec":\#(n(editsPerSec)),"errors":\#(errors),"#
        line += #""cpuSecPer1kFrames":\#(n(cpuSecPer1kFrames)),"rssBytesPerConn":\#(n(rssBytesPerConn))"#
        if let readyMs { line += #","readyMs":\#(n(readyMs))"# }
        return line + "}"
    }
}
