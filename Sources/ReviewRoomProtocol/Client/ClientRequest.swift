/// A command with the client-chosen `id` its reply carries.
public struct ClientRequest: Equatable, Sendable {
    /// The `id`.
    public var id: Int64
    /// The command.
    public var command: ClientCommand

    /// Creates a request.
    public init(id: Int64, command: ClientCommand) {
        self.id = id
        self.command = command
    }
}
