"""The resource list and the Start Here flow as data files, generated from the model.

Shapes are stable and documented on the researchers' page (``page.py``) and in the JSON Schemas
(``schemas.py``): fields are only ever added within one ``format_version``. Page addresses are given as
``path`` relative to the site root, in the published site's form (``pathways/x/``), whatever kind of
build made the file; ``site_url`` at the top gives the site's address when it has one.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..flow.model import Flow
from ..structure.memo import remembered
from ..structure.model import Page, Resource, Settings, Toolkit
from ..structure.relations import citing_pages
from ..structure.site_paths import page_url

FORMAT_VERSION = 1
DATA_DIR = "data"
SCHEMA_DIR = f"{DATA_DIR}/schemas"
CSV_COLUMNS = ("id", "title", "publisher", "year", "url", "kind", "topics", "cited_by")
"""Lists (``topics``, ``cited_by``) are ids joined with ``;``; unknown values are empty cells."""

CSL_TYPES = {
    "article": "article",
    "brief": "report",
    "data": "dataset",
    "fact-sheet": "report",
    "guide": "report",
    "letter": "report",
    "manual": "report",
    "regulation": "legislation",
    "report": "report",
    "toolkit": "report",
    "webinar": "speech",
    "webpage": "webpage",
}
"""Our resource kinds as CSL item types; the kind itself is kept as the item's ``genre``."""


def _page_ref(page: Page, settings: Settings) -> dict[str, str]:
    return {"id": page.id, "title": page.title, "path": page_url(page.uri, settings.directory_urls)}


def _header(toolkit: Toolkit, schema: str) -> dict[str, Any]:
    return {
        "$schema": f"schemas/{schema}",
        "format_version": FORMAT_VERSION,
        "site_name": toolkit.settings.site_name,
        "site_url": toolkit.settings.site_url or None,
    }


def sorted_resources(toolkit: Toolkit) -> list[Resource]:
    return sorted(toolkit.resources.values(), key=lambda r: r.id)


def resource_records(toolkit: Toolkit) -> list[dict[str, Any]]:
    """Every resource with the pages that cite it, by id."""
    cited_by = citing_pages(toolkit)
    return [
        {
            "id": r.id,
            "title": r.title,
            "publisher": r.publisher,
            "year": r.year,
            "url": r.url,
            "kind": r.kind,
            "topics": [{"id": t, "label": toolkit.topics[t].label} for t in r.topics if t in toolkit.topics],
            "cited_by": [_page_ref(page, toolkit.settings) for page in cited_by.get(r.id, [])],
        }
        for r in sorted_resources(toolkit)
    ]


def _dump(data: Any) -> str:
    return indented_json(json.dumps(data, ensure_ascii=False))


@remembered(maxsize=64)
def indented_json(compact: str) -> str:
    """JSON text indented by two spaces, from its compact form: ``json`` indents only in Python, about ten times
    slower than its compact C encoder, and the preview makes the same files again after every save."""
    return json.dumps(json.loads(compact), ensure_ascii=False, indent=2) + "\n"


def resources_json(toolkit: Toolkit) -> str:
    return _dump({**_header(toolkit, "resources.schema.json"), "resources": resource_records(toolkit)})


def resources_csv(toolkit: Toolkit) -> str:
    """One row per resource, ``CSV_COLUMNS`` in order; RFC 4180 (CRLF line ends), UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in resource_records(toolkit):
        writer.writerow(
            [
                record["id"],
                record["title"],
                record["publisher"] or "",
                "" if record["year"] is None else record["year"],
                record["url"] or "",
                record["kind"],
                ";".join(t["id"] for t in record["topics"]),
                ";".join(p["id"] for p in record["cited_by"]),
            ]
        )
    return out.getvalue()


def csl_items(toolkit: Toolkit) -> list[dict[str, Any]]:
    """The resources as CSL-JSON items for reference managers (Zotero, Mendeley, pandoc)."""
    items = []
    for r in sorted_resources(toolkit):
        item: dict[str, Any] = {"id": r.id, "type": CSL_TYPES.get(r.kind, "document"), "title": r.title}
        if r.publisher:
            item["publisher"] = r.publisher
            item["author"] = [{"literal": r.publisher}]
        if r.year is not None:
            item["issued"] = {"date-parts": [[r.year]]}
        if r.url:
            item["URL"] = r.url
        item["genre"] = r.kind.replace("-", " ")
        items.append(item)
    return items


def resources_csl_json(toolkit: Toolkit) -> str:
    """A bare CSL-JSON array, as reference managers expect it (no header object)."""
    return _dump(csl_items(toolkit))


def flow_record(flow: Flow, toolkit: Toolkit) -> dict[str, Any]:
    pages_used: dict[str, Page] = {}

    def refs(ids: tuple[str, ...]) -> list[str]:
        for page_id in ids:
            if page_id in toolkit.pages:
                pages_used[page_id] = toolkit.pages[page_id]
        return list(ids)

    nodes = []
    for node in flow.nodes.values():
        nodes.append(
            {
                "id": node.id,
                "kind": node.kind,
                "journey": node.journey,
                "stage": node.stage or None,
                "title": node.title,
                "text": node.text or None,
                "short": node.short or None,
                "first_step": node.first_step or None,
                "details": [{"label": label, "text": text} for label, text in node.details],
                "path": page_url(node.uri, toolkit.settings.directory_urls),
                "about": refs(node.about),
                "recommends": refs(tuple(dict.fromkeys(ref.partition("#")[0] for ref in node.recommends))),
                "sections": [ref for ref in node.recommends if "#" in ref],
                "sources": list(node.sources),
                "answers": [
                    {"id": a.id, "label": a.label, "next": a.next, "way_out": a.way_out, "said": a.said or None}
                    for a in node.answers
                ],
            }
        )
    return {
        "start": flow.start.id if flow.start else None,
        "journeys": [
            {"id": j.id, "title": j.title, "stages": [{"id": s.id, "label": s.label} for s in j.stages]}
            for j in flow.journeys.values()
        ],
        "nodes": nodes,
        "pages": {page_id: _page_ref(page, toolkit.settings) for page_id, page in sorted(pages_used.items())},
    }


def flow_json(flow: Flow, toolkit: Toolkit) -> str:
    return _dump({**_header(toolkit, "flow.schema.json"), **flow_record(flow, toolkit)})
