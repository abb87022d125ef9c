"""The daemon serves the web client's scripts and stylesheets without their comments
(ScriptComments.swift, StyleComments.swift). Checked here against real parsers, every file the
client has, as a browser fetches it from the running daemon: each served script parses without
an error (tree-sitter's JavaScript grammar) and is exactly the file with each comment the parser
finds replaced by its line breaks, or a space where it had none, and no spaces left at a line's
end; each served stylesheet has the file's tokens (tinycss2), no comment, and its lines."""
import http.client
import pathlib
import re

import tinycss2
import tree_sitter_javascript
from tree_sitter import Language, Parser

WEB = pathlib.Path(__file__).resolve().parents[2] / "Sources" / "ReviewRoomServer" / "Web"
JAVASCRIPT = Parser(Language(tree_sitter_javascript.language()))
LINE_BREAK = re.compile(rb"\r\n|\r|\n|\xe2\x80[\xa8\xa9]")


def served(daemon, relative):
    """The file as the daemon serves it (not gzipped: no Accept-Encoding)."""
    connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)
    try:
        connection.request("GET", "/" + relative)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (relative, response.status)
        assert response.getheader("Content-Encoding") is None, relative
        return body
    finally:
        connection.close()


def comments(tree):
    """The byte ranges of the comments the parser found, in order."""
    found, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            found.append((node.start_byte, node.end_byte))
        stack.extend(reversed(node.children))
    return sorted(found)


def without_comments(source, ranges):
    """`source` with each comment in `ranges` (but a `/*! … */`) as the daemon should leave it."""
    out, at = bytearray(), 0
    for start, end in ranges:
        out += source[at:start]
        comment = source[start:end]
        if comment.startswith(b"/*!"):
            out += comment
        elif breaks := LINE_BREAK.findall(comment):
            out += b"".join(breaks)
        elif out and out[-1:] not in (b" ", b"\t", b"\n", b"\r"):
            out += b" "
        at = end
    out += source[at:]
    pieces = LINE_BREAK.split(bytes(out))
    separators = LINE_BREAK.findall(bytes(out))
    lines = [piece.rstrip(b" \t") for piece in pieces]
    return b"".join(line + separator for line, separator in zip(lines, separators + [b""]))


def files(extension):
    found = sorted(path.relative_to(WEB).as_posix() for path in WEB.rglob("*." + extension))
    assert found, f"no .{extension} files under {WEB}"
    return found


def test_every_script_is_served_without_its_comments_and_parses(daemon):
    saved = 0
    for relative in files("js"):
        source = (WEB / relative).read_bytes()
        original = JAVASCRIPT.parse(source)
        assert not original.root_node.has_error, f"{relative} does not parse as written"
        body = served(daemon, relative)
        assert body == without_comments(source, comments(original)), f"{relative} is not served as its parse says"
        parsed = JAVASCRIPT.parse(body)
        assert not parsed.root_node.has_error, f"{relative} as served does not parse"
        assert all(body[start:end].startswith(b"/*!") for start, end in comments(parsed)), relative
        assert len(LINE_BREAK.findall(body)) == len(LINE_BREAK.findall(source)), f"{relative} lost lines"
        saved += len(source) - len(body)
    # The client's doc comments are most of its bytes: the test fails if nothing was taken out.
    assert saved > 100_000, saved


def css_tokens(nodes):
    """Every token but white space and comments, blocks and functions opened up, in order."""
    flat = []
    for node in nodes:
        if node.type in ("whitespace", "comment"):
            continue
        if node.type == "function":
            flat += [("function", node.lower_name), *css_tokens(node.arguments), ")"]
        elif node.type in ("() block", "[] block", "{} block"):
            flat += [node.type, *css_tokens(node.content), "end"]
        else:
            flat.append(node.serialize())
    return flat


def css_comments(nodes):
    found = []
    for node in nodes:
        found += [node] if node.type == "comment" else css_comments(getattr(node, "content", None) or getattr(node, "arguments", None) or [])
    return found


def test_every_stylesheet_is_served_without_its_comments(daemon):
    for relative in files("css"):
        source = (WEB / relative).read_text()
        body = served(daemon, relative).decode()
        served_nodes, source_nodes = tinycss2.parse_component_value_list(body), tinycss2.parse_component_value_list(source)
        assert css_tokens(served_nodes) == css_tokens(source_nodes), relative
        assert not css_comments(served_nodes) and (css_comments(source_nodes) or "/*" not in source), relative
        assert body.count("\n") == source.count("\n"), relative


def test_a_script_the_scan_is_unsure_of_is_served_as_written(own_daemon, tmp_path):
    """A `}` before a slash (a block then a regular expression, or an object then a division):
    the daemon cannot tell which without parsing, so the file goes out as it is, comments and all."""
    web = tmp_path / "web"
    (web / "js").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><title>x</title><script type=module src=\"js/a.js\"></script>")
    unsure = b"// why\nfunction f() {}\n/x/.test('a');\n"
    sure = b"// why\nexport const a = 1;\n"
    (web / "js" / "unsure.js").write_bytes(unsure)
    (web / "js" / "sure.js").write_bytes(sure)
    instance = own_daemon(REVIEWROOM_WEB_ROOT=str(web))
    assert served(instance, "js/unsure.js") == unsure
    assert served(instance, "js/sure.js") == b"\nexport const a = 1;\n"
