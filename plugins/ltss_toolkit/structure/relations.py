"""Derived links between pages and resources: backlinks and "See also"."""

from __future__ import annotations

from collections import defaultdict

from .model import Page, Resource, Toolkit


def citing_pages(toolkit: Toolkit) -> dict[str, list[Page]]:
    """For each resource id, the pages that cite it, in reading order."""
    order = {page.id: n for n, page in enumerate(toolkit.reading_order())}
    cited: dict[str, list[Page]] = defaultdict(list)
    for page in sorted(toolkit.pages.values(), key=lambda p: order.get(p.id, len(order))):
        for resource_id in page.resources:
            cited[resource_id].append(page)
    return dict(cited)


def see_also(page: Page, toolkit: Toolkit, limit: int = 5) -> list[Page]:
    """Other pages that share this page's resources or topics, closest first.

    A shared resource counts more than a shared topic: two pages citing the same document are more
    closely related than two pages filed under the same broad topic. Pages of the same folder are
    already one click away in the navigation, so they rank after pages elsewhere with the same score.
    """
    mine_resources = set(page.resources)
    mine_topics = set(page.topics)
    order = {p.id: n for n, p in enumerate(toolkit.reading_order())}
    scored = []
    for other in toolkit.pages.values():
        if other.id == page.id:
            continue
        score = 3 * len(mine_resources & set(other.resources)) + len(mine_topics & set(other.topics))
        if score:
            same_folder = other.section is page.section
            scored.append((-score, same_folder, order.get(other.id, len(order)), other.id, other))
    scored.sort(key=lambda item: item[:4])
    return [item[-1] for item in scored[:limit]]


def resources_by_publisher(toolkit: Toolkit) -> list[tuple[str, list[Resource]]]:
    groups: dict[str, list[Resource]] = defaultdict(list)
    for resource in toolkit.resources.values():
        groups[resource.publisher or ""].append(resource)
    return [
        (publisher, sorted(items, key=lambda r: (r.title.casefold(), r.id)))
        for publisher, items in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
    ]


def resources_by_topic(toolkit: Toolkit) -> list[tuple[str, list[Resource]]]:
    groups: dict[str, list[Resource]] = defaultdict(list)
    for resource in toolkit.resources.values():
        for topic_id in resource.topics or ("",):
            groups[topic_id].append(resource)
    labelled = [
        (toolkit.topics[t].label if t in toolkit.topics else "Other", items) for t, items in groups.items()
    ]
    return [
        (label, sorted(items, key=lambda r: (r.title.casefold(), r.id)))
        for label, items in sorted(labelled, key=lambda kv: (kv[0] == "Other", kv[0].casefold()))
    ]
