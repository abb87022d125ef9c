/// The fuzz targets: one per parser that takes untrusted bytes. Each runs the daemon's own code
/// on one input and traps (`fatalError`) on a broken property, so libFuzzer (`make fuzz`) records
/// the input as a crash; `ReviewRoomFuzzTargetsTests` replays the committed corpus
/// (`Tests/fuzz-corpus/NAME/`) through the same functions in `make test`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A WebSocket message as the first of a connection (`hello`) and as a command.
    case protocolMessage = "protocol-message"
    /// A note op against a note, applied, transformed against a second op.
    case noteOp = "note-op"
    /// `reviewroom.conf`: the TOML reader, then every key's value check.
    case configFile = "config-file"
    /// A `POST` and a `PATCH /api/v1/sessions` body, through the core's checks.
    case sessionBody = "session-body"
    /// A URL path segment's `%XX` decoding.
    case percentDecoding = "percent-decoding"
    /// A script and a stylesheet served without their comments.
    case servedComments = "served-comments"

    /// Runs the target on one input.
    public func run(_ input: UnsafeRawBufferPointer) {
        switch self {
        case .protocolMessage: ProtocolMessageTarget.run(input)
        case .noteOp: NoteOpTarget.run(input)
        case .configFile: ConfigFileTarget.run(input)
        case .sessionBody: SessionBodyTarget.run(input)
        case .percentDecoding: PercentDecodingTarget.run(input)
        case .servedComments: ServedCommentsTarget.run(input)
        }
    }

    /// Runs the target on `bytes` (the corpus replay and unit tests).
    public func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }
}

/// Traps with the target's name and what broke: a property failure is a crash to libFuzzer.
func require(_ condition: @autoclosure () -> Bool, _ target: FuzzTarget, _ property: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz target \(target.rawValue): \(property())") }
}
