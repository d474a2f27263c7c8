"""Module IV case studies: one YAML list of state strategies, each with its source and whether it was checked."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..loading.fields import Field, check_id, read_record
from ..loading.readers import yaml_list
from ..structure.model import Toolkit
from ..structure.problems import Location, Problems, did_you_mean

STRATEGIES: dict[str, str] = {
    "new-eligibility-groups": "New eligibility groups",
    "bed-buy-back": "Nursing facility bed buy-back",
    "repurposing-facilities": "Repurposing long-term care facilities",
    "direct-service-worker-business-models": "New business models for direct service workers",
    "hcbs-rates": "HCBS payment rates",
}
"""The strategies a case study can be filed under, with the label readers see. Add one here to use it."""

CASE_STUDY_FIELDS = (
    Field("id", str),
    Field("state", str, nullable=True, hint="name the state, or 'state: null' when the source names none"),
    Field("strategy", str, hint="one of: " + ", ".join(STRATEGIES)),
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


@dataclass
class CaseStudies:
    items: list[CaseStudy]
    uri: str
    """Docs-relative path of the file, e.g. ``modules/module-4-state-strategies/case-studies.yml``."""
    path: str
    """Path of the file from the project root, for messages."""

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
        strategy = values["strategy"]
        if strategy and strategy not in STRATEGIES:
            problems.add(
                Location(path, item.line_of("strategy")),
                f"unknown strategy '{strategy}'",
                did_you_mean(strategy, STRATEGIES) + "; strategies are listed in case_studies/model.py",
            )
            continue
        if not all(values[name] for name in ("strategy", "program", "summary", "source")) or values["verified"] is None:
            continue
        items.append(
            CaseStudy(
                id=values["id"],
                state=values["state"],
                strategy=strategy,
                program=values["program"],
                summary=values["summary"],
                source=values["source"],
                verified=values["verified"],
                where=Location(path, line),
                source_line=item.line_of("source"),
            )
        )
    toolkit.data.put(CaseStudies(items, uri, path))


def validate_case_studies(toolkit: Toolkit, problems: Problems) -> None:
    """Each case study's source must be a resource described in a resources.yml."""
    found = case_studies(toolkit)
    if found is None:
        return
    for study in found.items:
        if study.source not in toolkit.resources:
            problems.add(
                Location(study.where.path, study.source_line),
                f"case study cites unknown resource '{study.source}'",
                did_you_mean(study.source, toolkit.resources) + "; describe new resources in a resources.yml",
            )
