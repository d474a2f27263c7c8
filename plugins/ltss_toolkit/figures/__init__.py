"""Figures: charts kept as data in ``figures/*.yml`` and placed in a page with ``{{ figure("id") }}``."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..extensions import Extension
from ..render.links import element_ids
from ..structure.macros import require_macros
from ..structure.model import Page, Toolkit
from ..structure.problems import LOOKUP, Location, Problems, did_you_mean
from .model import Figure, figure_ids, figures, read_figure
from .render import render_figure

FIGURE_CALL = re.compile(r"""\{\{-?\s*figure\(\s*(?:id\s*=\s*)?["']([^"']*)["']\s*\)\s*-?\}\}""")
"""A figure placed in a page body: ``{{ figure("hcbs-share-of-ltss-spending") }}``."""


class UnknownFigure(ValueError):
    """A page asks for a figure that does not exist (validation reports these before the build)."""


def validate_figures(toolkit: Toolkit, problems: Problems) -> None:
    """Every ``figure("id")`` in a page body must name a figure that exists."""
    known = figure_ids(toolkit)
    for page in toolkit.pages.values():
        for offset, line in enumerate(page.body.splitlines()):
            for match in FIGURE_CALL.finditer(line):
                require_macros(
                    page, Location(page.source, page.body_line + offset), f"figure '{match.group(1)}'", problems
                )
                if match.group(1) not in known:
                    problems.add(
                        Location(page.source, page.body_line + offset),
                        f"page places unknown figure '{match.group(1)}'",
                        did_you_mean(match.group(1), known) + "; figures are .yml files in a 'figures/' folder",
                        LOOKUP,
                    )


def figure_macros(toolkit: Toolkit) -> dict[str, Callable[..., str]]:
    def figure(id: str) -> str:
        found: Figure | None = figures(toolkit).get(id)
        if found is None:
            raise UnknownFigure(f"unknown figure '{id}'")
        return render_figure(found)

    return {"figure": figure}


def figure_anchors(toolkit: Toolkit, page: Page) -> list[str]:
    """The ids of the figures the page places (``figure-<id>``, and its chart's title and description)."""
    known = figures(toolkit)
    placed = [known[m.group(1)] for m in FIGURE_CALL.finditer(page.body) if m.group(1) in known]
    return [i for figure in placed for i in element_ids(render_figure(figure))]


EXTENSION = Extension(
    name="figures",
    folder_readers={"figures": read_figure},
    validate=validate_figures,
    macros=figure_macros,
    anchors=figure_anchors,
)
