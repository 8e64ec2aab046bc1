"""Record text written back as Markdown for the downloads: read by the site's own Markdown
(as engines without the plugin do) it holds only the accepted constructs, and its words."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings

from generator.problems import Severity
from generator.text.html import TAGS, plain_text
from generator.text.markdown import markdown_line
from generator.text.subset import Kind, findings, literal
from tests.markup import shipped_markdown
from tests.text.strategies import hostile_text


def _read(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(shipped_markdown().reset().convert(markdown), "html.parser")


def test_a_line_keeps_the_accepted_constructs_and_escapes_the_rest() -> None:
    line = markdown_line("*a* **b** `{: #x }` [l](https://x.org/a_b) [j](javascript:x) <b>c</b>")
    assert line == "*a* **b** `{: #x }` [l](<https://x.org/a_b>) j &lt;b&gt;c&lt;/b&gt;"
    assert markdown_line("2018\\. A year") == "2018\\. A year"
    assert literal(": not a definition") == "&#58; not a definition"


def test_a_line_reads_the_same_in_python_markdown() -> None:
    """Cases the property test found: Python-Markdown strips a code span's spaces, reads
    no emphasis that starts with a space, and reads runs of stars otherwise than CommonMark."""
    assert markdown_line("1` 1`") == "1 `1`"
    assert markdown_line("***1*1*") == "\\**11*"
    assert markdown_line("_1_*1*") == markdown_line("*1*_1_") == "*11*"
    assert markdown_line("*` `*") == ""
    assert markdown_line("*a* **b** ***c** d*") == "*a* **b** ***c** d*"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=hostile_text)
def test_the_site_markdown_reads_a_download_line_as_its_accepted_constructs(value: str) -> None:
    if [f for f in findings(value, Kind.INLINE) if f.severity is Severity.ERROR]:
        return
    soup = _read(f"## 1. {literal(value)}\n\n- [ ] {markdown_line(value)}\n")
    item = soup.li
    assert item is not None
    assert {t.name for t in item.find_all(True)} <= TAGS
    assert all(str(t.get("href", "https://x")).startswith(("http", "mailto")) for t in item("a"))
    words = " ".join(item.get_text().replace("[ ]", "", 1).split())
    assert words == " ".join(plain_text(value).split())
    heading = soup.h2
    assert heading is not None and not heading.find_all(lambda t: t.name not in ("a", "abbr"))
    assert re.fullmatch(r"1(-[\w-]*)?", str(heading.get("id")))
