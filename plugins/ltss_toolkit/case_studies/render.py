"""Case studies as an HTML table, with a filter form that only JavaScript shows.

Without JavaScript the whole table is there to read and print, and the form stays ``hidden``;
``docs/assets/ltss.js`` unhides it and hides the rows that do not match.
"""

from __future__ import annotations

import posixpath

from ..render.escape import external_link, html_text, relative
from ..render.page import citation
from ..render.sanitize import trusted_html
from ..structure.model import Toolkit
from .model import CaseStudies, CaseStudy, strategies

NO_STATE = "Not named in the sources"
NO_STATE_VALUE = "none"
"""The filter value of rows with no state ('' means 'all')."""
STATUS = {True: "Verified", False: "Secondhand, not confirmed"}


def _source_cell(study: CaseStudy, toolkit: Toolkit) -> str:
    resource = toolkit.resources.get(study.source)
    if resource is None:
        return html_text(study.source)
    title = external_link(resource.url, resource.title) if resource.url else f"<cite>{html_text(resource.title)}</cite>"
    cite = citation(resource)
    return f"{title} {html_text(cite)}" if cite else title


def _label(toolkit: Toolkit, strategy: str) -> str:
    """A strategy's label from strategies.yml (its id while the check reports it missing)."""
    return strategies(toolkit).get(strategy, strategy)


def _row(study: CaseStudy, toolkit: Toolkit) -> str:
    state = html_text(study.state) if study.state else f'<span class="ltss-note">{NO_STATE}</span>'
    status_class = "ltss-verified" if study.verified else "ltss-unverified"
    return (
        f'<tr id="case-study-{study.id}" data-strategy="{study.strategy}"'
        f' data-state="{html_text(study.state) if study.state else NO_STATE_VALUE}">'
        f"<td>{state}</td>"
        f"<td>{html_text(_label(toolkit, study.strategy))}</td>"
        f"<td>{html_text(study.program)}</td>"
        f"<td>{html_text(study.summary)}</td>"
        f"<td>{_source_cell(study, toolkit)}</td>"
        f'<td class="{status_class}">{STATUS[study.verified]}</td>'
        "</tr>"
    )


def _filter_form(rows: list[CaseStudy], toolkit: Toolkit) -> str:
    used = sorted({s.strategy for s in rows}, key=lambda key: _label(toolkit, key).casefold())
    states = sorted({s.state for s in rows if s.state}, key=str.casefold)
    strategy_options = '<option value="">All strategies</option>' + "".join(
        f'<option value="{key}">{html_text(_label(toolkit, key))}</option>' for key in used
    )
    state_options = '<option value="">All states</option>' + "".join(
        f'<option value="{html_text(state)}">{html_text(state)}</option>' for state in states
    )
    if any(s.state is None for s in rows):
        state_options += f'<option value="{NO_STATE_VALUE}">{NO_STATE}</option>'
    return trusted_html(
        '<form class="ltss-filter" data-ltss-filter="case-studies-table" hidden>'
        '<label for="case-studies-strategy">Strategy</label> '
        f'<select id="case-studies-strategy" name="strategy" data-column="strategy">{strategy_options}</select> '
        '<label for="case-studies-state">State</label> '
        f'<select id="case-studies-state" name="state" data-column="state">{state_options}</select> '
        f'<output class="ltss-filter-count" aria-live="polite">Showing all {len(rows)} case studies.</output>'
        "</form>"
    )


def render_table(found: CaseStudies, toolkit: Toolkit, strategy: str | None = None) -> str:
    """The case-study table; all of them with a filter, or one strategy's rows without one."""
    rows = [s for s in found.items if strategy is None or s.strategy == strategy]
    if not rows:
        return '<p class="ltss-note">No case studies are listed for this strategy yet.</p>'
    table_id = "case-studies-table" if strategy is None else f"case-studies-{strategy}"
    out = [_filter_form(rows, toolkit)] if strategy is None else []
    caption = "State case studies" if strategy is None else f"Case studies: {_label(toolkit, strategy)}"
    out.append(
        # A region readers can scroll from the keyboard, as every wide table (render/tables.py).
        f'<div class="ltss-table-region" role="region" tabindex="0" aria-label="Table: {html_text(caption)}">'
        f'<table class="ltss-case-studies" id="{table_id}"><caption>{html_text(caption)}</caption>'
        '<thead><tr><th scope="col">State</th><th scope="col">Strategy</th><th scope="col">Program</th>'
        '<th scope="col">What it did</th><th scope="col">Source</th><th scope="col">Checked</th></tr></thead>'
        "<tbody>" + "".join(_row(s, toolkit) for s in rows) + "</tbody></table></div>"
    )
    return "\n".join(out)


def render_strategy_links(found: CaseStudies, toolkit: Toolkit, used: list[str]) -> str:
    """Markdown links to the strategies' own pages (``<strategy>.md`` beside the data file), when they exist."""
    uris = {page.uri for page in toolkit.pages.values()}
    here = posixpath.join(posixpath.dirname(found.uri), "index.md")
    links = [
        f"[{_label(toolkit, key)}]({relative(found.strategy_page_uri(key), here)})"
        for key in used
        if found.strategy_page_uri(key) in uris
    ]
    return ("Pages on each strategy: " + ", ".join(links) + ".") if links else ""
