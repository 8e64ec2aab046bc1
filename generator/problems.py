"""Problems found in the editors' input, kept as data until they are reported.

A problem is a user error (or warning, or notice), never a bug: the CLI prints each as one
line ``path:line:col: field.path: message`` and exits 1 when any is an error.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth knowing) about one place in one input file."""

    file: Path
    line: int
    column: int
    field: FieldPath
    message: str
    severity: Severity = Severity.ERROR

    def format(self, relative_to: Path | None = None) -> str:
        path = self.file
        if relative_to is not None:
            with contextlib.suppress(ValueError):
                # The folder resolved, not the file: a problem about a link names the link.
                path = (path.parent.resolve() / path.name).relative_to(relative_to.resolve())
        field = format_field(self.field) or "(file)"
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")  # one line, always
        return f"{path.as_posix()}:{self.line}:{self.column}: {field}: {prefix}{message}"


_PLAIN_PART = re.compile(r"^[\w-]+$")


def format_field(field: FieldPath) -> str:
    """``criteria.effective.rating``; a part that is not a plain word is quoted."""
    return ".".join(
        str(part) if isinstance(part, int) or _PLAIN_PART.match(part) else repr(part)
        for part in field
    )


PER_FILE = 50  # problems printed per file; the rest of that file's are counted


def report_lines(problems: Iterable[Problem], relative_to: Path | None = None) -> list[str]:
    """The lines that report ``problems``: each one's, up to ``PER_FILE`` per file, then one
    line counting what that file holds besides (a file of 45,000 unknown keys prints 51 lines,
    not 23 MB). The first of a file's problems are what an editor fixes first."""
    lines: list[str] = []
    shown_in: dict[Path, int] = {}
    rest: dict[Path, list[Problem]] = {}
    for problem in problems:
        count = shown_in.get(problem.file, 0)
        if count < PER_FILE:
            shown_in[problem.file] = count + 1
            lines.append(problem.format(relative_to))
        else:
            rest.setdefault(problem.file, []).append(problem)
    for file, more in rest.items():
        failed = len(errors(more))
        first = more[0]
        what = f"{len(more)} more problem(s), {failed} of them error(s),"
        summary = Problem(
            file,
            first.line,
            first.column,
            (),
            f"{what} not shown; fix the first {PER_FILE} and validate again",
            next(k for k in Severity if any(p.severity is k for p in more)),  # the gravest
        )
        lines.append(summary.format(relative_to))
    return lines


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def shown(value: object, limit: int = 60) -> str:
    """The offending value as the message quotes it: short, on one line."""
    text = repr(value) if isinstance(value, str) else str(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a near miss, or ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
