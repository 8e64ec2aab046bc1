"""The allowlist sanitizer as a Python-Markdown extension, so that every engine runs it.

MkDocs, ProperDocs and Zensical all render pages with Python-Markdown, but only the first two
run MkDocs plugins. The Markdown of a page made from records ends with the line ``MARKER``
(an HTML comment, which record text, being escaped, can never produce). This extension takes
that line away before anything else reads the page, so no construct in the page can swallow
it, and hands the page's final HTML to ``clean_html``. Pages without it are left exactly as
they are. List it under ``markdown_extensions`` as ``generator.outputs.safety_extension``.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from generator.outputs.safety import clean_html

MARKER = "<!-- inclusion-handbook: made from records -->"
NAME = "generator.outputs.safety_extension"  # as mkdocs.yml names it
# Before every preprocessor (pymdownx.snippets appends text at 32), after every
# postprocessor: the marker is read from the page as written, the HTML checked as finished.
_FIRST, _LAST = 1000, -1000


def mark(text: str) -> str:
    """``text`` of a page made from records, marked for the sanitizer."""
    return f"{text.rstrip()}\n\n{MARKER}\n"


class _State:
    marked = False


class _FindMarker(Preprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        end = len(lines)
        while end and not lines[end - 1].strip():
            end -= 1
        self.state.marked = bool(end) and lines[end - 1].strip() == MARKER
        return lines[: end - 1] if self.state.marked else lines


class _Sanitize(Postprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        return clean_html(text) if self.state.marked else text


class RecordSafety(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        state = _State()  # one per Markdown instance, set anew by every page it converts
        md.preprocessors.register(_FindMarker(md, state), "inclusion_handbook_marker", _FIRST)
        md.postprocessors.register(_Sanitize(md, state), "inclusion_handbook_sanitize", _LAST)


def makeExtension(**kwargs: Any) -> RecordSafety:
    return RecordSafety(**kwargs)
