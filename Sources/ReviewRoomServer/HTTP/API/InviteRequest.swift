import Foundation
import ReviewRoomCore

/// Someone to invite, as sent in `participants` or `POST …/participants`: `{name, role, email?}`.
struct InviteRequest: Sendable, Equatable {
    var name: String
    var role: Role
    /// Checked (PROTOCOL's `email?`; it must hold an `@`) and then dropped: ReviewRoom sends no
    /// mail and shows an invitee's address nowhere, so keeping it would only be personal data
    /// held for no purpose.
    var email: String?

    /// Reads and checks one invite object.
    init(_ fields: JSONFields) throws(APIError) {
        name = try fields.nonEmptyString("name", maxLength: SessionRequest.maxShortText)
        role = try fields.requiredEnum("role", Role.self)
        email = try fields.optionalString("email", maxLength: 320, nullable: true)
        if let email, !email.contains("@") {
            throw .badRequest("\(fields.name("email")): '\(email)' is not an e-mail address (no '@')")
        }
    }

    init(name: String, role: Role, email: String? = nil) {
        self.name = name; self.role = role; self.email = email
    }
}
