"""``handbook pdf``: every checklist as a PDF, printed by headless Chromium.

Chromium is optional: the command looks for it (``--chromium``, ``$HANDBOOK_CHROMIUM``, then
the usual names on PATH) and says what to install when it is missing. The site is built into
a temporary folder, so the published ``site/`` is left alone: in English, or with
``language`` only that language's site (``SITE/CODE/``), whose checklist pages are printed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.addresses import html
from generator.atomic import staged
from generator.catalog.catalog import Catalog
from generator.load.project import Project
from generator.site.build import Build
from generator.translate.languages import SOURCE

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class PdfError(Exception):
    """A PDF cannot be made here (no Chromium, no Playwright, a failed build)."""


def find_chromium(explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get("HANDBOOK_CHROMIUM")):
        if candidate:
            if Path(candidate).is_file() and os.access(candidate, os.X_OK):
                return candidate
            raise PdfError(f"Chromium not found at {candidate}")
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "no Chromium found: install it (Debian/Ubuntu: apt-get install chromium), or name it "
        "with --chromium PATH or $HANDBOOK_CHROMIUM"
    )


def write_pdfs(
    project: Project,
    catalog: Catalog,
    out_dir: Path,
    paper: str,
    chromium: str | None,
    language: str = SOURCE,
    languages: Sequence[str] = (),
) -> list[Path]:
    """Build the site in a temporary folder and print each checklist page; return the files.

    ``language`` is the checklists' (``en`` or one of the site's ``languages``, which its
    language menu lists)."""
    executable = find_chromium(chromium)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError(
            "the PDF export needs Playwright: pip install 'inclusion-handbook[pdf]'"
        ) from None
    with tempfile.TemporaryDirectory(prefix="handbook-pdf-") as temporary:
        site = Path(temporary) / "site"
        only = None if language == SOURCE else language
        with Build(project, site, languages=languages if only else (), only=only) as build:
            built = build.finish(catalog)
        if not built.ok:
            raise PdfError(f"the site build failed:\n{built.output}")
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.emulate_media(media="print")
            for entry in catalog.checklist_pages:
                pages = site if only is None else site / only
                page.goto((pages / html(entry.path)).as_uri())
                target = out_dir / f"{entry.checklist.id}.pdf"
                with staged(target) as unfinished:
                    page.pdf(path=str(unfinished), format=paper, print_background=False)
                written.append(target)
            browser.close()
    return written
