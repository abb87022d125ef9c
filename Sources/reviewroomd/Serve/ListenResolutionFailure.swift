import ReviewRoomServer

/// A `listen` or `metrics_listen` host that did not resolve when `serve` was about to bind it
/// (it did when the configuration was checked a moment before, so the resolver changed its mind).
struct ListenResolutionFailure: Error, CustomStringConvertible {
    /// `metrics_listen`, or nil for `listen`.
    var key: String?
    /// The address as configured.
    var address: ListenAddress
    /// Why its host did not resolve.
    var error: HostResolutionError

    /// `metrics_listen 10.0.0.1:9100: the host … does not resolve …`, or the same without the key.
    var description: String { (key.map { $0 + " " } ?? "") + "\(address): \(error)" }
}
