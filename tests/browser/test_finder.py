"""The comparison pages in Chromium: finder facets and counts, URL state, side by side,
keyboard use, file://, no request leaving the site, sticky columns, hostile records, print.

Expected results are computed here from the catalog, independently of the finder's code.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from pypdf import PdfReader

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.model.criteria import criteria_set
from generator.model.practice import Practice
from generator.model.vocabulary import country_name, label
from generator.outputs.comparison import teaser
from generator.outputs.export import export_schema_text, export_text
from tests.browser.conftest import Recorder, dialogs_of
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CRITERIA = [c.id for c in criteria_set().criteria]
FINDER = "compare/finder.html"
SIDE = "compare/side-by-side.html"
RESULTS = "#ih-finder-results > li:not([hidden])"


@pytest.fixture(scope="module")
def practices() -> list[Practice]:
    catalog, _ = load_catalog(Project(ROOT))
    return catalog.practices


def values_of(practice: Practice) -> dict[str, set[str]]:
    """Each facet's values for one practice, read straight from the record."""
    return {
        "country": {practice.country},
        "scope": {practice.scope},
        "phase": set(practice.placement_phase),
        "group": set(practice.target_groups),
        "theme": set(practice.themes),
        **{c: {practice.assessments[c].rating} for c in CRITERIA},
    }


def expected(
    practices: list[Practice], chosen: dict[str, set[str]]
) -> tuple[set[str], Counter[tuple[str, str]]]:
    """The practices shown and each value's count: any value within a facet, all facets."""

    def passes(practice: Practice, skip: str | None = None) -> bool:
        values = values_of(practice)
        return all(values[k] & wanted for k, wanted in chosen.items() if wanted and k != skip)

    shown = {p.id for p in practices if passes(p)}
    counts: Counter[tuple[str, str]] = Counter()
    for practice in practices:
        for key, values in values_of(practice).items():
            if passes(practice, skip=key):
                counts.update((key, v) for v in values)
    return shown, counts


def shown_ids(page: Any) -> set[str]:
    hrefs = page.locator(f"{RESULTS} .ih-result__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return {h.rsplit("/", 1)[-1].removesuffix(".html") for h in hrefs}


def shown_counts(page: Any) -> dict[tuple[str, str], int]:
    found = page.locator("#ih-finder input[type=checkbox]").evaluate_all(
        """inputs => inputs.map(i => [i.name, i.value,
            i.closest('label').querySelector('.ih-count').textContent])"""
    )
    return {(name, value): int(text.strip("()")) for name, value, text in found}


def address(page: Any) -> str:
    """The page's address now (``page.url`` may lag behind ``history.replaceState``)."""
    return str(page.evaluate("location.href"))


def tick(page: Any, key: str, value: str) -> None:
    box = page.locator(f"#ih-f-{key}-{value}")
    if not box.is_visible():
        page.locator("#ih-finder-criteria > summary").click()
    box.check()


def tab_to(page: Any, condition: str, limit: int = 150) -> None:
    """Press Tab until the focused element meets ``condition`` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({condition}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


CASES = [
    {"country": {"NO"}},
    {"phase": {"after"}},
    {"participatory": {"met"}},
    {"scope": {"local", "national"}},
    {"phase": {"during"}, "participatory": {"met"}},
    {"group": {"young-people"}, "effective": {"partly"}},
]


@pytest.mark.parametrize("chosen", CASES, ids=lambda c: "+".join(sorted(c)))
def test_ticking_facets_narrows_the_list_with_the_right_counts(
    page: Any, site_url: str, practices: list[Practice], chosen: dict[str, set[str]]
) -> None:
    page.goto(site_url + FINDER)
    _, unfiltered = expected(practices, {})
    assert shown_ids(page) == {p.id for p in practices}
    assert shown_counts(page) == {k: unfiltered[k] for k in shown_counts(page)}
    for key, wanted in chosen.items():
        for value in sorted(wanted):
            tick(page, key, value)
    ids, counts = expected(practices, chosen)
    assert shown_ids(page) == ids
    assert shown_counts(page) == {k: counts[k] for k in shown_counts(page)}
    status = page.locator("#ih-finder-status").inner_text()
    total = len(practices)
    if ids:
        assert status == f"Practices shown: {len(ids)} of {total}."
    else:
        assert status == "No practice matches these filters."
    assert page.locator("#ih-finder-status").get_attribute("aria-live") == "polite"


def test_words_filter_the_list(page: Any, site_url: str, practices: list[Practice]) -> None:
    page.goto(site_url + FINDER)
    page.locator("#ih-finder-q").fill("drammen")

    def searched(p: Practice) -> str:
        return " ".join(
            [p.title, p.title_en or "", *(o.name for o in p.organisations), teaser(p.summary)]
        ).lower()

    assert shown_ids(page) == {p.id for p in practices if "drammen" in searched(p)} != set()
    page.locator("#ih-finder-clear").click()
    assert shown_ids(page) == {p.id for p in practices}
    assert page.locator("#ih-finder-q").input_value() == ""


def test_long_result_lists_come_a_page_at_a_time(
    page: Any, site_url: str, built_site: Path
) -> None:
    script = (built_site / "compare" / "practices.js").read_text(encoding="utf-8")
    data = json.loads(script.split(" = ", 1)[1].rstrip().removesuffix(";"))
    fields = data["practice_fields"]
    rows = [dict(zip(fields, r, strict=True)) for r in data["practices"]]
    copies = [
        {**r, "id": f"{r['id']}-{n}", "title": f"{r['title']} {n}"} for n in range(40) for r in rows
    ]
    data["practices"] = [[copy[f] for f in fields] for copy in copies]
    total = len(data["practices"])
    page.route(
        "**/compare/practices.js",
        lambda route: route.fulfill(
            body=f"window.IH_FINDER = {json.dumps(data)};", content_type="text/javascript"
        ),
    )
    page.goto(site_url + FINDER)
    listed = page.locator(RESULTS)
    more = page.locator("#ih-finder-more button")
    assert listed.count() == 50
    assert more.inner_text() == f"Show 50 more (listed: 50 of {total})"
    more.focus()
    page.keyboard.press("Enter")
    assert listed.count() == 100
    assert (
        page.evaluate("document.activeElement.textContent")
        == listed.nth(50).locator(".ih-result__title a").inner_text()
    )
    more.focus()
    page.keyboard.press("Enter")
    assert listed.count() == total
    assert not more.is_visible()
    tick(page, "phase", "before")
    assert listed.count() == 50
    assert page.locator("#ih-finder-status").inner_text().endswith(f" of {total}.")


def test_the_address_keeps_and_restores_the_filters(
    page: Any, site_url: str, practices: list[Practice]
) -> None:
    page.goto(site_url + FINDER)
    tick(page, "phase", "during")
    tick(page, "participatory", "met")
    page.locator("#ih-finder-q").fill("employment")
    query = parse_qsl(urlsplit(address(page)).query)
    assert ("phase", "during") in query and ("participatory", "met") in query
    assert ("q", "employment") in query
    before = shown_ids(page), shown_counts(page)

    page.goto(address(page))  # a fresh load of the shared address
    assert page.locator("#ih-f-phase-during").is_checked()
    assert page.locator("#ih-f-participatory-met").is_checked()
    assert page.locator("#ih-f-participatory-met").is_visible()  # its group opened
    assert page.locator("#ih-finder-q").input_value() == "employment"
    assert (shown_ids(page), shown_counts(page)) == before

    page.goto(site_url + FINDER + "?scope=local&scope=no-such-scope")
    ids, _ = expected(practices, {"scope": {"local"}})
    assert shown_ids(page) == ids


def test_side_by_side_shows_the_chosen_practices_in_aligned_rows(
    page: Any, site_url: str, practices: list[Practice]
) -> None:
    chosen = [p for p in practices][::-1]  # an order of the reader's choosing
    page.goto(site_url + SIDE + "?" + "&".join(f"p={p.id}" for p in chosen))
    table = page.locator("#ih-side-table table")
    heads = table.locator("thead th a").all_inner_texts()
    assert heads == [p.title for p in chosen]
    rows = table.locator("tbody tr")
    labels = [r.locator("th").inner_text().replace("Differs", "").strip() for r in rows.all()]
    for wanted in ("Country", "Scope", "Period", "Placement phase", "Target groups", "Goal"):
        assert wanted in labels
    assert "Steps or activities" in labels and "Success factors" in labels
    assert "Funding" in labels
    assert [c.name for c in criteria_set().criteria] == [
        name for name in labels if name in {c.name for c in criteria_set().criteria}
    ]
    for row in rows.all():  # aligned: one cell per chosen practice on every row
        assert row.locator("td").count() == len(chosen)

    def cells(name: str) -> list[str]:
        row = rows.filter(has=page.locator("th", has_text=name)).first
        return [t.strip() for t in row.locator("td").all_inner_texts()]

    def differs(name: str) -> bool:
        row = rows.filter(has=page.locator("th", has_text=name)).first
        return bool(row.locator(".ih-side__differs").count() == 1)

    assert cells("Country") == [country_name(p.country) for p in chosen]
    assert cells("Scope") == [label("scopes", p.scope) for p in chosen]
    assert differs("Scope") == (len({p.scope for p in chosen}) > 1)
    for criterion in criteria_set().criteria:
        ratings = [p.assessments[criterion.id].rating for p in chosen]
        row = rows.filter(has=page.locator("th", has_text=criterion.name)).first
        badges = row.locator(".ih-rating").all_inner_texts()
        assert badges == [criteria_set().rating(r).label for r in ratings]
        hrefs = row.locator("td a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
        assert hrefs == [f"../practices/{p.id}.html#criterion-{criterion.id}" for p in chosen]
        assert differs(criterion.name) == (len(set(ratings)) > 1)

    # Key figures counted in the same unit by several practices share one row.
    units = Counter(u for p in chosen for u in {k.unit.lower() for k in p.key_figures})
    for unit, sharing in units.items():
        if sharing < 2:
            continue
        row = rows.filter(has=page.locator("th", has_text=f"Key figures in {unit}")).first
        per_cell = [c.locator("li").count() for c in row.locator("td").all()]
        assert per_cell == [sum(k.unit.lower() == unit for k in p.key_figures) for p in chosen]


def test_side_by_side_link_reproduces_the_selection(page: Any, site_url: str) -> None:
    page.goto(site_url + SIDE)
    assert page.locator("#ih-side-status").inner_text().startswith("Choose two to four")
    page.locator("#ih-side-1").select_option("p1824-drammen")
    page.locator("#ih-side-2").select_option("nav-supported-employment")
    assert page.locator("#ih-side-table thead th a").count() == 2
    assert parse_qsl(urlsplit(address(page)).query) == [
        ("p", "p1824-drammen"),
        ("p", "nav-supported-employment"),
    ]
    page.locator("#ih-side-link a").click()
    page.wait_for_load_state()
    assert page.locator("#ih-side-1").input_value() == "p1824-drammen"
    assert page.locator("#ih-side-2").input_value() == "nav-supported-employment"
    assert page.locator("#ih-side-table thead th a").count() == 2


def test_finder_and_side_by_side_work_by_keyboard(
    page: Any, site_url: str, practices: list[Practice]
) -> None:
    page.goto(site_url + FINDER)
    tab_to(page, "el.id === 'ih-f-phase-after'")
    page.keyboard.press("Space")
    ids, _ = expected(practices, {"phase": {"after"}})
    assert shown_ids(page) == ids
    page.keyboard.press("Space")
    assert shown_ids(page) == {p.id for p in practices}

    tab_to(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    assert page.locator("#ih-f-participatory-met").is_visible()

    tab_to(page, "el.closest('.ih-result__pick') !== null")
    page.keyboard.press("Space")
    first = page.evaluate("document.activeElement.value")
    tab_to(page, "el.closest('.ih-result__pick') !== null")
    page.keyboard.press("Space")
    second = page.evaluate("document.activeElement.value")
    tab_to(page, "el.id === 'ih-finder-compare-link'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/side-by-side.html?*")
    titles = {p.id: p.title for p in practices}
    assert page.locator("#ih-side-table thead th a").all_inner_texts() == [
        titles[first],
        titles[second],
    ]

    tab_to(page, "el.id === 'ih-side-differs'")
    page.keyboard.press("Space")
    assert "differs=1" in address(page)
    for row in page.locator("#ih-side-table tbody tr").all():
        if row.is_visible():
            assert "ih-side__row--same" not in (row.get_attribute("class") or "")


def test_finder_and_side_by_side_work_from_file_urls(
    page_and_requests: tuple[Any, Recorder], built_site: Path, practices: list[Practice]
) -> None:
    page, requests = page_and_requests
    page.goto((built_site / "compare" / "finder.html").as_uri() + "?phase=after")
    ids, _ = expected(practices, {"phase": {"after"}})
    assert shown_ids(page) == ids
    tick(page, "scope", "national")
    assert address(page).startswith("file://") and "scope=national" in address(page)
    page.goto(
        (built_site / "compare" / "side-by-side.html").as_uri()
        + "?p=p1824-drammen&p="
        + "arbeid-med-bistand"
    )
    goal = page.locator("#ih-side-table tbody tr", has=page.locator("th", has_text="Goal"))
    assert "Loading" not in goal.inner_text()
    assert practices[0].goal is not None and practices[0].goal[:40] in goal.inner_text()
    assert requests.outside("file://") == []


def test_no_request_leaves_the_site(page_and_requests: tuple[Any, Recorder], site_url: str) -> None:
    page, requests = page_and_requests
    for path in (
        FINDER + "?participatory=met",
        SIDE + "?p=p1824-drammen&p=arbeid-med-bistand&p=nav-supported-employment",
        "compare/matrix.html",
        "compare/summary.html",
    ):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert requests.outside(site_url) == []


@pytest.mark.parametrize(
    "path", ["compare/matrix.html", SIDE + "?p=p1824-drammen&p=arbeid-med-bistand"]
)
def test_tables_scroll_on_a_phone_with_the_first_column_in_view(
    browser: Any, site_url: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site_url + path)
    table = page.locator("article table").first
    scrolled = table.evaluate(
        """table => {
            let box = table;
            while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
            const first = table.querySelector('tbody tr > :first-child');
            const third = table.querySelector('tbody tr > :nth-child(3)');
            const before = [first.getBoundingClientRect().left, third.getBoundingClientRect().left];
            box.scrollLeft = 150;
            const after = [first.getBoundingClientRect().left, third.getBoundingClientRect().left];
            const edge = box.getBoundingClientRect().left;
            return {page: document.documentElement.scrollWidth, view: innerWidth, before, after,
                    edge};
        }"""
    )
    context.close()
    assert scrolled["page"] <= scrolled["view"], "the page itself must not scroll sideways"
    assert scrolled["after"][1] < scrolled["before"][1] - 100, "the table did not scroll"
    # The first column stays put, or sticks to the scrolling box's edge (past its padding).
    assert scrolled["after"][0] >= scrolled["edge"] - 1, "the first column left the view"
    assert scrolled["before"][0] - scrolled["after"][0] < 20, "the first column scrolled away"


def test_matrix_sorts_ratings_from_met_down_by_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "compare/matrix.html")
    table = page.locator("article table").first
    table.locator("th button", has_text="Participatory").focus()
    page.keyboard.press("Enter")
    order = [r.id for r in criteria_set().ratings]
    labels = {r.label: r.id for r in criteria_set().ratings}
    column = CRITERIA.index("participatory") + 3
    ranks = [
        order.index(labels[t.strip()])
        for t in table.locator(f"tbody td:nth-child({column})").all_inner_texts()
    ]
    assert ranks in (sorted(ranks), sorted(ranks, reverse=True))


def test_hostile_record_stays_text(
    page_and_requests: tuple[Any, Recorder], hostile_site: Path
) -> None:
    page, requests = page_and_requests
    dialogs = dialogs_of(page)
    page.goto((hostile_site / "compare" / "finder.html").as_uri() + "?q=hostile")
    title = page.locator(f"{RESULTS} .ih-result__title a")
    assert title.inner_text() == "Hostile </title><script>alert('title')</script> practice"
    page.goto(
        (hostile_site / "compare" / "side-by-side.html").as_uri()
        + "?p=hostile-html&p=p1824-drammen"
    )
    table = page.locator("#ih-side-table table")
    assert "<svg onload" in table.inner_text()
    for element in table.locator("td *").all()[:100]:
        element.hover(timeout=1000, force=True)
    assert table.locator("script, img, svg, iframe, object").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert requests.outside("file://") == []


@pytest.mark.parametrize(
    "path",
    [
        FINDER + "?phase=during",
        "compare/matrix.html",
        SIDE + "?p=p1824-drammen&p=arbeid-med-bistand&p=nav-supported-employment",
        "compare/summary.html",
    ],
)
def test_compare_pages_print_without_blank_pages(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.emulate_media(media="print")
    assert not page.locator("#ih-finder, #ih-side-form").first.is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    texts = [p.extract_text().strip() for p in pdf.pages]
    blank = [number for number, text in enumerate(texts, start=1) if not text]
    assert blank == [], f"blank pages {blank} of {len(texts)}"


# Records every read of a field the data does not have, on the finder's data and on each
# practice's details, while the page's own script runs. A JavaScript getter stands in for
# window.IH_FINDER and window.IH_DETAILS before the data scripts assign them.
WATCH_DATA_READS = """
(() => {
  const missing = [];
  window.__ihMissing = missing;
  const ignored = new Set(["toJSON", "then"]);
  const wrap = (value, path) => {
    if (value === null || typeof value !== "object") return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        const found = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return found;
        if (!(key in target) && !ignored.has(key)) missing.push(path + "." + key);
        return wrap(found, path + (Array.isArray(target) ? "[]" : "." + key));
      }
    });
  };
  let finder;
  Object.defineProperty(window, "IH_FINDER", {
    configurable: true,
    get: () => finder,
    set: (value) => { finder = wrap(value, "IH_FINDER"); }
  });
  const details = new Proxy({}, {
    set(target, id, value) { target[id] = wrap(value, "IH_DETAILS"); return true; }
  });
  Object.defineProperty(window, "IH_DETAILS", {
    configurable: true, get: () => details, set: () => {}
  });
})();
"""


def test_the_pages_read_no_field_the_data_lacks(
    page: Any, site_url: str, practices: list[Practice]
) -> None:
    page.add_init_script(WATCH_DATA_READS)
    page.goto(site_url + FINDER + "?p=p1824-drammen")
    assert page.evaluate("Array.isArray(window.__ihMissing)")
    tick(page, "phase", "during")
    tick(page, "participatory", "met")
    page.locator("#ih-finder-q").fill("employment")
    page.locator("#ih-finder-clear").click()
    page.locator(".ih-result__pick input:not(:checked)").first.check()
    assert page.locator("#ih-finder-compare-link").is_visible()
    assert shown_ids(page) == {p.id for p in practices}
    ids = [p.id for p in practices]
    page.goto(site_url + SIDE + "?" + "&".join(f"p={i}" for i in ids) + "&differs=1")
    assert page.locator("#ih-side-table thead th a").count() == len(ids)
    table = page.locator("#ih-side-table")
    assert "Loading" not in table.inner_text()
    assert page.locator("#ih-side-table .ih-side__evidence").count() > 0
    page.locator("#ih-side-differs").uncheck()
    assert page.evaluate("window.__ihMissing") == []


def test_a_data_read_the_data_lacks_is_seen(page: Any, site_url: str) -> None:
    """The watch above can fail: a finder data without ``practice_url`` is reported."""
    page.add_init_script(WATCH_DATA_READS)
    page.route(
        "**/compare/practices.js",
        lambda route: route.fulfill(
            body="window.IH_FINDER = {facets: [], practices: []};", content_type="text/javascript"
        ),
    )
    page.goto(site_url + FINDER)
    assert "IH_FINDER.practice_fields" in page.evaluate("window.__ihMissing")


@pytest.mark.parametrize("kind", ["csv", "json", "schema.json"])
def test_the_finder_downloads_the_export(page: Any, site_url: str, kind: str) -> None:
    catalog, _ = load_catalog(Project(ROOT))
    wanted = {
        "csv": export_text(catalog, "csv"),
        "json": export_text(catalog, "json"),
        "schema.json": export_schema_text(),
    }[kind]
    page.goto(site_url + FINDER)
    with page.expect_download() as caught:
        page.locator(f'article a[download][href="practices.{kind}"]').click()
    download = caught.value
    assert download.suggested_filename == f"practices.{kind}"
    assert Path(download.path()).read_bytes() == wanted.encode("utf-8")
