"""The sanitizer as a Markdown extension: it cleans marked pages only, whatever they hold."""

from __future__ import annotations

import markdown
import pytest

from generator.outputs.page import Page
from generator.outputs.safety_extension import MARKER, NAME, mark

EXTENSIONS = ["md_in_html", "pymdownx.superfences", NAME]
ATTACK = '<p>Hi</p>\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(2)">x</a>\n'


def html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_a_marked_page_loses_what_the_allowlist_refuses() -> None:
    out = html(mark(ATTACK))
    assert "<script" not in out and "javascript:" not in out
    assert "<p>Hi</p>" in out
    assert "inclusion-handbook" not in out  # the marker goes too


def test_a_page_without_the_mark_is_left_as_it_is() -> None:
    assert html(ATTACK) == markdown.markdown(ATTACK, extensions=EXTENSIONS[:-1])


@pytest.mark.parametrize(
    "opening",
    ["```\n", '<div markdown="1">\n', "<!--\n", "    indented\n"],
    ids=["unclosed-fence", "unclosed-div", "unclosed-comment", "indented-code"],
)
def test_nothing_in_the_page_can_swallow_the_mark(opening: str) -> None:
    out = html(mark(ATTACK + opening))
    assert "<script" not in out and "javascript:" not in out


def test_only_markdown_from_records_is_marked() -> None:
    assert Page("a.md", "A", "# A\n", from_records=True).source.endswith(MARKER + "\n")
    assert Page("a.md", "A", "# A\n").source == "# A\n"
    assert Page("a.js", "A", "var a;", from_records=True).source == "var a;"
