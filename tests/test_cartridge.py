"""The cartridges of ``handbook export-cartridge``: valid IMS Common Cartridge 1.1 (checked
with lxml against the official schemas vendored in ``tests/schemas/cc11``), a course outline a
trainer can teach from, deterministic, and safe from the record text they carry.

``tests/test_cartridge_moodle.py`` runs Moodle's own importer on the same cartridges.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from generator.catalog.catalog import Catalog, load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.model.module import Module
from generator.outputs.cartridge import CP, LOMIMSCC, LOMR, QTI_ASSESSMENT
from generator.outputs.cartridge_pages import xml_chars
from generator.outputs.cartridge_qti import QTI
from tests import golden
from tests.conftest import FIXTURES, ROOT, copy_project

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "cc11"
NS = {"cp": CP, "lomr": LOMR, "qti": QTI}


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def export(project: Path, out: Path) -> dict[str, Path]:
    """``handbook export-cartridge`` of ``project`` into ``out``: module id -> cartridge."""
    assert main(["export-cartridge", "--root", str(project), "--out", str(out)]) == 0
    return {p.stem: p for p in sorted(out.glob("*.imscc"))}


def files(cartridge: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(cartridge) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def elements(node: etree._Element, path: str) -> list[etree._Element]:
    """The elements ``path`` selects from ``node``."""
    found = node.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def strings(node: etree._Element, path: str) -> list[str]:
    """The attribute values or texts ``path`` selects from ``node``."""
    found = node.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [str(s) for s in found if isinstance(s, str)]


def string(node: etree._Element, path: str) -> str:
    """The XPath ``string()`` of what ``path`` selects from ``node``."""
    found = node.xpath(f"string({path})", namespaces=NS)
    assert isinstance(found, str)
    return found


def quiz_files(manifest: etree._Element) -> list[str]:
    return strings(manifest, f"//cp:resource[@type='{QTI_ASSESSMENT}']/cp:file/@href")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cartridges of the real project's modules."""
    return export(ROOT, tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="module")
def shipped_catalog() -> Catalog:
    return load_catalog(Project(ROOT))[0]


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with the demonstration module added."""
    project = copy_project(tmp_path_factory.mktemp("demo") / "project")
    shutil.copy(FIXTURES / "modules" / "demo-module.yaml", project / "content" / "modules")
    return project


@pytest.fixture(scope="module")
def demo(demo_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(demo_project, tmp_path_factory.mktemp("demo-out"))["demo-module"]


@pytest.fixture(scope="module")
def demo_module(demo_project: Path) -> Module:
    catalog = load_catalog(Project(demo_project))[0]
    return next(m for m in catalog.modules if m.id == "demo-module")


def hostile_project(target: Path) -> Path:
    """The real project plus a practice and a module full of markup."""
    project = copy_project(target)
    shutil.copy(FIXTURES / "hostile" / "hostile-html.yaml", project / "practices")
    shutil.copy(FIXTURES / "cartridge" / "hostile-module.yaml", project / "content" / "modules")
    return project


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    return export(project, tmp_path_factory.mktemp("hostile-out"))["hostile-module"]


def all_cartridges(shipped: dict[str, Path], demo: Path, hostile: Path) -> Iterator[Path]:
    yield from shipped.values()
    yield demo
    yield hostile


def test_every_manifest_and_quiz_is_valid_against_the_cc11_schemas(
    shipped: dict[str, Path], demo: Path, hostile: Path
) -> None:
    assert len(shipped) == 5
    for cartridge in all_cartridges(shipped, demo, hostile):
        content = files(cartridge)
        manifest = etree.fromstring(content["imsmanifest.xml"])
        checker = schema("ccv1p1_imscp_v1p2_v1p0.xsd")
        assert checker.validate(manifest), f"{cartridge.name}: {checker.error_log}"
        quizzes = quiz_files(manifest)
        assert len(quizzes) == 1, cartridge.name
        for name in quizzes:
            qti = schema("ccv1p1_qtiasiv1p2p1_v1p0.xsd")
            assert qti.validate(etree.fromstring(content[name])), f"{name}: {qti.error_log}"


def test_the_schemas_refuse_what_moodle_refuses(demo: Path) -> None:
    """The check can fail: the structure value Moodle refused, a quiz with a bad cardinality."""
    content = files(demo)
    manifest = etree.fromstring(content["imsmanifest.xml"])
    organization = manifest.find(f"{{{CP}}}organizations/{{{CP}}}organization")
    assert organization is not None and organization.get("structure") == "rooted-hierarchy"
    organization.set("structure", "rootbeginning")
    checker = schema("ccv1p1_imscp_v1p2_v1p0.xsd")
    assert not checker.validate(manifest)
    assert "rooted-hierarchy" in str(checker.error_log)
    qti = etree.fromstring(content["self-check/assessment.xml"])
    elements(qti, "//qti:response_lid")[0].set("rcardinality", "Several")
    assert not schema("ccv1p1_qtiasiv1p2p1_v1p0.xsd").validate(qti)


def test_cartridge_is_a_complete_package(demo: Path) -> None:
    content = files(demo)
    manifest = etree.fromstring(content["imsmanifest.xml"])
    assert manifest.findtext(f"{{{CP}}}metadata/{{{CP}}}schema") == "IMS Common Cartridge"
    assert manifest.findtext(f"{{{CP}}}metadata/{{{CP}}}schemaversion") == "1.1.0"
    identifiers = strings(manifest, "//@identifier")
    assert len(identifiers) == len(set(identifiers)), "identifiers must be unique"
    resources = {str(r.get("identifier")): r for r in manifest.iter(f"{{{CP}}}resource")}
    refs = strings(manifest, "//cp:item/@identifierref")
    assert sorted(refs) == sorted(resources), "every resource is reached from exactly one item"
    listed = set()
    for resource in resources.values():
        hrefs = strings(resource, "cp:file/@href")
        assert len(hrefs) == 1 and hrefs[0] in content
        assert resource.get("href") in (None, hrefs[0])
        listed.update(hrefs)
    assert set(content) - {"imsmanifest.xml"} == listed, "every file in the zip is listed"


def outline(manifest: etree._Element) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(section title, [(item title, file, role)]) in the order of the manifest."""
    resources = {r.get("identifier"): r for r in manifest.iter(f"{{{CP}}}resource")}
    sections = []
    for section in elements(manifest, "//cp:organization/cp:item/cp:item"):
        entries = []
        for item in section.findall(f"{{{CP}}}item"):
            resource = resources[item.get("identifierref")]
            role = string(resource, ".//lomr:intendedEndUserRole/lomr:value")
            href = string(resource, "cp:file/@href")
            entries.append((item.findtext(f"{{{CP}}}title", ""), href, role))
        sections.append((section.findtext(f"{{{CP}}}title", ""), entries))
    return sections


def test_course_follows_the_module(demo: Path, demo_module: Module) -> None:
    content = files(demo)
    manifest = etree.fromstring(content["imsmanifest.xml"])
    lom = f"{{{LOMIMSCC}}}"
    assert manifest.findtext(f".//{lom}general/{lom}title/{lom}string") == demo_module.title
    assert outline(manifest) == [
        ("About this module", [("Overview", "overview.html", "")]),
        ("Episode 1: The five stages", [("The five stages", "episodes/episode-1.html", "")]),
        (
            "Episode 2: Practise on a case",
            [("Practise on a case", "episodes/episode-2.html", "")],
        ),
        (
            "Case studies",
            [("Case study: Prosjekt P1824", "case-studies/case-study-1.html", "")],
        ),
        (
            "Check your understanding",
            [("Check your understanding", "self-check/assessment.xml", "")],
        ),
        (
            "Handouts",
            [
                (
                    "Coordinating a local stakeholder network",
                    "handouts/network-coordination.html",
                    "",
                )
            ],
        ),
        ("For facilitators", [("Facilitator guide", "facilitator/guide.html", "Instructor")]),
    ]
    pages = {n: BeautifulSoup(d, "html.parser") for n, d in content.items() if n.endswith(".html")}
    for name, page in pages.items():
        text = page.get_text(" ")
        assert ("FACILITATOR-ONLY" in text) == (name == "facilitator/guide.html"), name
    first = pages["episodes/episode-1.html"]
    assert first.h1 is not None and first.h1.get_text() == "1. The five stages"
    assert "What comes first, placement or training?" in first.get_text()
    answer = pages["episodes/episode-2.html"].find(string=re.compile("MODEL-ANSWER-TEXT"))
    assert answer is not None and answer.find_parent("details") is not None
    assert "13:45–14:15" in pages["overview.html"].get_text()
    assert "Place first, then train." in pages["overview.html"].get_text()
    handout = pages["handouts/network-coordination.html"].get_text()
    assert "☐" in handout


def test_self_check_is_a_quiz_with_each_options_feedback(demo: Path, demo_module: Module) -> None:
    qti = etree.fromstring(files(demo)["self-check/assessment.xml"])
    items = elements(qti, "//qti:item")
    assert len(items) == len(demo_module.self_check)
    for item, check in zip(items, demo_module.self_check, strict=True):
        assert string(item, "qti:presentation/qti:material/qti:mattext") == (check.question)
        labels = elements(item, ".//qti:response_label")
        assert [string(lb, ".//qti:mattext") for lb in labels] == [o.text for o in check.options]
        feedback = {
            f.get("ident"): string(f, ".//qti:mattext") for f in elements(item, "qti:itemfeedback")
        }
        conditions = elements(item, "qti:resprocessing/qti:respcondition")
        assert len(conditions) == len(check.options)
        for condition, label, option in zip(conditions, labels, check.options, strict=True):
            assert condition.get("continue") == "No"  # else Moodle shows it to everyone
            assert string(condition, ".//qti:varequal") == label.get("ident")
            scores = strings(condition, "qti:setvar/text()")
            assert scores == (["100"] if option.correct else [])
            link = string(condition, "qti:displayfeedback/@linkrefid")
            assert feedback[link] == option.feedback


def listing(content: dict[str, bytes]) -> str:
    return "".join(f"== {name} ==\n{data.decode('utf-8')}\n" for name, data in content.items())


def test_demo_cartridge_matches_its_expected_files(demo: Path, update_golden: bool) -> None:
    golden.check(
        FIXTURES / "cartridge" / "demo-module.expected", listing(files(demo)), update_golden
    )


def test_two_exports_are_byte_identical(shipped: dict[str, Path], tmp_path: Path) -> None:
    again = export(ROOT, tmp_path)
    assert sorted(again) == sorted(shipped)
    for module_id, cartridge in shipped.items():
        assert again[module_id].read_bytes() == cartridge.read_bytes(), module_id
        with zipfile.ZipFile(cartridge) as archive:
            names = archive.namelist()
            assert names == sorted(names)
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_characters_xml_forbids_never_reach_a_cartridge_file() -> None:
    # validate refuses control characters in record text; this is the second line of defence
    assert xml_chars("a\x0bb\x01c\ud800d\ufffee\tf\ng") == "a\ufffdb\ufffdc\ufffdd\ufffde\tf\ng"


# What XML 1.0 forbids (validate refuses it in record text, the writer replaces it anyway).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Written out here, not taken from the generator, so that widening its allowlist fails this.
_TEXT_TAGS = (
    "a blockquote br caption code dd details div dl dt em h1 h2 h3 h4 h5 h6 hr li ol p pre "
    "strong sub summary sup table tbody td tfoot th thead tr ul title head body"
)
_ALLOWED: dict[str, set[str]] = {tag: set() for tag in _TEXT_TAGS.split()} | {
    "html": {"lang"},
    "meta": {"charset", "name", "content"},
    "a": {"href", "rel"},  # rel="noopener noreferrer", added by the sanitizer
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def test_record_text_never_becomes_markup_in_a_cartridge(hostile: Path) -> None:
    content = files(hostile)
    assert len(content) > 5
    for name, data in content.items():
        text = data.decode("utf-8")
        assert not _NOT_XML.search(text), f"{name}: a character XML forbids"
        assert "<script" not in text and "<img" not in text and "<svg" not in text, name
        if name.endswith(".html"):
            soup = BeautifulSoup(text, "html.parser")
            for tag in soup.find_all(True):
                assert tag.name in _ALLOWED, f"{name}: <{tag.name}>"
                assert set(tag.attrs) <= _ALLOWED.get(tag.name, set()), f"{name}: {tag}"
                if tag.name == "a":
                    assert str(tag["href"]).split(":")[0] in {"http", "https", "mailto"}, (
                        f"{name}: {tag}"
                    )
        else:
            root = etree.fromstring(data)
            namespaces = {etree.QName(e).namespace for e in root.iter() if isinstance(e.tag, str)}
            assert namespaces <= {CP, LOMIMSCC, LOMR, QTI}, f"{name}: {namespaces}"
            assert not root.xpath("//comment() | //processing-instruction()")
    shown = {
        "overview.html": "<script>alert('summary')</script>",
        "episodes/episode-1.html": "<svg onload=\"alert('svg')\"></svg>",
        "case-studies/case-study-1.html": "<style>body{display:none}</style>Visible text.",
        "handouts/replication-hostile-html.html": "<b onmouseover=\"alert('step')\">Step</b>",
    }
    for name, record_text in shown.items():
        page = BeautifulSoup(content[name], "html.parser").get_text()
        assert record_text in page, f"{name}: the record's text is shown as text"
    qti = etree.fromstring(content["self-check/assessment.xml"])
    texts = strings(qti, "//qti:mattext/text()")
    assert "<script>alert('feedback')</script>" in texts
    assert "<script>alert('question')</script> ]]>?" in texts
    second = BeautifulSoup(content["episodes/episode-2.html"], "html.parser")
    assert second.h1 is not None and second.h1.get_text() == "2. A second episode {{ 7 * 7 }}"
    guide = content["facilitator/guide.html"].decode("utf-8")
    assert "alert('FACILITATOR-ONLY')" in guide
    assert all("FACILITATOR-ONLY" not in d.decode() for n, d in content.items() if "guide" not in n)
