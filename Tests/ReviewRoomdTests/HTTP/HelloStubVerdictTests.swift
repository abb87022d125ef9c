import ReviewRoomServer
import Testing

@Suite("Hello stub")
struct HelloStubVerdictTests {
    @Test func aHelloObjectIsAHello() {
        #expect(HelloStubAcceptor.verdict(forFirstMessage: Array(#"{"type":"hello","token":"t"}"#.utf8)) == .hello)
    }

    @Test(arguments: [#"{"type":"ping","id":1}"#, #"["hello"]"#, "hello", #"{"type":1}"#, "", #"{"token":"x"}"#])
    func anythingElseIsNot(text: String) {
        #expect(HelloStubAcceptor.verdict(forFirstMessage: Array(text.utf8)) == .notHello)
    }

    @Test func theReplyIsANotFoundError() throws {
        let reply = String(decoding: HelloStubAcceptor.notFoundReply, as: UTF8.self)
        #expect(reply.contains(#""type":"error""#) && reply.contains(#""code":"not_found""#) && reply.contains(#""id":null"#))
    }
}
