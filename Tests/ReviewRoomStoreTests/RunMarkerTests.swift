import Testing
import ReviewRoomStore

@Suite("Run marker: when a cut-off run renews every epoch")
struct RunMarkerTests {
    @Test(arguments: Durability.allCases)
    func aMarkerReadsBackAsWritten(durability: Durability) {
        let marker = RunMarker(bootID: "3f1c9a2e-1b7d-4a51-9d0e-8c2b6f4e7a10", durability: durability)
        #expect(RunMarker(text: marker.text) == marker)
    }

    @Test(arguments: ["", "boot_id\n", "boot_id b\n", "durability process\n", "boot_id b\ndurability disk\n",
                      "boot_id b\ndurability process\nboot_id c\n", "boot_id b\ndurability process\nextra x\n"])
    func aTornOrForeignMarkerIsNone(text: String) {
        #expect(RunMarker(text: text) == nil)
    }

    @Test func aCleanStopRenewsNothing() {
        #expect(!RunMarker.epochsNeedRenewal(after: .stoppedCleanly, currentBootID: "b"))
        #expect(!RunMarker.epochsNeedRenewal(after: .stoppedCleanly, currentBootID: nil))
    }

    @Test func anUnreadableMarkerRenews() {
        #expect(RunMarker.epochsNeedRenewal(after: .unreadable, currentBootID: "b"))
    }

    /// Only `process` durability on another (or an unknown) boot may have lost acknowledged commits.
    @Test(arguments: [
        (Durability.process, "b", "b", false), (.process, "a", "b", true), (.process, "a", nil, true),
        (.power, "a", "b", false), (.power, "a", nil, false), (.power, "b", "b", false),
    ] as [(Durability, String, String?, Bool)])
    func aCutOffRunRenewsOnlyWhenTheMachineWentDownWithItsUnsyncedCommits(
        durability: Durability, markedBoot: String, currentBoot: String?, renews: Bool
    ) {
        let previous = RunMarker.PreviousRun.cutOff(RunMarker(bootID: markedBoot, durability: durability))
        #expect(RunMarker.epochsNeedRenewal(after: previous, currentBootID: currentBoot) == renews)
    }

    @Test func renewingEveryEpochChangesEachSessionsEpochAndNothingElse() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (facilitator, first) = try await StoreFixtures.session(in: store)
        let second = try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition(),
                                                   participants: [])
        for seq in Int64(1)...3 { _ = try await store.append([StoreFixtures.event(seq)], to: first.session.id) }
        let before = [try #require(try await store.load(first.session.id)), try #require(try await store.load(second.session.id))]
        #expect(try await store.renewEveryEpoch() == 2)
        var epochs: Set<String> = []
        for original in before {
            var renewed = try #require(try await store.load(original.session.id))
            #expect(renewed.session.epoch != original.session.epoch && renewed.session.epoch.hasPrefix("e_"))
            epochs.insert(renewed.session.epoch)
            renewed.session.epoch = original.session.epoch
            #expect(renewed == original, "only the epoch changed")
        }
        #expect(epochs.count == 2)
        await store.close()
    }
}
