"""The "Start Here" decision flow: every ``content/**/flow.yml`` (a journey each) in, one page per node and a map out.

Modelled on GOV.UK Smart Answers: the flow is data, each node is a page at a stable address, the
answers are plain links (and, with JavaScript, kept in the query string), and the map is drawn
from the same data at build time.
"""

from __future__ import annotations

from ..extensions import Extension
from .checks import check_flow
from .pages import flow_pages
from .publications import packet_documents, printed_pages, source_of
from .reader import read_flow

EXTENSION = Extension(
    name="flow",
    readers={"flow.yml": read_flow},
    validate=check_flow,
    pages=flow_pages,
    documents=packet_documents,
    printed_pages=printed_pages,
    source_of=source_of,
)
