"""Open data: each export of the shipped content validated against its published schema, parsed back
with a real parser (csv, bibtexparser, citeproc-py) and compared with the model."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import PROJECT, write_tree
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.model import Flow
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.open_data import data_files
from ltss_toolkit.open_data.bibtex import resources_bib
from ltss_toolkit.structure.site_paths import page_url
from ltss_toolkit.structure.relations import citing_pages

TOOLKIT, PROBLEMS = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
FILES = data_files(TOOLKIT)


def published_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(FILES[f"data/schemas/{name}"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validate(instance: Any, schema_name: str) -> None:
    validator = jsonschema.Draft202012Validator(
        published_schema(schema_name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]
    assert errors == []


def test_shipped_content_loads() -> None:
    assert not PROBLEMS
    assert len(TOOLKIT.resources) > 50


def test_resources_json_matches_schema_and_model() -> None:
    data = json.loads(FILES["data/resources.json"])
    validate(data, "resources.schema.json")
    cited_by = citing_pages(TOOLKIT)
    assert [r["id"] for r in data["resources"]] == sorted(TOOLKIT.resources)
    for record in data["resources"]:
        resource = TOOLKIT.resources[record["id"]]
        assert (record["title"], record["publisher"], record["year"], record["url"], record["kind"]) == (
            resource.title, resource.publisher, resource.year, resource.url, resource.kind
        )
        assert [t["id"] for t in record["topics"]] == list(resource.topics)
        assert [(p["id"], p["path"]) for p in record["cited_by"]] == [
            (page.id, page_url(page.uri, True)) for page in cited_by.get(resource.id, [])
        ]
    assert any(record["url"] is None for record in data["resources"])  # unknown addresses stay null


def test_resources_csv_matches_schema_and_model() -> None:
    text = FILES["data/resources.csv"]
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == sorted(TOOLKIT.resources)
    cited_by = citing_pages(TOOLKIT)
    for row in rows:
        validate(row, "resources-csv-row.schema.json")
        resource = TOOLKIT.resources[row["id"]]
        assert row["title"] == resource.title
        assert (row["publisher"] or None) == resource.publisher
        assert (int(row["year"]) if row["year"] else None) == resource.year
        assert (row["url"] or None) == resource.url
        assert row["topics"].split(";") if row["topics"] else [] == list(resource.topics)
        assert (row["cited_by"].split(";") if row["cited_by"] else []) == [p.id for p in cited_by.get(resource.id, [])]


def parse_bib(text: str, decode: bool = True) -> dict[str, Any]:
    """Entries by key; text fields decoded from LaTeX unless ``decode`` is false (url fields are verbatim)."""
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert library.failed_blocks == []
    return {entry.key: entry for entry in library.entries}


def unbrace(value: str) -> str:
    return value[1:-1] if value.startswith("{") and value.endswith("}") else value


def test_bibtex_parses_back_to_the_model() -> None:
    entries = parse_bib(FILES["data/resources.bib"])
    verbatim = parse_bib(FILES["data/resources.bib"], decode=False)
    assert sorted(entries) == sorted(TOOLKIT.resources)
    for key, entry in entries.items():
        resource = TOOLKIT.resources[key]
        fields = entry.fields_dict
        assert unbrace(fields["title"].value) == resource.title
        assert ("year" in fields and int(fields["year"].value)) == (resource.year or False)
        url = verbatim[key].fields_dict.get("url")
        assert (url.value if url else None) == resource.url
        if resource.publisher:
            assert unbrace(fields["author"].value) == resource.publisher
        expected_type = {"report": "techreport", "guide": "manual", "webpage": "misc"}.get(resource.kind)
        if expected_type:
            assert entry.entry_type == expected_type


def test_bibtex_escapes_latex_specials(tmp_path: Path) -> None:
    title = "Costs & savings: 50% of $1 #2 {braced} under_score ~tilde^ back\\slash"
    write_tree(tmp_path, {
        "content/topics.yml": "- id: t\n  label: T\n",
        "content/pathways/index.md": "---\nid: p\nreviewed: 2026-01-15\ntitle: P\nsummary: S.\norder: 0\n---\nB.\n",
        "content/pathways/resources.yml": (
            f"- id: odd\n  title: {json.dumps(title)}\n  publisher: \"A & B Institute\"\n  year: 2020\n"
            "  url: https://example.org/a?b=1&c=%20\n  kind: report\n"
        ),
    })
    toolkit, problems = load_toolkit(tmp_path / "content", tmp_path, default_extensions())
    assert not problems
    bib = resources_bib(toolkit)
    fields = parse_bib(bib)["odd"].fields_dict
    # pylatexenc reads LaTeX's \textasciicircum{} (a printed '^') as U+02C6, the modifier letter.
    assert unbrace(fields["title"].value).replace("\u02c6", "^") == title
    assert unbrace(fields["author"].value) == "A & B Institute"
    assert parse_bib(bib, decode=False)["odd"].fields_dict["url"].value == "https://example.org/a?b=1&c=%20"


def test_csl_json_matches_schema_and_is_processed_by_citeproc() -> None:
    items = json.loads(FILES["data/resources.csl.json"])
    validate(items, "resources.csl.schema.json")
    assert [item["id"] for item in items] == sorted(TOOLKIT.resources)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    for item in items:
        resource = TOOLKIT.resources[item["id"]]
        assert item["title"] == resource.title
        assert item.get("URL") == resource.url
        assert item.get("issued", {}).get("date-parts", [[None]])[0][0] == resource.year
    aspe = next(text for text in rendered if "Effect of PACE on Costs" in text)
    assert "2015" in aspe and "Assistant Secretary for Planning and Evaluation" in aspe


def test_flow_json_matches_schema_and_model() -> None:
    data = json.loads(FILES["data/flow.json"])
    validate(data, "flow.schema.json")
    flow = TOOLKIT.data.get(Flow)
    assert isinstance(flow, Flow)
    assert data["start"] == flow.start.id if flow.start else None
    assert [node["id"] for node in data["nodes"]] == list(flow.nodes)
    for record in data["nodes"]:
        node = flow.nodes[record["id"]]
        assert (record["kind"], record["stage"], record["title"]) == (node.kind, node.stage or None, node.title)
        assert record["journey"] == node.journey and record["first_step"] == (node.first_step or None)
        assert [(a["id"], a["next"], a["way_out"], a["said"]) for a in record["answers"]] == [
            (a.id, a.next, a.way_out, a.said or None) for a in node.answers
        ]
        # A section recommended ('page-id#heading-id') names its page in 'recommends' and itself in 'sections'.
        assert record["recommends"] == list(dict.fromkeys(ref.partition("#")[0] for ref in node.recommends))
        assert record["sections"] == [ref for ref in node.recommends if "#" in ref]
        assert record["sources"] == list(node.sources)
        assert [(d["label"], d["text"]) for d in record["details"]] == list(node.details)
        for page_id in record["about"] + record["recommends"]:
            assert data["pages"][page_id]["title"] == TOOLKIT.pages[page_id].title
    outcomes = [n for n in data["nodes"] if n["kind"] == "outcome"]
    assert outcomes and all(n["recommends"] and not n["answers"] for n in outcomes)
    # Both journeys in one schema, each node in one of them.
    journeys = {journey["id"] for journey in data["journeys"]}
    assert {"rebalancing", "integrated-care"} <= journeys
    assert {n["journey"] for n in data["nodes"]} == journeys


def test_every_file_is_reproducible() -> None:
    toolkit, _ = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    assert data_files(toolkit) == FILES


def test_published_site_and_offline_zip_carry_the_data(built_site: Path) -> None:
    names = ["resources.json", "resources.csv", "resources.bib", "resources.csl.json", "flow.json"]
    for name in names:
        assert (built_site / "data" / name).read_bytes().decode("utf-8") == FILES[f"data/{name}"]
    resources_page = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="../data/{name}"' in resources_page for name in names[:4])
    assert 'href="../../data/flow.json"' in (built_site / "start-here" / "map" / "index.html").read_text(encoding="utf-8")
    assert (built_site / "open-data" / "index.html").is_file()
    with zipfile.ZipFile(built_site / "downloads" / "ltss-toolkit-offline.zip") as bundle:
        listed = set(bundle.namelist())
    for name in [*names, "schemas/flow.schema.json"]:
        assert f"ltss-toolkit-offline/data/{name}" in listed
    assert "ltss-toolkit-offline/feed.xml" in listed
