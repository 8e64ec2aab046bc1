from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.commands.cli import main
from tests.conftest import FIXTURES, ROOT


def test_validate_shipped_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(ROOT)]) == 0
    assert "3 practice(s) valid" in capsys.readouterr().out


def test_validate_reports_all_errors_of_all_files_in_one_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    for name in ("bad-enum", "wrong-type", "several-errors", "python-tag"):
        shutil.copy(FIXTURES / "invalid" / f"{name}.yaml", practices)
    assert main(["validate", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1] == "handbook: 7 error(s) in 4 file(s)"
    assert (
        "practices/bad-enum.yaml:7:8: scope: expected one of pilot, local, regional, "
        "national; found 'nationwide' (did you mean 'national'?)" in lines
    )


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate", "--nope"],
        ["new", "practice"],
        ["new", "practice", "x", "--template", "word"],
        ["validate", "--root", "/no/such/dir"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*argv, "--help"]) == 0
    return capsys.readouterr().out


def _readme_commands() -> dict[str, str]:
    """Each command of the README's table -> its row (the command's options and what it does)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme.split("## Commands\n", 1)[1].split("\n\n", 1)[0]
    return dict(re.findall(r"^\| `handbook ([a-z-]+)(.*)$", table, re.M))


def test_every_command_has_help_that_matches_the_readme(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = re.findall(r"^    ([a-z][a-z-]*)(?:\s|$)", _help([], capsys), re.M)
    readme = _readme_commands()
    assert sorted(listed) == sorted(readme), "handbook --help and the README list other commands"
    for command in listed:
        shown = _help([command], capsys)
        assert shown.startswith(f"usage: handbook {command} "), shown
        options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", shown)) - {"--help"}
        assert "--root" in options  # the README: every command takes --root DIR
        named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", readme[command])) | {"--root"}
        assert options == named, f"{command}: --help shows {options}, the README {named}"


def test_check_links_reports_broken_links_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import functools
    import http.server
    import threading
    import time

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            if self.path == "/slow":
                time.sleep(2)
            if self.path == "/head-refused":
                self.send_response(405)
            elif self.path in ("/ok", "/slow"):
                self.send_response(200)
            elif self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok")
            else:
                self.send_response(404)
            self.end_headers()

        def do_GET(self) -> None:
            self.send_response(200 if self.path in ("/head-refused", "/ok") else 404)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    practices = tmp_path / "practices"
    practices.mkdir()
    text = (
        (FIXTURES / "valid" / "minimal.yaml")
        .read_text("utf-8")
        .replace(
            "summary: The smallest record that validates.",
            f"summary: See [the page]({base}/missing) and [this]({base}/ok).\n"
            f"links:\n  - title: Moved\n    url: {base}/moved\n"
            f"  - title: Refuses HEAD\n    url: {base}/head-refused\n"
            f"  - title: Slow\n    url: {base}/slow",
        )
    )
    (practices / "minimal.yaml").write_text(text, "utf-8")
    try:
        code = main(["check-links", "--root", str(tmp_path), "--timeout", "0.5"])
    finally:
        server.shutdown()
        server.server_close()
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip() == "handbook: 5 link(s) checked, 2 broken"
    assert err.splitlines() == [
        f"practices/minimal.yaml:12:10: summary: link {base}/missing is broken: 404 Not Found",
        f"practices/minimal.yaml:19:10: links.2.url: link {base}/slow is broken: "
        "timed out after 0.5 s",
    ]
