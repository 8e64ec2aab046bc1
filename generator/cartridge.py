"""``handbook export-cartridge``: each training module as an IMS Common Cartridge 1.1 package.

A cartridge is a zip that learning platforms such as Moodle import: ``imsmanifest.xml``, the
module's learner content as a web page, and its self-check as a QTI 1.2 quiz. The zip is
deterministic (fixed timestamps, sorted entries), like the site.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown

from generator.catalog import Catalog
from generator.model.checklist import PRACTICE_SECTIONS
from generator.model.module import Module
from generator.outputs.checklists import checklist_pages
from generator.outputs.render import render
from generator.outputs.safety import clean_html
from generator.outputs.training import agenda
from generator.text.html import plain_text

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMIMSCC = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
WEBCONTENT = "webcontent"
QTI_ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
]
_STAMP = (1980, 1, 1, 0, 0, 0)


def write_cartridges(catalog: Catalog, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for module in catalog.modules:
        target = out_dir / f"{module.id}.imscc"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(cartridge_files(catalog, module)):
                info = zipfile.ZipInfo(name, date_time=_STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        written.append(target)
    return written


def cartridge_files(catalog: Catalog, module: Module) -> Iterator[tuple[str, bytes]]:
    """Every file of a module's cartridge, the manifest included, as (path, bytes)."""
    page = f"{module.id}/index.html"
    quiz = f"{module.id}-self-check/assessment.xml" if module.self_check else None
    yield page, _learner_page(catalog, module).encode("utf-8")
    if quiz is not None:
        yield quiz, _xml(_qti(module))
    yield "imsmanifest.xml", _xml(_manifest(module, page, quiz))


def _learner_page(catalog: Catalog, module: Module) -> str:
    checklists = {e.checklist.id: e for e in checklist_pages(catalog)}
    text = render(
        "module.md.j2",
        catalog.glossary,
        module=module,
        slots=agenda(module),
        facilitator=False,
        standalone=True,
        prerequisites=[],
        practices={p.id: p for p in catalog.practices},
        sections=PRACTICE_SECTIONS,
        handouts=[checklists[h] for h in module.handouts if h in checklists],
    )
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    # Links to other handbook pages do not exist inside a platform: keep their text.
    text = re.sub(r"\[([^\]]+)\]\((?!https?:|mailto:)[^)]*\)", r"\1", text)
    body = clean_html(markdown.markdown(text, extensions=_EXTENSIONS))
    title = module.title.replace("&", "&amp;").replace("<", "&lt;")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "</head>\n<body>\n" + body + "\n</body>\n</html>\n"
    )


def _manifest(module: Module, page: str, quiz: str | None) -> ET.Element:
    ET.register_namespace("", CP)
    ET.register_namespace("lomimscc", LOMIMSCC)
    ET.register_namespace("xsi", XSI)
    manifest = ET.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": f"M_{module.id}",
            f"{{{XSI}}}schemaLocation": (
                f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
                f"{LOMIMSCC} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/"
                "ccv1p1_lommanifest_v1p0.xsd"
            ),
        },
    )
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.1.0"
    lom = ET.SubElement(metadata, f"{{{LOMIMSCC}}}lom")
    general = ET.SubElement(lom, f"{{{LOMIMSCC}}}general")
    title = ET.SubElement(general, f"{{{LOMIMSCC}}}title")
    ET.SubElement(title, f"{{{LOMIMSCC}}}string").text = module.title
    description = ET.SubElement(general, f"{{{LOMIMSCC}}}description")
    ET.SubElement(description, f"{{{LOMIMSCC}}}string").text = plain_text(module.summary)

    organizations = ET.SubElement(manifest, f"{{{CP}}}organizations")
    organization = ET.SubElement(
        organizations, f"{{{CP}}}organization", {"identifier": "O_1", "structure": "rootbeginning"}
    )
    root = ET.SubElement(organization, f"{{{CP}}}item", {"identifier": "I_root"})
    entries = [("I_content", "R_content", module.title)]
    if quiz is not None:
        entries.append(("I_self_check", "R_self_check", "Check your understanding"))
    for item_id, resource_id, label in entries:
        item = ET.SubElement(
            root, f"{{{CP}}}item", {"identifier": item_id, "identifierref": resource_id}
        )
        ET.SubElement(item, f"{{{CP}}}title").text = label

    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    content = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "R_content", "type": WEBCONTENT, "href": page},
    )
    ET.SubElement(content, f"{{{CP}}}file", {"href": page})
    if quiz is not None:
        assessment = ET.SubElement(
            resources, f"{{{CP}}}resource", {"identifier": "R_self_check", "type": QTI_ASSESSMENT}
        )
        ET.SubElement(assessment, f"{{{CP}}}file", {"href": quiz})
    return manifest


def _qti(module: Module) -> ET.Element:
    ET.register_namespace("", QTI)

    def q(tag: str) -> str:
        return f"{{{QTI}}}{tag}"

    def text(parent: ET.Element, value: str) -> None:
        material = ET.SubElement(parent, q("material"))
        ET.SubElement(material, q("mattext"), {"texttype": "text/plain"}).text = value

    def metadata(parent: ET.Element, fields: dict[str, str]) -> None:
        block = ET.SubElement(parent, q("qtimetadata"))
        for label, entry in fields.items():
            field = ET.SubElement(block, q("qtimetadatafield"))
            ET.SubElement(field, q("fieldlabel")).text = label
            ET.SubElement(field, q("fieldentry")).text = entry

    root = ET.Element(
        q("questestinterop"),
        {
            f"{{{XSI}}}schemaLocation": f"{QTI} http://www.imsglobal.org/profile/cc/ccv1p1/"
            "ccv1p1_qtiasiv1p2p1_v1p0.xsd",
        },
    )
    assessment = ET.SubElement(
        root, q("assessment"), {"ident": f"A_{module.id}", "title": "Check your understanding"}
    )
    metadata(assessment, {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination"})
    section = ET.SubElement(assessment, q("section"), {"ident": "S_1"})
    for n, check in enumerate(module.self_check, start=1):
        item = ET.SubElement(section, q("item"), {"ident": f"Q_{n}", "title": f"Question {n}"})
        item_meta = ET.SubElement(item, q("itemmetadata"))
        metadata(item_meta, {"cc_profile": "cc.multiple_choice.v0p1"})
        presentation = ET.SubElement(item, q("presentation"))
        text(presentation, check.question)
        response = ET.SubElement(
            presentation, q("response_lid"), {"ident": "response1", "rcardinality": "Single"}
        )
        choices = ET.SubElement(response, q("render_choice"))
        for m, option in enumerate(check.options, start=1):
            label = ET.SubElement(choices, q("response_label"), {"ident": f"Q_{n}_{m}"})
            text(label, option.text)
        processing = ET.SubElement(item, q("resprocessing"))
        outcomes = ET.SubElement(processing, q("outcomes"))
        ET.SubElement(
            outcomes,
            q("decvar"),
            {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
        )
        for m, option in enumerate(check.options, start=1):
            condition = ET.SubElement(
                processing, q("respcondition"), {"continue": "No" if option.correct else "Yes"}
            )
            variable = ET.SubElement(condition, q("conditionvar"))
            ET.SubElement(variable, q("varequal"), {"respident": "response1"}).text = f"Q_{n}_{m}"
            if option.correct:
                ET.SubElement(
                    condition, q("setvar"), {"action": "Set", "varname": "SCORE"}
                ).text = "100"
            ET.SubElement(
                condition,
                q("displayfeedback"),
                {"feedbacktype": "Response", "linkrefid": f"F_{n}_{m}"},
            )
        for m, option in enumerate(check.options, start=1):
            feedback = ET.SubElement(item, q("itemfeedback"), {"ident": f"F_{n}_{m}"})
            flow = ET.SubElement(feedback, q("flow_mat"))
            text(flow, option.feedback)
    return root


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    data: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
