"""Write a synthetic handbook project of N practice records, for benchmarks.

    python bench/make_corpus.py 1000 --out /tmp/corpus-1000

DIR receives a complete project that ``handbook validate`` and ``handbook build`` accept:
``practices/`` with the three real records plus N - 3 synthetic ones, and copies of the real
project's ``mkdocs.yml``, ``content/`` and ``overrides/`` (its pages link to the real records).

The output depends on N alone: every record draws from its own seeded generator, nothing reads
the clock, and the same N gives byte-identical files. Record ``i`` is the same in every corpus
that holds it, so a corpus of 100 is the first part of a corpus of 1,000.

The text is obviously synthetic (sentence templates over word lists), names no real person,
and every contact has ``publish: false``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: use this checkout's generator
    sys.path.insert(0, str(ROOT))

from generator.model.criteria import criteria_set  # noqa: E402
from generator.model.vocabulary import country_name, vocabularies  # noqa: E402
from generator.translate.languages import CODES  # noqa: E402

SEED_RECORDS = ("arbeid-med-bistand", "nav-supported-employment", "p1824-drammen")
PROJECT_FILES = ("mkdocs.yml", "content", "overrides")
LANGUAGES_OPTION = re.compile(r"^(\s+)languages:.*$", re.MULTILINE)
HEADER = (
    "# yaml-language-server: $schema=../schema/practice.schema.json\n"
    "# Synthetic benchmark record written by bench/make_corpus.py; not a real practice.\n"
)
TEXT_MIN, TEXT_MAX = 3000, 6000  # characters of free text per record

COUNTRIES = (
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR",
    "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE",
    "SI", "SK",
)  # fmt: skip
SYLLABLES = (
    "ar", "bel", "dor", "en", "fal", "gran", "hav", "is", "kel", "lun", "mar", "nor", "os",
    "pel", "ros", "sal", "tor", "ul", "var", "wen", "stad", "berg", "dal", "holm", "vik",
    "burg", "feld", "mont", "vale", "ford",
)  # fmt: skip
ACTORS = (
    "The job coach", "The youth team", "Each counsellor", "The municipality",
    "Local employers", "The coordination group", "The employment specialist",
    "The regional office", "The project team", "Participants", "The school counsellor",
    "The social services", "The mentor at the workplace", "The career guidance centre",
)  # fmt: skip
PLURAL_ACTORS = ("Local employers", "Participants", "The social services")
VERBS = (
    "map", "follow up", "support", "review", "agree on", "document", "plan", "discuss",
    "adapt", "monitor", "share", "prepare", "evaluate", "coordinate",
)  # fmt: skip
OBJECTS = (
    "the young person's skills and interests", "a realistic work plan",
    "placement options with local employers", "the tasks of the first weeks at work",
    "the support each participant needs", "progress towards a paid job",
    "the contacts between the services involved", "the workplace adjustments",
    "a short training module on the job", "the results of each placement",
    "the wishes of the participant", "the employer's expectations",
    "the next step after the placement", "the risks of dropping out",
)  # fmt: skip
QUALIFIERS = (
    "within the first four weeks", "before the placement starts", "in regular meetings",
    "together with the participant", "with the employer on site", "every month",
    "as long as support is needed", "in a shared written plan", "after each work trial",
    "across all local offices", "in the participant's own words", "at low extra cost",
)  # fmt: skip
FINDINGS = (
    "Reviews describe {share}% of participants as still in work or education after a year.",
    "Staff report that short lines of contact between services made the difference.",
    "Employers valued having one named person to call when problems came up.",
    "The approach was adapted when participants asked for more time at the workplace.",
    "An internal review found that waiting times fell once the team met weekly.",
    "The {place} team found that early contact with employers saved weeks of searching.",
    "Participants said that being asked about their own goals kept them motivated.",
    "Results were weaker where the follow-up ended soon after the placement.",
)  # fmt: skip
STEP_TITLES = (
    "First meeting", "Mapping skills and wishes", "Finding an employer", "Agreeing the placement",
    "Training on the job", "Follow-up at work", "Review and next steps", "Closing the case",
)  # fmt: skip
FACTOR_TITLES = (
    "One contact person", "Early employer contact", "Small caseloads", "Shared plans",
    "Trained staff", "Flexible funding", "Participant choice", "Long follow-up",
)  # fmt: skip
UNITS = ("people", "%", "employers", "counsellors", "young people", "local offices")
FIGURE_WHATS = {
    "people": "Participants reached in one year",
    "%": "Participants in work or education after twelve months",
    "employers": "Employers that offered placements",
    "counsellors": "Counsellors trained in the method",
    "young people": "Young people placed in paid work",
    "local offices": "Local offices running the practice",
}
SOURCE_KINDS = ("fiche", "evaluation", "annual-report", "review")


def place_name(rng: random.Random) -> str:
    return "".join(rng.sample(SYLLABLES, 2)).capitalize()


def sentence(rng: random.Random) -> str:
    actor, verb = rng.choice(ACTORS), rng.choice(VERBS)
    if actor not in PLURAL_ACTORS:
        word, _, rest = verb.partition(" ")
        verb = (word + ("es" if word.endswith("ss") else "s") + f" {rest}").strip()
    return f"{actor} {verb} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def finding(rng: random.Random, place: str) -> str:
    return rng.choice(FINDINGS).format(share=rng.randint(25, 85), place=place)


def paragraph(rng: random.Random, sentences: int, place: str = "") -> str:
    parts = [sentence(rng) for _ in range(sentences)]
    if place:
        parts.insert(rng.randrange(len(parts) + 1), finding(rng, place))
    return " ".join(parts)


def pick(rng: random.Random, terms: list[str], low: int, high: int) -> list[str]:
    """Between low and high distinct terms, in the vocabulary's order."""
    chosen = set(rng.sample(terms, rng.randint(low, min(high, len(terms)))))
    return [t for t in terms if t in chosen]


def record_id(index: int) -> str:
    return f"synthetic-{index:05d}"


def criteria_block(rng: random.Random, source_ids: list[str]) -> dict[str, Any]:
    block: dict[str, Any] = {}
    for criterion in criteria_set().criteria:
        ratings = ["met", "partly", "partly", "not_evidenced"]
        if criterion.allows_not_applicable:
            ratings += ["not_applicable", "not_applicable"]
        rating = rng.choice(ratings)
        entry: dict[str, Any] = {"rating": rating}
        if rating in ("met", "partly"):
            entry["evidence"] = paragraph(rng, rng.randint(1, 2))
            entry["source"] = rng.choice(source_ids)
        block[criterion.id] = entry
    return block


def text_length(data: Any) -> int:
    if isinstance(data, str):
        return len(data)
    if isinstance(data, dict):
        return sum(text_length(v) for v in data.values())
    if isinstance(data, list):
        return sum(text_length(v) for v in data)
    return 0


def make_record(index: int) -> dict[str, Any]:
    """Synthetic record number ``index`` (from 1); the same for every corpus that holds it."""
    rng = random.Random(f"inclusion-handbook-practice-{index}")
    labels = vocabularies()
    vocab = {name: list(terms) for name, terms in labels.items()}
    template = rng.choice(vocab["templates"])
    country = rng.choice(COUNTRIES)
    place = place_name(rng)
    themes = pick(rng, vocab["themes"], 2, 6)
    groups = pick(rng, vocab["target_groups"], 1, 4)
    first_theme = labels["themes"][themes[0]]
    started = rng.randint(1995, 2023)
    ended = started + rng.randint(1, 6) if rng.random() < 0.3 else None
    sources = [
        {
            "id": f"{kind}-{started + offset}",
            "citation": (
                f"Synthetic {kind.replace('-', ' ')} on {first_theme.lower()} in {place} "
                f"({started + offset}), generated for benchmarks."
            ),
            "url": f"https://example.org/{record_id(index)}/{kind}",
        }
        for offset, kind in enumerate(rng.sample(SOURCE_KINDS, rng.randint(1, 3)))
    ]
    source_ids = [s["id"] for s in sources]
    figures = []
    for unit in rng.sample(UNITS, rng.randint(2, 4)):
        value = rng.randint(10, 95) if unit == "%" else rng.randint(5, 5000)
        figure: dict[str, Any] = {"value": value}
        if unit != "%" and rng.random() < 0.2:
            figure["value_max"] = value + rng.randint(1, 500)
        elif rng.random() < 0.3:
            figure["qualifier"] = rng.choice(list(vocab["figure_qualifiers"]))
        figure |= {
            "unit": unit,
            "what": FIGURE_WHATS[unit],
            "year": rng.randint(started, 2025),
            "source": rng.choice(source_ids),
        }
        figures.append(figure)

    record: dict[str, Any] = {
        "id": record_id(index),
        "template": template,
        "title": f"{first_theme} in {place}",
        "country": country,
        "organisations": [
            {"name": f"{place} municipality", "role": paragraph(rng, 1)},
            {"name": f"Public employment service of {country_name(country)}"},
            {"name": f"{place} {rng.choice(['youth centre', 'vocational school'])}"},
        ][: rng.randint(2, 3)],
        "scope": rng.choice(vocab["scopes"]),
        "period": {"started": started}
        | ({"ended": ended} if ended else {})
        | {"note": paragraph(rng, 1)},
        "placement_phase": pick(rng, vocab["placement_phases"], 1, 3),
        "target_groups": groups,
        "target_group_text": (
            f"{labels['target_groups'][groups[0]]} in and around {place}. {paragraph(rng, 1)}"
        ),
        "themes": themes,
        "summary": f"A synthetic practice from {place}. {paragraph(rng, 2, place)}",
        "goal": paragraph(rng, 3),
    }
    if rng.random() < 0.4:
        record["age_range"] = {"min": rng.randint(15, 18), "max": rng.randint(24, 30)}
    if template == "igma3":
        record["steps"] = [
            {"title": title, "text": paragraph(rng, 2)}
            for title in STEP_TITLES[: rng.randint(3, 6)]
        ]
        record["validation"] = paragraph(rng, 2, place)
        record["impact"] = paragraph(rng, 3, place)
    else:
        record["driver"] = {"kind": rng.choice(vocab["drivers"]), "text": paragraph(rng, 2)}
        record["objectives"] = [sentence(rng) for _ in range(rng.randint(1, 3))]
        record["activities"] = [sentence(rng) for _ in range(rng.randint(3, 6))]
        record["resources"] = [sentence(rng) for _ in range(rng.randint(1, 3))]
        record["funding"] = paragraph(rng, 1)
        record["outputs"] = [finding(rng, place) for _ in range(rng.randint(1, 3))]
        record["outcomes"] = paragraph(rng, 2, place)
        record["lessons_learnt"] = [sentence(rng) for _ in range(rng.randint(1, 3))]
    record["key_figures"] = figures
    record["success_factors"] = [
        {"title": title, "text": paragraph(rng, 1)}
        for title in rng.sample(FACTOR_TITLES, rng.randint(3, 5))
    ]
    record["sustainability"] = paragraph(rng, 2)
    record["links"] = [
        {"title": f"{place} practice page", "url": f"https://example.org/{record_id(index)}"}
    ]
    record["contacts"] = [
        {
            "organisation": f"{place} municipality",
            "role": "Project coordinator",
            "url": f"https://example.org/{record_id(index)}/contact",
            "publish": False,
        }
    ]
    if index > 1 and rng.random() < 0.5:  # earlier records only: every corpus holds them
        record["related_practices"] = sorted(
            {record_id(rng.randint(1, index - 1)) for _ in range(rng.randint(1, 2))}
        )
    record["sources"] = sources
    record["criteria"] = criteria_block(rng, source_ids)
    record["last_reviewed"] = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900))

    target = rng.randint(TEXT_MIN, TEXT_MAX)
    grow = ["goal", "impact" if template == "igma3" else "outcomes", "sustainability"]
    turn = 0
    while text_length(record) < target:
        field = grow[turn % len(grow)]
        record[field] = f"{record[field]} {sentence(rng)}"
        turn += 1
    return record


def dump(record: dict[str, Any]) -> str:
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=96, indent=2)
    return HEADER + body


def set_languages(project: Path, languages: tuple[str, ...]) -> None:
    """Make the project's site English only (``()``) or English and ``languages``."""
    config = project / "mkdocs.yml"
    text, found = LANGUAGES_OPTION.subn(
        rf"\1languages: [{', '.join(languages)}]", config.read_text("utf-8")
    )
    if found != 1:
        raise ValueError(f"{config}: expected one languages option of the handbook plugin")
    config.write_text(text, encoding="utf-8")


def with_languages(project: Path, out: Path) -> Path:
    """A copy of the corpus ``project`` in ``out`` whose site has every language, with the
    handbook's shipped translations (the interface, criteria, pages and the real records'
    texts translated; the synthetic records' texts shown in English, as new records are)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project, out, copy_function=shutil.copyfile)
    shutil.copytree(ROOT / "translations", out / "translations", copy_function=shutil.copyfile)
    set_languages(out, CODES)
    return out


def write_corpus(count: int, out: Path) -> list[Path]:
    """Write a project of ``count`` records (the three real ones included) into ``out``;
    its site is English only (``with_languages`` makes the same project in every language)."""
    if count < len(SEED_RECORDS):
        raise ValueError(f"expected N of at least {len(SEED_RECORDS)}; found {count}")
    out.mkdir(parents=True, exist_ok=True)
    for name in (*PROJECT_FILES, "practices"):
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name, copy_function=shutil.copyfile)
        else:
            shutil.copyfile(source, out / name)
    set_languages(out, ())
    practices = out / "practices"
    practices.mkdir()
    written = []
    for seed in SEED_RECORDS:
        shutil.copyfile(ROOT / "practices" / f"{seed}.yaml", practices / f"{seed}.yaml")
        written.append(practices / f"{seed}.yaml")
    for index in range(1, count - len(SEED_RECORDS) + 1):
        path = practices / f"{record_id(index)}.yaml"
        path.write_text(dump(make_record(index)), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="number of records (at least 3)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="project folder")
    args = parser.parse_args(argv)
    try:
        written = write_corpus(args.count, args.out)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"make_corpus: wrote {len(written)} records to {args.out / 'practices'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
