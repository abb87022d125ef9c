import ReviewRoomCore

extension Store {
    /// Adds a facilitator and returns their API token, the only time it exists in clear.
    /// - Throws: `.invalidInput` when ``facilitatorInputProblem(name:email:)`` finds one.
    public func addFacilitator(name: String, email: String? = nil) async throws -> IssuedFacilitatorToken {
        if let problem = Self.facilitatorInputProblem(name: name, email: email) { throw StoreError(.invalidInput, problem) }
        let trimmed = String(name.trimmingWhitespace())
        let facilitator = Facilitator(id: FacilitatorID(try SecretToken.identifier(prefix: "f_")), name: trimmed, email: email,
                                      createdAt: configuration.now(), revokedAt: nil)
        let token = try SecretToken.generate()
        try await write { try Self.insert(facilitator, token: token, $0) }
        logger.info("facilitator added", metadata: ["facilitator": "\(facilitator.id)"])
        return IssuedFacilitatorToken(facilitator: facilitator, token: token)
    }

    static func insert(_ facilitator: Facilitator, token: String, _ connection: SQLiteConnection) throws {
        try connection.run("INSERT INTO facilitators(id, name, email, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)") {
            try $0.bind(1, facilitator.id.rawValue)
            try $0.bind(2, facilitator.name)
            try $0.bind(3, facilitator.email)
            try $0.bind(4, SecretToken.hash(token))
            try $0.bind(5, facilitator.createdAt.millisecondsSince1970)
        }
    }

    /// Every facilitator, revoked ones included, oldest first.
    public func facilitators() async throws -> [Facilitator] {
        try await read { connection in
            try connection.rows("SELECT id, name, email, created_at, revoked_at FROM facilitators ORDER BY created_at, id") { Self.decodeFacilitator($0) }
        }
    }

    /// Revokes facilitator `id`: their token hash is erased, so the token stops working.
    /// Their sessions stay theirs. Revoking twice is allowed.
    /// - Throws: `.unknownFacilitator` when there is no such facilitator (nothing changes).
    public func revokeFacilitator(_ id: FacilitatorID) async throws -> Facilitator {
        try await revokeFacilitator(id, transferringSessionsTo: nil).facilitator
    }

    /// Revokes facilitator `id` and, with `newOwner`, makes `newOwner` the owner of every session
    /// `id` owns, in one transaction: their token hash is erased, so the token stops working at
    /// once, also in a running daemon (which reads a session's owner from the store for every API
    /// request and every facilitator `hello`), and the new owner can manage those sessions
    /// (delete them, give the old owner a link again). The invite links of their own participants
    /// (``StoredParticipant/actsFor``, in every session) are revoked in the same transaction; a
    /// running daemon closes what joined with them at its next sweep, and a session not yet
    /// ended leaves them out when it next loads (an ended one keeps listing them). Revoking twice is allowed, so the
    /// sessions of someone revoked earlier can be transferred later.
    /// - Throws: `.unknownFacilitator` when `id` or `newOwner` does not exist; `.invalidInput`
    ///   when `newOwner` is revoked or is `id` itself. Nothing changes then.
    public func revokeFacilitator(_ id: FacilitatorID, transferringSessionsTo newOwner: FacilitatorID?) async throws -> FacilitatorRevocation {
        if let newOwner, newOwner == id {
            throw StoreError(.invalidInput, "cannot transfer the sessions of facilitator \(id) to \(newOwner) itself: name another, active facilitator")
        }
        let now = configuration.now().millisecondsSince1970
        let revocation = try await write { connection in
            let select = "SELECT id, name, email, created_at, revoked_at FROM facilitators WHERE id = ?1"
            guard let before = try connection.rows(select, { try $0.bind(1, id.rawValue) }, map: { Self.decodeFacilitator($0) }).first else {
                throw StoreError(.unknownFacilitator, "no facilitator with id \(id): see `reviewroomd facilitator list`")
            }
            var target: Facilitator?
            if let newOwner {
                guard let found = try connection.rows(select, { try $0.bind(1, newOwner.rawValue) }, map: { Self.decodeFacilitator($0) }).first else {
                    throw StoreError(.unknownFacilitator, "cannot transfer the sessions of \(before.name) (id \(id)) to \(newOwner): no facilitator with that id (see `reviewroomd facilitator list`); nothing was revoked")
                }
                guard found.revokedAt == nil else {
                    throw StoreError(.invalidInput, "cannot transfer the sessions of \(before.name) (id \(id)) to \(found.name) (id \(newOwner)): that facilitator is revoked too; nothing was revoked")
                }
                target = found
            }
            let sessions = try connection.rows("SELECT id FROM sessions WHERE owner = ?1 ORDER BY created_at, id", {
                try $0.bind(1, id.rawValue)
            }, map: { SessionID($0.text(0)) })
            try connection.run("UPDATE facilitators SET token_hash = NULL, revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1") {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, now)
            }
            // Their own participants' invite links go too: with one, a revoked facilitator still
            // ran their sessions (facilitator role) without the API token.
            let revokedOwnLinks = try connection.run("""
                UPDATE participants SET token_hash = NULL, revoked_at = ?2 WHERE acts_for = ?1 AND revoked_at IS NULL
                """) {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, now)
            }
            if let target {
                try connection.run("UPDATE sessions SET owner = ?2 WHERE owner = ?1") {
                    try $0.bind(1, id.rawValue)
                    try $0.bind(2, target.id.rawValue)
                }
            }
            guard let facilitator = try connection.rows(select, { try $0.bind(1, id.rawValue) }, map: { Self.decodeFacilitator($0) }).first else {
                throw StoreError(.unknownFacilitator, "no facilitator with id \(id): see `reviewroomd facilitator list`")
            }
            return FacilitatorRevocation(facilitator: facilitator, newOwner: target, sessions: sessions,
                                         wasRevokedBefore: before.revokedAt != nil, revokedOwnLinks: revokedOwnLinks)
        }
        logger.info("facilitator revoked", metadata: [
            "facilitator": "\(id)", "sessions": "\(revocation.sessions.count)",
            "transferredTo": "\(revocation.newOwner.map { $0.id.rawValue } ?? "-")",
        ])
        return revocation
    }

    /// Whose API `token` is: nil when unknown or revoked.
    public func authenticateFacilitator(token: String) async throws -> Facilitator? {
        let hash = SecretToken.hash(token)
        return try await read { connection in
            try connection.rows("SELECT id, name, email, created_at, revoked_at FROM facilitators WHERE token_hash = ?1 AND revoked_at IS NULL") {
                try $0.bind(1, hash)
            } map: { Self.decodeFacilitator($0) }.first
        }
    }

    /// Every revoked facilitator's id, in one read. The daemon asks it on a periodic sweep,
    /// because a revocation is made by another process (`reviewroomd facilitator revoke`).
    public func revokedFacilitatorIDs() async throws -> Set<FacilitatorID> {
        try await read { connection in
            Set(try connection.rows("SELECT id FROM facilitators WHERE revoked_at IS NOT NULL") { _ in } map: { FacilitatorID($0.text(0)) })
        }
    }

    static func decodeFacilitator(_ row: SQLiteStatement) -> Facilitator {
        Facilitator(
            id: FacilitatorID(row.text(0)), name: row.text(1), email: row.optionalText(2),
            createdAt: Timestamp(millisecondsSince1970: row.int64(3)),
            revokedAt: row.optionalInt64(4).map { Timestamp(millisecondsSince1970: $0) }
        )
    }

    /// The longest facilitator name, in characters: the name becomes their participant's name in
    /// every session they schedule, which the HTTP API limits to this too (`SessionRequest.maxShortText`).
    public static let maxFacilitatorNameLength = 200

    /// The longest facilitator e-mail address, in characters, as the HTTP API limits an invite's.
    public static let maxFacilitatorEmailLength = 320

    /// What is wrong with a new facilitator's name (trimmed of whitespace) or e-mail, or nil: a
    /// name that shows nothing, one longer than ``maxFacilitatorNameLength``, an e-mail longer
    /// than ``maxFacilitatorEmailLength``, a control character (a line break, a tab) in either, an
    /// e-mail without `@`. Lengths are counted as the API counts them (``TextRules/length(_:)``,
    /// code points): counted as characters a reader sees, a letter with a thousand accents was
    /// one, stored, and became a participant's name the API itself would refuse. Pure, so a
    /// command can check before it opens (and perhaps creates) a database.
    public static func facilitatorInputProblem(name: String, email: String?) -> String? {
        let trimmed = name.trimmingWhitespace()
        guard !TextRules.showsNothing(String(trimmed)) else { return "a facilitator needs a name that shows something" }
        let length = TextRules.length(String(trimmed))
        guard length <= maxFacilitatorNameLength else {
            return "a facilitator's name is \(length) characters long: at most \(maxFacilitatorNameLength) are allowed"
        }
        if let email, case let length = TextRules.length(email), length > maxFacilitatorEmailLength {
            return "a facilitator's e-mail is \(length) characters long: at most \(maxFacilitatorEmailLength) are allowed"
        }
        // `facilitator list` prints one tab-separated line per facilitator.
        for (what, text) in [("name", String(trimmed)), ("e-mail", email ?? "")] where text.unicodeScalars.contains(where: isControl) {
            return "a facilitator's \(what) must not contain a line break, tab or other control character"
        }
        // The command line is decoded as UTF-8 with U+FFFD for what is not: a name typed in
        // another encoding (a Latin-1 terminal's "é") would be stored as "�".
        for (what, text) in [("name", String(trimmed)), ("e-mail", email ?? "")] where text.unicodeScalars.contains("\u{FFFD}") {
            return "a facilitator's \(what) is not valid UTF-8 text (it holds U+FFFD, or bytes that are not UTF-8): "
                + "check the terminal's encoding (locale) and type it again"
        }
        if let email, !email.contains("@") { return "facilitator e-mail '\(email)' is not an e-mail address (no '@')" }
        return nil
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
