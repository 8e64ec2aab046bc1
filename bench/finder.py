"""Benchmark the practice finder on a synthetic catalogue (issue 4's targets).

    python bench/finder.py [--count 1000] [--runs 20] [--out bench/out/finder.json]

It writes a project of N practices with ``bench/make_corpus.py``, builds it with ``handbook
build``, and then measures:

- the finder's data, ``compare/practices.js``, raw and gzip (target: under 400 KB raw at 1,000);
- in Chromium, from ``file://``: the time from ticking a facet checkbox to the updated result
  list, ``performance.now()`` around the click, whose change handler filters the list and
  recounts every facet, and a forced layout of the list (target: median under 100 ms); the same
  time until the next frame is painted; and the time to apply a typed word.

Each toggle alternates between facets (country, phase, target group, theme, rating), ticking then
unticking, so half the changes narrow the list and half widen it again. Figures are printed
and written as JSON (``bench/out`` is not tracked by git).
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for folder in (ROOT, BENCH):  # run as a script: this checkout's generator and make_corpus
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from make_corpus import write_corpus  # noqa: E402

from generator.commands.cli import main as handbook  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DATA_LIMIT = 400 * 1024
UPDATE_LIMIT_MS = 100.0
FACETS = ("country", "phase", "group", "theme", "participatory")

# One timed change: tick or untick a box, then force the layout of the list it updated.
TOGGLE = """
async (id) => {
  const box = document.getElementById(id);
  const list = document.getElementById("ih-finder-results");
  const start = performance.now();
  box.click();
  void list.offsetHeight;
  const updated = performance.now();
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return {update: updated - start, frame: performance.now() - start,
          shown: list.querySelectorAll("li:not([hidden])").length};
}
"""
TYPE = """
(word) => {
  const field = document.getElementById("ih-finder-q");
  const list = document.getElementById("ih-finder-results");
  const start = performance.now();
  field.value = word;
  field.dispatchEvent(new Event("input", {bubbles: true}));
  void list.offsetHeight;
  return performance.now() - start;
}
"""
# The first value of each facet in the form, in form order.
BOXES = """
(keys) => keys.map((key) => {
  const box = document.querySelector(`#ih-finder input[name="${key}"]`);
  return box ? box.id : null;
}).filter(Boolean)
"""


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def build(count: int, work: Path) -> tuple[Path, float]:
    project = work / f"corpus-{count}"
    write_corpus(count, project)
    site = project / "site"
    started = time.perf_counter()
    if handbook(["build", "--root", str(project), "--site-dir", str(site)]) != 0:
        raise SystemExit("bench/finder.py: the corpus did not build")
    return site, time.perf_counter() - started


def data_size(site: Path) -> dict[str, int]:
    raw = (site / "compare" / "practices.js").read_bytes()
    return {"raw": len(raw), "gzip": len(gzip.compress(raw, compresslevel=6, mtime=0))}


def measure(site: Path, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto((site / "compare" / "finder.html").as_uri())
        page.wait_for_selector("#ih-finder-results > li")
        loaded = time.perf_counter() - started
        built = page.locator("#ih-finder-results > li").count()
        listed = page.locator("#ih-finder-results > li:not([hidden])").count()
        page.evaluate("document.getElementById('ih-finder-criteria').open = true")
        boxes = page.evaluate(BOXES, list(FACETS))
        page.evaluate(TOGGLE, boxes[0])  # warm up the handler once
        page.evaluate(TOGGLE, boxes[0])
        toggles = []
        for run in range(runs):
            box = boxes[(run // 2) % len(boxes)]
            toggles.append({"box": box, **page.evaluate(TOGGLE, box)})
        typing = [page.evaluate(TYPE, word) for word in ("youth", "") * 5]
        browser.close()
    update = [t["update"] for t in toggles]
    frame = [t["frame"] for t in toggles]
    return {
        "result_items": built,
        "listed_at_first": listed,
        "page_load_s": round(loaded, 3),
        "toggles": toggles,
        "update_ms": {"median": statistics.median(update), "max": max(update)},
        "next_frame_ms": {"median": statistics.median(frame), "max": max(frame)},
        "typing_ms": {"median": statistics.median(typing), "max": max(typing)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="practices (default: 1000)")
    parser.add_argument("--runs", type=int, default=20, help="timed toggles (default: 20)")
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH / "out" / "finder.json",
        help="where to write the figures (default: bench/out/finder.json)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="finder-bench-") as work:
        site, build_s = build(args.count, Path(work))
        size = data_size(site)
        timing = measure(site, args.runs)
    result = {
        "count": args.count,
        "runs": args.runs,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "build_s": round(build_s, 1),
        "finder_data": {"file": "compare/practices.js", **size},
        **timing,
    }
    checks = {
        f"finder data < {kb(DATA_LIMIT)}": size["raw"] < DATA_LIMIT,
        f"filter change median < {UPDATE_LIMIT_MS:.0f} ms": (
            timing["update_ms"]["median"] < UPDATE_LIMIT_MS
        ),
    }
    result["targets"] = checks
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(
        f"practices:                {args.count} "
        f"({timing['result_items']} in the list, {timing['listed_at_first']} shown at first)"
    )
    print(f"handbook build:           {build_s:.1f} s")
    print(f"finder data:              {kb(size['raw'])} raw, {kb(size['gzip'])} gzip")
    print(f"finder page load:         {timing['page_load_s']:.2f} s (file://)")
    for name, key in (
        ("filter change (update)", "update_ms"),
        ("filter change (painted)", "next_frame_ms"),
        ("typed word (update)", "typing_ms"),
    ):
        figures = timing[key]
        print(f"{name + ':':<26}median {figures['median']:.1f} ms, max {figures['max']:.1f} ms")
    for target, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {target}")
    print(f"bench/finder.py: wrote {args.out}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
