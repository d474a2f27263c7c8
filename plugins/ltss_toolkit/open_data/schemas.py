"""JSON Schemas (draft 2020-12) of the data files, published beside them in ``data/schemas/``."""

from __future__ import annotations

import json
from typing import Any

from ..flow.model import KINDS
from ..loading.fields import ID_PATTERN
from ..structure.model import RESOURCE_KINDS
from .exports import CSL_TYPES, CSV_COLUMNS, FORMAT_VERSION, indented_json

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID = {"type": "string", "pattern": ID_PATTERN.pattern}
TEXT = {"type": "string", "minLength": 1}
OPTIONAL_TEXT = {"type": ["string", "null"], "minLength": 1}
LABELLED = {
    "type": "object",
    "required": ["id", "label"],
    "additionalProperties": False,
    "properties": {"id": ID, "label": TEXT},
}
"""A topic or a flow stage: an id and the label readers see."""
PAGE_REF = {
    "type": "object",
    "description": "A page of the site. Its address is site_url (or the site's address) followed by path.",
    "required": ["id", "title", "path"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "title": TEXT,
        "path": {
            "type": "string",
            "description": "Relative to the site root, e.g. 'pathways/x/'; '' is the home page.",
        },
    },
}


def _document(title: str, description: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    header = {
        "$schema": {"type": "string"},
        "format_version": {
            "const": FORMAT_VERSION,
            "description": "Changes only when a field is removed or changes meaning.",
        },
        "site_name": TEXT,
        "site_url": {"type": ["string", "null"], "description": "The site's address, or null when it has none."},
    }
    return {
        "$schema": DIALECT,
        "title": title,
        "description": description,
        "type": "object",
        "required": ["format_version", "site_name", "site_url", *required],
        "additionalProperties": False,
        "properties": {**header, **properties},
    }


RESOURCE = {
    "type": "object",
    "required": ["id", "title", "publisher", "year", "url", "kind", "topics", "cited_by"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "title": TEXT,
        "publisher": {**OPTIONAL_TEXT, "description": "null when the source names none."},
        "year": {"type": ["integer", "null"], "description": "Year of publication; null when not known."},
        "url": {"type": ["string", "null"], "format": "uri", "description": "null when no public address is known."},
        "kind": {"enum": list(RESOURCE_KINDS)},
        "topics": {"type": "array", "items": LABELLED},
        "cited_by": {"type": "array", "items": PAGE_REF, "description": "The pages that cite it, in reading order."},
    },
}

RESOURCES_SCHEMA = _document(
    "LTSS Toolkit resources",
    "Every document the site cites, with the pages that cite it (resources.json).",
    {"resources": {"type": "array", "items": RESOURCE}},
    ["resources"],
)

CSV_ROW_SCHEMA = {
    "$schema": DIALECT,
    "title": "LTSS Toolkit resources, one CSV row",
    "description": "A row of resources.csv read as text, by column name. Lists are ids joined with ';'; an unknown"
    " value is an empty cell.",
    "type": "object",
    "required": list(CSV_COLUMNS),
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "title": TEXT,
        "publisher": {"type": "string"},
        "year": {"type": "string", "pattern": "^(\\d{4})?$"},
        "url": {"type": "string"},
        "kind": {"enum": list(RESOURCE_KINDS)},
        "topics": {"type": "string", "pattern": "^([a-z0-9-]+(;[a-z0-9-]+)*)?$"},
        "cited_by": {"type": "string", "pattern": "^([a-z0-9-]+(;[a-z0-9-]+)*)?$"},
    },
}

CSL_SCHEMA = {
    "$schema": DIALECT,
    "title": "LTSS Toolkit resources as CSL-JSON",
    "description": "A CSL-JSON array (the input format of citeproc processors, Zotero and pandoc), limited to the"
    " variables this site fills in.",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type", "title", "genre"],
        "additionalProperties": False,
        "properties": {
            "id": ID,
            "type": {"enum": sorted(set(CSL_TYPES.values()) | {"document"})},
            "title": TEXT,
            "publisher": TEXT,
            "author": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["literal"],
                    "additionalProperties": False,
                    "properties": {"literal": TEXT},
                },
            },
            "issued": {
                "type": "object",
                "required": ["date-parts"],
                "additionalProperties": False,
                "properties": {
                    "date-parts": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 1,
                        "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}},
                    }
                },
            },
            "URL": {"type": "string", "format": "uri"},
            "genre": TEXT,
        },
    },
}

ANSWER = {
    "type": "object",
    "required": ["id", "label", "next", "way_out"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "label": TEXT,
        "next": {**ID, "description": "The id of the node this answer leads to."},
        "way_out": {"type": "boolean", "description": "The answer for readers who are not sure or find none fits."},
        "said": {**OPTIONAL_TEXT, "description": "What outcomes echo of this answer: 'You said ...'."},
    },
}

NODE = {
    "type": "object",
    "required": [
        "id",
        "kind",
        "journey",
        "stage",
        "title",
        "text",
        "short",
        "first_step",
        "details",
        "path",
        "about",
        "recommends",
        "sections",
        "sources",
        "answers",
    ],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "kind": {"enum": list(KINDS)},
        "journey": {**ID, "description": "The id of the journey (one of 'journeys') the node belongs to."},
        "stage": {
            "type": ["string", "null"],
            "pattern": ID["pattern"],
            "description": "One of its journey's stages; null in a journey without stages.",
        },
        "title": {**TEXT, "description": "The start's or outcome's title, or a question's prompt."},
        "text": {
            **OPTIONAL_TEXT,
            "description": "The start's introduction, a question's help or an outcome's summary.",
        },
        "short": {**OPTIONAL_TEXT, "description": "The label on the map, when shorter than the title."},
        "first_step": {**OPTIONAL_TEXT, "description": "An outcome's concrete first step for a state."},
        "details": {
            "type": "array",
            "description": "An outcome's labelled parts, such as what the state must show CMS and its limits.",
            "items": {
                "type": "object",
                "required": ["label", "text"],
                "additionalProperties": False,
                "properties": {"label": TEXT, "text": TEXT},
            },
        },
        "path": {"type": "string", "description": "The node's page, relative to the site root."},
        "about": {"type": "array", "items": ID, "description": "Pages to read before answering (keys of 'pages')."},
        "recommends": {
            "type": "array",
            "items": ID,
            "description": "An outcome's pages (keys of 'pages'); the first is the recommended path.",
        },
        "sections": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The sections an outcome points to, as 'page-id#heading-id' (the page is in 'recommends').",
        },
        "sources": {"type": "array", "items": ID, "description": "Ids of resources (resources.json) behind its text."},
        "answers": {"type": "array", "items": ANSWER},
    },
}

FLOW_SCHEMA = _document(
    "LTSS Toolkit Start Here decision flow",
    "The decision flow's stages, nodes (start, questions, outcomes) and the answers that join them (flow.json).",
    {
        "start": {**ID, "description": "The id of the start node."},
        "journeys": {
            "type": "array",
            "description": "The ways through the flow, one per flow file, each with the stages of its step indicator.",
            "items": {
                "type": "object",
                "required": ["id", "title", "stages"],
                "additionalProperties": False,
                "properties": {"id": ID, "title": TEXT, "stages": {"type": "array", "items": LABELLED}},
            },
        },
        "nodes": {"type": "array", "items": NODE},
        "pages": {
            "type": "object",
            "additionalProperties": PAGE_REF,
            "description": "The pages that nodes name in 'about' and 'recommends', by id.",
        },
    },
    ["start", "journeys", "nodes", "pages"],
)

SCHEMAS = {
    "resources.schema.json": RESOURCES_SCHEMA,
    "resources-csv-row.schema.json": CSV_ROW_SCHEMA,
    "resources.csl.schema.json": CSL_SCHEMA,
    "flow.schema.json": FLOW_SCHEMA,
}


def schema_text(schema: dict[str, Any]) -> str:
    return indented_json(json.dumps(schema, ensure_ascii=False))
