"""A content page as Markdown: title, summary, body, questions, related resources, see also."""

from __future__ import annotations

from ..structure.model import Page, Reference, Resource, Toolkit
from ..structure.relations import see_also
from ..structure.validate import FOOTNOTE_REF
from .downloads import download_placeholder
from .escape import external_link, html_text, md_text, relative
from .page_dates import changes_section, page_dates
from .parts import part_heading

RESOURCES_URI = "resources.md"
RESOURCES_BY_TOPIC_URI = "resources-by-topic.md"


def citation(resource: Resource) -> str:
    """``(Publisher, Year)`` with what is known; empty when neither is given."""
    parts = [p for p in (resource.publisher, str(resource.year) if resource.year else None) if p]
    return f"({', '.join(parts)})" if parts else ""


def resource_item(resource: Resource, from_uri: str) -> str:
    """One related resource: linked when its address is known, a plain citation otherwise."""
    title = (
        external_link(resource.url, resource.title)
        if resource.url
        else f'<cite class="ltss-unlinked">{html_text(resource.title)}</cite>'
    )
    extra = "" if resource.url else ' <span class="ltss-note">No public address is known.</span>'
    anchor = relative(RESOURCES_URI, from_uri) + f"#resource-{resource.id}"
    cite = html_text(citation(resource))
    return f"- {title} {cite}{extra} [About this resource]({anchor}){{ .ltss-about }}".replace("  ", " ")


def footnote_definition(reference: Reference) -> str:
    text = html_text(reference.text)
    if reference.url:
        text += " Available at " + external_link(reference.url, reference.url) + "."
    return f"[^{reference.id}]: {text}"


def render_page(page: Page, toolkit: Toolkit, body: str, download: str | None = None) -> str:
    """The full Markdown of a content page, around a body that macros have already rendered; ``download`` is
    the id of the PDF whose link the page carries (filled in after the PDFs are built)."""
    out = [f"# {md_text(page.title)}", "", f'<p class="ltss-summary">{html_text(page.summary)}</p>', ""]
    dates = page_dates(page)
    if dates:
        out += [dates, ""]
    if download:
        out += [download_placeholder(download), ""]
    out += [body.strip(), ""]
    if page.questions:
        out += [part_heading("Questions to consider"), ""]
        out += [f"- {md_text(q)}" for q in page.questions] + [""]
    out += [part_heading("Related resources", searched=False), ""]
    cited = [toolkit.resources[r] for r in page.resources if r in toolkit.resources]
    if cited:
        out += [resource_item(resource, page.uri) for resource in cited]
    else:
        out += [
            f"This page cites no documents. The [Resources]({relative(RESOURCES_URI, page.uri)}) page lists them all."
        ]
    out.append("")
    related = see_also(page, toolkit)
    if related:
        out += [part_heading("See also", searched=False), ""]
        out += [f"- [{md_text(o.title)}]({relative(o.uri, page.uri)}): {md_text(o.summary)}" for o in related]
        out.append("")
    out += changes_section(page)
    used = [ref for ref in dict.fromkeys(FOOTNOTE_REF.findall(body)) if ref in toolkit.references]
    out += [footnote_definition(toolkit.references[ref]) for ref in used]
    return "\n".join(out).rstrip() + "\n"
