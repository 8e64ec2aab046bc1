"""The ``handbook`` command: ``main(argv) -> int`` for tests, ``entrypoint()`` for the shell.

Exit codes: 0 done, 1 invalid input (every problem printed, one per line), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.problems import Problem, Severity, errors, report_lines

if TYPE_CHECKING:
    from generator.catalog.catalog import Catalog, RecordCache
    from generator.load.project import Project
    from generator.outputs.language import Language

NOTHING_BUILT = "handbook: nothing was built; the previous site is unchanged"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


def _no_options(sub: argparse.ArgumentParser) -> None:
    """Validate takes only --root."""


def _build_options(build: argparse.ArgumentParser) -> None:
    build.add_argument(
        "--site-dir",
        type=Path,
        metavar="DIR",
        help="where to write the site (default: mkdocs.yml's site_dir, else ROOT/site)",
    )
    build.add_argument(
        "--engine",
        choices=["mkdocs", "properdocs", "zensical"],  # generator.site.engines.ENGINES
        default="mkdocs",
        help="the site engine (default: mkdocs); properdocs and zensical are optional extras",
    )
    build.add_argument(
        "--language",
        metavar="CODE",
        help="rebuild only the site in this language (SITE/CODE/), one of the `languages` "
        "of the handbook plugin; the rest of the site is kept as it is",
    )
    build.add_argument(
        "--clean",
        action="store_true",
        help="make every page anew; by default a build reuses what the previous build of the "
        "same site made from files that did not change (the site is the same either way)",
    )


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )


def _generate_options(generate: argparse.ArgumentParser) -> None:
    generate.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder to write docs/, overrides/, nav.yml and mkdocs.yml into",
    )
    generate.add_argument(
        "--language",
        metavar="CODE",
        help="write the tree of the site in this language, one of the `languages` of the "
        "handbook plugin, to build into SITE/CODE/ (default: English, the site's root)",
    )


def _output_language(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--language",
        metavar="CODE",
        default="en",
        help=f"{what} in this language: en (the default) or one of the `languages` of the "
        "handbook plugin in mkdocs.yml; a text without a usable translation stays in English",
    )


def _pdf_options(pdf: argparse.ArgumentParser) -> None:
    pdf.add_argument(
        "--out",
        type=Path,
        default=Path("pdf"),
        metavar="DIR",
        help="folder for the PDF files (default: ROOT/pdf)",
    )
    pdf.add_argument(
        "--paper", choices=["A4", "Letter"], default="A4", help="paper size (default: A4)"
    )
    pdf.add_argument("--chromium", metavar="PATH", help="the Chromium to use")
    _output_language(pdf, "the checklists")


def _cartridge_options(cartridge: argparse.ArgumentParser) -> None:
    cartridge.add_argument(
        "--out",
        type=Path,
        default=Path("cartridges"),
        metavar="DIR",
        help="folder for the .imscc files (default: ROOT/cartridges)",
    )
    _output_language(cartridge, "the cartridges' pages")


def _links_options(links: argparse.ArgumentParser) -> None:
    links.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="give up on an address after this long (default: 10)",
    )
    links.add_argument(
        "--concurrency",
        type=int,
        default=8,
        metavar="N",
        help="addresses checked at once (default: 8)",
    )


def _schema_options(schema: argparse.ArgumentParser) -> None:
    schema.add_argument(
        "--kind",
        choices=["practice", "checklist", "module"],
        default="practice",
        help="which files the schema describes (default: practice)",
    )
    schema.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead")


def _export_options(export: argparse.ArgumentParser) -> None:
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--format",
        choices=["csv", "json"],
        help="csv: one row per practice with a header; json: the versioned document",
    )
    what.add_argument(
        "--schema",
        action="store_true",
        help="print the JSON Schema of the JSON export instead "
        "(committed as schema/export.schema.json)",
    )
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead")
    _output_language(export, "the texts")


def _new_options(new: argparse.ArgumentParser) -> None:
    new.add_argument("kind", choices=["practice"], help="what to create")
    new.add_argument("id", help="the new record's id: lowercase letters, digits, hyphens")
    new.add_argument(
        "--template",
        choices=["igma3", "pes-fiche"],
        default="igma3",
        help="the source template the record follows (default: igma3)",
    )


def _translations_options(translations: argparse.ArgumentParser) -> None:
    from generator.translate.languages import CODES

    translations.add_argument(
        "action",
        choices=["update", "status", "check"],
        help="update: extract the English units and merge them into every language's PO "
        "files; status: how much is translated; check: what the translations must keep",
    )
    translations.add_argument(
        "--language",
        choices=CODES,
        metavar="LANG",
        help=f"status and check: this language only ({', '.join(CODES)}; default: all the "
        "project's)",
    )
    translations.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="status: a text table (default) or JSON",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handbook",
        description="Turn good-practice records into a handbook site, checklists and modules.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        sub.add_argument(
            "--root",
            type=Path,
            default=Path("."),
            metavar="DIR",
            help="the project folder holding practices/ and content/ (default: .)",
        )
        command.options(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    root: Path = args.root
    if not root.is_dir():
        print(f"handbook: error: --root {root}: no such folder", file=sys.stderr)
        return 2
    from generator.load.project import Project

    project = Project(root)
    refused = _refused_output(project, args)
    if refused is not None:
        print(f"handbook: error: {refused}", file=sys.stderr)
        return 1
    command = next(c for c in COMMANDS if c.name == args.command)
    if command.needs_mkdocs_yml and not project.mkdocs_yml.is_file():
        print(f"handbook: error: {project.mkdocs_yml}: not found", file=sys.stderr)
        return 2
    return command.run(project, args)


def _refused_output(project: Project, args: argparse.Namespace) -> str | None:
    """Why the command would write over, into or around the project's inputs, or None."""
    from generator.load.writable import refused_file, refused_folder

    root, command = project.root, args.command
    if command == "build":
        option = "--site-dir" if args.site_dir else "site_dir (mkdocs.yml)"
        return refused_folder(project, args.site_dir or project.site_dir, option, "site/")
    if command == "generate":
        return (
            refused_folder(project, args.out, "--out", "generated/")
            or refused_folder(project, args.out / "docs", "--out", "generated/")
            or refused_file(project, args.out / "nav.yml", "--out", "generated/")
        )
    if command in ("pdf", "export-cartridge"):
        out = args.out if args.out.is_absolute() else root / args.out
        example = "pdf/" if command == "pdf" else "cartridges/"
        return refused_folder(project, out, "--out", example)
    if command in ("export", "schema") and args.out is not None:
        example = "practices.csv" if command == "export" else "schema/practice.schema.json"
        return refused_file(project, args.out, "--out", example)
    if command == "new":
        real, inside = project.practices_dir.resolve(), root.resolve()
        if real != inside and inside not in real.parents:
            return (
                f"{project.practices_dir}: a link to {real}, outside the project folder; "
                "expected the records' folder inside it; nothing was written"
            )
    return None


def report(problems: Sequence[Problem], root: Path) -> int:
    """Print problems to stderr; return 1 if any is an error, else 0."""
    for line in report_lines(problems, root):
        print(line, file=sys.stderr)
    failed = errors(problems)
    if failed:
        files = len({p.file for p in failed})
        print(f"handbook: {len(failed)} error(s) in {files} file(s)", file=sys.stderr)
        return 1
    return 0


def _load(
    project: Project, nothing: str | None = NOTHING_BUILT, cache: RecordCache | None = None
) -> Catalog | None:
    """The project's catalog, after its problems are printed; None when one is an error
    (then ``nothing`` says what was not done). With ``cache``, only the records changed
    since its last load are read again."""
    from generator.catalog.catalog import load_catalog

    catalog, problems = load_catalog(project, cache=cache)
    if report(problems, project.root):
        if nothing is not None:
            print(nothing, file=sys.stderr)
        return None
    return catalog


def _validate(project: Project, args: argparse.Namespace) -> int:
    from generator.catalog.catalog import load_catalog

    catalog, problems = load_catalog(project)
    if project.translations_dir.is_dir():
        problems = [*problems, *_translation_problems(project, catalog, problems)]
    status = report(problems, project.root)
    if status == 0:
        warnings = sum(p.severity is Severity.WARNING for p in problems)
        print(
            f"handbook: {len(catalog.practice_files)} practice(s) valid"
            + (f", {warnings} warning(s)" if warnings else "")
        )
    return status


def _translation_problems(
    project: Project, catalog: Catalog, problems: Sequence[Problem], language: str | None = None
) -> list[Problem]:
    """The problems of the project's PO files (each entry's kind of text known only when the
    records are valid)."""
    from generator.translate.check import check_project
    from generator.translate.extract import units

    found = None if errors(problems) else units(catalog)
    return check_project(project, found, (language,) if language else None)


def _translations(project: Project, args: argparse.Namespace) -> int:
    if args.action == "update":
        from generator.translate.catalogs import update

        updated = update(project)
        status = report(updated.problems, project.root)
        if status:
            print("handbook: nothing was written to translations/", file=sys.stderr)
            return status
        print(
            f"handbook: {len(updated.written)} of {updated.files} translation file(s) changed "
            f"in {project.translations_dir}"
        )
        return 0
    if args.action == "status":
        from generator.translate.status import status as language_status
        from generator.translate.status import status_json, status_text

        found, problems = language_status(project, (args.language,) if args.language else None)
        text = status_json(found) if args.format == "json" else status_text(found)
        sys.stdout.write(text)
        return report(problems, project.root)
    from generator.catalog.catalog import load_catalog

    catalog, record_problems = load_catalog(project)
    problems = _translation_problems(project, catalog, record_problems, args.language)
    status = report(problems, project.root)
    if status == 0:
        print("handbook: the translations keep what their sources need")
    return status


def _serve(project: Project, args: argparse.Namespace) -> int:
    from generator.site.build import serve

    catalog = _load(project)
    return 1 if catalog is None else serve(project, args.dev_addr)


def _unknown_language(code: str | None, languages: Sequence[str]) -> bool:
    """Whether ``--language code`` names no language of the site (the message printed)."""
    if code is None or code in languages:
        return False
    configured = ", ".join(languages) or "none"
    print(
        f"handbook: error: --language {code}: not a language of the site; expected one of "
        f"the handbook plugin's languages in mkdocs.yml ({configured})",
        file=sys.stderr,
    )
    return True


def _known_output_language(project: Project, code: str) -> bool:
    """Whether an output's ``--language code`` is English or a language of the site (if not,
    the message is printed)."""
    from generator.load.settings import read_settings
    from generator.translate.languages import SOURCE

    known = (SOURCE, *read_settings(project.mkdocs_yml).languages)
    if code in known:
        return True
    shown = code.encode("unicode_escape").decode("ascii")  # a control character stays visible
    print(
        f"handbook: error: --language {shown}: expected one of {', '.join(known)} (English "
        "or a language of the handbook plugin in mkdocs.yml); nothing was written",
        file=sys.stderr,
    )
    return False


def _generate(project: Project, args: argparse.Namespace) -> int:
    from generator.load.settings import read_settings
    from generator.site.build import write_tree
    from generator.site.engines import tree_clash
    from generator.site.lock import SiteBusy
    from generator.translate.languages import SOURCE

    catalog = _load(project)
    if catalog is None:
        return 1
    clash = tree_clash(project, args.out)
    if clash is not None:
        print(f"handbook: error: --out {args.out}: {clash}", file=sys.stderr)
        return 2
    languages = read_settings(project.mkdocs_yml).languages
    if _unknown_language(args.language, languages):
        return 2
    try:
        written = write_tree(project, catalog, args.out, args.language or SOURCE, languages)
    except SiteBusy as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"handbook: error: --out {args.out}: {exc.strerror or exc}", file=sys.stderr)
        print("handbook: nothing was generated; the previous tree is unchanged", file=sys.stderr)
        return 1
    print(f"handbook: wrote {len(written)} files to {args.out}")
    return 0


def _build(project: Project, args: argparse.Namespace) -> int:
    from generator.load.settings import read_settings
    from generator.site.build import Stopped
    from generator.site.engines import ENGINES
    from generator.site.lock import SiteBusy
    from generator.site.tree_build import start_build

    site_dir: Path = args.site_dir or project.site_dir
    engine = ENGINES[args.engine]
    if not engine.installed():
        print(engine.missing(), file=sys.stderr)
        print(NOTHING_BUILT, file=sys.stderr)
        return 1
    languages = read_settings(project.mkdocs_yml).languages
    if _unknown_language(args.language, languages):
        return 2

    def waiting(message: str) -> None:
        print(f"handbook: {message}", file=sys.stderr, flush=True)

    try:
        # With MkDocs, the engine starts while the records load.
        with (
            start_build(
                project, site_dir, engine, waiting, languages, args.language, args.clean
            ) as build,
            build.remembering(),
        ):
            catalog = _load(project, cache=build.records)
            if catalog is None:
                return 1
            result = build.finish(catalog)
    except SiteBusy as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        print(NOTHING_BUILT, file=sys.stderr)
        return 1
    except (Stopped, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Stopped) else 2  # SIGINT
        print(f"handbook: {exc or 'stopped by SIGINT'}", file=sys.stderr)
        print(NOTHING_BUILT, file=sys.stderr)
        return 128 + signum
    if result.output:
        print(result.output, file=sys.stderr)
    if not result.ok:
        print("handbook: the site build failed; the previous site is unchanged", file=sys.stderr)
        return 1
    if result.written is not None and result.written[0] < result.written[1]:
        written, pages = result.written
        print(
            f"handbook: {written} of {pages} pages written anew; the others are unchanged "
            "since the last build (handbook build --clean makes them all anew)"
        )
    index = site_dir.resolve() / "index.html"
    built = len(catalog.practice_files)
    if args.language is not None:
        index = site_dir.resolve() / args.language / "index.html"
        where = f"{site_dir / args.language} (the rest of {site_dir} as it was)"
        print(f"handbook: built {built} practice(s) into {where}; open {index.as_uri()}")
    else:
        also = f" (English, {', '.join(languages)})" if languages else ""
        print(f"handbook: built {built} practice(s) into {site_dir}{also}; open {index.as_uri()}")
    return 0


def _pdf(project: Project, args: argparse.Namespace) -> int:
    from generator.load.settings import read_settings
    from generator.outputs.pdf import PdfError, write_pdfs
    from generator.site.build import Stopped

    if not _known_output_language(project, args.language):
        return 2
    catalog = _load(project)
    if catalog is None:
        return 1
    out = args.out if args.out.is_absolute() else project.root / args.out
    languages = read_settings(project.mkdocs_yml).languages
    try:
        written = write_pdfs(
            project, catalog, out, args.paper, args.chromium, args.language, languages
        )
    except PdfError as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return 1
    except Stopped as exc:  # while the site for the PDFs was being built
        print(f"handbook: {exc}", file=sys.stderr)
        return 128 + exc.signum
    print(f"handbook: wrote {len(written)} checklist PDF(s) to {out}")
    return 0


def _cartridges(project: Project, args: argparse.Namespace) -> int:
    from generator.outputs.cartridge import write_cartridges

    if not _known_output_language(project, args.language):
        return 2
    catalog = _load(project, nothing=None)
    if catalog is None:
        return 1
    out: Path = args.out
    target = out if out.is_absolute() else project.root / out
    written = write_cartridges(catalog, target, _language(catalog, args.language))
    print(f"handbook: wrote {len(written)} cartridge(s) to {target}")
    return 0


def _check_links(project: Project, args: argparse.Namespace) -> int:
    from generator.validate.links import check_links, link_uses

    uses = link_uses(project.practice_files())
    problems, checked = check_links(uses, timeout=args.timeout, concurrency=args.concurrency)
    for line in report_lines(problems, project.root):
        print(line, file=sys.stderr)
    broken = len({p.message for p in problems})
    print(f"handbook: {checked} link(s) checked, {broken} broken")
    return 1 if problems else 0


def _schema(project: Project, args: argparse.Namespace) -> int:
    from generator.validate.schema import schema_text

    text = schema_text(args.kind)
    out: Path | None = args.out
    if out is None:
        sys.stdout.write(text)
        return 0
    return _write_out(out, text)


def _write_out(out: Path, text: str) -> int:
    """Write a command's ``--out`` file in one step; 2 with a message if it cannot be."""
    from generator.atomic import write_file

    try:
        write_file(out, text)
    except OSError as exc:
        print(f"handbook: error: --out {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


def _export(project: Project, args: argparse.Namespace) -> int:
    from generator.outputs.export import export_schema_text, export_text

    out: Path | None = args.out
    catalog = None
    if not _known_output_language(project, args.language):
        return 2
    if args.schema:  # one schema for every language
        text = export_schema_text()
    else:
        catalog = _load(project, nothing="handbook: nothing was exported")
        if catalog is None:
            return 1
        language = _language(catalog, args.language)
        text = export_text(catalog, "csv" if args.format == "csv" else "json", language)
    if out is None:
        sys.stdout.write(text)
        return 0
    if _write_out(out, text) != 0:
        return 2
    if catalog is not None:
        print(f"handbook: wrote {len(catalog.practice_files)} practice(s) to {out}")
    return 0


def _language(catalog: Catalog, code: str) -> Language:
    """The language an output is written in: English, or ``code``'s translations."""
    from generator.outputs.language import ENGLISH
    from generator.translate.languages import SOURCE
    from generator.translate.reading import site_language

    return ENGLISH if code == SOURCE else site_language(catalog, code)


def _new(project: Project, args: argparse.Namespace) -> int:
    from generator.commands.scaffold import ScaffoldError, write_skeleton

    try:
        path = write_skeleton(project.practices_dir, args.id, args.template, dt.date.today())
    except ScaffoldError as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return 2
    print(f"handbook: wrote {path}; fill in every <...> placeholder, then run handbook validate")
    return 0


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: Callable[[argparse.ArgumentParser], None]  # its own, besides --root
    run: Callable[[Project, argparse.Namespace], int]
    needs_mkdocs_yml: bool = False  # checked before anything is loaded


# Every subcommand, in the order --help lists them.
COMMANDS = (
    Command(
        "validate",
        "Check every record; print problems as path:line:col: field: message.",
        _no_options,
        _validate,
    ),
    Command(
        "build",
        "Validate, then build the site; on any error keep the previous site.",
        _build_options,
        _build,
        needs_mkdocs_yml=True,
    ),
    Command(
        "serve",
        "Live preview that rebuilds when a record or page changes.",
        _serve_options,
        _serve,
        needs_mkdocs_yml=True,
    ),
    Command(
        "generate",
        "Write the Markdown tree, nav.yml and mkdocs.yml, for any site engine.",
        _generate_options,
        _generate,
    ),
    Command(
        "pdf", "Print every checklist to PDF with headless Chromium (optional).", _pdf_options, _pdf
    ),
    Command(
        "export-cartridge",
        "Write each training module as an IMS Common Cartridge 1.1 package.",
        _cartridge_options,
        _cartridges,
    ),
    Command(
        "check-links",
        "Check that the records' web links still answer (needs network).",
        _links_options,
        _check_links,
    ),
    Command(
        "schema",
        "Print the JSON Schema of practice records or checklists.",
        _schema_options,
        _schema,
    ),
    Command(
        "export",
        "Print the comparison data: one row per practice, as CSV or JSON.",
        _export_options,
        _export,
    ),
    Command("new", "Write a commented skeleton record to fill in.", _new_options, _new),
    Command(
        "translations",
        "Update the PO files under translations/, report their status, check them.",
        _translations_options,
        _translations,
    ),
)


def entrypoint() -> None:
    sys.exit(main())
