"""No output or template spells a page's path: they ask ``generator.addresses`` (in templates
through ``link_to`` and ``link_to_page``), so that an address changes in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import generator
from generator.addresses import ADDRESSES

PACKAGE = Path(generator.__file__).parent
# The site's top folders, from the address table itself.
FOLDERS = sorted({a.pattern.split("/")[0] for a in ADDRESSES if "/" in a.pattern})
# A path under one of them: with an id slot, or ending in a page's or a download's extension.
SITE_PATH = re.compile(
    rf"(?<![\w.-])(?:{'|'.join(FOLDERS)})/(?:[\w./{{}}-]*\{{|[\w./{{}}-]*\.(?:md|html|js|csv|json)\b)"
)
PAGE_FILE = re.compile(r"[\w-]\.(?:md|html)\b(?!\.j2)")  # "finder.md", not "_macros.md.j2"
# A Markdown link's or an HTML attribute's target that no helper made.
MARKDOWN_LINK = re.compile(r"\]\((?!\{\{ link_to(?:_page)?\(|<\{\{|#)")
HTML_LINK = re.compile(r'href="(?!\{\{|#)')  # a fragment is this page's own
# The cartridges' files are the package's own layout, not pages of the site.
OWN_LAYOUT = {"cartridge.py"}


def _strings(path: Path) -> list[tuple[int, str]]:
    """A module's strings but its docstrings (an f-string's values as ``{}``), with their lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found: list[tuple[int, str]] = []
    parts: set[int] = set()  # the pieces of an f-string, read with it
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            pieces = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
            found.append((node.lineno, "".join(str(piece) for piece in pieces)))
            parts.update(id(v) for v in node.values)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | parts
        ):
            found.append((node.lineno, node.value))
    return found


def spelled_in_python(path: Path) -> list[str]:
    return [
        f"{path.name}:{line}: {text!r}"
        for line, text in _strings(path)
        if SITE_PATH.search(text) or PAGE_FILE.search(text)
    ]


def spelled_in_template(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for rule in (SITE_PATH, PAGE_FILE, MARKDOWN_LINK, HTML_LINK):
            if (match := rule.search(line)) is not None:
                found.append(f"{path.name}:{number}: {line[match.start() : match.start() + 40]}")
    return found


def test_the_rules_see_a_spelled_path(tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text(
        '[a](../practices/{{ p.id }}.md)\n[b](finder.md)\n<a href="x">\n'
        '[ok]({{ link_to("finder") }}) [ok](#x) [ok](<{{ u | href }}>) <a href="#y">\n',
        encoding="utf-8",
    )
    assert [f.split(":")[1] for f in spelled_in_template(template)] == ["1", "1", "2", "2", "3"]
    module = tmp_path / "m.py"
    module.write_text(
        '"""Docstrings may name compare/finder.md."""\n'
        'A = "compare/finder.md"\nB = f"checklists/{x}.csv"\nC = "practices/*.yaml"\n',
        encoding="utf-8",
    )
    assert [f.split(":")[1] for f in spelled_in_python(module)] == ["2", "3"]


def test_no_output_spells_a_page_path() -> None:
    outputs = sorted(p for p in (PACKAGE / "outputs").glob("*.py") if p.name not in OWN_LAYOUT)
    assert len(outputs) > 5
    assert [f for path in outputs for f in spelled_in_python(path)] == []


def test_no_template_spells_a_page_path() -> None:
    templates = sorted((PACKAGE / "templates").rglob("*.md.j2"))
    assert len(templates) > 15
    assert [f for path in templates for f in spelled_in_template(path)] == []
