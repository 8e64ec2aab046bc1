"""Personal data: what of a contact may be published, and where free text holds some.

A contact's name, e-mail, phone and postal address are personal data, and so is a ``mailto:``
url (an e-mail address): they reach the outputs only with ``publish: true``. The catalog
holds the public view of each record (``public``), so that no output (page, search index,
data script, export, cartridge, PDF) can show more than that.

Free text is published as the editor wrote it: the handbook cannot tell a switchboard number
or an author's name from a private person's. ``validate`` (and so ``build``) warns, with the
field's position, where free text holds an e-mail address, a phone number, or the name or
phone of a contact who is not published, so that the editor sees it before the site does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import phonenumbers

from generator.model.practice import Contact, Practice
from generator.problems import FieldPath, shown
from generator.validate.documents import text_values

# A contact's own fields: governed by its publish flag, so not free text.
CONTACT_FIELDS = ("name", "email", "phone", "address", "url")

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# A run of digits that could be a phone number; only these are given to the phone parser.
_DIGITS = re.compile(r"(?:\+|\b)\d[\d \u00a0().\-/]{5,}\d\b")
_MIN_PHONE_DIGITS = 7  # the shortest national numbers, with their area code
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LOCAL_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_YEAR = re.compile(r"(?:19|20)\d\d")  # "2007/2008" is two years, not a phone number


def is_mailto(url: str | None) -> bool:
    return url is not None and url.lower().startswith("mailto:")


def public(practice: Practice) -> Practice:
    """The record as it may be published: unpublished contacts keep only what is not personal."""
    if all(contact.publish for contact in practice.contacts):
        return practice
    contacts = [
        contact
        if contact.publish
        else contact.model_copy(
            update={
                "name": None,
                "email": None,
                "phone": None,
                "address": None,
                "url": None if is_mailto(contact.url) else contact.url,
            }
        )
        for contact in practice.contacts
    ]
    return practice.model_copy(update={"contacts": contacts})


def personal_details(contact: Contact) -> list[str]:
    """What of ``contact`` is about a person: its name, e-mail (a mailto: url too), phone."""
    details = [contact.name, contact.email, contact.phone]
    if is_mailto(contact.url):
        details.append((contact.url or "").removeprefix("mailto:").split("?")[0])
    return [d for d in details if d]


@dataclass(frozen=True)
class Unpublished:
    """The names and phones of the contacts that are not published, to look for in text."""

    names: dict[str, str] = field(default_factory=dict)  # folded words -> the name as written
    phones: set[str] = field(default_factory=set)  # their digits

    @classmethod
    def of(cls, practices: Iterable[Practice]) -> Unpublished:
        names: dict[str, str] = {}
        phones: set[str] = set()
        for practice in practices:
            for contact in practice.contacts:
                if contact.publish:
                    continue
                if contact.name and _words(contact.name):
                    names[" ".join(_words(contact.name))] = contact.name
                digits = re.sub(r"\D", "", contact.phone or "")
                if len(digits) >= _MIN_PHONE_DIGITS:
                    phones.add(digits)
        return cls(names, phones)

    def names_in(self, text: str) -> Iterator[str]:
        if not self.names:
            return
        lowered = text.casefold()
        maybe = [w for w in self.names if w.partition(" ")[0] in lowered]  # cheap test first
        if maybe:
            folded = f" {' '.join(_words(text))} "
            yield from (self.names[w] for w in maybe if f" {w} " in folded)

    def holds_phone(self, digits: str) -> bool:
        """Whether a run of digits holds an unpublished phone (or its national part)."""
        return any(
            known in digits or (len(digits) >= 8 and known.endswith(digits))
            for known in self.phones
        )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _digit_runs(text: str) -> Iterator[tuple[str, str]]:
    """(run as typed, its digits) for each run of digits that could be a phone number."""
    if not any(digit in text for digit in "0123456789"):
        return
    for run in _DIGITS.finditer(text):
        groups = re.findall(r"\d+", run.group(0))
        if (
            sum(map(len, groups)) >= _MIN_PHONE_DIGITS
            and not all(map(_YEAR.fullmatch, groups))
            and not _is_date(run.group(0).strip())
        ):
            yield run.group(0), "".join(groups)


def _is_date(run: str) -> bool:
    """A calendar date as typed: 2024-09-15 (as YAML dates are), 15.09.2024 or 15/09/2024."""
    iso = _ISO_DATE.fullmatch(run)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif local := _LOCAL_DATE.fullmatch(run):
        day, month, year = (int(g) for g in local.groups())
    else:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _is_phone(run: str, regions: Iterable[str | None]) -> bool:
    return any(
        next(iter(phonenumbers.PhoneNumberMatcher(run, region, phonenumbers.Leniency.VALID)), None)
        for region in regions
    )


def phone_numbers(text: str, regions: Iterable[str | None]) -> Iterator[str]:
    """Phone numbers in ``text``, as typed: international ones, and national ones of
    ``regions`` (ISO country codes). Years, ranges and counts are not phone numbers."""
    regions = list(dict.fromkeys([None, *regions]))
    return (run for run, _ in _digit_runs(text) if _is_phone(run, regions))


def personal_data_in_text(
    data: object,
    regions: Iterable[str | None],
    unpublished: Unpublished,
    path: FieldPath = (),
) -> Iterator[tuple[FieldPath, str]]:
    """(field, message) for each piece of personal data in the free text of ``data``."""
    regions = list(dict.fromkeys([None, *regions]))
    for at, text in text_values(data, path):
        if _is_contact_field(at):
            continue
        findings: dict[str, str] = {}  # the value as a key compares it, -> what it is
        if "@" in text:
            findings |= {e.casefold(): f"e-mail address {shown(e)}" for e in _EMAIL.findall(text)}
        if at[-1:] != ("url",):  # digits in a web address are not a phone number
            for run, digits in _digit_runs(text):
                if unpublished.holds_phone(digits) or _is_phone(run, regions):
                    findings.setdefault(digits, f"phone number {shown(run)}")
        for name in unpublished.names_in(text):
            findings[name.casefold()] = f"name of the unpublished contact {shown(name)}"
        for what in findings.values():
            yield (
                at,
                f"{what} in free text is published as written; expected personal details "
                "only in contacts, which publish them with publish: true",
            )


def _is_contact_field(path: FieldPath) -> bool:
    return len(path) == 3 and path[0] == "contacts" and path[2] in CONTACT_FIELDS
