import Foundation
import ReviewRoomCore

/// Encodes every server message of PROTOCOL.md §3 as the UTF-8 text of one frame.
///
/// Pieces that are already JSON (stored event `data`, note ops) are spliced in as text, so a
/// replayed event is byte-equal to the broadcast one.
public enum ServerMessages {
    /// `{"type":"welcome","protocol":1,"epoch","seq","serverTime","you","session"}`, and
    /// `followsSession` (a ReviewRoom extension) when the session is a post-review workshop that
    /// follows that review, so a page calls it a workshop.
    public static func welcome(epoch: String, seq: Int64, serverTime: Timestamp, you: Participant,
                               session: WireSnapshot, followsSession: String? = nil) -> [UInt8] {
        let you = JSONText.object([("id", JSONText.quote(you.id)), ("name", JSONText.quote(you.name)),
                                   ("role", JSONText.quote(you.role.rawValue))])
        var members = [("type", "\"welcome\""), ("protocol", "1"), ("epoch", JSONText.quote(epoch)),
                       ("seq", String(seq)), ("serverTime", JSONText.quote(serverTime.rfc3339)),
                       ("you", you), ("session", WireJSON.encode(session))]
        if let followsSession { members.append(("followsSession", JSONText.quote(followsSession))) }
        return bytes(members)
    }

    /// `{"type":"resumed","epoch","seq","serverTime"}`.
    public static func resumed(epoch: String, seq: Int64, serverTime: Timestamp) -> [UInt8] {
        bytes([("type", "\"resumed\""), ("epoch", JSONText.quote(epoch)), ("seq", String(seq)),
               ("serverTime", JSONText.quote(serverTime.rfc3339))])
    }

    /// `{"type":"ack","id","seq",…extra}`; `extra` values are JSON text.
    public static func ack(id: Int64, seq: Int64, extra: [(String, String)] = []) -> [UInt8] {
        bytes([("type", "\"ack\""), ("id", String(id)), ("seq", String(seq))] + extra)
    }

    /// `{"type":"error","id","code","message"}` (+ `opensAt` for `not_open`, and the session's
    /// `timeZone`, `title` and `startsAt` so a client can say when, in the session's own zone,
    /// what, and when it starts — the lobby's opening alone read as the start —, and
    /// `followsSession` for a post-review workshop, as in the welcome).
    public static func error(_ error: ProtocolError, opensAt: Timestamp? = nil, timeZone: String? = nil,
                             title: String? = nil, startsAt: Timestamp? = nil, followsSession: String? = nil) -> [UInt8] {
        var members = [("type", "\"error\""), ("id", error.id.map { String($0) } ?? "null"),
                       ("code", JSONText.quote(error.code.rawValue)), ("message", JSONText.quote(error.message))]
        if let opensAt { members.append(("opensAt", JSONText.quote(opensAt.rfc3339))) }
        if let timeZone { members.append(("timeZone", JSONText.quote(timeZone))) }
        if let title { members.append(("title", JSONText.quote(title))) }
        if let startsAt { members.append(("startsAt", JSONText.quote(startsAt.rfc3339))) }
        if let followsSession { members.append(("followsSession", JSONText.quote(followsSession))) }
        return bytes(members)
    }

    /// `{"type":"event","seq","at","name","data"}` with `data` spliced in as stored, and `by`
    /// (a ReviewRoom extension) when ``eventBy(name:author:)`` names who made the change.
    public static func event(seq: Int64, at: Timestamp, name: String, data: String, author: String? = nil) -> [UInt8] {
        var members = [("type", "\"event\""), ("seq", String(seq)), ("at", JSONText.quote(at.rfc3339)),
                       ("name", JSONText.quote(name)), ("data", data)]
        if let by = eventBy(name: name, author: author) { members.append(("by", JSONText.quote(by))) }
        return bytes(members)
    }

    /// The envelope's `by` of an event recorded with `author`: the participant whose command or
    /// request made the change (a co-facilitator's phase move, a host's hand, a facilitator's
    /// edit through the API); nil for one the server made by itself (time-up, a round moving on
    /// at a turn's end) and for `note.op`, whose `data` already carries its `by`. Clients ignore
    /// unknown keys (PROTOCOL.md §3.5), so the extension breaks none.
    public static func eventBy(name: String, author: String?) -> String? {
        name == "note.op" ? nil : author
    }

    /// `{"type":"presence","online":[ids]}`.
    public static func presence(online: [String]) -> [UInt8] {
        bytes([("type", "\"presence\""), ("online", "[" + online.map(JSONText.quote).joined(separator: ",") + "]")])
    }

    /// `{"type":"cursor","by","note","rev","anchor","head"}`.
    public static func cursor(by: String, note: String, rev: Int, anchor: Int, head: Int) -> [UInt8] {
        bytes([("type", "\"cursor\""), ("by", JSONText.quote(by)), ("note", JSONText.quote(note)),
               ("rev", String(rev)), ("anchor", String(anchor)), ("head", String(head))])
    }

    /// `{"type":"signal","by","kind"}`.
    public static func signal(by: String, kind: SignalKind) -> [UInt8] {
        bytes([("type", "\"signal\""), ("by", JSONText.quote(by)), ("kind", JSONText.quote(kind.rawValue))])
    }

    /// `{"type":"hint","note","rev","hints"}`; `hints` is JSON text of `[{from,to,phrase,suggestion}]`.
    public static func hint(note: String, rev: Int, hints: String) -> [UInt8] {
        bytes([("type", "\"hint\""), ("note", JSONText.quote(note)), ("rev", String(rev)), ("hints", hints)])
    }

    /// The `data` of `note.op`: `{"note","rev","op","by","opId"}`, the opId as the client sent
    /// it (``OpIDText``: an integer as that integer, a string as that string).
    public static func noteOpData(note: String, rev: Int, op: TextOperation, by: String, opId: String) -> String {
        JSONText.object([("note", JSONText.quote(note)), ("rev", String(rev)), ("op", op.json),
                         ("by", JSONText.quote(by)), ("opId", opIdJSON(opId))])
    }

    /// An opId kept as ``OpIDText`` as the JSON the client sent.
    public static func opIdJSON(_ opId: String) -> String {
        OpIDText.integerValue(of: opId).map { String($0) } ?? JSONText.quote(opId)
    }

    /// `{id, title, rev, text}` of a note (the `note` of a `note.get` ack).
    public static func note(_ note: NoteSnapshot) -> String {
        JSONText.object([("id", JSONText.quote(note.id)), ("title", JSONText.quote(note.title)),
                         ("rev", String(note.rev)), ("text", JSONText.quote(note.text))])
    }

    private static func bytes(_ members: [(String, String)]) -> [UInt8] {
        Array(JSONText.object(members).utf8)
    }
}
