"""The project's own abbreviations, shown as tooltips in record text.

They are the lines ``*[TERM]: definition`` of ``content/includes/abbreviations.md``, the file
the site's Markdown appends to every page. Record text is written as HTML that the site
engine does not read, so the renderer marks the terms itself; record text can never define
one (validation refuses ``*[...]:`` in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_DEFINITION = re.compile(r"^\*\[([^\]\n]+)\]:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


class Glossary:
    """Terms and their definitions; hashed by identity, as renderings are cached per glossary."""

    def __init__(self, terms: Iterable[tuple[str, str]] = ()) -> None:
        self.definitions = dict(terms)
        # Longest first, so that "ALMPs" wins over "ALMP"; whole words only, as Markdown's
        # abbreviation extension matches them.
        names = sorted(map(re.escape, self.definitions), key=len, reverse=True)
        self.pattern = re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)") if names else None
        # Every occurrence, inside words too: where the engine's extension might see a term.
        self.anywhere = re.compile("|".join(names)) if names else None


NO_GLOSSARY = Glossary()


def read_glossary(path: Path) -> Glossary:
    """The abbreviations defined in ``path``; none when the file is missing."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return NO_GLOSSARY
    return Glossary((m.group(1), m.group(2)) for m in _DEFINITION.finditer(text))
