"""The cartridges in another language: ``handbook export-cartridge --language nb`` on a copy of
the real project with its shipped translations: valid CC 1.1, the language said in the
manifest and on every page, the module's Norwegian texts, and hostile translations inert.

``tests/test_cartridge_moodle.py`` runs Moodle's importer on a Norwegian cartridge.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from lxml import etree

from generator.commands.cli import main
from generator.outputs.cartridge import LOMIMSCC
from generator.outputs.cartridge_qti import XML_LANG
from tests.conftest import copy_project
from tests.test_cartridge import NS, files, quiz_files, schema

MODULE = "individual-follow-up"  # translated in translations/nb/modules.po
LOM = {**NS, "lom": LOMIMSCC}


def elements(node: etree._Element, path: str) -> list[etree._Element]:
    found = node.xpath(path, namespaces=LOM)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def string(node: etree._Element, path: str) -> str:
    found = node.xpath(f"string({path})", namespaces=LOM)
    assert isinstance(found, str)
    return found


def export(project: Path, out: Path, *language: str) -> dict[str, Path]:
    argv = ["export-cartridge", "--root", str(project), "--out", str(out), *language]
    assert main(argv) == 0
    return {p.stem: p for p in sorted(out.glob("*.imscc"))}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cartridge-language") / "project", ["nb", "uk"])


@pytest.fixture(scope="module")
def norwegian(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export(project, tmp_path_factory.mktemp("nb"), "--language", "nb")


def translations(project: Path) -> dict[str, str]:
    """context -> the nb translation of the modules' texts."""
    with (project / "translations" / "nb" / "modules.po").open("rb") as file:
        return {str(m.context): str(m.string) for m in read_po(file) if m.id and m.string}


def test_every_nb_manifest_and_quiz_is_valid_cc11(norwegian: dict[str, Path]) -> None:
    manifest_schema = schema("ccv1p1_imscp_v1p2_v1p0.xsd")
    quiz_schema = schema("ccv1p1_qtiasiv1p2p1_v1p0.xsd")
    assert norwegian
    for cartridge in norwegian.values():
        contents = files(cartridge)
        manifest = etree.fromstring(contents["imsmanifest.xml"])
        manifest_schema.assertValid(manifest)
        for quiz in quiz_files(manifest):
            quiz_schema.assertValid(etree.fromstring(contents[quiz]))


def test_the_manifest_and_every_page_say_the_language(
    project: Path, norwegian: dict[str, Path]
) -> None:
    texts = translations(project)
    for module, cartridge in norwegian.items():
        contents = files(cartridge)
        manifest = etree.fromstring(contents["imsmanifest.xml"])
        assert string(manifest, "//lom:general/lom:language") == "nb"
        [title] = elements(manifest, "//lom:general/lom:title/lom:string")
        translated = f"module:{module}:title" in texts
        assert title.get("language") == ("nb" if translated else "en")
        for name, data in contents.items():
            if name.endswith(".html"):
                soup = BeautifulSoup(data, "html.parser")
                html = soup.find("html")
                assert html is not None and html.get("lang") == "nb", name


def test_the_nb_cartridge_has_the_modules_norwegian_texts(
    project: Path, norwegian: dict[str, Path]
) -> None:
    texts = translations(project)
    contents = files(norwegian[MODULE])
    manifest = etree.fromstring(contents["imsmanifest.xml"])
    title = texts[f"module:{MODULE}:title"]
    assert string(manifest, "//lom:general/lom:title/lom:string") == title
    episode = texts[f"module:{MODULE}:episodes[0].title"]
    sections = [string(e, "cp:title") for e in elements(manifest, "//cp:item[cp:item]")]
    assert f"Økt 1: {episode}" in sections  # the section title, an interface string
    page = BeautifulSoup(contents["episodes/episode-1.html"], "html.parser")
    assert page.title is not None and page.title.string == episode
    question = texts[f"module:{MODULE}:self_check[0].question"]
    quiz = etree.fromstring(contents["self-check/assessment.xml"])
    assert string(quiz, "//qti:item[1]//qti:presentation/qti:material/qti:mattext") == question
    languages = {str(e.get(XML_LANG)) for e in elements(quiz, "//qti:mattext")}
    assert "nb" in languages and languages <= {"nb", "en"}


def test_english_cartridges_are_the_same_with_language_en(project: Path, tmp_path: Path) -> None:
    default = export(project, tmp_path / "default")
    english = export(project, tmp_path / "en", "--language", "en")
    assert sorted(default) == sorted(english)
    for module, cartridge in default.items():
        assert cartridge.read_bytes() == english[module].read_bytes()
        manifest = files(cartridge)["imsmanifest.xml"]
        assert b"<lomimscc:language>" not in manifest and b' language="' not in manifest


def test_two_nb_exports_are_byte_identical(
    project: Path, norwegian: dict[str, Path], tmp_path: Path
) -> None:
    again = export(project, tmp_path / "again", "--language", "nb")
    for module, cartridge in norwegian.items():
        assert again[module].read_bytes() == cartridge.read_bytes()


# What the translation checks let through (they refuse markup the source does not have):
# character references of tags, template syntax, XML's CDATA end, a bare "<" and "&".
HOSTILE = '&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %} ]]> x < y & "z"'


def hostile_copy(project: Path, target: Path) -> Path:
    """A copy whose nb translations of the module's texts are all the same markup."""
    copy = copy_project(target, ["nb"])
    po = copy / "translations" / "nb" / "modules.po"
    with po.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id and message.string and str(message.context).startswith(f"module:{MODULE}"):
            message.string = HOSTILE
    with po.open("wb") as file:
        write_po(file, catalog, width=0)
    return copy


def test_a_hostile_translation_never_becomes_markup(project: Path, tmp_path: Path) -> None:
    copy = hostile_copy(project, tmp_path / "hostile")
    cartridge = export(copy, tmp_path / "out", "--language", "nb")[MODULE]
    contents = files(cartridge)
    episode = BeautifulSoup(contents["episodes/episode-1.html"], "html.parser")
    assert episode.title is not None
    assert episode.title.string == HOSTILE  # the translation is used, shown as typed
    manifest = etree.fromstring(contents["imsmanifest.xml"])  # still well-formed XML
    schema("ccv1p1_imscp_v1p2_v1p0.xsd").assertValid(manifest)
    for name, data in contents.items():
        text = data.decode("utf-8")
        if name.endswith(".html"):
            soup = BeautifulSoup(text, "html.parser")
            assert not soup.find_all(["script", "img", "iframe", "style"]), name
            for tag in soup.find_all(True):
                assert not [a for a in tag.attrs if a.startswith("on")], name
                assert not str(tag.get("href", "")).startswith("javascript:"), name
        else:
            etree.fromstring(data)  # every XML file parses


def test_the_nb_cartridge_zip_holds_only_its_files(norwegian: dict[str, Path]) -> None:
    with zipfile.ZipFile(norwegian[MODULE]) as archive:
        names = archive.namelist()
    assert "imsmanifest.xml" in names
    assert all(not n.startswith(("/", "..")) and ".." not in n.split("/") for n in names)
