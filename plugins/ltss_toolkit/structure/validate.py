"""Checks across files: citations, topics and footnotes must point at things that exist."""

from __future__ import annotations

import re

from .dates import check_dates
from .macros import check_macro_switches
from .model import Page, Toolkit
from .problems import Location, Problems, did_you_mean

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
                    did_you_mean(resource_id, toolkit.resources) + "; describe new resources in a resources.yml",
                )
        for index, topic_id in enumerate(page.topics):
            if topic_id not in toolkit.topics:
                problems.add(
                    Location(page.source, page.line_of("topics", index)),
                    f"unknown topic '{topic_id}'",
                    did_you_mean(topic_id, toolkit.topics) + "; topics are defined in content/topics.yml",
                )
        _check_footnotes(page, toolkit, problems)
    for resource in toolkit.resources.values():
        for topic_id in resource.topics:
            if topic_id not in toolkit.topics:
                problems.add(
                    resource.where,
                    f"resource '{resource.id}' has unknown topic '{topic_id}'",
                    did_you_mean(topic_id, toolkit.topics) + "; topics are defined in content/topics.yml",
                )
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
                )
