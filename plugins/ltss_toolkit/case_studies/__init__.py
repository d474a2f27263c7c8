"""Case studies: ``case-studies.yml`` rendered as a filterable table with ``{{ case_studies() }}``.

``{{ case_studies(strategy="bed-buy-back") }}`` lists one strategy's rows. The table links to each
strategy's page (``<strategy>.md`` beside the data file), so it must be placed on a page in that folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ..extensions import Extension
from ..render.links import element_ids
from ..structure.macros import require_macros
from ..structure.model import Page, Toolkit
from ..structure.problems import Location, Problems, did_you_mean
from .model import STRATEGIES_FILE, case_studies, read_case_studies, read_strategies, strategies, validate_case_studies
from .render import render_strategy_links, render_table

CASE_STUDIES_CALL = re.compile(r"""\{\{-?\s*case_studies\(\s*(?:strategy\s*=\s*["']([^"']*)["'])?\s*\)\s*-?\}\}""")


def validate(toolkit: Toolkit, problems: Problems) -> None:
    validate_case_studies(toolkit, problems)
    found = case_studies(toolkit)
    for page in toolkit.pages.values():
        for offset, line in enumerate(page.body.splitlines()):
            for match in CASE_STUDIES_CALL.finditer(line):
                where = Location(page.source, page.body_line + offset)
                require_macros(page, where, "the case studies", problems)
                if found is None:
                    problems.add(
                        where,
                        "page places case studies, but there is no case-studies.yml",
                        "add one, or remove the call",
                    )
                    continue
                if posixpath.dirname(page.uri) != posixpath.dirname(found.uri):
                    problems.add(
                        where,
                        "case studies can only be placed on a page in the folder of case-studies.yml",
                        f"move the call to a page in {posixpath.dirname(found.path)}/",
                    )
                strategy = match.group(1)
                if strategy is not None and strategy not in strategies(toolkit):
                    problems.add(where, f"unknown strategy '{strategy}'", did_you_mean(strategy, strategies(toolkit)))


def case_study_macros(toolkit: Toolkit) -> dict[str, Callable[..., str]]:
    def case_studies_macro(strategy: str | None = None) -> str:
        found = case_studies(toolkit)
        if found is None:
            raise ValueError("no case-studies.yml")
        if strategy is not None and strategy not in strategies(toolkit):
            raise ValueError(f"unknown strategy '{strategy}'")
        table = render_table(found, toolkit, strategy)
        if strategy is not None:
            return table
        used = list(dict.fromkeys(s.strategy for s in found.items))
        links = render_strategy_links(found, toolkit, used)
        return table + ("\n\n" + links if links else "")

    return {"case_studies": case_studies_macro}


def case_study_anchors(toolkit: Toolkit, page: Page) -> list[str]:
    """The ids of the case-study tables the page places: each row's ``case-study-<id>``, the table's and filters'."""
    macro = case_study_macros(toolkit)["case_studies"]
    ids: list[str] = []
    for match in CASE_STUDIES_CALL.finditer(page.body):
        try:
            ids += element_ids(macro(match.group(1)))
        except ValueError:  # no case-studies.yml, or an unknown strategy: reported by ``validate``
            continue
    return ids


EXTENSION = Extension(
    name="case_studies",
    readers={"case-studies.yml": read_case_studies, STRATEGIES_FILE: read_strategies},
    validate=validate,
    macros=case_study_macros,
    anchors=case_study_anchors,
)
