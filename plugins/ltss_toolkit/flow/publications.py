"""The flow's PDFs: a pathway packet per outcome, the outcome's page and then the pages it recommends.

The recommended pages bring their questions to consider and related resources with them. An outcome that
recommends no existing page has no packet.
"""

from __future__ import annotations

from ..structure.model import Toolkit
from ..structure.publications import Document, PrintPage
from .model import FOLDER, MAP_URI, OUTCOME
from .reader import flow_of


def packet_documents(toolkit: Toolkit) -> list[Document]:
    flow = flow_of(toolkit)
    out: list[Document] = []
    for node in flow.nodes.values() if flow is not None else ():
        if node.kind != OUTCOME:
            continue
        recommended = [toolkit.pages[page_id] for page_id in node.recommends if page_id in toolkit.pages]
        if not recommended:
            continue
        out.append(
            Document(
                id=f"pathway-packet-{node.id}",
                title=f"Pathway packet: {node.title}",
                covers=node.text,
                kind="packet",
                pages=tuple(PrintPage(page, 1) for page in recommended),
                landing_uris=(node.uri,),
                intro_uris=(node.uri,),
            )
        )
    return out


def printed_pages(toolkit: Toolkit) -> list[str]:
    """In the whole-site PDF the map (the text outline of the whole flow) stands for the one-question pages,
    and each outcome has its own pathway packet."""
    return [MAP_URI] if flow_of(toolkit) is not None else []


def source_of(toolkit: Toolkit, uri: str) -> str | None:
    """Every page under ``start-here/`` is drawn from ``flow.yml``."""
    flow = flow_of(toolkit)
    return flow.path if flow is not None and uri.startswith(f"{FOLDER}/") else None
