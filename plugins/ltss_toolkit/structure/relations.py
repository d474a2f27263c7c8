"""Derived links between pages and resources: backlinks and "See also"."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict

from .model import Page, Resource, Toolkit


def citing_pages(toolkit: Toolkit) -> dict[str, list[Page]]:
    """For each resource id, the pages that cite it, in reading order."""
    order = {page.id: n for n, page in enumerate(toolkit.reading_order())}
    cited: dict[str, list[Page]] = defaultdict(list)
    for page in sorted(toolkit.pages.values(), key=lambda p: order.get(p.id, len(order))):
        for resource_id in page.resources:
            cited[resource_id].append(page)
    return dict(cited)


Signature = tuple[tuple[str, ...], tuple[str, ...]]
"""A page's resources and topics, sorted: pages with the same signature score alike against any page."""


class _Group:
    """The pages of one signature, in reading order, and by area (the first part of their address)."""

    def __init__(self, signature: Signature, pages: list[Page]) -> None:
        self.resources = Counter(signature[0])
        self.topics = Counter(signature[1])
        self.pages = pages
        self.by_area: dict[str, list[Page]] = defaultdict(list)
        for page in pages:
            self.by_area[_area(page)].append(page)


class _Index:
    """Which pages cite each resource and carry each topic, and the pages of each signature, built once per
    toolkit."""

    def __init__(self, toolkit: Toolkit) -> None:
        self.order = {page.id: n for n, page in enumerate(toolkit.reading_order())}
        self.by_resource: dict[str, list[Page]] = defaultdict(list)
        self.by_topic: dict[str, list[Page]] = defaultdict(list)
        signatures: dict[Signature, list[Page]] = defaultdict(list)
        for page in toolkit.pages.values():
            for resource_id in page.resources:
                self.by_resource[resource_id].append(page)
            for topic_id in page.topics:
                self.by_topic[topic_id].append(page)
            signatures[(tuple(sorted(page.resources)), tuple(sorted(page.topics)))].append(page)
        self.total = max(len(toolkit.pages), 1)
        self.groups = [
            _Group(signature, sorted(pages, key=lambda p: (self.order.get(p.id, self.total), p.id)))
            for signature, pages in signatures.items()
        ]

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

    Pages with the same resources and topics score alike, so each group of them is scored once and only its
    first few pages are ranked: the work per page does not grow with copies of the same kind of page.
    """
    index = _index(toolkit)
    resource_gains = [(r, 3.0 * index.weight(len(index.by_resource.get(r, [])))) for r in page.resources]
    topic_gains = [(t, 1.0 * index.weight(len(index.by_topic.get(t, [])))) for t in page.topics]
    area = _area(page)
    candidates: list[tuple[tuple[float, bool, int, str], Page]] = []
    elsewhere: list[tuple[tuple[float, bool, int, str], Page]] = []

    def rank(o: Page, score: float) -> tuple[float, bool, int, str]:
        return (-round(score, 9), o.section is page.section, index.order.get(o.id, index.total), o.id)

    for group in index.groups:
        score, shared = 0.0, False
        for counts, gains in ((group.resources, resource_gains), (group.topics, topic_gains)):
            for link_id, gain in gains:
                for _ in range(counts.get(link_id, 0)):
                    score += gain
                    shared = True
        if not shared:
            continue
        candidates.extend((rank(o, score), o) for o in _leading(group.pages, page, limit))
        for other_area, pages in group.by_area.items():
            if other_area != area:
                elsewhere.extend((rank(o, score), o) for o in _leading(pages, page, 1))
    chosen = [o for _, o in heapq.nsmallest(limit, candidates, key=lambda c: c[0])]
    if chosen and all(_area(o) == area for o in chosen) and elsewhere:
        chosen[-1] = min(elsewhere, key=lambda c: c[0])[1]
    return chosen


def _leading(pages: list[Page], page: Page, count: int) -> list[Page]:
    """The pages (in reading order, all scoring alike) that can be among the best ``count`` for ``page``: at equal
    score pages of other folders come first, so the first ``count`` of those, and this folder's pages met
    before them."""
    out: list[Page] = []
    others = 0
    for other in pages:
        if other.id == page.id:
            continue
        out.append(other)
        if other.section is not page.section:
            others += 1
            if others == count:
                break
    return out


def _area(page: Page) -> str:
    return page.uri.split("/", 1)[0]


def resources_by_publisher(toolkit: Toolkit) -> list[tuple[str, list[Resource]]]:
    """Resources grouped under each publisher's heading: a publisher of content/publishers.yml is one group,
    whether a resource writes its name or its short form ("Kaiser Family Foundation (KFF)")."""
    groups: dict[str, list[Resource]] = defaultdict(list)
    for resource in toolkit.resources.values():
        known = toolkit.publishers.get(resource.publisher or "")
        groups[known.heading if known else resource.publisher or ""].append(resource)
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
