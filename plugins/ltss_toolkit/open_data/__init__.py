"""Open data: the resources and the Start Here flow as JSON, CSV, BibTeX and CSL-JSON, with schemas.

The files are generated pages of the site (``data/``), so they are in every build, the offline zip
included; the Resources page and the flow map link to them, and ``open-data.md`` documents them.
"""

from __future__ import annotations

from ..extensions import Extension
from ..flow.model import MAP_URI, Flow
from ..flow.reader import flow_of
from ..render.escape import relative
from ..render.page import RESOURCES_URI
from ..structure.model import Toolkit
from .bibtex import resources_bib
from .exports import DATA_DIR, SCHEMA_DIR, flow_json, resources_csl_json, resources_csv, resources_json
from .page import OPEN_DATA_URI, data_link, open_data_page
from .schemas import SCHEMAS, schema_text


def data_files(toolkit: Toolkit) -> dict[str, str]:
    flow = flow_of(toolkit)
    files = {
        OPEN_DATA_URI: open_data_page(with_flow=isinstance(flow, Flow)),
        f"{DATA_DIR}/resources.json": resources_json(toolkit),
        f"{DATA_DIR}/resources.csv": resources_csv(toolkit),
        f"{DATA_DIR}/resources.bib": resources_bib(toolkit),
        f"{DATA_DIR}/resources.csl.json": resources_csl_json(toolkit),
    }
    if isinstance(flow, Flow):
        files[f"{DATA_DIR}/flow.json"] = flow_json(flow, toolkit)
    files.update({f"{SCHEMA_DIR}/{name}": schema_text(schema) for name, schema in SCHEMAS.items()})
    return files


def link_data(uri: str, markdown: str, toolkit: Toolkit) -> str:
    """The Resources page and the flow map say where their data is."""
    about = f"[about these files]({relative(OPEN_DATA_URI, uri)})"
    if uri == RESOURCES_URI:
        names = ("resources.json", "resources.csv", "resources.bib", "resources.csl.json")
        line = "This list as data: " + ", ".join(data_link(n, uri) for n in names) + f" ({about})."
        marker = "\n## By publisher"
        if marker in markdown:
            return markdown.replace(marker, f"\n{line}\n{marker}", 1)
        return markdown.rstrip("\n") + f"\n\n{line}\n"
    if uri == MAP_URI and flow_of(toolkit) is not None:
        return markdown.rstrip("\n") + f"\n\n## This flow as data\n\n{data_link('flow.json', uri)} ({about}).\n"
    return markdown


EXTENSION = Extension(
    name="open_data",
    pages=data_files,
    not_in_nav=(OPEN_DATA_URI,),
    finish_page=link_data,
)
