"""Where a command may write: never over, into or around the project's inputs.

A site folder, an export or a cartridge folder that is, holds or lies inside an input folder
(the project folder itself, records, pages, theme overrides, translations, the folders
mkdocs.yml names, the handbook's own code and data) would replace or mix with the editor's
files; it is refused before anything is written. Paths are compared with their links
followed, so a link to ``practices/`` is refused like ``practices/`` itself.
"""

from __future__ import annotations

from pathlib import Path

from generator.load.project import InputFolder, Project


def refused_folder(project: Project, folder: Path, option: str, example: str) -> str | None:
    """Why ``folder`` may not take a command's output, or None; ``option`` names it."""
    target, root = folder.resolve(), project.root.resolve()
    for inputs in project.input_folders():
        if target == inputs.path:
            why = f"is {_named(inputs, project)}"
        elif target in inputs.path.parents:
            why = f"holds {_named(inputs, project)}"
        elif inputs.path in target.parents and inputs.path != root:  # site/ is fine
            why = f"lies inside {_named(inputs, project)}"
        else:
            continue
        return _message(option, folder, why, f"a folder of its own, such as {example}")
    return None


def refused_file(project: Project, file: Path, option: str, example: str) -> str | None:
    """Why ``file`` may not be written by a command, or None; ``option`` names it."""
    target, root = file.resolve(), project.root.resolve()
    expected = f"a file apart from the project's inputs, such as {example}"
    if target.is_dir():
        return _message(option, file, "is a folder", expected)
    if target == project.mkdocs_yml.resolve():
        return _message(option, file, "is the project's mkdocs.yml", expected)
    for inputs in project.input_folders():
        if inputs.path in target.parents and inputs.path != root:
            return _message(option, file, f"lies inside {_named(inputs, project)}", expected)
    return None


def _named(inputs: InputFolder, project: Project) -> str:
    root = project.root.resolve()
    if inputs.path == root:
        return f"{inputs.what} ({root})"
    if root in inputs.path.parents:
        return f"{inputs.what} ({inputs.path.relative_to(root).as_posix()}/)"
    return f"{inputs.what} ({inputs.path})"


def _message(option: str, given: Path, why: str, expected: str) -> str:
    return (
        f"{option} {given}: {why}; the output would replace or mix with the files there; "
        f"expected {expected}; nothing was written"
    )
