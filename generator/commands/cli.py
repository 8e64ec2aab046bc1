"""The ``handbook`` command: ``main(argv) -> int`` for tests, ``entrypoint()`` for the shell.

Exit codes: 0 done, 1 invalid input (every problem printed, one per line), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.problems import Problem, Severity, errors

if TYPE_CHECKING:
    from generator.catalog.catalog import Catalog
    from generator.load.project import Project

NOTHING_BUILT = "handbook: nothing was built; the previous site is unchanged"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handbook",
        description="Turn good-practice records into a handbook site, checklists and modules.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--root",
            type=Path,
            default=Path("."),
            metavar="DIR",
            help="the project folder holding practices/ and content/ (default: .)",
        )
        return sub

    add("validate", "Check every record; print problems as path:line:col: field: message.")

    build = add("build", "Validate, then build the site; on any error keep the previous site.")
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

    serve = add("serve", "Live preview that rebuilds when a record or page changes.")
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )

    generate = add(
        "generate", "Write the Markdown tree, nav.yml and mkdocs.yml, for any site engine."
    )
    generate.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder to write docs/, overrides/, nav.yml and mkdocs.yml into",
    )

    pdf = add("pdf", "Print every checklist to PDF with headless Chromium (optional).")
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

    cartridge = add(
        "export-cartridge", "Write each training module as an IMS Common Cartridge 1.1 package."
    )
    cartridge.add_argument(
        "--out",
        type=Path,
        default=Path("cartridges"),
        metavar="DIR",
        help="folder for the .imscc files (default: ROOT/cartridges)",
    )

    links = add("check-links", "Check that the records' web links still answer (needs network).")
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

    schema = add("schema", "Print the JSON Schema of practice records or checklists.")
    schema.add_argument(
        "--kind",
        choices=["practice", "checklist", "module"],
        default="practice",
        help="which files the schema describes (default: practice)",
    )
    schema.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead")

    export = add("export", "Print the comparison data: one row per practice, as CSV or JSON.")
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

    new = add("new", "Write a commented skeleton record to fill in.")
    new.add_argument("kind", choices=["practice"], help="what to create")
    new.add_argument("id", help="the new record's id: lowercase letters, digits, hyphens")
    new.add_argument(
        "--template",
        choices=["igma3", "pes-fiche"],
        default="igma3",
        help="the source template the record follows (default: igma3)",
    )
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
    refused = _refused_output(root, args)
    if refused is not None:
        print(f"handbook: error: {refused}", file=sys.stderr)
        return 1
    if args.command == "validate":
        return _validate(root)
    if args.command in ("build", "serve", "generate", "pdf"):
        return _site(root, args)
    if args.command == "export-cartridge":
        return _cartridges(root, args.out)
    if args.command == "check-links":
        return _check_links(root, args.timeout, args.concurrency)
    if args.command == "export":
        return _export(root, args.format, args.schema, args.out)
    if args.command == "schema":
        return _schema(args.kind, args.out)
    if args.command == "new":
        return _new(root, args.id, args.template)
    raise AssertionError(args.command)  # pragma: no cover - argparse admits no other


def _refused_output(root: Path, args: argparse.Namespace) -> str | None:
    """Why the command would write over, into or around the project's inputs, or None."""
    from generator.load.project import Project
    from generator.load.writable import refused_file, refused_folder

    project = Project(root)
    command = args.command
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
    for problem in problems:
        print(problem.format(relative_to=root), file=sys.stderr)
    found = errors(problems)
    if found:
        files = len({p.file for p in found})
        print(f"handbook: {len(found)} error(s) in {files} file(s)", file=sys.stderr)
        return 1
    return 0


def _validate(root: Path) -> int:
    from generator.catalog.catalog import load_catalog
    from generator.load.project import Project

    catalog, problems = load_catalog(Project(root))
    status = report(problems, root)
    if status == 0:
        warnings = sum(p.severity is Severity.WARNING for p in problems)
        print(
            f"handbook: {len(catalog.practice_files)} practice(s) valid"
            + (f", {warnings} warning(s)" if warnings else "")
        )
    return status


def _site(root: Path, args: argparse.Namespace) -> int:
    from generator.catalog.catalog import load_catalog
    from generator.load.project import Project
    from generator.site.build import generate_tree, serve

    project = Project(root)
    if args.command == "build":
        return _build(project, args.site_dir or project.site_dir, args.engine)
    catalog, problems = load_catalog(project)
    if report(problems, root):
        print(NOTHING_BUILT, file=sys.stderr)
        return 1
    if args.command == "pdf":
        return _pdf(project, catalog, args)
    if args.command == "generate":
        from generator.site.engines import tree_clash

        clash = tree_clash(project, args.out)
        if clash is not None:
            print(f"handbook: error: --out {args.out}: {clash}", file=sys.stderr)
            return 2
        written = generate_tree(project, catalog, args.out)
        print(f"handbook: wrote {len(written)} files to {args.out}")
        return 0
    if not project.mkdocs_yml.is_file():
        print(f"handbook: error: {project.mkdocs_yml}: not found", file=sys.stderr)
        return 2
    return serve(project, catalog, args.dev_addr)


def _build(project: Project, site_dir: Path, engine_name: str) -> int:
    from generator.catalog.catalog import load_catalog
    from generator.site.build import Stopped
    from generator.site.engines import ENGINES
    from generator.site.lock import SiteBusy
    from generator.site.tree_build import start_build

    if not project.mkdocs_yml.is_file():
        print(f"handbook: error: {project.mkdocs_yml}: not found", file=sys.stderr)
        return 2
    engine = ENGINES[engine_name]
    if not engine.installed():
        print(engine.missing(), file=sys.stderr)
        print(NOTHING_BUILT, file=sys.stderr)
        return 1

    def waiting(message: str) -> None:
        print(f"handbook: {message}", file=sys.stderr, flush=True)

    try:
        # With MkDocs, the engine starts while the records load.
        with start_build(project, site_dir, engine, waiting) as build:
            catalog, problems = load_catalog(project)
            if report(problems, project.root):
                print(NOTHING_BUILT, file=sys.stderr)
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
    index = site_dir.resolve() / "index.html"
    built = len(catalog.practice_files)
    print(f"handbook: built {built} practice(s) into {site_dir}; open {index.as_uri()}")
    return 0


def _pdf(project: Project, catalog: Catalog, args: argparse.Namespace) -> int:
    from generator.outputs.pdf import PdfError, write_pdfs
    from generator.site.build import Stopped

    out = args.out if args.out.is_absolute() else project.root / args.out
    try:
        written = write_pdfs(project, catalog, out, args.paper, args.chromium)
    except PdfError as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return 1
    except Stopped as exc:  # while the site for the PDFs was being built
        print(f"handbook: {exc}", file=sys.stderr)
        return 128 + exc.signum
    print(f"handbook: wrote {len(written)} checklist PDF(s) to {out}")
    return 0


def _cartridges(root: Path, out: Path) -> int:
    from generator.catalog.catalog import load_catalog
    from generator.load.project import Project
    from generator.outputs.cartridge import write_cartridges

    catalog, problems = load_catalog(Project(root))
    if report(problems, root):
        return 1
    target = out if out.is_absolute() else root / out
    written = write_cartridges(catalog, target)
    print(f"handbook: wrote {len(written)} cartridge(s) to {target}")
    return 0


def _check_links(root: Path, timeout: float, concurrency: int) -> int:
    from generator.load.project import Project
    from generator.validate.links import check_links, link_uses

    uses = link_uses(Project(root).practice_files())
    problems, checked = check_links(uses, timeout=timeout, concurrency=concurrency)
    for problem in problems:
        print(problem.format(relative_to=root), file=sys.stderr)
    broken = len({p.message for p in problems})
    print(f"handbook: {checked} link(s) checked, {broken} broken")
    return 1 if problems else 0


def _schema(kind: str, out: Path | None) -> int:
    from generator.validate.schema import schema_text

    text = schema_text(kind)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return 0


def _export(root: Path, kind: str | None, schema: bool, out: Path | None) -> int:
    from generator.outputs.export import export_schema_text, export_text

    if schema:
        text = export_schema_text()
    else:
        from generator.catalog.catalog import load_catalog
        from generator.load.project import Project

        catalog, problems = load_catalog(Project(root))
        if report(problems, root):
            print("handbook: nothing was exported", file=sys.stderr)
            return 1
        text = export_text(catalog, "csv" if kind == "csv" else "json")
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        print(f"handbook: error: --out {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not schema:
        print(f"handbook: wrote {len(catalog.practice_files)} practice(s) to {out}")
    return 0


def _new(root: Path, practice_id: str, template: str) -> int:
    from generator.commands.scaffold import ScaffoldError, write_skeleton
    from generator.load.project import Project

    try:
        path = write_skeleton(Project(root).practices_dir, practice_id, template, dt.date.today())
    except ScaffoldError as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return 2
    print(f"handbook: wrote {path}; fill in every <...> placeholder, then run handbook validate")
    return 0


def entrypoint() -> None:
    sys.exit(main())
