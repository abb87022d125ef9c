import ReviewRoomStore

/// What the daemon's parts share once it runs: the open store, the live sessions (as the
/// ``LiveSessionControl`` the HTTP API changes sessions through), the configuration and the
/// public base URL for links.
public struct ServerContext: Sendable {
    /// The open store.
    public let store: Store
    /// The live sessions.
    public let registry: SessionRegistry
    /// The daemon's configuration.
    public let configuration: DaemonConfiguration
    /// Base URL for links (`public_url`, or the listening origin).
    public let publicURL: String

    /// The registry as the HTTP API's view of live sessions.
    public var live: any LiveSessionControl { registry }

    /// Creates the context.
    public init(store: Store, registry: SessionRegistry, configuration: DaemonConfiguration, publicURL: String) {
        self.store = store
        self.registry = registry
        self.configuration = configuration
        self.publicURL = publicURL
    }
}
