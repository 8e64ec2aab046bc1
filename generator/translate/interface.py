"""The handbook's own interface strings: extracted from the templates and the outputs' Python
with Babel, and read back from a language's ``handbook.po``.

Every unit has the context ``ui`` and its English string as the source (a plural string,
``ngettext``, is one unit of its singular and plural: ``Unit.plural``); the same string
marked in several places is one unit, at its first place (templates by name, then the
outputs' modules by name, each in line order). Its label is the translator comment beside
the string (``{# Translators: ... #}`` in a template, ``# Translators: ...`` in Python).

The catalogs' own reading and merging is ``generator.translate.catalogs``; what is here is
the minimum the renderer needs: a PO text compiled in memory into a translations object
(no ``.mo`` file is written), fuzzy entries left out.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2.ext import babel_extract

from generator.outputs.language import CONTEXT
from generator.translate.catalogs import use_rule
from generator.translate.plurals import header_rule, header_value
from generator.translate.units import Domain, Kind, Unit

TAG = "Translators:"
LABEL = "interface string"  # the label of a string without a translator comment
PO_NAME = f"{Domain.HANDBOOK}.po"
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?")  # nb, pt_BR, sr-Latn

# The functions that mark a string: Jinja's i18n names (and ``heading``) in the templates;
# in Python the renderer's gettext and the plain-text ui_text (``generator.outputs.language``).
TEMPLATE_KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "heading": None,  # a section heading that keeps its English id
}
# ``script_text``: the strings of the handbook's scripts (generator.outputs.script_strings).
PYTHON_KEYWORDS: dict[str, Any] = {
    "gettext": None,
    "ngettext": (1, 2),
    "ui_text": None,
    "script_text": None,
}
# The options the templates are rendered with (``generator.outputs.render.environment``).
TEMPLATE_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "newstyle_gettext": "true"}

_PACKAGE = Path(str(files("generator")))


def interface_units() -> list[Unit]:
    """Every interface string the handbook writes itself, once, in a stable order."""
    return list(_interface_units())


@lru_cache(maxsize=1)  # the package's own templates and modules: read once per process
def _interface_units() -> tuple[Unit, ...]:
    units: dict[str, Unit] = {}
    for unit in _extracted():
        units.setdefault(unit.source, unit)
    return tuple(units.values())


def _extracted() -> Iterator[Unit]:
    templates = sorted((_PACKAGE / "templates").glob("**/*.md.j2"))  # pages and cartridges
    python = sorted((_PACKAGE / "outputs").glob("*.py"))
    yield from _units(templates, babel_extract, TEMPLATE_KEYWORDS, TEMPLATE_OPTIONS)
    yield from _units(python, "python", PYTHON_KEYWORDS, {})


def _units(
    paths: Iterable[Path],
    method: str | Callable[..., Any],
    keywords: dict[str, Any],
    options: dict[str, str],
) -> Iterator[Unit]:
    for path in paths:
        name = f"{_PACKAGE.name}/{path.relative_to(_PACKAGE).as_posix()}"
        with path.open("rb") as source:
            found = extract(
                method,
                source,
                keywords=keywords,
                comment_tags=(TAG,),
                options=options,
                strip_comment_tags=True,
            )
            for line, message, comments, _context in found:
                label = " ".join(comments).strip() or LABEL
                if isinstance(message, tuple) and len(message) == 2 and all(message):
                    singular, plural = message  # ngettext: one unit, its two English forms
                    yield Unit(
                        Domain.HANDBOOK, CONTEXT, singular, Kind.MARKDOWN, label, name, line, plural
                    )
                    continue
                strings = message if isinstance(message, tuple) else (message,)
                for text in strings:
                    if text:  # a form whose argument is not a literal is not a unit
                        yield Unit(Domain.HANDBOOK, CONTEXT, text, Kind.MARKDOWN, label, name, line)


def translations_from_po(text: str, language: str) -> gettext.NullTranslations:
    """The interface translations of a PO text, compiled in memory; fuzzy ones left out.

    A PO text Babel cannot read gives no translations (the English strings are shown);
    ``handbook validate`` and ``translations check`` are where its errors are reported.
    """
    try:
        catalog = read_po(BytesIO(text.encode("utf-8")), locale=language, domain=Domain.HANDBOOK)
        # The plural rule compiled is one that was tried (``generator.translate.plurals``).
        rule, _ = header_rule(header_value(catalog.mime_headers), language)
        use_rule(catalog, rule)
        compiled = BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        return Translations(compiled, domain=Domain.HANDBOOK)
    except Exception:  # hostile input: never a traceback in the build
        return gettext.NullTranslations()


def project_translations(translations_dir: Path, language: str) -> gettext.NullTranslations:
    """``translations/LANG/handbook.po`` of a project, or none when it has no such file (or
    ``language`` is not a language code, which could name a path elsewhere)."""
    if not LANGUAGE_CODE.fullmatch(language):
        return gettext.NullTranslations()
    po = translations_dir / language / PO_NAME
    if not po.is_file():
        return gettext.NullTranslations()
    return translations_from_po(po.read_text(encoding="utf-8", errors="replace"), language)
