"""Checks of the content exports by independent parsers: the JSON record against its JSON
Schema (jsonschema), the calendar files with icalendar, the HTML record's CSP style hash, and
the Markdown record with a CommonMark parser (markdown-it-py).

The Swift suite "Sample exports for the Python checks" writes the samples into the directory
named by REVIEWROOM_CONTENT_SAMPLES; `make test` runs it first, then these tests.
"""
import base64
import hashlib
import json
import os
import pathlib
import re
import unittest
from datetime import datetime, timezone

import icalendar
import jsonschema
from markdown_it import MarkdownIt

SAMPLES = pathlib.Path(os.environ.get("REVIEWROOM_CONTENT_SAMPLES", ""))


def sample(name):
    path = SAMPLES / name
    if not SAMPLES.name or not path.exists():
        raise unittest.SkipTest("no samples: run via `make test` (REVIEWROOM_CONTENT_SAMPLES)")
    return path


class RecordJSONTests(unittest.TestCase):
    def setUp(self):
        schema = json.loads(sample("record.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        self.validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

    def test_final_and_draft_records_are_valid(self):
        for name in ("record.json", "record-draft.json"):
            record = json.loads(sample(name).read_text(encoding="utf-8"))
            errors = [e.message for e in self.validator.iter_errors(record)]
            self.assertEqual(errors, [], name)
        self.assertFalse(json.loads(sample("record.json").read_text())["draft"])
        self.assertTrue(json.loads(sample("record-draft.json").read_text())["draft"])

    def test_planned_versus_actual_figures(self):
        record = json.loads(sample("record.json").read_text(encoding="utf-8"))
        self.assertEqual([p["plannedSec"] for p in record["agenda"]], [600, 300, 120])
        self.assertEqual([p["actualSec"] for p in record["agenda"]], [740, 200, 60])
        self.assertEqual(record["agenda"][0]["runs"][0]["overtimeSec"], 20)
        self.assertEqual(record["actions"]["id"], "actions")

    def test_schema_rejects_a_broken_record(self):
        record = json.loads(sample("record.json").read_text(encoding="utf-8"))
        del record["session"]["focus"]
        record["speaking"]["people"][0]["share"] = 2
        record["log"][0]["at"] = "yesterday"
        messages = sorted(e.message for e in self.validator.iter_errors(record))
        self.assertEqual(len(messages), 3, messages)


class CalendarTests(unittest.TestCase):
    def test_session_calendar_parses(self):
        raw = sample("session.ics").read_bytes()
        self.assertTrue(raw.endswith(b"\r\n"))
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)
        self.assertNotIn(b"secret", raw)
        calendar = icalendar.Calendar.from_ical(raw)
        self.assertEqual(str(calendar["METHOD"]), "PUBLISH")
        events = list(calendar.walk("VEVENT"))
        self.assertEqual(len(events), 1)
        event = events[0]
        self.assertEqual(str(event["UID"]), "session-s-42@reviewroom.app")
        self.assertEqual(int(event["SEQUENCE"]), 2)
        self.assertEqual(event.decoded("DTSTART"), datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc))
        self.assertEqual(event.decoded("DTEND"), datetime(2026, 12, 1, 9, 47, tzinfo=timezone.utc))
        self.assertEqual(str(event["SUMMARY"]), "Reading for pleasure")
        self.assertIn("Enquiry focus: How do we rebuild reading stamina?\nHost school: Northfield Primary",
                      str(event["DESCRIPTION"]))
        self.assertEqual(str(event["URL"]), "https://review.example.org/console")

    def test_escaping_and_folding_round_trip(self):
        raw = sample("template.ics").read_bytes()
        self.assertTrue(any(line.startswith(b" ") for line in raw.split(b"\r\n")), "long lines are folded")
        event = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))[0]
        self.assertEqual(
            str(event["SUMMARY"]),
            'Reading, writing; and \\ "maths" – a rapid review with a very long title that must fold')
        description = str(event["DESCRIPTION"])
        self.assertIn("How do we rebuild reading stamina?\nLine two, with commas", description)
        self.assertIn("\n1. Welcome and ground rules (5 min)", description)
        self.assertEqual(event.decoded("DTEND") - event.decoded("DTSTART"), 
                         datetime(2026, 12, 1, 11, 0, tzinfo=timezone.utc)
                         - datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc))


class HTMLRecordTests(unittest.TestCase):
    def test_style_hash_in_csp_matches_the_inline_stylesheet(self):
        html = sample("record.html").read_text(encoding="utf-8")
        styles = re.findall(r"<style>(.*?)</style>", html, re.S)
        self.assertEqual(len(styles), 1)
        digest = base64.b64encode(hashlib.sha256(styles[0].encode("utf-8")).digest()).decode()
        self.assertIn(f"'sha256-{digest}'", sample("csp.txt").read_text(encoding="utf-8"))

    def test_html_parses_and_has_no_script(self):
        from html.parser import HTMLParser

        class Collector(HTMLParser):
            def __init__(self):
                super().__init__()
                self.tags, self.ids, self.links = [], set(), []

            def handle_starttag(self, tag, attrs):
                self.tags.append(tag)
                self.ids.update(v for k, v in attrs if k == "id")
                if tag == "link":
                    self.links.append(dict(attrs))

        collector = Collector()
        collector.feed(sample("record.html").read_text(encoding="utf-8"))
        self.assertNotIn("script", collector.tags)
        # One link, to the stylesheet the daemon serves (its CSP blocks the inline style), relative
        # to the record's URL so that a reverse proxy's path prefix is kept; opened from disk,
        # the link finds nothing and the inline style applies.
        self.assertEqual(collector.links, [{"rel": "stylesheet", "href": "../../../../record.css"}])
        self.assertNotIn("img", collector.tags)
        for section in ("agenda", "actions", "questions", "notes", "speaking", "rounds", "phrases", "log"):
            self.assertIn(section, collector.ids)


class MarkdownRecordTests(unittest.TestCase):
    SECTIONS = ["Agenda: planned and as run", "Actions", "Enquiry questions", "Notes", "Speaking time",
                "Rounds", "Phrases to revisit", "Facilitator's log"]

    @staticmethod
    def outside_quotes(text):
        """(tag, inline text) of every block outside any block quote, by CommonMark."""
        tokens = MarkdownIt("commonmark").parse(text)
        depth, out = 0, []
        for i, token in enumerate(tokens):
            if token.type == "blockquote_open":
                depth += 1
            elif token.type == "blockquote_close":
                depth -= 1
            elif token.type == "inline" and depth == 0:
                out.append((tokens[i - 1].tag, token.content))
        return out

    def test_sections_are_the_records_own(self):
        blocks = self.outside_quotes(sample("record.md").read_text(encoding="utf-8"))
        self.assertEqual([text for tag, text in blocks if tag == "h2"], self.SECTIONS)

    def test_a_note_with_crlf_cr_or_unicode_breaks_stays_in_its_quote(self):
        raw = sample("record-breaking-note.md").read_bytes().decode("utf-8")
        blocks = self.outside_quotes(raw)
        self.assertEqual([text for tag, text in blocks if tag == "h2"], self.SECTIONS)
        headings = [text for tag, text in blocks if tag == "h1"]
        self.assertEqual(len(headings), 1, headings)
        self.assertTrue(headings[0].startswith("Review record: Reading for pleasure"), headings)
        # The "who wrote what" list quotes each passage on one line, escaped; no block of its own
        # outside the quote may come from the note.
        self.assertEqual([t for _, t in blocks if t.startswith(("Sack the head", "Heading", "| a |", "[x]("))], [])
        self.assertNotIn("<a href", MarkdownIt("commonmark").render(raw).split("<blockquote>")[0])
        self.assertEqual([t for _, t in blocks if t.startswith("Written by:")],
                         ["Written by: Fran.", "Written by: Asha, Ben."])
        quoted = MarkdownIt("commonmark").render(raw)
        # A line break typed in the note is one when rendered (CommonMark joined the lines).
        self.assertIn("<blockquote>\n<p>Pupils read every day in class.<br />", quoted)
        self.assertIn("<li>Sack the head of English (agreed by all)<br />\nWritten by: Fran.", quoted)

    def test_a_notes_javascript_link_is_no_link_even_to_a_viewer_that_allows_any(self):
        # markdown-it refuses javascript: links itself; a viewer that does not must not get one.
        raw = sample("record-breaking-note.md").read_bytes().decode("utf-8")
        trusting = MarkdownIt("commonmark")
        trusting.validateLink = lambda url: True
        hrefs = re.findall(r'href="([^"]*)"', trusting.render(raw))
        self.assertEqual([h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))], [])
        self.assertIn("[x](javascript:alert(1))", trusting.render(raw), "the note's text is still shown as written")

    def test_a_notes_code_spans_show_their_text_and_nothing_from_the_note_is_html(self):
        raw = sample("record-code-note.md").read_text(encoding="utf-8")
        for parser in (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable("table")):
            rendered = parser.render(raw)
            # markdown-it passes raw HTML through (html=True in CommonMark mode): none may come
            # from the note, in a paragraph or in a table cell.
            self.assertNotIn("<img", rendered)
            self.assertNotIn("<b>", rendered)
            self.assertNotIn("<i>", rendered)
            for n in range(1, 7):
                self.assertIn(f"onerror=alert({n})", rendered, "each attempt is still shown as text")
            # A note's image would be fetched on opening (a tracking pixel): it is a link instead.
            self.assertIn('!<a href="https://tracker.example/p.png?r=host">pixel</a>', rendered)
            codes = re.findall(r"<code>(.*?)</code>", rendered, re.S)
            # Inside a code span `<` and `&` read as typed, not as "&lt;" (HTML-escaped once here).
            self.assertIn("a &lt; b &amp;&amp; c", codes)
            self.assertIn("x&lt;y", codes)
            self.assertIn("a ` &lt;b&gt;bold&lt;/b&gt;", codes)


if __name__ == "__main__":
    unittest.main()
