extension LiveLimits {
    /// The limits the daemon's configuration sets.
    public init(configuration: DaemonConfiguration) {
        self.init()
        maxNoteUnits = configuration.maxNoteUnits
        messagesPerSecond = configuration.messagesPerSecond
        messageBurst = configuration.messageBurst
        maxInsertedUnitsPerSecond = configuration.maxInsertedUnitsPerSecond
        languageHints = configuration.languageHints
        replayByteLimit = max(1, configuration.outboxLimitBytes / 2)
        snapshotEveryEvents = configuration.snapshotEveryEvents
        maxConnectionsPerParticipant = configuration.maxConnectionsPerParticipant
        reconnectsPerMinute = configuration.reconnectsPerMinute
    }
}
