import ReviewRoomServer
import ReviewRoomStore

extension DaemonConfiguration {
    /// The configured `durability` as the store takes it. `serve` and the offline store
    /// commands both open the store with it, so a `facilitator revoke` reported as done is as
    /// safe from a power cut as the daemon's own commits.
    var storeDurability: ReviewRoomStore.Durability {
        ReviewRoomStore.Durability(rawValue: durability.rawValue) ?? .process
    }
}
