import ReviewRoomContent

/// The `components` object of the OpenAPI document: schemas of request and response bodies,
/// the shared problem+json responses and the bearer security scheme.
enum OpenAPIComponents {
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
"Session":{"type":"object","required":["id","title","hostSchool","focus","startsAt","timeZone","status","lobbyOpensMinutesBefore","autoStart","agenda","prompts","notes","participants","createdAt"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"hostSchool":{"type":"string"},"focus":{"type":"string"},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"type":"string"},"status":{"$ref":"#/components/schemas/Status"},"lobbyOpensMinutesBefore":{"type":"integer"},"autoStart":{"type":"boolean"},"agenda":{"type":"array","items":{"$ref":"#/components/schemas/Phase"}},"prompts":{"$ref":"#/components/schemas/Prompts"},"notes":{"type":"array","items":{"$ref":"#/components/schemas/NoteHeading"}},"participants":{"type":"array","items":{"$ref":"#/components/schemas/Person"}},"createdAt":{"type":"string","format":"date-time"}}},
"Invite":{"type":"object","required":["participant","token","url"],"properties":{"participant":{"$ref":"#/components/schemas/Person"},"token":{"type":"string"},"url":{"type":"string","description":"`<public_url>/join#<token>` (`/display#` for the display role)"}}},
"SessionCreated":{"type":"object","required":["session","invites"],"properties":{"session":{"$ref":"#/components/schemas/Session"},"invites":{"type":"array","items":{"$ref":"#/components/schemas/Invite"}}}},
"Template":{"type":"object","required":["id","title","description","phases"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"phases":{"type":"array","items":{"$ref":"#/components/schemas/Phase"}}}},
"PromptDeck":{"type":"object","required":["id","title","prompts"],"properties":{"id":{"type":"string"},"title":{"type":"string"},"prompts":{"type":"array","items":{"$ref":"#/components/schemas/Prompt"}}}},
"PhaseInput":{"type":"object","required":["title","kind","durationSec"],"properties":{"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\\S"},"kind":{"$ref":"#/components/schemas/PhaseKind"},"durationSec":{"type":"number","minimum":0.001,"maximum":86400},"turnMode":{"$ref":"#/components/schemas/TurnMode"},"onTimeUp":{"$ref":"#/components/schemas/TimeUpAction"},"prompts":{"type":"array","maxItems":200,"items":{"type":"string"},"description":"Ids of prompts in this session's deck"},"purpose":{"type":["string","null"],"maxLength":1000,"description":"The purpose line shown to participants"}}},
"PromptInput":{"type":"object","required":["text"],"properties":{"id":{"type":"string","maxLength":100},"text":{"type":"string","minLength":1,"maxLength":2000,"pattern":"\\S"},"theme":{"type":["string","null"],"maxLength":200}}},
"NoteInput":{"type":"object","required":["id","title"],"properties":{"id":{"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$"},"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\\S"}}},
"InviteCreate":{"type":"object","required":["name","role"],"properties":{"name":{"type":"string","minLength":1,"maxLength":200,"pattern":"\\S"},"role":{"$ref":"#/components/schemas/Role"},"email":{"type":["string","null"],"maxLength":320,"pattern":"@"}}},
"SessionPatch":{"type":"object","properties":{"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\\S"},"focus":{"type":["string","null"],"maxLength":2000},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"$ref":"#/components/schemas/TimeZone"},"template":{"$ref":"#/components/schemas/TemplateID"},"agenda":{"type":"array","minItems":1,"maxItems":100,"items":{"$ref":"#/components/schemas/PhaseInput"}},"promptDeck":{"$ref":"#/components/schemas/PromptDeckID"},"prompts":{"type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/PromptInput"}}},"allOf":[{"not":{"required":["template","agenda"]}},{"not":{"required":["promptDeck","prompts"]}}]},
"SessionCreate":{"type":"object","required":["title","hostSchool","startsAt"],"description":"Needs `template` or `agenda` (not both); `promptDeck` or `prompts` (not both) is optional.","allOf":[{"anyOf":[{"required":["template"]},{"required":["agenda"]}]},{"not":{"required":["template","agenda"]}},{"not":{"required":["promptDeck","prompts"]}}],"properties":{"title":{"type":"string","minLength":1,"maxLength":200,"pattern":"\\S"},"focus":{"type":["string","null"],"maxLength":2000},"startsAt":{"type":"string","format":"date-time"},"timeZone":{"$ref":"#/components/schemas/TimeZone"},"template":{"$ref":"#/components/schemas/TemplateID"},"agenda":{"type":"array","minItems":1,"maxItems":100,"items":{"$ref":"#/components/schemas/PhaseInput"}},"promptDeck":{"$ref":"#/components/schemas/PromptDeckID"},"prompts":{"type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/PromptInput"}},"hostSchool":{"type":"string","minLength":1,"maxLength":200,"pattern":"\\S"},"notes":{"type":"array","minItems":1,"maxItems":20,"items":{"$ref":"#/components/schemas/NoteInput"}},"participants":{"type":"array","maxItems":200,"items":{"$ref":"#/components/schemas/InviteCreate"}},"lobbyOpensMinutesBefore":{"type":"integer","minimum":0,"maximum":1440},"autoStart":{"type":"boolean"}}}
}
"""#

    static let responsesAndSecurity = #"""
{"responses":{"BadRequest":{"description":"The body or a parameter is malformed; `detail` names the field","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"Unauthorized":{"description":"No, an unknown or a revoked facilitator token","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}},"headers":{"WWW-Authenticate":{"schema":{"type":"string"}}}},"NotFound":{"description":"No such session or participant among the caller's (another facilitator's session is 404 too)","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"NotAcceptable":{"description":"`Accept` names no type the record comes in","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"Conflict":{"description":"The edit touches the current or a past phase of a live session, or the session has ended","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"TooLarge":{"description":"The body exceeds max_request_body_bytes","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"LengthRequired":{"description":"A body without Content-Length (chunked bodies are not accepted); the connection closes","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},"ShuttingDown":{"description":"The daemon is shutting down (SIGTERM): the request was not carried out; retry after `Retry-After` seconds","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}},"headers":{"Retry-After":{"description":"Seconds to wait before retrying","schema":{"type":"integer","minimum":0}}}}},"securitySchemes":{"bearer":{"type":"http","scheme":"bearer","description":"A facilitator token from `reviewroomd facilitator add`"}}}
"""#

    static var json: String {
        // The time zone names come from the system's list at run time (the server checks against it).
        // So do the ids of the built-in templates and decks.
        let generated = enumSchema("TimeZone", "An IANA time zone name", TimeZoneNames.all)
            + enumSchema("TemplateID", "A template id from GET /api/v1/templates (instead of agenda)", BuiltInContent.templates.map(\.id))
            + enumSchema("PromptDeckID", "A deck id from GET /api/v1/prompt-decks (instead of prompts)", BuiltInContent.decks.map(\.id))
        // Splice the schemas into the other members of `components`.
        return "{\"schemas\":{" + generated + schemas.drop { $0 != "\"" } + "," + responsesAndSecurity.dropFirst()
    }

    private static func enumSchema(_ name: String, _ description: String, _ values: [String]) -> String {
        let list = values.map { "\"\($0)\"" }.joined(separator: ",")
        return "\"\(name)\":{\"type\":\"string\",\"description\":\"\(description)\",\"enum\":[\(list)]},"
    }
}
