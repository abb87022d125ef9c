"""School IT searches the journal for the lines README.md and the operations articles quote.
Each quoted line (or, for one built from parts, its fixed parts) must still be in the docs
and still be written by the code: a message reworded on one side only fails here."""
import pathlib
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", ROOT / "Sources/ReviewRoomServer/ReviewRoomServer.docc/Operations.md",
        ROOT / "Sources/ReviewRoomStore/ReviewRoomStore.docc/OperatingTheStore.md"]

# What the docs quote -> the fixed parts the code writes (the same text unless it is assembled).
QUOTED = {
    "Listening on http://": ["Listening on http://"],
    "Metrics on http://": ["Metrics on http://"],
    "created a new database in": ["created a new database in"],
    "activity: N live sessions, M connections": ["activity: ", '"live session"', '"connection"'],
    "migrated schema from N to M": ["migrated schema from"],
    "erased session's old pages are gone from the database file and the WAL": ["erased session's old pages are gone from the database file and the WAL"],
    "session erased": ['"session erased"'],
    "the erased session's old pages stay on disk (database file and WAL) while a reader holds an older snapshot":
        ["the erased session's old pages stay on disk (database file and WAL) while a reader holds an older snapshot"],
    "reviewroom.sqlite3 is owned by uid 0 but the daemon runs as uid N": ["is owned by uid", "but the daemon runs as uid"],
    "read-only file system (under systemd ProtectSystem: add ReadWritePaths=":
        ["read-only file system (under systemd ProtectSystem: add ReadWritePaths="],
    "cannot access DIR: permission denied (run with sudo)": ["cannot access", ": permission denied (run with sudo)"],
    "cannot listen on": ["cannot listen on"],
    "a plain HTTP request reached /ws without WebSocket upgrade headers":
        ["a plain HTTP request reached /ws without WebSocket upgrade headers"],
    "socket activation handed over 2 sockets": ["socket activation handed over ", " sockets (LISTEN_FDS="],
    "configuration has N problems": ["configuration has"],
    "WebSocket upgrade refused: Origin": ["WebSocket upgrade refused: Origin"],
    "out of file descriptors: closed new connections at once": ["out of file descriptors: closed new connections at once"],
    "WebSocket upgrade headers missing": ["WebSocket upgrade headers missing"],
    "hello failed": ["hello failed"],
    "store commits failing: diskFull": ["store commits failing"],
    "the server cannot save changes right now (store: diskFull)": ["the server cannot save changes right now"],
    "store commits succeed again": ["store commits succeed again"],
    "cannot mark online intervals as still open": ["cannot mark online intervals as still open"],
    "cannot record that a participant came online": ["cannot record that a participant came online"],
    "session snapshot not saved": ["session snapshot not saved"],
    "session stopped: its changes could not be stored": ["session stopped: its changes could not be stored"],
    "each failure stopped its session": ["each failure stopped its session"],
    "succeeds again after N failures": ["succeeds again after"],
    "but tls_key is not": ["but tls_key is not"],
    "watchdog: no answer from": ["watchdog: no answer from"],
    "shutdown deadline passed": ["shutdown deadline passed"],
    "closed the consoles of a revoked facilitator": ["closed the consoles of a revoked facilitator"],
    "closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes":
        ["closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes"],
    "more connections with 4029 for outbox overflow in M sessions in the last minute":
        ["more connections", " with 4029 for outbox overflow ", "the last minute", "each read too slowly for outbox_limit_bytes"],
    "a participant holds max_connections_per_participant connections":
        ["a participant holds max_connections_per_participant connections"],
    "a participant joins more often than reconnects_per_minute; their hellos wait for their turn":
        ["a participant joins more often than reconnects_per_minute; their hellos wait for their turn"],
    "folding the event journal": ["folding the event journal"],
    "getifaddrs failed": ["getifaddrs failed"],
    "serving on port 8080; 12 connections, 2 live sessions": ["serving on port", '"connection"', '"live session"'],
    "This link is open in too many places": ["This link is open in too many places"],
    "Connection lost – reconnecting…": ["Connection lost – reconnecting"],
    "The server was restored from an earlier copy": ["The server was restored from an earlier copy"],
}


def read(paths):
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def source_files():
    for path in (ROOT / "Sources").rglob("*"):
        if path.is_file() and ".docc" not in path.parts[-2] and path.suffix in {".swift", ".js", ".c"}:
            yield path


class DocumentedLogLinesTests(unittest.TestCase):
    def test_every_quoted_line_is_in_the_docs(self):
        docs = " ".join(read(DOCS).split())  # quotes may wrap across lines
        missing = [quote for quote in QUOTED if quote.split(" N ")[0].split(" DIR")[0] not in docs]
        self.assertEqual(missing, [], "quoted here but no longer in README.md or the operations articles")

    def test_the_code_still_writes_every_quoted_line(self):
        sources = read(source_files())
        missing = [(quote, part) for quote, parts in QUOTED.items() for part in parts if part not in sources]
        self.assertEqual(missing, [], "the docs quote these but no source file writes them")
