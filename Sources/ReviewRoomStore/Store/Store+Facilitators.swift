import ReviewRoomCore

extension Store {
    /// Adds a facilitator and returns their API token, the only time it exists in clear.
    /// - Throws: `.invalidInput` for an empty name or an e-mail without `@`.
    public func addFacilitator(name: String, email: String? = nil) async throws -> IssuedFacilitatorToken {
        let trimmed = String(name.trimmingWhitespace())
        guard !trimmed.isEmpty else { throw StoreError(.invalidInput, "a facilitator needs a non-empty name") }
        if let email, !email.contains("@") {
            throw StoreError(.invalidInput, "facilitator e-mail '\(email)' is not an e-mail address (no '@')")
        }
        let facilitator = Facilitator(id: FacilitatorID(try SecretToken.identifier(prefix: "f_")), name: trimmed, email: email,
                                      createdAt: configuration.now(), revokedAt: nil)
        let token = try SecretToken.generate()
        try await write { connection in
            try connection.run("INSERT INTO facilitators(id, name, email, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)") {
                try $0.bind(1, facilitator.id.rawValue)
                try $0.bind(2, facilitator.name)
                try $0.bind(3, facilitator.email)
                try $0.bind(4, SecretToken.hash(token))
                try $0.bind(5, facilitator.createdAt.millisecondsSince1970)
            }
        }
        logger.info("facilitator added", metadata: ["facilitator": "\(facilitator.id)"])
        return IssuedFacilitatorToken(facilitator: facilitator, token: token)
    }

    /// Every facilitator, revoked ones included, oldest first.
    public func facilitators() async throws -> [Facilitator] {
        try await read { connection in
            try connection.rows("SELECT id, name, email, created_at, revoked_at FROM facilitators ORDER BY created_at, id") { Self.decodeFacilitator($0) }
        }
    }

    /// Revokes facilitator `id`: their token hash is erased, so the token stops working.
    /// Their sessions stay. Revoking twice is allowed.
    /// - Throws: `.unknownFacilitator` when there is no such facilitator (nothing changes).
    public func revokeFacilitator(_ id: FacilitatorID) async throws -> Facilitator {
        let now = configuration.now().millisecondsSince1970
        return try await write { connection in
            try connection.run("UPDATE facilitators SET token_hash = NULL, revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1") {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, now)
            }
            guard let facilitator = try connection.rows("SELECT id, name, email, created_at, revoked_at FROM facilitators WHERE id = ?1", {
                try $0.bind(1, id.rawValue)
            }, map: { Self.decodeFacilitator($0) }).first else {
                throw StoreError(.unknownFacilitator, "no facilitator with id \(id): see `reviewroomd facilitator list`")
            }
            return facilitator
        }
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

    static func decodeFacilitator(_ row: SQLiteStatement) -> Facilitator {
        Facilitator(
            id: FacilitatorID(row.text(0)), name: row.text(1), email: row.optionalText(2),
            createdAt: Timestamp(millisecondsSince1970: row.int64(3)),
            revokedAt: row.optionalInt64(4).map { Timestamp(millisecondsSince1970: $0) }
        )
    }
}
