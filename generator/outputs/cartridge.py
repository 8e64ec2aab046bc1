"""``handbook export-cartridge``: each training module as an IMS Common Cartridge 1.1 package.

A cartridge is a zip that learning platforms such as Moodle import as a course titled with
the module's title. Its outline (``imsmanifest.xml``) holds one section per part of the
module, in the order it is taught:

- *About this module*: an overview page (objectives, schedule, key points, sources);
- one section per episode, with the episode's page (exercises and their model answers);
- *Case studies*, one page each; *Check your understanding*, the self-check as a quiz with
  each option's feedback; *Handouts*, one printable page per checklist;
- *For facilitators*: the facilitator guide, marked for instructors only, which platforms
  such as Moodle hide from learners.

The zip is deterministic (fixed timestamps, sorted entries), like the site.

A cartridge in another language (``write_cartridges(catalog, out, site_language(catalog,
"nb"))``) has its pages, outline and quiz in that language's translations, each text without
a usable one in English, as on the site. Its pages say ``<html lang="nb">`` (a text still in
English keeps ``lang="en"``) and its manifest says the language the LOM way that CC 1.1
allows: ``<lomimscc:language>nb</lomimscc:language>`` in ``general``, and a ``language``
attribute on the title's and description's ``<lomimscc:string>``. An English cartridge is as
it always was.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from generator.atomic import staged
from generator.catalog.catalog import Catalog
from generator.model.module import Module
from generator.outputs import cartridge_pages as pages
from generator.outputs import language as languages
from generator.outputs.cartridge_qti import QTI, assessment
from generator.outputs.checklists import source_titles
from generator.outputs.language import ENGLISH, SOURCE, Language, record_text, ui_text
from generator.outputs.training import ModuleViews
from generator.text.html import plain_text

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMIMSCC = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1"
WEBCONTENT = "webcontent"
QTI_ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
SELF_CHECK = "Check your understanding"
_STAMP = (1980, 1, 1, 0, 0, 0)

for _prefix, _uri in (("lomimscc", LOMIMSCC), ("lomr", LOMR), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class Resource:
    """One file of the course and the name it has in the outline."""

    key: str  # unique in the cartridge; makes the item and resource identifiers
    title: str
    href: str
    data: bytes
    type: str = WEBCONTENT
    instructor_only: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    resources: tuple[Resource, ...]


def write_cartridges(catalog: Catalog, out_dir: Path, language: Language = ENGLISH) -> list[Path]:
    """A cartridge per module in ``out_dir``, in ``language`` (English by default)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with languages.speaking(language):
        titles = source_titles(catalog)
    written = []
    for module in catalog.modules:
        target = out_dir / f"{module.id}.imscc"
        with languages.speaking(language):
            files = sorted(cartridge_files(catalog, module, titles))
        with (
            staged(target) as temporary,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, data in files:
                info = zipfile.ZipInfo(name, date_time=_STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        written.append(target)
    return written


def cartridge_files(
    catalog: Catalog, module: Module, titles: dict[str, str]
) -> Iterator[tuple[str, bytes]]:
    """Every file of a module's cartridge, the manifest included, as (path, bytes).

    ``titles`` are ``source_titles(catalog)``, read once for all modules. In the language
    being rendered (``generator.outputs.language.speaking``).
    """
    sections = outline(catalog, module, titles)
    for section in sections:
        for resource in section.resources:
            yield resource.href, resource.data
    yield "imsmanifest.xml", _xml(manifest(module, sections), CP)


def outline(catalog: Catalog, module: Module, titles: dict[str, str]) -> list[Section]:
    """The course's sections in teaching order, each with its files."""
    views = ModuleViews(catalog)
    handouts = views.handouts(module)  # a module names each handout once
    practices = views.practices

    def page(key: str, title: str, href: str, text: str, instructor: bool = False) -> Resource:
        document = pages.document(title, text, languages.current().code)
        return Resource(key, title, href, document, instructor_only=instructor)

    sections = [
        Section(
            ui_text("About this module"),
            (page("overview", ui_text("Overview"), "overview.html", pages.overview(module)),),
        )
    ]
    for n, episode in enumerate(module.episodes, start=1):
        href = f"episodes/episode-{n}.html"
        text = pages.episode(n, episode)
        title = record_text(episode.title)[0]
        sections.append(
            Section(
                # Translators: a course section of a cartridge: "Episode 2: Mapping needs"
                ui_text("Episode %(number)s: %(title)s", number=n, title=title),
                (page(f"episode_{n}", title, href, text),),
            )
        )
    cases = tuple(
        page(
            f"case_{n}",
            ui_text("Case study: %(title)s", title=practices[case.practice].title),
            f"case-studies/case-study-{n}.html",
            pages.case_study(case, practices),
        )
        for n, case in enumerate(module.case_studies, start=1)
        if case.practice in practices
    )
    if cases:
        sections.append(Section(ui_text("Case studies"), cases))
    if module.self_check:
        self_check = ui_text(SELF_CHECK)
        quiz = _xml(assessment(module, self_check), QTI)
        sections.append(
            Section(
                self_check,
                (
                    Resource(
                        "self_check", self_check, "self-check/assessment.xml", quiz, QTI_ASSESSMENT
                    ),
                ),
            )
        )
    if handouts:
        sections.append(
            Section(
                ui_text("Handouts"),
                tuple(
                    page(
                        f"handout_{n}",
                        record_text(entry.checklist.title)[0],
                        f"handouts/{entry.checklist.id}.html",
                        pages.handout(entry, titles),
                    )
                    for n, entry in enumerate(handouts, start=1)
                ),
            )
        )
    guide = pages.facilitator_guide(module, views)
    facilitator = ui_text("Facilitator guide")
    sections.append(
        Section(
            ui_text("For facilitators"),
            (page("facilitator", facilitator, "facilitator/guide.html", guide, True),),
        )
    )
    return sections


def manifest(module: Module, sections: list[Section]) -> ET.Element:
    root = ET.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": f"M_{module.id}",
            f"{{{XSI}}}schemaLocation": (
                f"{CP} {_PROFILE}/ccv1p1_imscp_v1p2_v1p0.xsd "
                f"{LOMIMSCC} {_PROFILE}/LOM/ccv1p1_lommanifest_v1p0.xsd "
                f"{LOMR} {_PROFILE}/LOM/ccv1p1_lomresource_v1p0.xsd"
            ),
        },
    )
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.1.0"
    general = ET.SubElement(ET.SubElement(metadata, f"{{{LOMIMSCC}}}lom"), f"{{{LOMIMSCC}}}general")
    code = languages.current().code
    for field, value in (("title", module.title), ("description", module.summary)):
        element = ET.SubElement(general, f"{{{LOMIMSCC}}}{field}")
        shown, english = record_text(value)
        text = plain_text(shown) if field == "description" else shown
        attributes = {} if code == SOURCE else {"language": SOURCE if english else code}
        ET.SubElement(element, f"{{{LOMIMSCC}}}string", attributes).text = text
        if field == "title" and code != SOURCE:
            ET.SubElement(general, f"{{{LOMIMSCC}}}language").text = code

    organizations = ET.SubElement(root, f"{{{CP}}}organizations")
    organization = ET.SubElement(
        organizations,
        f"{{{CP}}}organization",
        {"identifier": "O_1", "structure": "rooted-hierarchy"},
    )
    top = ET.SubElement(organization, f"{{{CP}}}item", {"identifier": "I_root"})
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    for s, section in enumerate(sections, start=1):
        folder = ET.SubElement(top, f"{{{CP}}}item", {"identifier": f"I_section_{s}"})
        ET.SubElement(folder, f"{{{CP}}}title").text = section.title
        for resource in section.resources:
            item = ET.SubElement(
                folder,
                f"{{{CP}}}item",
                {"identifier": f"I_{resource.key}", "identifierref": f"R_{resource.key}"},
            )
            ET.SubElement(item, f"{{{CP}}}title").text = resource.title
            _resource(resources, resource)
    return root


def _resource(parent: ET.Element, resource: Resource) -> None:
    attributes = {"identifier": f"R_{resource.key}", "type": resource.type}
    if resource.type == WEBCONTENT:
        attributes["href"] = resource.href
    element = ET.SubElement(parent, f"{{{CP}}}resource", attributes)
    if resource.instructor_only:
        lom = ET.SubElement(ET.SubElement(element, f"{{{CP}}}metadata"), f"{{{LOMR}}}lom")
        role = ET.SubElement(
            ET.SubElement(lom, f"{{{LOMR}}}educational"), f"{{{LOMR}}}intendedEndUserRole"
        )
        ET.SubElement(role, f"{{{LOMR}}}source").text = "IMSGLC_CC_Rolesv1p1"
        ET.SubElement(role, f"{{{LOMR}}}value").text = "Instructor"
    ET.SubElement(element, f"{{{CP}}}file", {"href": resource.href})


def _xml(element: ET.Element, default_namespace: str) -> bytes:
    """``element`` as an indented UTF-8 document, ``default_namespace`` unprefixed."""
    # ElementTree's own default_namespace= refuses the unqualified attributes these formats use.
    ET.register_namespace("", default_namespace)
    ET.indent(element)
    text = ET.tostring(element, encoding="unicode")
    return pages.xml_chars(f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n').encode("utf-8")
