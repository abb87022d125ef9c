import Foundation
import ReviewRoomCore
import ReviewRoomContent

/// The `components` object of the OpenAPI document: schemas of request and response bodies,
/// the shared problem+json responses and the bearer security scheme.
enum OpenAPIComponents {
    /// `TextRules.showsSomethingPattern` as a JSON string's content (each `\` doubled).
    static let visibleText = TextRules.showsSomethingPattern.replacingOccurrences(of: "\\", with: "\\\\")

    static let schemas = #"""
{
"Problem":{"type":"object","required":["type","title","status","detail"],"properties":{"type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"},"detail":{"type":"string"}}},
"Role":{"type":"string","enum":["facilitator","host","reviewer","observer","display"]},
"Status":{"type":"string","enum":["scheduled","lobby","live","paused","ended"]},
"PhaseKind":{"type":"string","enum":["briefing","enquiry","evidence","round","discussion","actions","reflection","break"]},
"TurnMode":{"type":"string","enum":["open","queue","round"]},
"TimeUpAction":{"type":"string","enum":["overtime","advance"]},
"Person":{"type":"object","required":["id","name","role"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"role":{"$ref":"#/components/schemas/Role"}}},
"Phase":{"type":"object","required":["id","title","kind","durationSec","turnMode","onTimeUp","prompts"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"kind":{"$ref":"#/components/schemas/PhaseKind"},"durationSec":{"type":"number"},"turnMode":{"$ref":"#/components/schemas/TurnMode"},"onTimeUp":{"$ref":"#/components/schemas/TimeUpAction"},"prompts":{"type":"array","items":{"type":"string"}},"purpose":{"type":"string"}}},
"Prompt":{"type":"object","required":["id","text","theme"],"properties":{"id":{"type":"string"},"text":{"type":"string"},"theme":{"type":["string","null"]}}},
"Prompts":{"type":"object","required":["deck","current","discussed"],"properties":{"deck":{"type":"array","items":{"$ref":"#/components/schemas/Prompt"}},"current":{"type":["string","null"]},"discussed":{"type":"array","items":{"type":"string"}}}},
"NoteHeading":{"type":"object","required":["id","title"],"properties":{"id":{"type":"string"},"title":{"type":"string"}}},
"Session":{"type":"object","required":["id","title","hostSchool","focus","startsAt","timeZone","status","lobbyOpensMinutesBefore","autoStart","agenda","prompts","notes","participants","createdAt"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"hostSchool":{"type":"string"},"focus":{"type":"string"},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"type":"string"},"status":{"$ref":"#/components/schemas/Status"},"lobbyOpensMinutesBefore":{"type":"integer"},"autoStart":{"type":"boolean"},"agenda":{"type":"array","items":{"$ref":"#/components/schemas/Phase"}},"prompts":{"$ref":"#/components/schemas/Prompts"},"notes":{"type":"array","items":{"$ref":"#/components/schemas/NoteHeading"}},"participants":{"type":"array","items":{"$ref":"#/components/schemas/Person"}},"createdAt":{"type":"string","format":"date-time"},"erasesAt":{"type":"string","format":"date-time","description":"Only on a server with `retention_days` set: when the session will be erased, that many days after its last use (the latest of createdAt, startsAt and its newest event, and for a session others follow through followsSession, theirs too)."},"followsSession":{"type":"string","description":"A ReviewRoom addition: the id of the session this one follows (a post-review workshop's review), as given when it was scheduled; that session may since have been deleted. Left out when it follows none."}}},
"Invite":{"type":"object","required":["participant","token","url"],"properties":{"participant":{"$ref":"#/components/schemas/Person"},"token":{"type":"string"},"url":{"type":"string","description":"`<public_url>/join#<token>` (`/display#` for the display role)"}}},
"SessionCreated":{"type":"object","required":["session","invites"],"properties":{"session":{"$ref":"#/components/schemas/Session"},"invites":{"type":"array","items":{"$ref":"#/components/schemas/Invite"}}}},
"Template":{"type":"object","required":["id","title","description","phases"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"phases":{"type":"array","items":{"$ref":"#/components/schemas/Phase"}}}},
"PromptDeck":{"type":"object","required":["id","title","prompts"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"prompts":{"type":"array","items":{"$ref":"#/components/schemas/Prompt"}}}},
"PhaseInput":{"type":"object","required":["title","kind","durationSec"],"properties":{"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\#(visibleText)"},"kind":{"$ref":"#/components/schemas/PhaseKind"},"durationSec":{"type":"number","minimum":0.001,"maximum":86400},"turnMode":{"$ref":"#/components/schemas/TurnMode"},"onTimeUp":{"$ref":"#/components/schemas/TimeUpAction"},"prompts":{"type":"array","maxItems":200,"uniqueItems":true,"items":{"type":"string"},"description":"Ids of prompts in this session's deck, each once; in a PATCH, left out at an existing position: the phase keeps its prompts"},"purpose":{"type":["string","null"],"maxLength":1000,"description":"The purpose line shown to participants; in a PATCH, left out at an existing position: the phase keeps its purpose (null or empty clears it)"}}},
"PromptInput":{"type":"object","required":["text"],"properties":{"id":{"type":"string","maxLength":100,"pattern":"^[A-Za-z0-9_-]*$"},"text":{"type":"string","minLength":1,"maxLength":2000,"pattern":"\#(visibleText)"},"theme":{"type":["string","null"],"maxLength":200}}},
"NoteInput":{"type":"object","required":["id","title"],"properties":{"id":{"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$"},"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\#(visibleText)"}}},
"InviteDetails":{"type":"object","required":["session","participant"],"additionalProperties":false,"properties":{"session":{"type":"string"},"participant":{"$ref":"#/components/schemas/Person"},"erasesAt":{"type":"string","format":"date-time","description":"When `retention_days` will erase the session, from its last use so far"},"follows":{"type":"object","description":"Only for a host's or a facilitator's link whose session follows a review still kept (`followsSession`): that review, whose record getFollowedRecordByInvite gives once it has ended","required":["session","title","startsAt","timeZone","ended"],"additionalProperties":false,"properties":{"session":{"type":"string"},"title":{"type":"string"},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"type":"string"},"ended":{"type":"boolean"}}}}},
"InviteCreate":{"type":"object","required":["name","role"],"properties":{"name":{"type":"string","minLength":1,"maxLength":200,"pattern":"\#(visibleText)"},"role":{"$ref":"#/components/schemas/Role"},"email":{"type":["string","null"],"maxLength":320,"pattern":"@"}}},
"SessionPatch":{"type":"object","properties":{"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\#(visibleText)"},"focus":{"type":["string","null"],"maxLength":2000},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"$ref":"#/components/schemas/TimeZone"},"template":{"$ref":"#/components/schemas/TemplateID"},"agenda":{"type":"array","minItems":1,"maxItems":100,"items":{"$ref":"#/components/schemas/PhaseInput"}},"promptDeck":{"$ref":"#/components/schemas/PromptDeckID"},"prompts":{"type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/PromptInput"}}},"allOf":[{"not":{"required":["template","agenda"]}},{"not":{"required":["promptDeck","prompts"]}}]},
"SessionCreate":{"type":"object","required":["title","hostSchool","startsAt"],"description":"Needs `template` or `agenda` (not both); `promptDeck` or `prompts` (not both) is optional.","allOf":[{"anyOf":[{"required":["template"]},{"required":["agenda"]}]},{"not":{"required":["template","agenda"]}},{"not":{"required":["promptDeck","prompts"]}}],"properties":{"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\#(visibleText)"},"focus":{"type":["string","null"],"maxLength":2000},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"$ref":"#/components/schemas/TimeZone"},"template":{"$ref":"#/components/schemas/TemplateID"},"agenda":{"type":"array","minItems":1,"maxItems":100,"items":{"$ref":"#/components/schemas/PhaseInput"}},"promptDeck":{"$ref":"#/components/schemas/PromptDeckID"},"prompts":{"type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/PromptInput"}},"hostSchool":{"type":"string","minLength":1,"maxLength":200,"pattern":"\#(visibleText)"},"notes":{"type":"array","minItems":1,"maxItems":20,"items":{"$ref":"#/components/schemas/NoteInput"}},"participants":{"type":"array","maxItems":200,"items":{"$ref":"#/components/schemas/InviteCreate"}},"lobbyOpensMinutesBefore":{"type":"integer","minimum":0,"maximum":1440},"autoStart":{"type":"boolean"},"followsSession":{"type":["string","null"],"maxLength":64,"description":"A ReviewRoom addition: the id of one of the caller's own sessions that this one follows (a post-review workshop names its review), so the workshop's host staff can read that review's record with their own invite link. 400 when it is not one of the caller's sessions."}}}
}
"""#

    static let responsesAndSecurity = #"""
{"responses":{"BadRequest":{"description":"The body or a parameter is malformed (a JSON object giving a member name twice too); `detail` names the field. On any operation: an HTTP/1.1 request without a Host header or with two, a Content-Length that is not a non-negative integer, or one sent with Transfer-Encoding (the connection closes)","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"Unauthorized":{"description":"No, an unknown or a revoked facilitator token","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}},"headers":{"WWW-Authenticate":{"schema":{"type":"string"}}}},"NotFound":{"description":"No such session or participant among the caller's (another facilitator's session is 404 too)","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"NotAcceptable":{"description":"`Accept` names no type the record comes in","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"Conflict":{"description":"The edit changes or removes the current phase of a live session or one up to the highest phase that has run, or the session has ended (an ended session takes no edits and no new participants)","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"TooLarge":{"description":"The body exceeds max_request_body_bytes (on every route and method: a GET or DELETE sent with such a body too)","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"LengthRequired":{"description":"A request with Transfer-Encoding (chunked) and no Content-Length, whatever its method: such bodies are not accepted; the connection closes. A request with neither header has an empty body (RFC 9112 §6.3)","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"ShuttingDown":{"description":"The daemon is shutting down (SIGTERM), or its store cannot save changes right now (disk full, data directory not writable): the request was not carried out; retry after `Retry-After` seconds","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}},"headers":{"Retry-After":{"description":"Seconds to wait before retrying","schema":{"type":"integer","minimum":0}}}}},"securitySchemes":{"bearer":{"type":"http","scheme":"bearer","description":"A facilitator token from `reviewroomd facilitator add`"},"invite":{"type":"http","scheme":"bearer","description":"The token of an invite link: the part of the link after `#` (only where an operation names this scheme)"}}}
"""#

    static var json: String {
        // The time zone names come from the system's list at run time (the server checks against it).
        // So do the ids of the built-in templates and decks.
        let generated = enumSchema("TimeZone", "An IANA time zone name", TimeZoneNames.all)
            + enumSchema("TemplateID", "A template id from GET /api/v1/templates (instead of agenda)", BuiltInContent.templates.map(\.id))
            + enumSchema("PromptDeckID", "A deck id from GET /api/v1/prompt-decks (instead of prompts)", BuiltInContent.decks.map(\.id))
        // Splice the schemas into the other members of `components`.
        return "{\"schemas\":{" + generated + recordSchemas + schemas.drop { $0 != "\"" } + "," + responsesAndSecurity.dropFirst()
    }

    /// The JSON record's schema (``RecordSchema/json``) as members of `schemas`, each followed by
    /// a comma: its root as `ReviewRecord` and each of its `$defs` as `Record` + its name
    /// (`note` → `RecordNote`), their `#/$defs/…` references pointed there. A `$ref` inside a
    /// schema with its own `$id` resolves against that schema, but not every OpenAPI tool knows
    /// it; with the definitions hoisted every tool finds them.
    static let recordSchemas: String = {
        guard var root = (try? JSONSerialization.jsonObject(with: Data(RecordSchema.json.utf8))) as? [String: Any] else {
            preconditionFailure("RecordSchema.json is not a JSON object")
        }
        let definitions = root.removeValue(forKey: "$defs") as? [String: Any] ?? [:]
        root["$schema"] = nil
        root["$id"] = nil
        var members: [String: Any] = ["ReviewRecord": root]
        for (name, schema) in definitions { members[recordSchemaName(name)] = schema }
        let hoisted = pointingAtComponents(members)
        guard let data = try? JSONSerialization.data(withJSONObject: hoisted, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            preconditionFailure("the record's schemas do not serialize")
        }
        // The members without the object's braces.
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self) + ","
    }()

    private static func recordSchemaName(_ definition: String) -> String {
        "Record" + definition.prefix(1).uppercased() + definition.dropFirst()
    }

    /// `value` with every `#/$defs/<name>` reference made `#/components/schemas/Record<Name>`.
    private static func pointingAtComponents(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]:
            return object.mapValues(pointingAtComponents).merging(
                (object["$ref"] as? String).flatMap { reference in
                    reference.hasPrefix("#/$defs/")
                        ? ["$ref": "#/components/schemas/" + recordSchemaName(String(reference.dropFirst("#/$defs/".count)))] : nil
                } ?? [:]) { $1 }
        case let array as [Any]:
            return array.map(pointingAtComponents)
        default:
            return value
        }
    }

    private static func enumSchema(_ name: String, _ description: String, _ values: [String]) -> String {
        let list = values.map { "\"\($0)\"" }.joined(separator: ",")
        return "\"\(name)\":{\"type\":\"string\",\"description\":\"\(description)\",\"enum\":[\(list)]},"
    }
}
