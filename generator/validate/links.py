"""``handbook check-links``: are the records' external links still alive?

Each distinct address is requested once (HEAD, then GET where HEAD is refused), a few at a
time and with a timeout, and every place that uses a broken address is reported at its line.
This needs the network, so it is a command for editors, not part of validation or CI.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.load.yaml_source import YamlDocument, read_yaml
from generator.problems import FieldPath, Problem
from generator.validate.documents import link_destinations, text_values

USER_AGENT = f"inclusion-handbook-link-check/{__version__}"


@dataclass(frozen=True)
class LinkUse:
    url: str
    file: Path
    line: int
    column: int
    field: FieldPath


@dataclass(frozen=True)
class LinkStatus:
    url: str
    ok: bool
    detail: str  # "200", "404 Not Found", "timed out after 10 s" ...


def link_uses(files: list[Path]) -> list[LinkUse]:
    """Every http(s) address written in the records, with where it is written."""
    uses: list[LinkUse] = []
    for path in files:
        doc, _ = read_yaml(path)
        if doc is not None:
            uses.extend(_uses(doc))
    return uses


def _uses(doc: YamlDocument) -> Iterator[LinkUse]:
    for path, text in text_values(doc.data):
        candidates = [text] if path and path[-1] == "url" else list(link_destinations(text))
        position = doc.position(path)
        for url in candidates:
            if url.startswith(("http://", "https://")):
                yield LinkUse(url, doc.path, position.line, position.column, path)


def check_url(url: str, timeout: float) -> LinkStatus:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return LinkStatus(url, True, str(response.status))
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD only
            return LinkStatus(url, False, f"{exc.code} {exc.reason}")
        except TimeoutError:
            return LinkStatus(url, False, f"timed out after {timeout:g} s")
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                return LinkStatus(url, False, f"timed out after {timeout:g} s")
            return LinkStatus(url, False, f"cannot connect: {reason}")
    return LinkStatus(url, False, "refused")  # pragma: no cover - the loop always returns


def check_links(
    uses: list[LinkUse], *, timeout: float, concurrency: int
) -> tuple[list[Problem], int]:
    """Check each distinct address once; return a problem per use of a broken one."""
    urls = sorted({use.url for use in uses})
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        statuses = {s.url: s for s in pool.map(lambda u: check_url(u, timeout), urls)}
    problems = [
        Problem(
            use.file,
            use.line,
            use.column,
            use.field,
            f"link {use.url} is broken: {statuses[use.url].detail}",
        )
        for use in uses
        if not statuses[use.url].ok
    ]
    return sorted(problems), len(urls)
