from __future__ import annotations

from generator.outputs.safety import clean_html


def test_removes_scripts_handlers_frames_and_unsafe_links() -> None:
    dirty = (
        '<p onclick="x()">Hi<script>alert(1)</script><iframe src="https://e.org"></iframe>'
        '<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a>'
        "<img src=x onerror=alert(1)></p>"
    )
    assert clean_html(dirty) == "<p>Hi<a>a</a><a>b</a></p>"


def test_keeps_what_the_handbook_pages_use() -> None:
    page = (
        '<h2 id="goal">Goal<a class="headerlink" href="#goal" title="Link">¶</a></h2>'
        '<div class="ih-card"><dl><dt>Country</dt><dd><a href="../countries/no.html">Norway'
        '</a></dd></dl></div><p><abbr title="Public employment service">PES</abbr> '
        '<span class="ih-rating ih-rating--met">Met</span> <a href="mailto:x@example.org">m</a>'
        ' <a href="https://example.org/">w</a></p>'
    )
    assert clean_html(page) == page
