"""The flow's PDFs: a pathway packet per outcome, the outcome's page and then the pages it recommends.

The recommended pages bring their questions to consider and related resources with them. An outcome that
recommends no existing page has no packet.
"""

from __future__ import annotations

from ..structure.model import Toolkit
from ..structure.publications import Document, PrintPage
from .model import FOLDER, MAP_URI, OUTCOME, Node, split_ref
from .reader import flow_of


def packet_title(node: Node) -> str:
    """ "Pathway packet: " and the outcome's short label, so that no word of the title is said twice."""
    return f"Pathway packet: {node.map_label}"


def packet_documents(toolkit: Toolkit) -> list[Document]:
    flow = flow_of(toolkit)
    out: list[Document] = []
    for node in flow.nodes.values() if flow is not None else ():
        if node.kind != OUTCOME:
            continue
        page_ids = dict.fromkeys(split_ref(ref)[0] for ref in node.recommends)
        recommended = [toolkit.pages[page_id] for page_id in page_ids if page_id in toolkit.pages]
        if not recommended:
            continue
        out.append(
            Document(
                id=f"pathway-packet-{node.id}",
                title=packet_title(node),
                covers=node.text,
                kind="packet",
                pages=tuple(PrintPage(page, 1) for page in recommended),
                landing_uris=(node.uri,),
                intro_uris=(node.uri,),
                claims_pages=False,
            )
        )
    return out


def printed_pages(toolkit: Toolkit) -> list[str]:
    """In the whole-site PDF the map (the text outline of the whole flow) stands for the one-question pages,
    and each outcome has its own pathway packet."""
    return [MAP_URI] if flow_of(toolkit) is not None else []


def source_of(toolkit: Toolkit, uri: str) -> str | None:
    """Each node's page under ``start-here/`` is drawn from its journey's ``flow.yml``; the map from all of them."""
    flow = flow_of(toolkit)
    if flow is None or not uri.startswith(f"{FOLDER}/"):
        return None
    node = next((node for node in flow.nodes.values() if node.uri == uri), None)
    return node.where.path if node is not None else None
