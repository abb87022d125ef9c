import Foundation
import ReviewRoomBenchKit

extension ScenarioResult {
    /// Writes `note` to stderr and returns self (for context next to the table row).
    func withNote(_ note: String) -> ScenarioResult {
        FileHandle.standardError.write(Data("  \(scenario): \(note)\n".utf8))
        return self
    }
}
