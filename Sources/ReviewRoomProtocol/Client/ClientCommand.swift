import ReviewRoomCore

/// A decoded command (every message after `hello`).
public enum ClientCommand: Equatable, Sendable {
    /// `ping`
    case ping
    /// A command the session state machine decides on.
    case core(Command)
    /// `note.edit`
    case noteEdit(NoteEditRequest)
    /// `note.get`
    case noteGet(note: String)
    /// `note.cursor`
    case noteCursor(NoteCursorRequest)
    /// `signal`
    case signal(SignalKind)

    /// The wire name.
    public var name: CommandName {
        switch self {
        case .ping: .ping
        case .core(let command): command.name
        case .noteEdit: .noteEdit
        case .noteGet: .noteGet
        case .noteCursor: .noteCursor
        case .signal: .signal
        }
    }
}
