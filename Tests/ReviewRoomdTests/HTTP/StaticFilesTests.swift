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
    /// online to the others); a file outside the page's version is kept and asked for again
    /// each time.
    @Test func pagesAreNotStoredAndUnversionedFilesAreRevalidated() throws {
        let files = StaticFiles(root: try makeRoot().root)
        #expect(cacheControl(files, "/") == ["no-store"])
        #expect(cacheControl(files, "/join") == ["no-store"])
        #expect(cacheControl(files, "/assets/app.js") == ["no-cache"])
        #expect(cacheControl(files, "/assets/app.css") == ["no-cache"])
    }

    /// A page links the folder's files under its version, so a reload asks for none of them;
    /// links to pages, fragments, other sites and missing files stay as they were.
    @Test func pagesLinkTheirFilesUnderTheFoldersVersion() throws {
        let root = try makeRoot().root
        try Data(Self.linkingPage.utf8).write(to: root.appendingPathComponent("index.html"))
        let files = StaticFiles(root: root)
        let page = try #require(files.response(forPath: "/")).text
        let version = try #require(Self.version(linkedBy: page))
        #expect(page == Self.linkingPage
            .replacingOccurrences(of: " href=\"assets/app.css\"", with: " href=\"v/\(version)/assets/app.css\"")
            .replacingOccurrences(of: " src=\"assets/app.js\"", with: " src=\"v/\(version)/assets/app.js\""))
        // Under that version a file is kept for good, as the same bytes and tag as unversioned.
        let pinned = try #require(files.response(forPath: "/v/\(version)/assets/app.js"))
        let plain = try #require(files.response(forPath: "/assets/app.js"))
        #expect(pinned.status == 200 && pinned.body == plain.body && pinned.contentType == plain.contentType)
        #expect(pinned.headers.first { $0.0 == "ETag" }?.1 == plain.headers.first { $0.0 == "ETag" }?.1)
        #expect(cacheControl(files, "/v/\(version)/assets/app.js") == ["public, max-age=31536000, immutable"])
        // Under any other version (a page from before an upgrade) it is asked for again.
        #expect(cacheControl(files, "/v/0123456789abcdef/assets/app.css") == ["no-cache"])
        // A daemon started since (no page served yet) knows the version all the same.
        #expect(cacheControl(StaticFiles(root: root), "/v/\(version)/assets/app.css") == ["public, max-age=31536000, immutable"])
    }

    /// Someone's own page in `web_root` may put its links in single quotes, in none, or name the
    /// attribute in capitals: each is linked under the version all the same (only `"…"` was).
    @Test func linksQuotedAnyWayAreVersioned() throws {
        let root = try makeRoot().root
        let page = """
            <!doctype html><link rel=stylesheet HREF='assets/app.css'><script type=module src=assets/app.js></script>
            <a href='join'>join</a><a href=#main>skip</a><img Src='missing.png' alt=''><p data-src=assets/app.js>
            """
        try Data(page.utf8).write(to: root.appendingPathComponent("index.html"))
        let served = try #require(StaticFiles(root: root).response(forPath: "/")).text
        let version = try #require(served.firstMatch(of: /HREF='v\/([0-9a-f]{16})\//)).output.1
        #expect(served == page
            .replacingOccurrences(of: " HREF='assets/app.css'", with: " HREF='v/\(version)/assets/app.css'")
            .replacingOccurrences(of: " src=assets/app.js>", with: " src=v/\(version)/assets/app.js>"))
    }

    /// The version names the files' content: the same files elsewhere have the same one, an
    /// edited, added or removed file gives a new one at once, and the old version's links then
    /// fetch the files as they are now, to be asked for again.
    @Test func theVersionChangesWithTheFilesAndOnlyThen() throws {
        let first = try makeRoot().root
        let second = try makeRoot().root
        for root in [first, second] { try Data(Self.linkingPage.utf8).write(to: root.appendingPathComponent("index.html")) }
        let files = StaticFiles(root: first)
        func version() throws -> String {
            let page = try #require(files.response(forPath: "/"))
            return try #require(Self.version(linkedBy: page.text))
        }
        let original = try version()
        #expect(try version() == original, "asked twice")
        #expect(Self.version(linkedBy: StaticFiles(root: second).response(forPath: "/")?.text ?? "") == original)

        let script = first.appendingPathComponent("assets/app.js")
        try Data("export const changed = 1".utf8).write(to: script)
        let edited = try version()
        #expect(edited != original)
        let stale = try #require(files.response(forPath: "/v/\(original)/assets/app.js"))
        #expect(stale.text == "export const changed = 1")
        #expect(cacheControl(files, "/v/\(original)/assets/app.js") == ["no-cache"])
        #expect(cacheControl(files, "/v/\(edited)/assets/app.js") == ["public, max-age=31536000, immutable"])
        // Edited again, before any page asked for the version: no longer that version's content.
        try Data("export const changed = 22".utf8).write(to: script)
        #expect(cacheControl(files, "/v/\(edited)/assets/app.js") == ["no-cache"])
        #expect(cacheControl(files, "/v/\(edited)/assets/app.css") == ["public, max-age=31536000, immutable"], "unchanged")

        try Data("export {}".utf8).write(to: script)
        #expect(try version() == original, "the same content again")
        try Data("{}".utf8).write(to: first.appendingPathComponent("assets/extra.json"))
        let added = try version()
        #expect(added != original)
        try FileManager.default.removeItem(at: first.appendingPathComponent("assets/extra.json"))
        #expect(try version() == original, "the added file removed")
    }

    /// Scripts and stylesheets go without their comments, lines kept; the tag is the served
    /// bytes', so an If-None-Match with it is a 304. Other text goes as it is.
    @Test func scriptsAndStylesheetsGoWithoutTheirComments() throws {
        let root = try makeRoot().root
        try Data("/** Why. */\nexport const a = 1; // how\n".utf8).write(to: root.appendingPathComponent("assets/app.js"))
        try Data("/* Why. */\nbody { color: red; }\n".utf8).write(to: root.appendingPathComponent("assets/app.css"))
        try Data("/* kept */ // kept\n".utf8).write(to: root.appendingPathComponent("assets/notes.txt"))
        let files = StaticFiles(root: root)
        let script = try #require(files.response(forPath: "/assets/app.js"))
        #expect(script.text == "\nexport const a = 1;\n")
        #expect(files.response(forPath: "/assets/app.css")?.text == "\nbody { color: red; }\n")
        #expect(files.response(forPath: "/assets/notes.txt")?.text == "/* kept */ // kept\n")
        let tag = try #require(script.headers.first { $0.0 == "ETag" }?.1)
        #expect(files.response(forPath: "/assets/app.js", ifNoneMatch: tag)?.status == 304)
    }

    /// Only files come under a version: a page there would link its own files twice over.
    @Test(arguments: ["/", "/index.html", "/join", "/join.html", "/assets/", "/assets/missing.js", "/escape.txt", "/.secret"])
    func aVersionedPathServesFilesOnly(file: String) throws {
        let root = try makeRoot().root
        try Data(Self.linkingPage.utf8).write(to: root.appendingPathComponent("index.html"))
        let files = StaticFiles(root: root)
        let page = try #require(files.response(forPath: "/"))
        let version = try #require(Self.version(linkedBy: page.text))
        #expect(files.response(forPath: "/v/\(version)\(file)") == nil, "\(file) was served under the version")
    }

    /// A folder of more than a thousand files is not the web client (a wrong `web_root`): its
    /// pages are served as they are, not walked on every request.
    @Test func aFolderOfThousandsOfFilesIsNotVersioned() throws {
        let root = try makeRoot().root
        try Data(Self.linkingPage.utf8).write(to: root.appendingPathComponent("index.html"))
        for index in 0..<1_000 { try Data().write(to: root.appendingPathComponent("assets/\(index).txt")) }
        #expect(StaticFiles(root: root).response(forPath: "/")?.text == Self.linkingPage)
    }

    /// A page linking files, a page, a fragment, another site, a missing file and an escape.
    private static let linkingPage = """
        <!doctype html><link rel="stylesheet" href="assets/app.css"><script type="module" src="assets/app.js"></script>
        <a href="#main">skip</a><a href="join">join</a><a href="join.html">join</a><a href="https://example.org/assets/app.css">x</a>
        <img src="missing.png" alt=""><a href="./assets/app.css">dot</a><a href="/assets/app.css">root</a><a href="assets/app.css?x">q</a>
        <a href="escape.txt">out</a><a href="assets/%61pp.css">escaped</a><p data-src="assets/app.js">
        """

    /// The version a page links its files under.
    private static func version(linkedBy page: String) -> String? {
        page.firstMatch(of: /"v\/([0-9a-f]{16})\//).map { String($0.output.1) }
    }

    private func cacheControl(_ files: StaticFiles, _ path: String) -> [String] {
        (files.response(forPath: path)?.headers ?? []).filter { $0.0 == "Cache-Control" }.map(\.1)
    }

    @Test(arguments: [
        "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt", "/.secret", "/escape.txt", "/%00", "/%zz", "//etc/passwd", "/assets/", "/missing.html",
        "/v/xyz/assets/app.js", "/v/0123456789ABCDEF/assets/app.js", "/v//assets/app.js", "/v/0123456789abcdef/",
        "/v/0123456789abcdef/../secret.txt", "/v/0123456789abcdef/escape.txt", "/v/0123456789abcdef/.secret",
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

private extension HTTPResponseBuilder {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
