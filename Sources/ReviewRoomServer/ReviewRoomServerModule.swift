/// Placeholder until the daemon's server module lands (issue: foundation).
public enum ReviewRoomServerModule {
    /// Version string of the daemon.
    public static let version = "0.1.0"
}
