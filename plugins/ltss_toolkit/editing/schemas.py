"""JSON Schemas for the content files, generated from the engine's own field definitions.

The fields (``Field`` tuples in ``loading/readers.py`` and in each extension's reader) are the one
source of truth: the schemas add only what those modules also hold as constants (the id and address
patterns, resource kinds, case-study strategies, glossary term pattern). ``tests/test_schemas.py``
fails when the committed files in ``schemas/content/`` differ from what this module generates;
``make schemas`` rewrites them. The schemas let an editor's editor (VS Code with the YAML extension)
complete and check fields while typing; the build's own checks stay the authority (cross-file
checks such as unknown resource ids are beyond a schema).
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..case_studies.model import CASE_STUDY_FIELDS, STRATEGY_FIELDS
from ..figures.model import FIGURE_FIELDS, POINT_FIELDS
from ..flow.model import OUTCOME, QUESTION, START
from ..flow.reader import ANSWER_FIELDS, DETAIL_FIELDS, FLOW_FIELDS, NODE_FIELDS, STAGE_FIELDS
from ..glossary.model import IGNORE_FIELDS, TERM_FIELDS, TERM_PATTERN
from ..loading.fields import ID_PATTERN, URL_PATTERN, Field
from ..loading.readers import (
    AREA_FIELDS,
    CHANGE_FIELDS,
    PAGE_FIELDS,
    PUBLISHER_FIELDS,
    REFERENCE_FIELDS,
    RESOURCE_FIELDS,
    TOPIC_FIELDS,
)
from ..structure.model import RESOURCE_KINDS

DRAFT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the newest draft VS Code's YAML extension and most editors fully support."""

SCHEMA_DIR = Path("schemas") / "content"

NON_BLANK = r"\S"
"""The engine's text fields refuse empty and blank strings."""

FIELD_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "id": {"pattern": ID_PATTERN.pattern},
    "url": {"pattern": URL_PATTERN.pattern},
    "source_url": {"pattern": URL_PATTERN.pattern},
}
"""Checks the readers apply to fields of these names wherever they occur (``check_id``, ``check_url``)."""

FILE_SCHEMAS: dict[str, str] = {
    "resources.schema.json": "content/**/resources.yml",
    "references.schema.json": "content/**/references.yml",
    "topics.schema.json": "content/topics.yml",
    "publishers.schema.json": "content/publishers.yml",
    "flow.schema.json": "content/**/flow.yml",
    "glossary.schema.json": "content/glossary.yml",
    "figure.schema.json": "content/**/figures/*.yml",
    "case-studies.schema.json": "content/**/case-studies.yml",
    "strategies.schema.json": "content/strategies.yml",
    "areas.schema.json": "content/areas.yml",
}
"""Which files each schema describes, as ``.vscode/settings.json`` maps them for the YAML extension.
Front matter is checked by ``check`` only: the YAML extension does not read YAML inside Markdown."""

_TYPES = {str: "string", int: "integer", bool: "boolean", list: "array", datetime.date: "string"}

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
"""Dates are written YYYY-MM-DD; editors' tools read them as text (YAML 1.2), the engine as dates."""


def field_schema(f: Field, extra: dict[str, Any] | None = None, items: dict[str, Any] | None = None) -> dict[str, Any]:
    """One field: its JSON type, null when allowed, the hint as description, and known constraints."""
    schema: dict[str, Any] = {}
    if f.hint:
        schema["description"] = f.hint
    json_type = _TYPES.get(f.type)
    if json_type is not None:
        schema["type"] = [json_type, "null"] if f.nullable else json_type
    if f.type is str:
        schema["pattern"] = NON_BLANK
    if f.type is datetime.date:
        schema["format"] = "date"
        schema["pattern"] = DATE_PATTERN
    schema.update(FIELD_CONSTRAINTS.get(f.name, {}))
    if f.type is list:
        if items is not None:
            schema["items"] = items
        elif f.items is not None:
            schema["items"] = {"type": _TYPES[f.items]} | ({"pattern": NON_BLANK} if f.items is str else {})
    if not f.required and f.default not in (None, ()) and not isinstance(f.default, (list, tuple)):
        schema["default"] = f.default
    schema.update(extra or {})
    return schema


def record_schema(
    fields: Sequence[Field],
    extra: dict[str, dict[str, Any]] | None = None,
    items: dict[str, dict[str, Any]] | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """A record (mapping): exactly these fields, the required ones required, no others."""
    extra, items = extra or {}, items or {}
    schema: dict[str, Any] = {"type": "object"}
    if title:
        schema["title"] = title
    schema["properties"] = {f.name: field_schema(f, extra.get(f.name), items.get(f.name)) for f in fields}
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _document(title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": description} | body


def _list_of(title: str, description: str, item: dict[str, Any]) -> dict[str, Any]:
    return _document(title, description, {"type": "array", "items": item})


def _flow_node(kind: str) -> dict[str, Any]:
    items = {"answers": record_schema(ANSWER_FIELDS, title="answer")} if kind == QUESTION else {}
    if kind == OUTCOME:
        items["details"] = record_schema(DETAIL_FIELDS, title="detail")
    extra: dict[str, dict[str, Any]] = {"kind": {"const": kind}}
    if kind == OUTCOME:
        extra["recommends"] = {"minItems": 1}
    return record_schema(NODE_FIELDS[kind], extra=extra, items=items, title=f"{kind} node")


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by file name."""
    return {
        "front-matter.schema.json": _document(
            "Page front matter",
            "The YAML between the '---' lines at the top of a content page (content/**/*.md).",
            record_schema(PAGE_FIELDS, items={"changes": record_schema(CHANGE_FIELDS, title="change")}),
        ),
        "resources.schema.json": _list_of(
            "resources.yml",
            "The documents a section cites, each described once and cited by id in a page's 'resources:'.",
            record_schema(RESOURCE_FIELDS, extra={"kind": {"enum": list(RESOURCE_KINDS)}}, title="resource"),
        ),
        "references.schema.json": _list_of(
            "references.yml",
            "Numbered references, cited in page bodies as footnotes: [^id].",
            record_schema(REFERENCE_FIELDS, title="reference"),
        ),
        "topics.schema.json": _list_of(
            "topics.yml", "The topics pages and resources are filed under.", record_schema(TOPIC_FIELDS, title="topic")
        ),
        "publishers.schema.json": _list_of(
            "publishers.yml",
            "Publishers of cited documents, each named once with the short form resources may write instead.",
            record_schema(PUBLISHER_FIELDS, title="publisher"),
        ),
        "flow.schema.json": _document(
            "flow.yml",
            "One journey of the Start Here decision flow (every flow.yml is one): its id and title, stages for the"
            " step indicator, then nodes (one start in the whole flow, questions, outcomes).",
            record_schema(
                FLOW_FIELDS,
                items={
                    "stages": record_schema(STAGE_FIELDS, title="stage"),
                    "nodes": {"oneOf": [_flow_node(kind) for kind in (START, QUESTION, OUTCOME)]},
                },
            ),
        ),
        "glossary.schema.json": _list_of(
            "glossary.yml",
            "Every acronym the site uses, defined once; or an acronym the check lets pass, with the reason.",
            {
                "oneOf": [
                    record_schema(TERM_FIELDS, extra={"term": {"pattern": TERM_PATTERN.pattern}}, title="term"),
                    record_schema(IGNORE_FIELDS, extra={"ignore": {"pattern": TERM_PATTERN.pattern}}, title="ignore"),
                ]
            },
        ),
        "figure.schema.json": _document(
            "Figure",
            'One chart as data, in a figures/ folder; placed in a page with {{ figure("id") }}.',
            record_schema(
                FIGURE_FIELDS,
                items={
                    "series": record_schema(
                        POINT_FIELDS,
                        extra={"value": {"type": "number", "minimum": 0, "description": "a number of zero or more"}},
                        title="series item",
                    )
                },
                extra={"series": {"minItems": 1}},
            ),
        ),
        "case-studies.schema.json": _list_of(
            "case-studies.yml",
            "Module IV state strategies, each with its source resource and whether it was verified.",
            record_schema(CASE_STUDY_FIELDS, extra={"strategy": {"pattern": ID_PATTERN.pattern}}, title="case study"),
        ),
        "strategies.schema.json": _list_of(
            "strategies.yml",
            "The strategies a case study can be filed under, with the label readers see.",
            record_schema(STRATEGY_FIELDS, title="strategy"),
        ),
        "areas.schema.json": _list_of(
            "areas.yml",
            "The content areas: the folders at the top of content/, in the order the site shows them.",
            record_schema(AREA_FIELDS, title="area"),
        ),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR
    for path in write(target):
        print(f"wrote {path}")
