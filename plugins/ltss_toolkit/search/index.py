"""The search index Material's plugin wrote (``search/search_index.json``), given two fields of our own.

Every entry (a page's top, or one of its sections under its heading) gets ``keys``: the other forms of the
glossary terms its text uses (``terms.synonyms``: 'NEMT' for 'non-emergency medical transportation' and the
reverse) and its hyphenated compounds closed up (``terms.closed_forms``). A content page's top entry, whose text
is the page's summary and which the results show under its title, also gets its summary in ``keys`` (weighted
well above body text, below titles and headings: Material's ``title`` field holds each section's heading), and
``cites``: the title and publisher of each resource it cites, so a search for a document leads to the pages that
cite it. The glossary page gets no ``keys``: it defines every term, and the page that explains a term should
come first. Neither field is shown: Material's result template shows a document's title and text only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..glossary.model import Glossary, glossary
from ..structure.model import Page, Toolkit
from .terms import closed_forms, plain_text, synonyms

FIELDS = {"summary": {"boost": 10.0}, "keys": {"boost": 1.0}, "cites": {"boost": 4.0}}
"""Our fields and their weights, beside Material's ``title`` and ``text`` (``TITLE_BOOST``, 1). Other forms of
the words of a text weigh what the text does."""
TITLE_BOOST = 10.0
"""Titles and headings weigh ten times body text (Material's default, 1000, let one common word in a heading
outweigh everything else a page says: 'Program Operations Manual System' found 'No Wrong Door System' first)."""
INDEX_PATH = "search/search_index.json"

_EMPTY = re.compile(r"<(p|li|ul|ol)>\s*</\1>")


def entry_keys(text: str, found: Glossary | None, given: set[str]) -> list[str]:
    """The other forms for one entry: its closed-up compounds, and the glossary's forms its page has not been
    given yet (``given``, updated), so a term all of a page's sections use ('CMS') is spelled out once a page."""
    other = [form for form in (synonyms(text, found) if found is not None else []) if form not in given]
    given.update(other)
    return [*other, *closed_forms(text)]


def page_citations(page: Page, toolkit: Toolkit) -> str:
    cited = (toolkit.resources[r] for r in page.resources if r in toolkit.resources)
    return " ".join(" ".join(filter(None, (r.title, r.publisher))) for r in cited)


def shape_index(
    index: dict[str, Any],
    pages_by_url: Mapping[str, Page],
    toolkit: Toolkit,
    found: Glossary | None,
    unkeyed: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """``index`` (Material's ``{"config", "docs"}``) with our fields configured and filled in, and the empty
    paragraphs placeholders leave removed from every entry's text; ``unkeyed``: addresses of pages given no keys."""
    config = dict(index["config"])
    config["fields"] = {**config.get("fields", {}), "title": {"boost": TITLE_BOOST}, **FIELDS}
    docs = []
    given: dict[str, set[str]] = {}
    for doc in index["docs"]:
        doc = {**doc, "text": _EMPTY.sub("", doc.get("text", "")).strip()}
        address = doc["location"].split("#")[0]
        page = pages_by_url.get(doc["location"])
        text = plain_text(f"{doc['title']} {doc['text']}")
        keys = entry_keys(text, found, given.setdefault(address, set())) if address not in unkeyed else []
        if keys:
            doc["keys"] = " ".join(keys)
        if page is not None:
            doc["summary"] = page.summary
        citations = page_citations(page, toolkit) if page is not None else ""
        if citations:
            doc["cites"] = citations
        docs.append(doc)
    return {**index, "config": config, "docs": docs}


def reshape_index_file(
    site_dir: Path, pages_by_url: Mapping[str, Page], toolkit: Toolkit, unkeyed: frozenset[str] = frozenset()
) -> bool:
    """Rewrite the index Material's plugin wrote in ``site_dir`` (compact, as it writes it); False when there is
    none (search is off)."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    shaped = shape_index(index, pages_by_url, toolkit, glossary(toolkit), unkeyed)
    path.write_text(json.dumps(shaped, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return True
