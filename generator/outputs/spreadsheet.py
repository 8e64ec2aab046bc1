"""Every CSV file the handbook writes, written one way: RFC 4180, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (one
that can fetch addresses or start programs), and some look past leading spaces, tabs and line
breaks first; a cell that starts with a tab or a carriage return is treated the same way. Such
a cell gets a leading ``'``, which spreadsheets show as text and never evaluate. The export,
its download on the finder page and every checklist download go through ``csv_text``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

# The formula signs, and their full-width forms, which some spreadsheets read the same way.
FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"
CONTROL_START = ("\t", "\r")


def cell(value: str) -> str:
    """Text as a CSV cell that a spreadsheet shows and never evaluates."""
    if value.startswith(CONTROL_START) or value.lstrip()[:1] in tuple(FORMULA_SIGNS):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A header and rows as CSV: comma, double quotes, CRLF line ends, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow([cell(value) for value in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()
