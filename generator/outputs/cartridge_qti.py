"""A module's self-check as an IMS QTI 1.2.1 assessment in the Common Cartridge 1.1 profile.

Each question is a single-answer multiple choice (``cc.multiple_choice.v0p1``): the right
option scores 100, and every option shows its own feedback. Every response condition stops
processing (``continue="No"``); one that continued would make a platform such as Moodle show
that option's feedback to everyone, as the question's general feedback.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from generator.model.module import Module
from generator.outputs.language import SOURCE, current, record_text, ui_text

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _text(parent: ET.Element, value: str) -> None:
    """A module's text as plain-text material, in the language being rendered; in another
    language than English, ``xml:lang`` says which (``en`` for a text not translated)."""
    material = ET.SubElement(parent, _q("material"))
    shown, english = record_text(value)
    attributes = {"texttype": "text/plain"}
    code = current().code
    if code != SOURCE:
        attributes[XML_LANG] = SOURCE if english else code
    ET.SubElement(material, _q("mattext"), attributes).text = shown


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    block = ET.SubElement(parent, _q("qtimetadata"))
    for label, entry in fields.items():
        field = ET.SubElement(block, _q("qtimetadatafield"))
        ET.SubElement(field, _q("fieldlabel")).text = label
        ET.SubElement(field, _q("fieldentry")).text = entry


def assessment(module: Module, title: str) -> ET.Element:
    """The ``questestinterop`` document of ``module``'s self-check, in the language being
    rendered (``generator.outputs.language.speaking``)."""
    root = ET.Element(_q("questestinterop"), {f"{{{XSI}}}schemaLocation": f"{QTI} {SCHEMA}"})
    test = ET.SubElement(root, _q("assessment"), {"ident": f"A_{module.id}", "title": title})
    _metadata(
        test,
        {
            "cc_profile": "cc.exam.v0p1",
            "qmd_assessmenttype": "Examination",
            "cc_maxattempts": "unlimited",
        },
    )
    section = ET.SubElement(test, _q("section"), {"ident": "S_1"})
    for n, check in enumerate(module.self_check, start=1):
        item = ET.SubElement(
            section,
            _q("item"),
            {"ident": f"Q_{n}", "title": ui_text("Question %(number)s", number=n)},
        )
        _metadata(
            ET.SubElement(item, _q("itemmetadata")), {"cc_profile": "cc.multiple_choice.v0p1"}
        )
        presentation = ET.SubElement(item, _q("presentation"))
        _text(presentation, check.question)
        response = ET.SubElement(
            presentation, _q("response_lid"), {"ident": "response1", "rcardinality": "Single"}
        )
        choices = ET.SubElement(response, _q("render_choice"))
        for m, option in enumerate(check.options, start=1):
            _text(
                ET.SubElement(choices, _q("response_label"), {"ident": f"Q_{n}_{m}"}), option.text
            )
        processing = ET.SubElement(item, _q("resprocessing"))
        outcomes = ET.SubElement(processing, _q("outcomes"))
        ET.SubElement(
            outcomes,
            _q("decvar"),
            {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
        )
        for m, option in enumerate(check.options, start=1):
            condition = ET.SubElement(processing, _q("respcondition"), {"continue": "No"})
            variable = ET.SubElement(condition, _q("conditionvar"))
            ET.SubElement(variable, _q("varequal"), {"respident": "response1"}).text = f"Q_{n}_{m}"
            if option.correct:
                setvar = ET.SubElement(
                    condition, _q("setvar"), {"action": "Set", "varname": "SCORE"}
                )
                setvar.text = "100"
            ET.SubElement(
                condition,
                _q("displayfeedback"),
                {"feedbacktype": "Response", "linkrefid": f"F_{n}_{m}"},
            )
        for m, option in enumerate(check.options, start=1):
            feedback = ET.SubElement(item, _q("itemfeedback"), {"ident": f"F_{n}_{m}"})
            _text(ET.SubElement(feedback, _q("flow_mat")), option.feedback)
    return root
