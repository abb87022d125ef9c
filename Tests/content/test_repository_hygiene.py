"""Checks of the project's own files that no compiler reads: a merge that left its conflict
markers in a DocC article or a README once reached main unnoticed (the build and every test
passed), so every text file of the tree is read for them here.
"""
import pathlib
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SKIPPED_DIRECTORIES = {".git", ".venv", "node_modules", "__pycache__"}
TEXT_SUFFIXES = {".swift", ".md", ".py", ".js", ".css", ".html", ".json", ".yaml", ".yml",
                 ".toml", ".conf", ".service", ".socket", ".sh", ".c", ".h", ".modulemap",
                 ".txt", ".ics", ".tutorial", ""}


def project_files():
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if any(part in SKIPPED_DIRECTORIES or part.startswith(".build") for part in relative.parts):
            continue
        if path.is_file() and not path.is_symlink() and path.suffix in TEXT_SUFFIXES:
            yield path


def conflict_markers(text):
    """Line numbers of a conflict's opening and closing markers, when a file has both."""
    lines = text.splitlines()
    opening = [n for n, line in enumerate(lines, 1) if line.startswith("<<<<<<< ")]
    closing = [n for n, line in enumerate(lines, 1) if line.startswith(">>>>>>> ")]
    return (opening + closing) if opening and closing else []


class RepositoryHygieneTests(unittest.TestCase):
    def test_the_marker_finder_finds_a_conflict(self):
        text = "a\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\nb\n"
        self.assertEqual(conflict_markers(text), [2, 6])
        self.assertEqual(conflict_markers("Title\n=======\n"), [])

    def test_no_file_holds_merge_conflict_markers(self):
        found = []
        for path in project_files():
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            lines = conflict_markers(text)
            if lines:
                found.append(f"{path.relative_to(ROOT)}: lines {lines}")
        self.assertEqual(found, [], "merge-conflict markers left in:\n" + "\n".join(found))


if __name__ == "__main__":
    unittest.main()
