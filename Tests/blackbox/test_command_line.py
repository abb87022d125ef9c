"""PROTOCOL.md §1: the command line — usage errors, `check-config` naming every problem, and
`facilitator add` refusing what `facilitator list` could not print. Each runs the real binary."""
import os
import subprocess
import tempfile

import pytest

from reviewroomd import EXECUTABLE, clean_environment


def reviewroomd(*arguments):
    """(exit status, stdout, stderr) of one run, without any REVIEWROOM_* or systemd variable."""
    done = subprocess.run([str(EXECUTABLE), *arguments], capture_output=True, text=True, timeout=30,
                          env=clean_environment(), stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


def check_config(text):
    with tempfile.TemporaryDirectory(prefix="reviewroom-conf-") as directory:
        path = os.path.join(directory, "reviewroom.conf")
        with open(path, "w") as file:
            file.write(text)
        return reviewroomd("check-config", "--config", path)


@pytest.mark.parametrize("arguments", [(), ("facilitator",)])
def test_a_missing_subcommand_is_a_usage_error(arguments):
    status, out, err = reviewroomd(*arguments)
    assert status == 64, (status, out, err)
    assert out == "", out
    assert "missing subcommand" in err and "USAGE: reviewroomd" in err, err


def test_version_alone_prints_the_version():
    status, out, err = reviewroomd("--version")
    assert status == 0 and out.startswith("reviewroomd ") and out.count("\n") == 1, (status, out, err)


@pytest.mark.parametrize("arguments", [("--version", "extra"), ("extra", "--version"), ("--version", "--version"),
                                       ("serve", "--version"), ("facilitator", "list", "--version")])
def test_version_with_anything_else_is_a_usage_error(arguments):
    """Like every other stray argument (exit 64, the message and the usage on stderr, nothing
    on stdout): a script that passed `--version` by mistake, or an argument after it, fails."""
    status, out, err = reviewroomd(*arguments)
    assert status == 64, (status, out, err)
    assert out == "", out
    assert "Error: --version takes no other arguments" in err and "Usage: reviewroomd" in err, err


@pytest.mark.parametrize("arguments", [("serve", "--listen", "127.0.0.1:1", "--listen", "127.0.0.1:2"),
                                       ("serve", "--data-dir=/tmp/a", "--data-dir", "/tmp/b"),
                                       ("check-config", "--config", "/tmp/a.conf", "--config=/tmp/b.conf"),
                                       ("facilitator", "add", "Ann", "--email", "a@b.example", "--email", "x@y.example"),
                                       ("serve", "--demo", "--demo")])
def test_an_option_given_twice_is_a_usage_error_not_the_last_one_quietly(arguments):
    """Swift Argument Parser keeps the last of a repeated option, so `serve --data-dir A
    --data-dir B` ran on B without a word. Exit 64 before anything is read or made."""
    with tempfile.TemporaryDirectory(prefix="reviewroom-twice-") as directory:
        before = os.listdir(directory)
        status, out, err = reviewroomd(*[a.replace("/tmp/", directory + "/") for a in arguments])
        assert status == 64, (status, out, err)
        assert out == "", out
        name = next(a for a in arguments if a.startswith("--")).split("=")[0]
        assert f"Error: {name} is given twice" in err and "Usage: reviewroomd" in err, err
        assert os.listdir(directory) == before


def test_a_flag_a_variable_overrides_is_warned_of():
    """Variables come after flags (PROTOCOL §1); one who typed `--data-dir B` with
    `REVIEWROOM_DATA_DIR=A` set got a token written into A without a word."""
    with tempfile.TemporaryDirectory(prefix="reviewroom-over-") as directory:
        chosen, typed = os.path.join(directory, "a"), os.path.join(directory, "b")
        done = subprocess.run([str(EXECUTABLE), "facilitator", "add", "Quinn", "--data-dir", typed],
                              capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
                              env=clean_environment({"REVIEWROOM_DATA_DIR": chosen}))
        assert done.returncode == 0, done.stderr
        assert f"warning: --data-dir {typed} is overridden by REVIEWROOM_DATA_DIR={chosen}" in done.stderr, done.stderr
        assert os.path.exists(os.path.join(chosen, "reviewroom.sqlite3")) and not os.path.exists(typed)
        same = subprocess.run([str(EXECUTABLE), "facilitator", "list", "--data-dir", chosen],
                              capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
                              env=clean_environment({"REVIEWROOM_DATA_DIR": chosen}))
        assert same.returncode == 0 and "overridden" not in same.stderr, same.stderr


def test_an_operand_after_the_terminator_may_look_like_a_repeated_option():
    """After `--` an argument is an operand (here the new facilitator's name), never an option."""
    with tempfile.TemporaryDirectory(prefix="reviewroom-twice-") as directory:
        status, out, err = reviewroomd("facilitator", "add", "--json", "--data-dir", directory, "--", "--json")
        assert status == 0 and '"name":"--json"' in out.replace(" ", ""), (status, out, err)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_syntax_error_on_one_line_does_not_hide_the_other_problems(newline):
    status, out, err = check_config(newline.join([
        'bogus = 1',
        'listen = 127.0.0.1:8080',
        'durability = "disk"',
        'log_level = verbose',
        'allowed_origins = [', '  "https://ok.example",', '  "ftp://bad.example",', ']',
        'max_note_units = 0', '']))
    assert status == 78 and out == "", (status, out)
    for needle in ['line 2 (`listen = 127.0.0.1:8080`)', 'line 4 (`log_level = verbose`)', 'unknown key "bogus"',
                   'durability: "disk"', '"ftp://bad.example"', "max_note_units: must be a positive whole number"]:
        assert needle in err, (needle, err)



@pytest.mark.parametrize("origin", ["https://*.school.example", "https://review school.example", "https://[::1",
                                    "https://school.example:*", "https://<script>"])
def test_an_origin_no_browser_could_send_is_refused_not_kept_to_match_nobody(origin):
    """§1: check-config names every bad value. Origins are compared exactly, so a wildcard in
    `allowed_origins` (or `public_url`) was accepted and then allowed nobody."""
    status, out, err = check_config(f'allowed_origins = ["{origin}"]\npublic_url = "{origin}/"\n')
    assert status == 78 and out == "", (status, out, err)
    assert f'allowed_origins: "{origin}"' in err and f'public_url: "{origin}/"' in err, err
    status, out, err = check_config('allowed_origins = ["https://school.example", "http://[::1]:8080", '
                                    '"https://my_host.example."]\npublic_url = "https://school.example/rr"\n')
    assert status == 0, (status, out, err)

def test_after_a_syntax_error_a_key_set_twice_and_a_table_are_named():
    status, out, err = check_config('listen = nohost\nlog_level = "debug"\nlog_level = "info"\n[server]\ncolour = 1\n')
    assert status == 78 and out == "", (status, out)
    assert "line 1 (`listen = nohost`)" in err, err
    assert "line 3 (`log_level = \"info\"`), column 1: log_level is set again (first on line 2)" in err, err
    assert "line 4 (`[server]`), column 1: a [table] header" in err, err
    # The line after the header is checked as the flat key it was meant to be (it went unnamed).
    assert 'colour: unknown key "colour"' in err, err


def test_a_data_dir_whose_parent_is_missing_is_named_beside_the_other_problems():
    status, out, err = check_config('colour = "blue"\ndata_dir = "/nonexistent-reviewroom/a/b"\n')
    assert status == 78 and out == "", (status, out)
    assert 'unknown key "colour"' in err, err
    assert "reviewroom.conf: data_dir: /nonexistent-reviewroom/a/b does not exist and neither does its parent" in err, err


@pytest.mark.parametrize("line, needle", [
    ('max_message_bytes = "65536"', 'must be a whole number without quotes (max_message_bytes = 65536), not the string "65536"'),
    ('language_hints = "true"', 'must be true or false without quotes (language_hints = true), not the string "true"'),
])
def test_a_quoted_number_or_boolean_in_the_file_is_named_as_quoted(line, needle):
    status, out, err = check_config(line + "\n")
    assert status == 78 and out == "", (status, out)
    assert needle in err, err


@pytest.mark.parametrize("name, email, needle", [
    ("Fran\nSmith", None, "line break, tab or other control character"),
    ("Fran\tSmith", None, "line break, tab or other control character"),
    ("a" * 201, None, "201 characters long: at most 200"),
    # Counted as the API counts (code points): one letter with 200 accents was one character,
    # stored, and became a participant name the API refuses.
    ("Z" + "\u0301" * 200, None, "name is 201 characters long: at most 200"),
    ("\u200b\u2060", None, "a facilitator needs a name that shows something"),
    ("Fran", "f@" + "x" * 319, "e-mail is 321 characters long: at most 320"),
    ("Fran", "fran@example.org\nx", "e-mail must not contain a line break"),
    # "Fran\xe9" from a Latin-1 terminal: it was stored as "Fran\ufffd".
    (b"Fran\xe9", None, "name is not valid UTF-8 text"),
    ("Fran", b"fran\xe9@example.org", "e-mail is not valid UTF-8 text"),
])
def test_facilitator_add_refuses_what_list_could_not_print_and_creates_nothing(name, email, needle):
    with tempfile.TemporaryDirectory(prefix="reviewroom-cli-") as parent:
        data_dir = os.path.join(parent, "data")
        status, out, err = reviewroomd("facilitator", "add", name, *(["--email", email] if email else []),
                                       "--json", "--data-dir", data_dir)
        assert status == 1 and out == "", (status, out, err)
        assert err.startswith("error: ") and needle in err, err
        assert not os.path.exists(data_dir), "a refused add must not create a database"


def test_facilitator_add_takes_a_name_of_200_characters():
    with tempfile.TemporaryDirectory(prefix="reviewroom-cli-") as parent:
        status, out, err = reviewroomd("facilitator", "add", "é" * 200, "--json", "--data-dir", os.path.join(parent, "data"))
        assert status == 0, err
        assert out.count("\n") == 1 and '"name":"' + "é" * 200 + '"' in out, out


@pytest.mark.parametrize("source", ["file", "environment"])
@pytest.mark.parametrize("key, value", [("durability", "powre"), ("language_hints", "no")])
def test_an_offline_command_refuses_a_bad_value_of_a_key_it_uses(source, key, value, tmp_path):
    """`facilitator`, `backup` and `export` read `durability` (and `export` `language_hints`):
    a misspelt value must be refused as `serve` refuses it, not replaced by the default."""
    data = tmp_path / "data"
    status, _, err = reviewroomd("facilitator", "add", "Seed", "--data-dir", str(data))
    assert status == 0, err
    config = tmp_path / "reviewroom.conf"
    lines = [f'data_dir = "{data}"'] + ([f'{key} = "{value}"'] if source == "file" else [])
    config.write_text("\n".join(lines) + "\n")
    env = clean_environment({f"REVIEWROOM_{key.upper()}": value} if source == "environment" else {})
    done = subprocess.run([str(EXECUTABLE), "facilitator", "list", "--config", str(config)], capture_output=True,
                          text=True, timeout=30, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 78, (done.returncode, done.stdout, done.stderr)
    assert f"{key}:" in done.stderr and done.stdout == "", done.stderr
