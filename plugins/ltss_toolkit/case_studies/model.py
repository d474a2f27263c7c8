"""Module IV case studies: one YAML list of state strategies, each with its source and whether it was checked."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..loading.fields import Field, check_id, read_record
from ..loading.readers import yaml_list
from ..structure.model import Toolkit
from ..structure.problems import LOOKUP, Location, Problems, did_you_mean, unknown_resource_hint

STRATEGIES_FILE = "strategies.yml"
"""The strategies a case study can be filed under, with the label readers see: ``content/strategies.yml``."""

STRATEGY_FIELDS = (Field("id", str), Field("label", str))

CASE_STUDY_FIELDS = (
    Field("id", str),
    Field("state", str, nullable=True, hint="name the state, or 'state: null' when the source names none"),
    Field("strategy", str, hint="one of the ids in content/strategies.yml"),
    Field("program", str),
    Field("summary", str, hint="say in a sentence or two what the state did, as the source reports it"),
    Field("source", str, hint="give the id of the resource this comes from (listed in a resources.yml)"),
    Field("verified", bool, hint="'verified: true' only when checked against the toolkit or CMS; otherwise false"),
)


@dataclass(frozen=True)
class CaseStudy:
    id: str
    state: str | None
    strategy: str
    program: str
    summary: str
    source: str
    verified: bool
    where: Location
    source_line: int


class Strategies(dict[str, str]):
    """Strategy labels by id, from ``content/strategies.yml`` (kept in ``toolkit.data``)."""


def strategies(toolkit: Toolkit) -> Strategies:
    return toolkit.data.get(Strategies) or Strategies()


def read_strategies(text: str, path: str, uri: str, toolkit: Toolkit, problems: Problems) -> None:
    """Read ``strategies.yml``, which belongs at the top of ``content/`` beside ``topics.yml``."""
    if uri != STRATEGIES_FILE:
        problems.add(Location(path, 1), "strategies.yml belongs at the top of the content folder", "move it there")
        return
    found = Strategies()
    for item, line in yaml_list(text, path, "strategies", problems):
        values = read_record(item, STRATEGY_FIELDS, path, line, "strategy", problems)
        if not values or not check_id(values["id"], Location(path, line), "strategy", problems) or not values["label"]:
            continue
        if values["id"] in found:
            problems.add(Location(path, line), f"duplicate strategy id '{values['id']}'", "keep one of them")
            continue
        found[values["id"]] = values["label"]
    toolkit.data.put(found)


@dataclass
class CaseStudies:
    items: list[CaseStudy]
    uri: str
    """Docs-relative path of the file, e.g. ``modules/module-4-state-strategies/case-studies.yml``."""
    path: str
    """Path of the file from the project root, for messages."""
    named: list[tuple[str, Location]] = field(default_factory=list)
    """Every strategy the file names, with where, kept or not (``validate_case_studies`` checks them all)."""

    def strategy_page_uri(self, strategy: str) -> str:
        """Where a strategy's own page would be: ``<strategy>.md`` beside the case-studies file."""
        return posixpath.join(posixpath.dirname(self.uri), f"{strategy}.md")


def case_studies(toolkit: Toolkit) -> CaseStudies | None:
    return toolkit.data.get(CaseStudies)


def read_case_studies(text: str, path: str, uri: str, toolkit: Toolkit, problems: Problems) -> None:
    """Read ``case-studies.yml``; every problem is recorded, and good entries are kept."""
    first = case_studies(toolkit)
    if first is not None:
        problems.add(Location(path, 1), "a second case-studies.yml", f"keep every case study in {first.path}")
        return
    items: list[CaseStudy] = []
    named: list[tuple[str, Location]] = []
    seen: dict[str, int] = {}
    for item, line in yaml_list(text, path, "case studies", problems):
        values = read_record(item, CASE_STUDY_FIELDS, path, line, "case study", problems)
        if not values or not check_id(values["id"], Location(path, line), "case study", problems):
            continue
        if values["id"] in seen:
            problems.add(
                Location(path, line),
                f"duplicate case study id '{values['id']}'",
                f"first used at line {seen[values['id']]}",
            )
            continue
        seen[values["id"]] = line
        if values["strategy"]:
            named.append((values["strategy"], Location(path, item.line_of("strategy"))))
        if not all(values[name] for name in ("strategy", "program", "summary", "source")) or values["verified"] is None:
            continue
        items.append(
            CaseStudy(
                id=values["id"],
                state=values["state"],
                strategy=values["strategy"],
                program=values["program"],
                summary=values["summary"],
                source=values["source"],
                verified=values["verified"],
                where=Location(path, line),
                source_line=item.line_of("source"),
            )
        )
    toolkit.data.put(CaseStudies(items, uri, path, named))


def validate_case_studies(toolkit: Toolkit, problems: Problems) -> None:
    """Each case study's strategy must be listed in strategies.yml, its source described in a resources.yml."""
    found = case_studies(toolkit)
    if found is None:
        return
    known = strategies(toolkit)
    for strategy, where in found.named:
        if strategy not in known:
            problems.add(
                where,
                f"unknown strategy '{strategy}'",
                did_you_mean(strategy, known) + f"; strategies are listed in content/{STRATEGIES_FILE}",
            )
    for study in found.items:
        if study.source not in toolkit.resources:
            problems.add(
                Location(study.where.path, study.source_line),
                f"case study cites unknown resource '{study.source}'",
                unknown_resource_hint(study.source, toolkit.resources, posixpath.dirname(study.where.path)),
                LOOKUP,
            )
