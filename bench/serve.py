"""Edit to served: how long an editor waits, after saving a record, for the preview to show it.

    python bench/serve.py /tmp/corpus-1000 --saves 5

``handbook serve`` runs on the project (as an editor starts it); once it serves, the summary
of one record is changed and saved ``--saves`` times, a second apart. Each time the clock runs
from the write of the file to the first answer, over http, of the record's page that holds
the new summary (the page is asked for every 20 ms; the server answers only once a rebuild
under way has finished). ``bench/run.py`` runs it at each size; the record is put back as it
was afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

_POLL = 0.02  # seconds between two requests of the page
RECORD = "synthetic-00004"  # a synthetic record of every corpus (make_corpus.py)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _served(url: str, text: str, timeout: float) -> float | None:
    """When (perf_counter) ``url`` first answered with ``text`` in it, or None by ``timeout``."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                body = response.read().decode("utf-8", "replace")
            if text in body:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(_POLL)
    return None


def edit_to_served(
    project: Path, handbook: list[str], saves: int = 5, timeout: float = 300
) -> dict[str, Any]:
    port = _free_port()
    record = project / "practices" / f"{RECORD}.yaml"
    original = record.read_text("utf-8")
    assert "summary: " in original, f"{record}: no summary line"
    url = f"http://127.0.0.1:{port}/practices/{RECORD}.html"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = (project.parent / "serve.log").open("w", encoding="utf-8")
    start = time.perf_counter()
    server = subprocess.Popen(
        [*handbook, "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    seconds: list[float] = []
    try:
        first = _served(url, "synthetic practice", timeout)
        if first is None:
            raise SystemExit(f"bench: handbook serve did not serve {url}; see {log.name}")
        startup = first - start
        for save in range(saves):
            time.sleep(1.0)  # a save after the last rebuild ended, as an editor's would be
            marker = f"Saved for the bench, {save + 1}."
            written = time.perf_counter()
            record.write_text(original.replace("summary: ", f"summary: {marker} ", 1), "utf-8")
            shown = _served(url, marker, timeout)
            if shown is None:
                raise SystemExit(f"bench: save {save + 1} was not served in {timeout} s")
            seconds.append(shown - written)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        record.write_text(original, "utf-8")
    return {
        "saves": saves,
        "startup_s": round(startup, 3),
        "seconds": [round(s, 3) for s in seconds],
        "median_s": statistics.median(seconds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a project, such as make_corpus.py writes")
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args(argv)
    script = Path(sys.executable).with_name("handbook")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]
    print(json.dumps(edit_to_served(args.project.resolve(), command, args.saves), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
