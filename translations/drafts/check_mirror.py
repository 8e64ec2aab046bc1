"""Check that the draft translations under translations/drafts/<lang>/ mirror their sources.

For each mirror YAML file: the same key paths in the same order, the same list lengths,
identical non-text values (numbers, booleans, ids, codes, URLs, names...), and every number
(regex [0-9]+) of a source text value present in its translation as often as in the source,
with the same Markdown link targets, `code` spans and emphasis markers.
For each mirror Markdown file: the same sequence of block kinds (headings, terms, definitions,
list items, table rows, blank lines), the same anchors, link targets and abbreviation keys, and
the numbers of each block kept.

Usage: python3 translations/drafts/check_mirror.py [LANG]   (default nb); exit 1 on a problem.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]

# Leaf paths whose value is never translated, in any file (fnmatch patterns on the dotted path,
# list indices written [*]).
FROZEN_EVERYWHERE = [
    "id",
    "*.id",
    "template",
    "country",
    "scope",
    "*.url",
    "*.email",
    "*.phone",
    "*.source",
    "source",
    "*.rating",
    "*.citation",
    "*.cited_in",
    "*.phase",
    "*.qualifier",
    "last_reviewed",
    "*.started",
    "*.ended",
]

# mirror (relative to translations/drafts/<lang>/) -> (source, extra frozen patterns)
YAML_FILES: dict[str, tuple[str, list[str]]] = {
    "criteria.yaml": ("generator/data/criteria.yaml", []),
    "practices/p1824-drammen.yaml": (
        "practices/p1824-drammen.yaml",
        [
            "title",
            "title_en",
            "organisations[*].name",
            "contacts[*].organisation",
            "contacts[*].name",
            "placement_phase[*]",
            "target_groups[*]",
            "themes[*]",
        ],
    ),
    "modules/individual-follow-up.yaml": (
        "content/modules/individual-follow-up.yaml",
        [
            "audience[*]",
            "level",
            "start_time",
            "episodes[*].kind",
            "case_studies[*].practice",
            "case_studies[*].focus[*]",
            "handouts[*]",
            "sources[*]",
        ],
    ),
}
MD_FILES = {
    "glossary.md": "content/glossary.md",
    "includes/abbreviations.md": "content/includes/abbreviations.md",
}

NUMBER = re.compile(r"[0-9]+")
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
CODE = re.compile(r"`[^`]*`")
ANCHOR = re.compile(r"\{\s*#[^}]*\}")
ABBR_KEY = re.compile(r"^\*\[([^\]]+)\]:", re.M)


def markup_problems(where: str, src: str, dst: str) -> list[str]:
    """Numbers, link targets, code spans and emphasis of one text unit kept."""
    problems = []
    missing = Counter(NUMBER.findall(src)) - Counter(NUMBER.findall(dst))
    if missing:
        problems.append(f"{where}: number(s) missing in translation: {sorted(missing)}")
    if LINK_TARGET.findall(src) != LINK_TARGET.findall(dst):
        problems.append(f"{where}: link targets differ")
    if CODE.findall(src) != CODE.findall(dst):
        problems.append(f"{where}: `code` spans differ")
    if src.count("**") != dst.count("**"):
        problems.append(f"{where}: bold markers differ ({src.count('**')} vs {dst.count('**')})")
    if ANCHOR.findall(src) != ANCHOR.findall(dst):
        problems.append(f"{where}: anchors differ")
    return problems


def compare(path: str, src: Any, dst: Any, frozen: list[str], out: list[str]) -> int:
    """Compare one node; return the number of text leaves checked."""
    label = path or "<root>"
    if isinstance(src, dict):
        if not isinstance(dst, dict) or list(src) != list(dst):
            out.append(
                f"{label}: keys differ: {list(src) if isinstance(src, dict) else src!r} "
                f"vs {list(dst) if isinstance(dst, dict) else dst!r}"
            )
            return 0
        return sum(
            compare(f"{path}.{k}" if path else str(k), src[k], dst[k], frozen, out) for k in src
        )
    if isinstance(src, list):
        if not isinstance(dst, list) or len(src) != len(dst):
            out.append(f"{label}: list length differs")
            return 0
        return sum(
            compare(f"{path}[{i}]", s, d, frozen, out)
            for i, (s, d) in enumerate(zip(src, dst, strict=True))
        )
    generic = re.sub(r"\[\d+\]", "[*]", path)
    if not isinstance(src, str) or any(fnmatchcase(generic, p) for p in frozen):
        if src != dst or type(src) is not type(dst):
            out.append(f"{label}: non-text value changed: {src!r} -> {dst!r}")
        return 0
    if not isinstance(dst, str) or not dst.strip():
        out.append(f"{label}: translation missing")
        return 0
    out.extend(markup_problems(label, src, dst))
    return 1


def block_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if line.startswith("#"):
        return "heading" + str(len(line) - len(line.lstrip("#")))
    if line.startswith(":   "):
        return "definition"
    if re.match(r"^\s*([-*+]|\d+\.)\s", line) and not line.startswith("*["):
        return "list-item"
    if line.startswith("|"):
        return "table-row"
    if line.startswith("*["):
        return "abbreviation"
    return "text"


def check_markdown(name: str, src_text: str, dst_text: str, out: list[str]) -> int:
    src_lines, dst_lines = src_text.splitlines(), dst_text.splitlines()
    if [block_kind(x) for x in src_lines] != [block_kind(x) for x in dst_lines]:
        out.append(f"{name}: block structure differs ({len(src_lines)} vs {len(dst_lines)} lines)")
        return 0
    if ABBR_KEY.findall(src_text) != ABBR_KEY.findall(dst_text):
        out.append(f"{name}: abbreviation keys differ")
    for i, (s, d) in enumerate(zip(src_lines, dst_lines, strict=True), start=1):
        out.extend(markup_problems(f"{name}:{i}", s, d))
    return sum(1 for x in src_lines if x.strip())


def main(argv: list[str]) -> int:
    lang = argv[1] if len(argv) > 1 else "nb"
    base = ROOT / "translations" / "drafts" / lang
    problems: list[str] = []
    for mirror, (source, extra) in YAML_FILES.items():
        out: list[str] = []
        src = yaml.safe_load((ROOT / source).read_text(encoding="utf-8"))
        dst_path = base / mirror
        if not dst_path.exists():
            problems.append(f"{mirror}: missing")
            continue
        dst_raw = dst_path.read_text(encoding="utf-8")
        dst = yaml.safe_load(dst_raw)
        if not dst_raw.startswith("# Machine-assisted translation, not yet reviewed"):
            out.append("missing the 'not yet reviewed' comment at the top")
        n = compare("", src, dst, FROZEN_EVERYWHERE + extra, out)
        print(
            f"{lang}/{mirror}: {n} text fields checked against {source}: "
            f"{'OK' if not out else f'{len(out)} problem(s)'}"
        )
        problems.extend(f"{mirror}: {p}" for p in out)
    for mirror, source in MD_FILES.items():
        out = []
        dst_path = base / mirror
        if not dst_path.exists():
            problems.append(f"{mirror}: missing")
            continue
        n = check_markdown(
            mirror,
            (ROOT / source).read_text(encoding="utf-8"),
            dst_path.read_text(encoding="utf-8"),
            out,
        )
        print(
            f"{lang}/{mirror}: {n} lines checked against {source}: "
            f"{'OK' if not out else f'{len(out)} problem(s)'}"
        )
        problems.extend(out)
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
