/// The JSON Schema (draft 2020-12) of the JSON record, version 1: the documented contract
/// for machines reading `GET /api/v1/sessions/{id}/record?format=json`.
///
/// Optional values are left out when absent (never `null`), except where the schema says
/// `null` is allowed. Times are RFC 3339 UTC strings with milliseconds; `…Local` strings are
/// the same instants in the session's time zone for people; durations are seconds.
public enum RecordSchema {
    /// The schema document.
    public static let json = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://reviewroom.app/schemas/record-v1.json",
      "title": "ReviewRoom review record, version 1",
      "type": "object",
      "additionalProperties": false,
      "required": ["schemaVersion", "draft", "generatedAt", "generatedAtLocal", "displayTimeZone", "session",
                   "participants", "serverStops", "agenda", "plannedSec", "actualSec", "questions", "notes", "speaking",
                   "rounds", "phrasesToRevisit", "log"],
      "properties": {
        "schemaVersion": {"const": 1},
        "draft": {"type": "boolean", "description": "true until the session has ended"},
        "generatedAt": {"$ref": "#/$defs/timestamp", "description": "what time the record shows the session as of: when a draft was made; for a final record, its last logged change"},
        "generatedAtLocal": {"type": "string"},
        "displayTimeZone": {"type": "string", "description": "IANA zone of the ...Local strings (UTC if the session's zone is unknown)"},
        "timeZoneNote": {"type": "string", "description": "present when the session's zone is unknown"},
        "phrasesNote": {"type": "string", "description": "present when the server does not flag wording (language_hints = false); phrasesToRevisit is then empty"},
        "attendanceNote": {"type": "string", "description": "present when attendance is known: what the attendance figures mean and whose are lower bounds"},
        "serverStops": {
          "type": "array", "description": "times the server stopped without shutting down while people were online (empty when none, or attendance is unknown); nothing was recorded from lastRecordedAt until runningAgainAt",
          "items": {
            "type": "object", "additionalProperties": false,
            "required": ["lastRecordedAt", "lastRecordedAtLocal", "online"],
            "properties": {
              "lastRecordedAt": {"$ref": "#/$defs/timestamp"}, "lastRecordedAtLocal": {"type": "string"},
              "runningAgainAt": {"$ref": "#/$defs/timestamp", "description": "absent when unknown"}, "runningAgainAtLocal": {"type": "string"},
              "online": {"type": "array", "items": {"type": "string"}, "description": "participant ids online when it stopped"}
            }
          }
        },
        "session": {
          "type": "object", "additionalProperties": false,
          "required": ["id", "title", "hostSchool", "focus", "startsAt", "startsAtLocal", "timeZone", "status"],
          "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "hostSchool": {"type": "string"},
            "focus": {"type": "string"}, "startsAt": {"$ref": "#/$defs/timestamp"}, "startsAtLocal": {"type": "string"},
            "timeZone": {"type": "string"},
            "status": {"enum": ["scheduled", "lobby", "live", "paused", "ended"]},
            "startedAt": {"$ref": "#/$defs/timestamp"}, "endedAt": {"$ref": "#/$defs/timestamp"},
            "follows": {
              "type": "object", "additionalProperties": false,
              "required": ["id", "title", "startsAt", "startsAtLocal"],
              "properties": {
                "id": {"type": "string"}, "title": {"type": "string"},
                "startsAt": {"$ref": "#/$defs/timestamp"}, "startsAtLocal": {"type": "string"}
              }
            },
            "workshop": {"const": true, "description": "present for a post-review workshop (scheduled to follow a review), also once that review is deleted"}
          }
        },
        "participants": {"type": "array", "items": {"$ref": "#/$defs/person"}},
        "agenda": {"type": "array", "items": {"$ref": "#/$defs/phase"}},
        "plannedSec": {"$ref": "#/$defs/seconds"},
        "actualSec": {"$ref": "#/$defs/seconds"},
        "questions": {
          "type": "array",
          "items": {
            "type": "object", "additionalProperties": false,
            "required": ["number", "id", "text", "shown", "discussed", "removed", "showings"],
            "properties": {
              "number": {"type": "integer", "minimum": 1, "description": "1-based, in the record's order"},
              "id": {"type": "string"}, "text": {"type": "string"}, "theme": {"type": "string"},
              "shown": {"type": "boolean"}, "discussed": {"type": "boolean"},
              "laterText": {"type": "string"}, "removed": {"type": "boolean"},
              "showings": {
                "type": "array", "description": "each stretch it was on screen within one phase, in order",
                "items": {
                  "type": "object", "additionalProperties": false,
                  "required": ["shownAt", "shownAtLocal", "speakers"],
                  "properties": {
                    "shownAt": {"$ref": "#/$defs/timestamp"}, "shownAtLocal": {"type": "string"},
                    "hiddenAt": {"$ref": "#/$defs/timestamp", "description": "absent while still on screen"},
                    "hiddenAtLocal": {"type": "string"},
                    "phase": {"type": "integer", "minimum": 0, "description": "0-based phase index; absent when shown before the start"},
                    "speakers": {"type": "array", "items": {"$ref": "#/$defs/person"}, "description": "who had the floor meanwhile, in the order of their first turn"}
                  }
                }
              }
            }
          }
        },
        "actions": {"$ref": "#/$defs/note"},
        "notes": {"type": "array", "items": {"$ref": "#/$defs/note"}},
        "speaking": {
          "type": "object", "additionalProperties": false,
          "required": ["people", "groups", "totalSec"],
          "properties": {
            "people": {
              "type": "array",
              "items": {
                "type": "object", "additionalProperties": false,
                "required": ["id", "name", "role", "seconds", "share"],
                "properties": {
                  "id": {"type": "string"}, "name": {"type": "string"}, "role": {"$ref": "#/$defs/role"},
                  "seconds": {"$ref": "#/$defs/seconds"}, "share": {"$ref": "#/$defs/share"},
                  "removed": {"type": "boolean", "description": "present (true) when removed from the session since they spoke"}
                }
              }
            },
            "groups": {
              "type": "array",
              "items": {
                "type": "object", "additionalProperties": false,
                "required": ["group", "label", "people", "seconds", "share"],
                "properties": {
                  "group": {"enum": ["facilitator", "host", "reviewer", "unknown"]}, "label": {"type": "string"},
                  "people": {"type": "integer", "minimum": 1},
                  "seconds": {"$ref": "#/$defs/seconds"}, "share": {"$ref": "#/$defs/share"}
                }
              }
            },
            "totalSec": {"$ref": "#/$defs/seconds"}
          }
        },
        "rounds": {
          "type": "array",
          "items": {
            "type": "object", "additionalProperties": false,
            "required": ["startedAt", "startedAtLocal", "phase", "secondsEach", "order", "passed", "reachedEnd", "turns"],
            "properties": {
              "startedAt": {"$ref": "#/$defs/timestamp"}, "startedAtLocal": {"type": "string"},
              "endedAt": {"$ref": "#/$defs/timestamp"}, "phase": {"type": "integer", "minimum": 0},
              "secondsEach": {"type": "number", "exclusiveMinimum": 0},
              "order": {"type": "array", "items": {"$ref": "#/$defs/person"}},
              "passed": {"type": "array", "items": {"$ref": "#/$defs/person"}},
              "reachedEnd": {"type": "boolean"},
              "turns": {
                "type": "array", "description": "each turn taken, in order",
                "items": {
                  "type": "object", "additionalProperties": false,
                  "required": ["person", "startedAt", "passed"],
                  "properties": {
                    "person": {"$ref": "#/$defs/person"}, "startedAt": {"$ref": "#/$defs/timestamp"},
                    "endedAt": {"$ref": "#/$defs/timestamp", "description": "absent while the turn runs"},
                    "seconds": {"$ref": "#/$defs/seconds", "description": "as speaking time counts it (pauses left out); absent while the turn runs"},
                    "passed": {"type": "boolean"},
                    "online": {"type": "boolean", "description": "whether they were online at any moment of the turn; absent when attendance is unknown"}
                  }
                }
              }
            }
          }
        },
        "phrasesToRevisit": {
          "type": "array",
          "items": {
            "type": "object", "additionalProperties": false,
            "required": ["note", "noteTitle", "from", "to", "phrase", "suggestion", "context"],
            "properties": {
              "note": {"type": "string"}, "noteTitle": {"type": "string"},
              "from": {"type": "integer", "minimum": 0}, "to": {"type": "integer", "minimum": 0},
              "phrase": {"type": "string", "minLength": 1}, "suggestion": {"type": "string"},
              "context": {"type": "string"}
            }
          }
        },
        "log": {
          "type": "array",
          "items": {
            "type": "object", "additionalProperties": false,
            "required": ["seq", "at", "time", "date", "kind", "text"],
            "properties": {
              "seq": {"type": "integer", "minimum": 0, "description": "the event's seq; for a server line, the last change's before it (0 if none)"},
              "at": {"$ref": "#/$defs/timestamp"},
              "time": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]$"},
              "date": {"type": "string", "pattern": "^-?[0-9]{4,}-[0-1][0-9]-[0-3][0-9]$", "description": "the local date of time"},
              "kind": {"enum": ["session", "phase", "clock", "floor", "round", "question", "agenda", "participants", "server"]},
              "text": {"type": "string"}, "by": {"type": "string"}
            }
          }
        }
      },
      "$defs": {
        "timestamp": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"},
        "seconds": {"type": "number", "minimum": 0},
        "share": {"type": "number", "minimum": 0, "maximum": 1},
        "role": {"enum": ["facilitator", "host", "reviewer", "observer", "display", "unknown"]},
        "person": {
          "type": "object", "additionalProperties": false,
          "required": ["id", "name", "role", "removed"],
          "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "role": {"$ref": "#/$defs/role"},
                         "removed": {"type": "boolean"},
                         "attended": {"type": "boolean", "description": "in the participant list only, when attendance is known: whether they joined online with a device before the session ended"},
                         "firstJoinedAt": {"$ref": "#/$defs/timestamp"}, "firstJoinedAtLocal": {"type": "string"},
                         "onlineSec": {"$ref": "#/$defs/seconds", "description": "total time online up to the session's end (or the draft's time); tabs at once count once"},
                         "onlineSecIsLowerBound": {"type": "boolean", "description": "present (true) only when the server stopped without recording when they went offline"},
                         "online": {"type": "array", "description": "in the participant list only, when they joined: the stretches they were online, in order (tabs at once are one)",
                                    "items": {"type": "object", "additionalProperties": false,
                                              "required": ["from", "to", "fromLocal", "toLocal"],
                                              "properties": {"from": {"$ref": "#/$defs/timestamp"}, "to": {"$ref": "#/$defs/timestamp"},
                                                             "fromLocal": {"type": "string"}, "toLocal": {"type": "string"},
                                                             "untilEnd": {"type": "boolean", "description": "present (true) when still online at the session's end (a draft's time)"},
                                                             "cutShort": {"type": "boolean", "description": "present (true) when the server stopped without recording when they went offline"}}}}}
        },
        "phase": {
          "type": "object", "additionalProperties": false,
          "required": ["index", "number", "id", "title", "kind", "turnMode", "plannedSec", "dueAt", "dueAtLocal", "runs", "actualSec"],
          "properties": {
            "index": {"type": "integer", "minimum": 0, "description": "0-based, as phase.goto and the phase fields of questions' showings and rounds count"},
            "number": {"type": "integer", "minimum": 1, "description": "1-based, as the record's text numbers phases"},
            "id": {"type": "string"}, "title": {"type": "string"},
            "kind": {"enum": ["briefing", "enquiry", "evidence", "round", "discussion", "actions", "reflection", "break"]},
            "turnMode": {"enum": ["open", "queue", "round"]}, "purpose": {"type": "string"},
            "plannedSec": {"type": "number", "exclusiveMinimum": 0},
            "dueAt": {"$ref": "#/$defs/timestamp", "description": "when the published plan had the phase start: the session's startsAt plus the planned lengths of the phases before it"},
            "dueAtLocal": {"type": "string"},
            "runs": {
              "type": "array",
              "items": {
                "type": "object", "additionalProperties": false,
                "required": ["startedAt", "endedAt", "startedAtLocal", "endedAtLocal", "durationSec", "extendedSec",
                             "actualSec", "pausedSec", "overtimeSec", "current"],
                "properties": {
                  "startedAt": {"$ref": "#/$defs/timestamp"}, "endedAt": {"$ref": "#/$defs/timestamp"},
                  "startedAtLocal": {"type": "string"}, "endedAtLocal": {"type": "string"},
                  "durationSec": {"type": "number"}, "extendedSec": {"type": "number"},
                  "actualSec": {"$ref": "#/$defs/seconds"},
                  "pausedSec": {"$ref": "#/$defs/seconds", "description": "time the clock was paused during the run: endedAt − startedAt is actualSec plus this"},
                  "overtimeSec": {"$ref": "#/$defs/seconds", "description": "time past the end in force, summed over the run: an extension given after the phase was over does not erase it"},
                  "current": {"type": "boolean"}
                }
              }
            },
            "actualSec": {"$ref": "#/$defs/seconds"},
            "differenceSec": {"type": "number", "description": "actualSec - plannedSec; absent if the phase never ran"}
          }
        },
        "note": {
          "type": "object", "additionalProperties": false,
          "required": ["id", "title", "rev", "text", "passages", "authors"],
          "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "rev": {"type": "integer", "minimum": 0},
            "text": {"type": "string"},
            "passages": {
              "type": "array",
              "items": {
                "type": "object", "additionalProperties": false,
                "required": ["from", "to", "authorName", "text"],
                "properties": {
                  "from": {"type": "integer", "minimum": 0}, "to": {"type": "integer", "minimum": 0},
                  "author": {"type": "string", "description": "participant id; absent for text older than the kept history"},
                  "authorName": {"type": "string"}, "text": {"type": "string", "minLength": 1}
                }
              }
            },
            "authors": {"type": "array", "items": {"type": "string"}}
          }
        }
      }
    }
    """#
}
