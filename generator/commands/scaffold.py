"""``handbook new practice``: a commented skeleton record that validates once filled in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from generator.addresses import id_problem
from generator.model.criteria import criteria_set
from generator.model.vocabulary import vocabularies

TEMPLATES = ("igma3", "pes-fiche")


class ScaffoldError(Exception):
    """The skeleton cannot be written (bad id, file exists): a usage error."""


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates/scaffold"),
        autoescape=False,  # YAML output, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render_skeleton(practice_id: str, template: str, today: dt.date) -> str:
    env = _environment()
    vocab = vocabularies()
    criteria_block = env.get_template("_criteria.yaml.j2").render(
        criteria=criteria_set().criteria, source_id="main-source"
    )
    return env.get_template(f"{template}.yaml.j2").render(
        id=practice_id,
        today=today.isoformat(),
        source_id="main-source",
        criteria_block=criteria_block.rstrip("\n"),
        scopes=", ".join(vocab["scopes"]),
        phases=", ".join(vocab["placement_phases"]),
        target_groups=", ".join(list(vocab["target_groups"])[:4]) + " ...",
        themes=", ".join(list(vocab["themes"])[:3]) + " ...",
    )


def write_skeleton(practices_dir: Path, practice_id: str, template: str, today: dt.date) -> Path:
    if (wrong := id_problem("practice", practice_id)) is not None:
        raise ScaffoldError(f"id: {wrong}")
    if template not in TEMPLATES:
        raise ScaffoldError(f"template {template!r}: expected one of {', '.join(TEMPLATES)}")
    path = practices_dir / f"{practice_id}.yaml"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; expected a new id")
    practices_dir.mkdir(parents=True, exist_ok=True)
    text = render_skeleton(practice_id, template, today)
    with path.open("x", encoding="utf-8") as new:  # "x": never through a link, never over a file
        new.write(text)
    return path
