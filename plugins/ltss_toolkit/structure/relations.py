"""Derived links between pages and resources: backlinks and "See also"."""

from __future__ import annotations

import heapq
import math
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


class _Index:
    """Which pages cite each resource and carry each topic, built once per toolkit."""

    def __init__(self, toolkit: Toolkit) -> None:
        self.order = {page.id: n for n, page in enumerate(toolkit.reading_order())}
        self.by_resource: dict[str, list[Page]] = defaultdict(list)
        self.by_topic: dict[str, list[Page]] = defaultdict(list)
        for page in toolkit.pages.values():
            for resource_id in page.resources:
                self.by_resource[resource_id].append(page)
            for topic_id in page.topics:
                self.by_topic[topic_id].append(page)
        self.total = max(len(toolkit.pages), 1)

    def weight(self, pages_sharing: int) -> float:
        """Rarer links say more: a document cited by two pages ties them closer than one cited by all."""
        return math.log(1 + self.total / pages_sharing)


def _index(toolkit: Toolkit) -> _Index:
    index = toolkit.data.get(_Index)
    if index is None:
        index = _Index(toolkit)
        toolkit.data.put(index)
    return index


def see_also(page: Page, toolkit: Toolkit, limit: int = 5) -> list[Page]:
    """Other pages that share this page's resources or topics, closest first.

    A shared resource counts three times a shared topic (two pages citing the same document are more
    closely related than two filed under the same broad topic), and each counts less the more pages
    share it, so that a document cited everywhere does not drown out a specific link. Pages of the
    same folder are already one click away in the navigation, so they rank after pages elsewhere
    with the same score. Where the two toolkits meet, the closest page from the other one always
    gets a place, so modules and pathways stay linked both ways.
    """
    index = _index(toolkit)
    scores: dict[str, float] = defaultdict(float)
    others: dict[str, Page] = {}
    for links, factor, ids in ((index.by_resource, 3.0, page.resources), (index.by_topic, 1.0, page.topics)):
        for link_id in ids:
            sharing = links.get(link_id, [])
            gain = factor * index.weight(len(sharing))
            for other in sharing:
                scores[other.id] += gain
                others[other.id] = other
    others.pop(page.id, None)

    def rank(o: Page) -> tuple[float, bool, int, str]:
        return (-round(scores[o.id], 9), o.section is page.section, index.order.get(o.id, index.total), o.id)

    # Only the first few are shown: pick them instead of sorting every page that shares a topic (at 50 times
    # the content, sorting them all was most of the time spent rendering pages).
    chosen = heapq.nsmallest(limit, others.values(), key=rank)
    area = _area(page)
    if chosen and all(_area(o) == area for o in chosen):
        shown = {o.id for o in chosen}
        elsewhere = min((o for o in others.values() if _area(o) != area and o.id not in shown), key=rank, default=None)
        if elsewhere is not None:
            chosen[-1] = elsewhere
    return chosen


def _area(page: Page) -> str:
    return page.uri.split("/", 1)[0]


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
    labelled = [(toolkit.topics[t].label if t in toolkit.topics else "Other", items) for t, items in groups.items()]
    return [
        (label, sorted(items, key=lambda r: (r.title.casefold(), r.id)))
        for label, items in sorted(labelled, key=lambda kv: (kv[0] == "Other", kv[0].casefold()))
    ]
