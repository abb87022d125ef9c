"""The order the suites' conftest.py hands their files to the xdist workers (slowest_first.py)."""
import pathlib
import types

import pytest

from slowest_first import slowest_files_first


def items_of(directory, *names):
    return [types.SimpleNamespace(path=pathlib.Path(directory) / name, name=f"{name}#{index}")
            for index, name in enumerate(names)]


def test_listed_files_come_first_in_their_order_then_the_files_with_most_tests(tmp_path):
    for name in ("a.py", "b.py", "c.py", "d.py"):
        (tmp_path / name).write_text("")
    items = items_of(tmp_path, "a.py", "b.py", "b.py", "c.py", "d.py", "d.py", "d.py", "c.py")
    slowest_files_first(items, ["c.py", "a.py"], tmp_path)
    # c's two tests (together, in their order), a, then d (three tests) before b (two).
    assert [item.name for item in items] == ["c.py#3", "c.py#7", "a.py#0", "d.py#4", "d.py#5", "d.py#6",
                                             "b.py#1", "b.py#2"]


def test_a_listed_name_that_is_no_file_is_refused_and_nothing_moves(tmp_path):
    (tmp_path / "a.py").write_text("")
    items = items_of(tmp_path, "a.py")
    with pytest.raises(ValueError, match="renamed.py"):
        slowest_files_first(items, ["renamed.py"], tmp_path)
    assert [item.name for item in items] == ["a.py#0"]


def test_a_name_listed_twice_is_refused(tmp_path):
    (tmp_path / "a.py").write_text("")
    with pytest.raises(ValueError, match="more than once: \\['a.py'\\]"):
        slowest_files_first(items_of(tmp_path, "a.py"), ["a.py", "a.py"], tmp_path)
