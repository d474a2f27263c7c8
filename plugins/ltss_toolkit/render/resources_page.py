"""The Resources pages: every resource once, grouped by publisher, with backlinks; and the index by topic.

The index is a page of its own: it lists every resource again, and on the Resources page it made the site's
longest page a third longer for a phone to load and lay out."""

from __future__ import annotations

from ..structure.model import Toolkit
from ..structure.relations import citing_pages, resources_by_publisher, resources_by_topic
from .escape import external_link, html_text, md_text, relative
from .page import RESOURCES_BY_TOPIC_URI, RESOURCES_URI, citation
from .parts import NOT_SEARCHED


def render_resources_page(toolkit: Toolkit) -> str:
    cited_by = citing_pages(toolkit)
    out = [
        "# Resources",
        "",
        f"Every document cited on this site, {len(toolkit.resources)} in all, is described once here, grouped by"
        " publisher, with the pages that cite it. A title is linked when its address is known; otherwise it is"
        f" given as a citation. The [index by topic]({relative(RESOURCES_BY_TOPIC_URI, RESOURCES_URI)}) lists the"
        " same resources by subject.",
        "",
        "## By publisher",
        "",
    ]
    for publisher, resources in resources_by_publisher(toolkit):
        out += [f"### {md_text(publisher) if publisher else 'Publisher not given'}", ""]
        for resource in resources:
            title = (
                external_link(resource.url, resource.title)
                if resource.url
                else f"<cite>{html_text(resource.title)}</cite> (no public address is known)"
            )
            details = ", ".join(p for p in (resource.kind.replace("-", " "), str(resource.year or "")) if p)
            pages = cited_by.get(resource.id, [])
            backlinks = (
                "Cited on: " + ", ".join(f"[{md_text(p.title)}]({relative(p.uri, RESOURCES_URI)})" for p in pages)
                if pages
                else "Not cited on any page yet."
            )
            backlinks += f"\n{{ {NOT_SEARCHED} }}"  # page titles: search finds the pages themselves
            out += [
                f'<div class="ltss-resource" id="resource-{resource.id}" markdown>',
                "",
                f'{title} <span class="ltss-details">{html_text(details)}</span>',
                "",
                backlinks,
                "",
                "</div>",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def render_resources_by_topic_page(toolkit: Toolkit) -> str:
    """Each topic's resources, linked to their entries on the Resources page; left out of search, which finds
    each resource on the Resources page."""
    about = relative(RESOURCES_URI, RESOURCES_BY_TOPIC_URI)
    out = [
        "---",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Resources by topic",
        "",
        f"The documents cited on this site, by subject. Each title leads to its entry on the [Resources]({about})"
        " page, which gives its address, when known, and the pages that cite it.",
        "",
    ]
    for label, resources in resources_by_topic(toolkit):
        out += [f"## {md_text(label)}", ""]
        out += [f"- [{md_text(r.title)}]({about}#resource-{r.id}) {html_text(citation(r))}" for r in resources]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
