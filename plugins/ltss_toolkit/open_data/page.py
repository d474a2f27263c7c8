"""The page for researchers: what each data file holds, its shape, and what will not change."""

from __future__ import annotations

from ..render.escape import relative
from .exports import CSL_TYPES, DATA_DIR, FORMAT_VERSION, SCHEMA_DIR

OPEN_DATA_URI = "open-data.md"

FILES = (
    ("resources.json", "resources.schema.json", "Every cited document with its topics and the pages that cite it."),
    ("resources.csv", "resources-csv-row.schema.json", "The same list as a spreadsheet, one row per document."),
    ("resources.bib", None, "The same list as BibTeX, for LaTeX and reference managers."),
    ("resources.csl.json", "resources.csl.schema.json", "The same list as CSL-JSON, for Zotero, pandoc and citeproc."),
    ("flow.json", "flow.schema.json", "The Start Here decision flow: stages, questions, answers and outcomes."),
)


def data_link(name: str, from_uri: str) -> str:
    return f"[`{name}`]({relative(f'{DATA_DIR}/{name}', from_uri)})"


def schema_link(name: str, from_uri: str) -> str:
    return f"[schema]({relative(f'{SCHEMA_DIR}/{name}', from_uri)})"


def open_data_page(with_flow: bool = True) -> str:
    """The page; without a decision flow in the content there is no ``flow.json`` to describe."""
    here = OPEN_DATA_URI
    rows = [
        f"| {data_link(name, here)} | {what} | {schema_link(schema, here) if schema else 'BibTeX has none'} |"
        for name, schema, what in FILES
        if with_flow or name != "flow.json"
    ]
    kinds = ", ".join(f"{kind} → `{csl}`" for kind, csl in CSL_TYPES.items())
    out = [
        "---",
        "render_macros: false",
        "---",
        "",
        "# Open data",
        "",
        '<p class="ltss-summary">The site\'s list of cited documents and its Start Here decision flow as data files, '
        "for researchers, states and reference managers.</p>",
        "",
        "The files are generated from the same content as the pages at every build, so they always match the"
        " site. They are in the offline zip too. Each JSON file has a published JSON Schema (draft 2020-12).",
        "",
        "| File | What it holds | Schema |",
        "|---|---|---|",
        *rows,
        "",
        "## What stays stable",
        "",
        f"JSON files carry `format_version` (now {FORMAT_VERSION}). Within a version, fields may be added but are"
        " never removed, renamed or given another meaning; CSV columns are only ever added at the end. Ids of"
        " documents, pages and flow nodes are stable: they are also the addresses of pages and anchors.",
        "",
        "Unknown values are `null` in JSON and empty cells in CSV, never guessed: a document without a known"
        " public address has `url: null`, one whose publisher or year the source does not give has `null` there.",
        "",
        "Pages are given by `id`, `title` and `path`, the page's address relative to the site root (for example"
        " `pathways/foundational-issues/part-a-buy-in/`). `site_url` at the top of a JSON file is the site's own"
        " address when it has one, `null` otherwise.",
        "",
        "## resources.json",
        "",
        "`resources` is a list of documents, sorted by `id`, each with: `id`, `title`, `publisher`, `year`, `url`,"
        " `kind` (article, brief, data, fact-sheet, guide, letter, manual, regulation, report, toolkit, webinar or"
        " webpage), `topics` (each an `id` and `label`) and `cited_by` (the pages that cite it, in reading order).",
        "",
        "## resources.csv",
        "",
        "UTF-8, comma-separated, quoted where needed, CRLF line ends (RFC 4180), with a header row. Columns:"
        " `id`, `title`, `publisher`, `year`, `url`, `kind`, `topics` and `cited_by`, the last two as ids joined"
        " with `;`.",
        "",
        "## resources.bib and resources.csl.json",
        "",
        "The citation key and the CSL `id` are the document's `id`. The publisher is given as a corporate author"
        " (BibTeX `author = {{...}}`, CSL `literal`). BibTeX entry types: reports, briefs and fact sheets are"
        " `@techreport`, guides, manuals and toolkits `@manual`, the rest `@misc`; the kind is in `note`. CSL item"
        f" types: {kinds}; the kind is in `genre`.",
        "",
    ]
    if with_flow:
        out += [
            "## flow.json",
            "",
            "`start` is the id of the first node. `journeys` are the ways through the flow (one per flow file),"
            " each with an `id`, a `title` and the `stages` shown above its pages. Each of `nodes` has an `id`, a"
            " `kind` (`start`, `question` or `outcome`), its `journey`, a `stage` (null in a journey without"
            " stages), a `title` (a question's prompt), optional `text` and `short` label, an outcome's"
            " `first_step` and labelled `details`, its page's `path`, and `answers`, each leading to the node"
            ' named by `next` (`way_out` marks "Not sure" and "None of these fit"; `said` is what outcomes echo'
            ' as "You said ...").'
            " Questions name pages to read in `about`; outcomes recommend pages in `recommends`, the first being"
            " the recommended path, point to sections of them in `sections` (`page-id#heading-id`) and cite"
            " resources in `sources`. `pages` gives the title and path of each page named there.",
            "",
        ]
    return "\n".join(out)
