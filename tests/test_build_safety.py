"""No command destroys the editor's files, reads outside the project, or leaves a build behind.

- outputs: a site, export or cartridge folder over, into or around an input is refused;
- inputs: a file reached through a link leaving the project is refused, its content unread;
- builds: two builds of one site at once are serialised by a lock; a killed build leaves no
  MkDocs running and no folder that the next build does not clean.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator
from generator.catalog.catalog import load_catalog
from generator.commands.cli import NOTHING_BUILT, main
from generator.load.project import Project
from generator.outputs.registry import all_pages
from generator.site import lock as sitelock
from tests import golden
from tests.conftest import FIXTURES, BuiltCopy, copy_project, tree_digest
from tests.processes import children as _children
from tests.processes import running as _running

PACKAGE = Path(generator.__file__).resolve().parent
OUTPUTS = FIXTURES / "outputs"
LINKS = FIXTURES / "links"


def _project_files(project: Path) -> dict[str, str]:
    """Every file and link of the project, the site folder excepted, with its content."""
    files = tree_digest(project)
    links = {
        p.relative_to(project).as_posix(): f"-> {os.readlink(p)}"
        for p in project.rglob("*")
        if p.is_symlink()
    }
    folders = {p.relative_to(project).as_posix(): "folder" for p in project.rglob("*")}
    return {**folders, **files, **links}


def _package_files() -> dict[str, str]:
    return {k: v for k, v in tree_digest(PACKAGE).items() if "__pycache__" not in k}


# --- Outputs never over the inputs (issue 12, item 4) ----------------------------------------

# Each case: the command (PROJECT, PACKAGE stand for the folders) and what to set up first.
REFUSED_OUTPUTS: dict[str, tuple[list[str], str]] = {
    "build-site-dir-is-practices": (["build", "--site-dir", "PROJECT/practices"], ""),
    "build-site-dir-is-the-project": (["build", "--site-dir", "PROJECT"], ""),
    "build-site-dir-holds-the-project": (["build", "--site-dir", "PROJECT/.."], ""),
    "build-site-dir-inside-content": (["build", "--site-dir", "PROJECT/content/site"], ""),
    "build-site-dir-is-overrides": (["build", "--site-dir", "PROJECT/overrides"], ""),
    "build-site-dir-is-translations": (["build", "--site-dir", "PROJECT/translations"], "po"),
    "build-site-dir-links-to-practices": (["build", "--site-dir", "PROJECT/published"], "link"),
    "build-site-dir-inside-generator-data": (["build", "--site-dir", "PACKAGE/data/site"], ""),
    "build-site-dir-is-custom-dir": (["build", "--site-dir", "PROJECT/theme"], "custom_dir"),
    "build-mkdocs-site-dir-is-practices": (["build"], "site_dir"),
    "generate-out-is-the-project": (["generate", "--out", "PROJECT"], ""),
    "generate-out-is-content": (["generate", "--out", "PROJECT/content"], ""),
    "generate-docs-links-to-content": (["generate", "--out", "PROJECT/generated"], "docs"),
    "export-out-is-a-record": (
        ["export", "--format", "csv", "--out", "PROJECT/practices/p1824-drammen.yaml"],
        "",
    ),
    "export-out-is-mkdocs-yml": (["export", "--format", "json", "--out", "PROJECT/mkdocs.yml"], ""),
    "schema-out-inside-content": (["schema", "--out", "PROJECT/content/practice.json"], ""),
    "pdf-out-is-practices": (["pdf", "--out", "practices"], ""),
    "cartridge-out-is-overrides": (["export-cartridge", "--out", "overrides"], ""),
    "new-practices-is-a-link-outside": (["new", "practice", "fresh"], "practices-outside"),
}


def _set_up(project: Path, setup: str) -> None:
    if setup == "po":
        (project / "translations" / "nb").mkdir(parents=True, exist_ok=True)
        (project / "translations" / "nb" / "handbook.po").write_text('msgid ""\nmsgstr ""\n')
    elif setup == "link":
        (project / "published").symlink_to("practices")
    elif setup == "custom_dir":
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace("custom_dir: overrides", "custom_dir: theme")
        )
        (project / "overrides").rename(project / "theme")
    elif setup == "site_dir":
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace("site_dir: site", "site_dir: practices")
        )
    elif setup == "docs":
        (project / "generated").mkdir()
        (project / "generated" / "docs").symlink_to("../content")
    elif setup == "practices-outside":
        (project / "practices").rename(project.parent / "elsewhere")
        (project / "practices").symlink_to("../elsewhere")


@pytest.mark.parametrize("case", sorted(REFUSED_OUTPUTS))
def test_output_over_an_input_is_refused_and_nothing_is_written(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    argv, setup = REFUSED_OUTPUTS[case]
    project = copy_project(tmp_path / "project")
    _set_up(project, setup)
    before, package_before = _project_files(tmp_path), _package_files()
    argv = [a.replace("PROJECT", str(project)).replace("PACKAGE", str(PACKAGE)) for a in argv]
    capsys.readouterr()
    assert main([*argv, "--root", str(project)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    shown = err.replace(str(project.parent.resolve()), "$TMP").replace(str(PACKAGE), "$PACKAGE")
    golden.check(OUTPUTS / f"{case}.expected", shown, update_golden)
    assert _project_files(tmp_path) == before  # the editor's files, byte for byte
    assert _package_files() == package_before


def test_outputs_beside_the_inputs_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guard refuses inputs, not the project folder's other files."""
    project = copy_project(tmp_path / "project")
    root = ["--root", str(project)]
    assert main(["export", "--format", "csv", "--out", str(project / "practices.csv"), *root]) == 0
    schema = project / "schema" / "practice.schema.json"
    assert main(["schema", "--out", str(schema), *root]) == 0
    assert (project / "practices.csv").read_text("utf-8").startswith("id,")
    assert schema.read_text("utf-8").startswith("{")


def test_plain_mkdocs_refuses_a_site_dir_over_the_records(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_dir: site", "site_dir: practices"))
    before = _project_files(project)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "site_dir " in done.stderr and "is the records' folder (practices/)" in done.stderr
    assert _project_files(project) == before


def test_new_never_writes_through_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    (project / "practices" / "fresh.yaml").symlink_to(tmp_path / "target.yaml")  # points nowhere
    assert main(["new", "practice", "fresh", "--root", str(project)]) == 2
    assert "fresh.yaml already exists; expected a new id" in capsys.readouterr().err
    assert not (tmp_path / "target.yaml").exists()


# --- Inputs only from inside the project (issue 12, items 11 and 13) -------------------------

LINK_CASES = sorted(p.stem for p in LINKS.glob("*.links"))
SECRETS = ("SECRET", "hunter2", "password", "api_token", "root:")


def linked_project(tmp_path: Path, case: str) -> tuple[Path, Path]:
    """A copy of the shipped project with the links of ``case`` made in it."""
    project = copy_project(tmp_path / "project")
    outside = shutil.copytree(LINKS / "outside", tmp_path / "outside")
    for line in (LINKS / f"{case}.links").read_text("utf-8").splitlines():
        link_name, target = (part.strip() for part in line.split("->"))
        link = project / link_name
        target = target.replace("$OUTSIDE", str(outside))
        if link.exists() and not (link.parent / target).exists():
            (link.parent / target).parent.mkdir(parents=True, exist_ok=True)
            link.rename(link.parent / target)
        link.symlink_to(target)
    return project, outside


@pytest.mark.parametrize("case", LINK_CASES)
def test_links_leaving_the_project_are_refused_unread(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    project, outside = linked_project(tmp_path, case)
    before = _project_files(project)
    capsys.readouterr()
    status = main(["validate", "--root", str(project)])
    out, err = capsys.readouterr()
    shown = f"exit {status}\n" + err.replace(str(outside.resolve()), "$OUTSIDE").replace(
        str(project.resolve()), "$PROJECT"
    )
    golden.check(LINKS / f"{case}.expected", shown, update_golden)
    assert "Traceback" not in err
    for secret in SECRETS:  # not a word of what the links point to
        assert secret not in out + err
    assert _project_files(project) == before


def test_a_record_outside_the_project_is_not_published(
    tmp_path: Path, built_copy: BuiltCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    project, before = built_copy
    outside = shutil.copytree(LINKS / "outside", tmp_path / "outside")
    (project / "practices" / "borrowed.yaml").symlink_to(outside / "borrowed.yaml")
    capsys.readouterr()
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "practices/borrowed.yaml:1:1: (file): a link to " in err
    assert "outside the project folder; not read" in err
    assert NOTHING_BUILT in err
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_records_in_subfolders_are_read(tmp_path: Path) -> None:
    """An editor who files records by country finds them validated and published."""
    project = copy_project(tmp_path / "project")
    (project / "practices" / "no").mkdir()
    for record in (project / "practices").glob("*.yaml"):
        record.rename(project / "practices" / "no" / record.name)
    (project / "practices" / ".drafts").mkdir()  # hidden: not an input
    (project / "practices" / ".drafts" / "half.yaml").write_text("id: [unfinished\n")
    catalog, problems = load_catalog(Project(project))
    assert problems == []
    assert [p.id for p in catalog.practices] == [
        "arbeid-med-bistand",
        "nav-supported-employment",
        "p1824-drammen",
    ]
    paths = {page.path for page in all_pages(catalog)}
    assert {f"practices/{p.id}.md" for p in catalog.practices} <= paths


def test_a_record_twice_in_subfolders_is_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    (project / "practices" / "se").mkdir()
    shutil.copy(project / "practices" / "p1824-drammen.yaml", project / "practices" / "se")
    assert main(["validate", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert (
        "practices/se/p1824-drammen.yaml:2:5: id: duplicate id 'p1824-drammen', also used by "
        "p1824-drammen.yaml; expected a unique id"
    ) in err


# --- One build at a time (issue 12, item 5) --------------------------------------------------


def _start_build(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--root", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _site_is_whole(site: Path) -> bool:
    return all(
        (site / name).exists()
        for name in ("index.html", "assets", "search/search_index.js", "sitemap.xml")
    )


@pytest.mark.long
def test_two_builds_at_once_never_leave_a_partial_site(tmp_path: Path) -> None:
    """Ten times two builds of one site (issue 12's acceptance), the second started at another
    moment of the first.

    Five runs start the second build a fraction of a build's time after the first (at once,
    a fifth, two fifths ... into the build), five when the first one's MkDocs has begun
    writing (then, and every quarter second up to a second later): the moment at which a
    build used to delete another's folder.
    The project is the shipped one without its training modules: a shorter build, the same
    mechanism. Every run reports success with a complete site or fails with a message; the
    site is whole whenever it is looked at, and after each run it is the clean build.
    """
    project = copy_project(tmp_path / "project")
    for module in (project / "content" / "modules").glob("*.yaml"):
        module.unlink()
    site = project / "site"
    started = time.monotonic()
    out, err = _start_build(project).communicate()
    assert "handbook: built 3 practice(s)" in out, err
    duration = time.monotonic() - started
    clean = tree_digest(site)
    for run in range(10):
        builds = [_start_build(project)]
        if run < 5:
            time.sleep(duration * run / 5)
        else:
            _wait_until_writing(project, builds[0].pid)
            time.sleep((run - 5) / 4)
        builds.append(_start_build(project))
        running = list(builds)
        while running:
            assert _site_is_whole(site), f"run {run}: the site is partial"
            for build in [b for b in running if b.poll() is not None]:
                running.remove(build)
                out, err = build.communicate()
                assert "Traceback" not in err
                if build.returncode == 0:
                    assert "handbook: built 3 practice(s) into" in out
                    assert tree_digest(site) == clean, f"run {run}: an incomplete site"
                else:
                    assert build.returncode == 1 and "handbook: error: " in err, err
            time.sleep(0.01)
        assert tree_digest(site) == clean
        assert not list(project.glob(".site-*"))


def _wait_until_writing(project: Path, pid: int) -> Path:
    """The staging folder of build ``pid``, once MkDocs has written a file into it."""
    staging = project / f".site-build-{pid}"
    deadline = time.monotonic() + 120
    while not (staging.is_dir() and any(p.is_file() for p in staging.rglob("*"))):
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)
    return staging


def test_a_build_waits_for_the_lock_then_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(sitelock, "WAIT_SECONDS", 1.0)
    lock = project / ".site.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another build of this site holds it
        held.write("4242\n")
        held.flush()
        before = _project_files(project)
        started = time.monotonic()
        assert main(["build", "--root", str(project)]) == 1
        waited = time.monotonic() - started
    err = capsys.readouterr().err
    assert 1.0 <= waited < 5
    assert err.splitlines() == [
        f"handbook: another build of {project / 'site'} (process 4242) is running; waiting",
        f"handbook: error: another build of {project / 'site'} (process 4242) is still "
        "running after 1 second(s); expected it to finish first: let it finish or stop it, "
        "then build again",
        NOTHING_BUILT,
    ]
    assert _project_files(project) == before  # no site, no staging folder


# --- A killed build leaves nothing running (issue 12, item 6) --------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_build_takes_mkdocs_with_it(built_copy: BuiltCopy, signum: int) -> None:
    project, before = built_copy
    build = _start_build(project)
    sleeper = subprocess.Popen(["sleep", "120"])  # a live process: its folder stays
    try:
        staging = _wait_until_writing(project, build.pid)
        mkdocs = _children(build.pid)
        assert len(mkdocs) == 1
        os.kill(build.pid, signum)  # the build alone, not its process group
        build.wait(timeout=30)
        _, err = build.communicate()
        deadline = time.monotonic() + 2
        while _running(mkdocs[0]):
            assert time.monotonic() < deadline, "MkDocs outlived the build by 2 seconds"
            time.sleep(0.01)
        if signum == signal.SIGTERM:  # caught: MkDocs stopped, its folder removed
            assert build.returncode == 128 + signal.SIGTERM
            assert err.splitlines()[-2:] == ["handbook: stopped by SIGTERM", NOTHING_BUILT]
            assert not staging.exists()
        else:  # not catchable: the kernel ended MkDocs; the folder waits for the next build
            assert build.returncode == -signal.SIGKILL
            assert staging.is_dir()
        live = project / f".site-build-{sleeper.pid}"
        live.mkdir()
        (project / ".site-backup").mkdir()  # the editor's own: not a build's
        assert main(["build", "--root", str(project)]) == 0
        assert tree_digest(project / "site") == before
        assert not staging.exists()
        assert sorted(p.name for p in project.glob(".site-*")) == [".site-backup", live.name]
    finally:
        sleeper.kill()
        sleeper.wait()
        with contextlib.suppress(ProcessLookupError):  # the group: MkDocs too, if it lived on
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()
