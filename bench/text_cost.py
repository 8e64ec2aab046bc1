"""What record text costs at its limits: the checks, the subset's rendering and the site's
own Markdown, in CPU seconds of this process.

    python bench/text_cost.py [--out bench/out/text-cost.json]

Two tables. ``pathological``: the shapes that make Markdown parsers and patterns slow
(brackets, emphasis runs, nested lists, attribute lists ...), each checked in the three text
kinds and, where accepted, rendered. ``at-limit``: a real practice with its title, summary
and goal set, in turn, to each worst shape at the kind's length limit, every page of the
catalogue made and converted by the site's Markdown as MkDocs runs it. ``linear`` compares
block text of half the limit with block text of the full limit.

The limits exist because the site's Markdown is not linear in a line's length; the figures
show what one record can cost within them. They are measured here and quoted in the docs, not
asserted by the tests (a timed test fails on a loaded machine and passes on a fast one).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalog.catalog import load_catalog  # noqa: E402
from generator.load.project import Project  # noqa: E402
from generator.load.yaml_source import read_yaml  # noqa: E402
from generator.outputs.registry import all_pages  # noqa: E402
from generator.problems import Severity, errors  # noqa: E402
from generator.text.glossary import NO_GLOSSARY  # noqa: E402
from generator.text.html import block_html, inline_html  # noqa: E402
from generator.text.subset import MAX_LENGTH, Kind, findings  # noqa: E402
from tests.markup import site_markdown  # noqa: E402

PATHOLOGICAL = {
    "brackets": "[" * 10_000,
    "star-a": "*a" * 100_000,
    "quotes": ">" * 10_000 + " x",
    "nested-list": "".join("  " * i + "- x\n" for i in range(200)),
    "links": "[a](" * 5_000,
    "images": "![" * 10_000,
    "emphasis": "*a **b " * 2_000,
    "ticks": "`" * 10_000,
    "attribute-list": "{ " + "a-" * 9_990,
    "footnotes": "[^" * 10_000,
    "hyphens": "-" * 20_000,
    "abbreviations": "*[" * 10_000,
    "html": "<b " * 6_000,
}
FILLS = ("[", "*a", "NAV ")
FIELDS = (("title", Kind.PLAIN), ("summary", Kind.INLINE), ("goal", Kind.BLOCK))
PRACTICE = ROOT / "practices" / "arbeid-med-bistand.yaml"


def pathological() -> list[dict[str, Any]]:
    rows = []
    for name, value in PATHOLOGICAL.items():
        for kind in Kind:
            start = time.process_time()
            refused = any(f.severity is Severity.ERROR for f in findings(value, kind))
            if not refused:
                block_html(value, NO_GLOSSARY)
                inline_html(value, NO_GLOSSARY)
            seconds = time.process_time() - start
            rows.append(
                {"shape": name, "kind": kind.value, "refused": refused, "cpu_s": round(seconds, 3)}
            )
    return rows


def _project(root: Path, field: str | None, value: str) -> Path:
    """A project of the real practices, one of them changed, with the real config and glossary."""
    (root / "practices").mkdir(parents=True)
    (root / "content" / "includes").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(ROOT / "content" / "includes" / "abbreviations.md", root / "content" / "includes")
    for record in sorted((ROOT / "practices").glob("*.yaml")):
        shutil.copy(record, root / "practices" / record.name)
    document, _ = read_yaml(PRACTICE)  # YAML 1.2, as the handbook reads it ('NO' is Norway)
    assert document is not None
    data = document.data
    if field is not None:
        data[field] = value
    (root / "practices" / PRACTICE.name).write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )
    return root


def pages_seconds(field: str | None = None, value: str = "") -> float | None:
    """CPU seconds to load, make and convert every page; None if the changed record is refused."""
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp), field, value)
        start = time.process_time()
        catalog, problems = load_catalog(Project(project), workers=1)
        if errors(problems):
            if field is None:
                raise SystemExit("\n".join(map(str, errors(problems))))
            return None
        engine = site_markdown(project / "mkdocs.yml", project / "content")
        for page in all_pages(catalog, workers=1):
            if page.path.endswith(".md"):
                engine.reset().convert(page.text)
        return time.process_time() - start


def at_limit(base: float) -> list[dict[str, Any]]:
    rows = []
    for fill in FILLS:
        for field, kind in FIELDS:
            value = (fill * MAX_LENGTH[kind])[: MAX_LENGTH[kind]]
            seconds = pages_seconds(field, value)
            rows.append(
                {
                    "fill": fill,
                    "field": field,
                    "length": len(value),
                    "refused": seconds is None,
                    "added_cpu_s": None if seconds is None else round(seconds - base, 3),
                }
            )
    return rows


def linear(base: float) -> dict[str, Any]:
    half, full = (
        pages_seconds("goal", "[" * n)
        for n in (MAX_LENGTH[Kind.BLOCK] // 2, MAX_LENGTH[Kind.BLOCK])
    )
    assert half is not None and full is not None
    return {"half_added_cpu_s": round(half - base, 3), "full_added_cpu_s": round(full - base, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    pages_seconds()  # warm: imports, compiled patterns and templates are not the text's cost
    base = pages_seconds()
    assert base is not None, f"{PRACTICE} does not validate"
    results: dict[str, Any] = {
        "base_cpu_s": round(base, 3),
        "pathological": pathological(),
        "at_limit": at_limit(base),
        "linear": linear(base),
    }
    print(f"pages of one practice: {base:.2f} s CPU")
    print("pathological text (check + render):")
    for row in results["pathological"]:
        verdict = "refused" if row["refused"] else "rendered"
        print(f"  {row['shape']:15} {row['kind']:7} {verdict:9} {row['cpu_s']:.3f} s")
    print("a field at its limit, every page made and converted (added to the base):")
    for row in results["at_limit"]:
        added = "refused" if row["refused"] else f"{row['added_cpu_s']:.2f} s"
        print(f"  {row['field']:8} {row['fill']!r:7} x {row['length']:6} {added}")
    lin = results["linear"]
    print(
        f"block text '[' x half / full limit: {lin['half_added_cpu_s']:.2f} s / "
        f"{lin['full_added_cpu_s']:.2f} s"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
