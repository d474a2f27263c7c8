"""Checks across files: citations, topics and footnotes must point at things that exist."""

from __future__ import annotations

import difflib
import posixpath
import re

from .dates import check_dates
from .macros import check_macro_switches
from .model import Page, Publisher, Toolkit
from .problems import LOOKUP, Location, Problems, did_you_mean, unknown_resource_hint

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


def validate(toolkit: Toolkit, problems: Problems) -> None:
    """Record every broken link between pages, resources, topics and references."""
    for page in toolkit.pages.values():
        seen: set[str] = set()
        for index, resource_id in enumerate(page.resources):
            where = Location(page.source, page.line_of("resources", index))
            if resource_id in seen:
                problems.add(where, f"resource '{resource_id}' is cited twice", "list each resource once")
            seen.add(resource_id)
            if resource_id not in toolkit.resources:
                problems.add(
                    where,
                    f"page cites unknown resource '{resource_id}'",
                    unknown_resource_hint(resource_id, toolkit.resources, posixpath.dirname(page.source)),
                    LOOKUP,
                )
        for index, topic_id in enumerate(page.topics):
            if topic_id not in toolkit.topics:
                problems.add(
                    Location(page.source, page.line_of("topics", index)),
                    f"unknown topic '{topic_id}'",
                    did_you_mean(topic_id, toolkit.topics) + "; topics are defined in content/topics.yml",
                    LOOKUP,
                )
        _check_footnotes(page, toolkit, problems)
    for resource in toolkit.resources.values():
        for topic_id in resource.topics:
            if topic_id not in toolkit.topics:
                problems.add(
                    resource.where,
                    f"resource '{resource.id}' has unknown topic '{topic_id}'",
                    did_you_mean(topic_id, toolkit.topics) + "; topics are defined in content/topics.yml",
                    LOOKUP,
                )
    check_publishers(toolkit, problems)
    check_orders(toolkit, problems)
    numbers: dict[int, str] = {}
    for reference in sorted(toolkit.references.values(), key=lambda r: r.where):
        if reference.number in numbers:
            problems.add(
                reference.where,
                f"reference number {reference.number} is used twice",
                f"'{numbers[reference.number]}' already has it; give each reference its own number",
            )
        numbers.setdefault(reference.number, reference.id)
    check_dates(toolkit, problems)
    check_macro_switches(toolkit, problems)


def _check_footnotes(page: Page, toolkit: Toolkit, problems: Problems) -> None:
    defined_here = set(FOOTNOTE_DEF.findall(page.body))
    for offset, line in enumerate(page.body.splitlines()):
        for match in FOOTNOTE_REF.finditer(line):
            ref = match.group(1)
            if ref not in toolkit.references and ref not in defined_here:
                problems.add(
                    Location(page.source, page.body_line + offset),
                    f"footnote [^{ref}] cites an unknown reference",
                    did_you_mean(ref, toolkit.references) + "; references are listed in references.yml",
                    LOOKUP,
                )


def check_publishers(toolkit: Toolkit, problems: Problems) -> None:
    """A resource's publisher written in a new way ('Kaiser Family Fdn', 'kff') when a publisher of
    content/publishers.yml is meant: the Resources page would list it as a publisher of its own."""
    for resource in toolkit.resources.values():
        spelling = resource.publisher
        if not spelling or spelling in toolkit.publishers:
            continue
        known = _resembled(spelling, toolkit)
        if known is not None:
            forms = " or ".join(f"'{form}'" for form in (known.name, known.short) if form)
            problems.add(
                resource.where,
                f"publisher '{spelling}' is a new spelling of '{known.name}'",
                f"write {forms}, as in {known.where.path}; if it is another publisher, add it there",
            )


def _resembled(spelling: str, toolkit: Toolkit) -> Publisher | None:
    """The known publisher that ``spelling`` writes differently: the same words in other case or punctuation,
    its initials, or a near miss."""
    plain = _plain(spelling)
    by_plain = {_plain(form): publisher for form, publisher in toolkit.publishers.items()}
    if plain in by_plain:
        return by_plain[plain]
    for publisher in toolkit.publishers.values():
        if plain.replace(" ", "") == "".join(word[0] for word in _plain(publisher.name).split() if word not in _SMALL):
            return publisher
    for form, publisher in by_plain.items():
        if _same_words(plain.split(), form.split()):
            return publisher
    close = difflib.get_close_matches(plain, list(by_plain), n=1, cutoff=0.8)
    return by_plain[close[0]] if close else None


def _same_words(words: list[str], known: list[str]) -> bool:
    """The same words, some shortened ('Kaiser Family Fdn', 'Natl PACE Assn'): each word starts as the known
    one does and keeps its letters in order."""
    if len(words) != len(known) or words == known:
        return False
    for word, full in zip(words, known):
        letters = iter(full)
        if not word or word[0] != full[0] or not all(letter in letters for letter in word):
            return False
    return True


_SMALL = {"and", "of", "for", "the", "on"}


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("&", " and ")).split())


def check_orders(toolkit: Toolkit, problems: Problems) -> None:
    """Two pages (or sub-folders' landing pages) of one folder with the same ``order``: their place in the
    menu then depends on their titles, which may not be what the editor meant. A warning: it builds."""
    folders = list(toolkit.roots.values())
    while folders:
        section = folders.pop()
        folders.extend(section.sections)
        siblings = [(page.order, page) for page in section.pages]
        siblings += [(child.index.order, child.index) for child in section.sections if child.index is not None]
        first: dict[int, Page] = {}
        for order, page in sorted(siblings, key=lambda item: item[1].source):
            if order in first:
                problems.warn(
                    Location(page.source, page.line_of("order")),
                    f"'order: {order}' is also the order of {first[order].source}",
                    "give each page of a folder its own order; the menu shows them by order",
                )
            else:
                first[order] = page
