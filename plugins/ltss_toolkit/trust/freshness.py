"""The freshness report for editors: what is due for review, and what in the content is getting old.

The same report is a page of the site (``freshness.md``, kept out of the navigation) and the output of
``python -m ltss_toolkit freshness``. It is computed for one day: the build's (``SOURCE_DATE_EPOCH``
when set, so the page is reproducible) or the one asked for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..glossary.usage import undefined_acronyms
from ..render.escape import html_text, md_text, relative
from ..render.page import RESOURCES_URI
from ..structure.build_date import build_moment
from ..structure.dates import long_date
from ..structure.model import Page, Resource, Settings, Toolkit
from ..structure.problems import Location

FRESHNESS_URI = "freshness.md"


def report_day(settings: Settings) -> datetime.date:
    """The settings' day, else the build's (``build_moment``: SOURCE_DATE_EPOCH, else today in UTC)."""
    if settings.today is not None:
        return settings.today
    return build_moment().date()


def months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Freshness:
    day: datetime.date
    settings: Settings
    pages: list[Page]
    """Every content page, least recently reviewed first (pages without a date first of all)."""
    due: list[Page]
    """Pages reviewed before ``review_cutoff`` (or never)."""
    review_cutoff: datetime.date
    without_address: list[Resource]
    old_resources: list[Resource]
    """Resources published before ``oldest_year``, oldest first."""
    oldest_year: int
    undefined: list[tuple[Location, str]]
    """Acronyms used on a page but not in the glossary (the build refuses these; listed here for drafts)."""


def freshness(toolkit: Toolkit) -> Freshness:
    settings = toolkit.settings
    day = report_day(settings)
    cutoff = months_before(day, settings.review_every_months)
    oldest_year = day.year - settings.resource_age_years
    never = datetime.date.min
    pages = sorted(toolkit.pages.values(), key=lambda p: (p.reviewed or never, p.source))
    resources = sorted(toolkit.resources.values(), key=lambda r: r.id)
    return Freshness(
        day=day,
        settings=settings,
        pages=pages,
        due=[p for p in pages if p.reviewed is None or p.reviewed < cutoff],
        review_cutoff=cutoff,
        without_address=[r for r in resources if not r.url],
        old_resources=sorted(
            (r for r in resources if r.year is not None and r.year < oldest_year), key=lambda r: (r.year or 0, r.id)
        ),
        oldest_year=oldest_year,
        undefined=undefined_acronyms(toolkit),
    )


def _when(day: datetime.date | None) -> str:
    return day.isoformat() if day else "never"


def report_text(report: Freshness) -> str:
    """The report as plain text for a terminal, each item with the ``path:line`` to edit."""
    s = report.settings
    out = [f"Freshness report for {report.day.isoformat()}", ""]
    out.append(
        f"Pages due for review (last reviewed before {report.review_cutoff.isoformat()}, "
        f"{s.review_every_months} months ago): {len(report.due)}"
    )
    out += [f"  {p.source}:{p.line_of('reviewed')}: reviewed {_when(p.reviewed)}: {p.title}" for p in report.due]
    out += ["", f"Resources without an address: {len(report.without_address)}"]
    out += [f"  {r.where}: {r.id}: {r.title}" for r in report.without_address]
    out += [
        "",
        f"Resources published before {report.oldest_year} (over {s.resource_age_years} years old): "
        f"{len(report.old_resources)}",
    ]
    out += [f"  {r.where}: {r.id} ({r.year}): {r.title}" for r in report.old_resources]
    out += ["", f"Acronyms used but not in the glossary: {len(report.undefined)}"]
    out += [f"  {where}: {word}" for where, word in report.undefined]
    out += ["", f"Every page by review date ({len(report.pages)}):"]
    out += [f"  {_when(p.reviewed)}  updated {_when(p.updated)}  {p.source}" for p in report.pages]
    return "\n".join(out) + "\n"


def _page_link(page: Page) -> str:
    return f"[{md_text(page.title)}]({relative(page.uri, FRESHNESS_URI)})"


def _resource_link(resource: Resource) -> str:
    return f"[{md_text(resource.title)}]({relative(RESOURCES_URI, FRESHNESS_URI)}#resource-{resource.id})"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return out + [""]


def report_page(toolkit: Toolkit) -> str:
    """The Markdown of the freshness page."""
    report = freshness(toolkit)
    s = report.settings
    out = [
        "---",
        "render_macros: false",
        "search:",
        "  exclude: true",  # for editors, and only titles of pages and documents found elsewhere
        "---",
        "",
        "# Freshness report",
        "",
        f'<p class="ltss-summary">For editors: which pages are due for review and which cited documents may be'
        f" out of date, as of {html_text(long_date(report.day))}.</p>",
        "",
        "Policy changes after a source is published. A page is due for review when its `reviewed:` date is more"
        f" than {s.review_every_months} months old; a document is listed as old when it was published more than"
        f" {s.resource_age_years} years ago (both set in `mkdocs.yml`). Editors get the same report with"
        " `python -m ltss_toolkit freshness`.",
        "",
        f"## Pages due for review ({len(report.due)})",
        "",
    ]
    if report.due:
        out += _table(
            ["Last reviewed", "Page", "Source file"],
            [[_when(p.reviewed), _page_link(p), f"`{p.source}`"] for p in report.due],
        )
    else:
        out += [f"None: every page was reviewed on or after {html_text(long_date(report.review_cutoff))}.", ""]
    out += [f"## Documents without an address ({len(report.without_address)})", ""]
    out += [f"- {_resource_link(r)} (`{r.where.path}`)" for r in report.without_address] or ["None."]
    out += ["", f"## Documents published before {report.oldest_year} ({len(report.old_resources)})", ""]
    out += [f"- {r.year}: {_resource_link(r)}" for r in report.old_resources] or ["None."]
    out += ["", f"## Acronyms used but not in the glossary ({len(report.undefined)})", ""]
    out += [f"- `{html_text(word)}` at `{where}`" for where, word in report.undefined] or ["None."]
    out += ["", f"## Every page by review date ({len(report.pages)})", ""]
    out += _table(
        ["Last reviewed", "Last updated", "Page"],
        [[_when(p.reviewed), _when(p.updated), _page_link(p)] for p in report.pages],
    )
    return "\n".join(out).rstrip() + "\n"
