import Foundation
import ReviewRoomServer
import ReviewRoomTesting
import Testing

@Suite("Static files")
struct StaticFilesTests {
    private func makeRoot() throws -> (root: URL, outside: URL) {
        let base = try TemporaryDirectory.make(prefix: "webroot")
        let root = base.appendingPathComponent("web")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("<!doctype html><title>home</title>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("<!doctype html><title>join</title>".utf8).write(to: root.appendingPathComponent("join.html"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("assets/app.css"))
        try Data("export {}".utf8).write(to: root.appendingPathComponent("assets/app.js"))
        try Data("hidden".utf8).write(to: root.appendingPathComponent(".secret"))
        let outside = base.appendingPathComponent("secret.txt")
        try Data("top secret".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape.txt"), withDestinationURL: outside)
        return (root, outside)
    }

    @Test func servesFilesWithTheirContentTypes() throws {
        let files = StaticFiles(root: try makeRoot().root)
        let index = try #require(files.response(forPath: "/"))
        #expect(index.contentType == "text/html; charset=utf-8")
        #expect(String(decoding: index.body, as: UTF8.self).contains("home"))
        #expect(files.response(forPath: "/join")?.contentType == "text/html; charset=utf-8")
        #expect(files.response(forPath: "/join").map { String(decoding: $0.body, as: UTF8.self) }?.contains("join") == true)
        #expect(files.response(forPath: "/assets/app.css")?.contentType == "text/css; charset=utf-8")
        #expect(files.response(forPath: "/assets/app.js")?.contentType == "text/javascript; charset=utf-8")
        #expect(files.response(forPath: "/assets/%61pp.css")?.status == 200)
    }

    /// A page is never kept (a room page frozen in the back/forward cache kept its person
    /// online to the others); the files it loads are kept and asked for again each time.
    @Test func pagesAreNotStoredAndTheirFilesAreRevalidated() throws {
        let files = StaticFiles(root: try makeRoot().root)
        func cacheControl(_ path: String) -> [String] {
            (files.response(forPath: path)?.headers ?? []).filter { $0.0 == "Cache-Control" }.map(\.1)
        }
        #expect(cacheControl("/") == ["no-store"])
        #expect(cacheControl("/join") == ["no-store"])
        #expect(cacheControl("/assets/app.js") == ["no-cache"])
        #expect(cacheControl("/assets/app.css") == ["no-cache"])
    }

    @Test(arguments: [
        "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt", "/.secret", "/escape.txt", "/%00", "/%zz", "//etc/passwd", "/assets/", "/missing.html",
    ])
    func refusesTraversalAndMissingFiles(path: String) throws {
        let files = StaticFiles(root: try makeRoot().root)
        #expect(files.response(forPath: path) == nil, "\(path) was served")
    }

    @Test func contentTypesByExtension() {
        #expect(ContentTypes.forFile(named: "a.svg") == "image/svg+xml")
        #expect(ContentTypes.forFile(named: "a.json") == "application/json")
        #expect(ContentTypes.forFile(named: "a.PNG") == "image/png")
        #expect(ContentTypes.forFile(named: "noextension") == "application/octet-stream")
    }
}
