"""Expected-output files beside their inputs, refreshed with ``pytest --update-golden``."""

from __future__ import annotations

import difflib
import itertools
from pathlib import Path


def check(expected_file: Path, actual: str, update: bool) -> None:
    if update or not expected_file.exists():
        expected_file.write_text(actual, encoding="utf-8")
        if not update:
            raise AssertionError(f"{expected_file} was missing; written, check it in")
    expected = expected_file.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {expected_file.name}"


def check_tree(expected_dir: Path, actual: dict[str, str], update: bool) -> None:
    """``actual`` (relative path -> text) against the files under ``expected_dir``: the same
    files with the same text. ``update`` rewrites the folder, removing files no longer made."""
    written = {
        p.relative_to(expected_dir).as_posix(): p
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    if update:
        for name, path in written.items():
            if name not in actual:
                path.unlink()
        for name, text in actual.items():
            target = expected_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        for folder in sorted(expected_dir.rglob("*"), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return
    missing = sorted(set(actual) - set(written))
    stale = sorted(set(written) - set(actual))
    assert (missing, stale) == ([], []), (
        f"{expected_dir}: not expected {missing}, no longer made {stale}; "
        "refresh with --update-golden"
    )
    changed = [n for n in sorted(actual) if written[n].read_bytes() != actual[n].encode("utf-8")]
    if changed:
        first = changed[0]
        diff = difflib.unified_diff(
            written[first].read_text("utf-8").splitlines(),
            actual[first].splitlines(),
            f"expected/{first}",
            f"made/{first}",
            lineterm="",
        )
        shown = "\n".join(itertools.islice(diff, 60))
        raise AssertionError(f"{len(changed)} page(s) differ: {changed}\n{shown}")
