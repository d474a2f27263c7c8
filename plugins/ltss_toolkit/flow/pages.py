"""One static page per node of the flow, under ``start-here/``.

Every page works without JavaScript: answers, Back and Start again are plain links between the
pages. The flow's part of ``docs/assets/ltss.js`` then keeps the reader's answers in the query string and
shows them with Change links; it finds what it needs in the page itself: the flow as JSON, with each node's
address from this page written for the site's URL style (``node/`` or ``node.html``), so the script never
builds an address.
"""

from __future__ import annotations

import json

from ..render.escape import html_text, md_text, relative, relative_url
from ..render.page import resource_item
from ..render.parts import part_heading
from ..render.sanitize import trusted_html
from ..structure.model import Page, Toolkit
from .graph import Step, parents, paths, question_numbers
from .map_page import map_page
from .model import MAP_URI, OUTCOME, QUESTION, START, Flow, Node, split_ref
from .reader import flow_of
from .sections import heading_ids


def flow_pages(toolkit: Toolkit) -> dict[str, str]:
    """Every page of the flow, by docs-relative path; nothing when the content has no flow."""
    flow = flow_of(toolkit)
    if flow is None or flow.start is None:
        return {}
    context = _Context(flow, toolkit)
    pages = {node.uri: context.page(node) for node in flow.nodes.values()}
    pages[MAP_URI] = map_page(flow)
    return pages


class _Context:
    """What every page needs: the flow, the pages it points to, parents, numbers and the JSON."""

    def __init__(self, flow: Flow, toolkit: Toolkit) -> None:
        assert flow.start is not None, "flow_pages makes pages only for a flow with a start"
        self.start: Node = flow.start
        self.flow = flow
        self.toolkit = toolkit
        self.parents = parents(flow)
        self.numbers = question_numbers(flow)
        self.routes = paths(flow)

    def page(self, node: Node) -> str:
        body = {START: self._start, QUESTION: self._question, OUTCOME: self._outcome}[node.kind](node)
        return "\n".join([*_front_matter(node), *self._stages(node), *body, *self._data(node)]).rstrip() + "\n"

    def link(self, target_uri: str, node: Node) -> str:
        return relative(target_uri, node.uri)

    # Parts shared by every kind of node

    def _stages(self, node: Node) -> list[str]:
        stages = self.flow.stages_of(node)
        journey = self.flow.journey_of(node)
        if not stages or journey is None:
            return []
        current = self.flow.stage_index(node)
        items = []
        for index, stage in enumerate(stages):
            if index == current:
                items.append(
                    f'<li class="ltss-flow-stage ltss-flow-stage--current" aria-current="step">'
                    f'<span class="ltss-visually-hidden">Current stage: </span>{html_text(stage.label)}</li>'
                )
            else:
                state = "done" if index < current else "todo"
                hidden = "Completed stage: " if index < current else "Later stage: "
                items.append(
                    f'<li class="ltss-flow-stage ltss-flow-stage--{state}">'
                    f'<span class="ltss-visually-hidden">{hidden}</span>{html_text(stage.label)}</li>'
                )
        return [
            f'<nav class="ltss-flow-stages ltss-no-print" aria-label="{html_text("Stages: " + journey.title)}">',
            "<ol>",
            *items,
            "</ol>",
            "</nav>",
            "",
        ]

    def _position(self, node: Node) -> list[str]:
        text = {START: "Start", OUTCOME: "Your result"}.get(node.kind) or f"Question {self.numbers.get(node.id, 1)}"
        return [f'<p class="ltss-flow-position ltss-no-print" data-flow-position>{html_text(text)}</p>', ""]

    def _controls(self, node: Node) -> list[str]:
        links = []
        coming_from = self.parents.get(node.id, [])
        if coming_from:
            parent = coming_from[0][0]
            several = ' data-flow-several-parents="true"' if len({p.id for p, _ in coming_from}) > 1 else ""
            links.append(f"[Back]({self.link(parent.uri, node)}){{ .ltss-flow-back data-flow-back{several} }}")
        if node.kind != START:
            links.append(f"[Start again]({self.link(self.start.uri, node)}){{ .ltss-flow-restart }}")
        links.append(f"[Map of the whole flow]({self.link(MAP_URI, node)}){{ .ltss-flow-map-link }}")
        return ['<div class="ltss-flow-controls ltss-no-print" markdown>', "", " ".join(links), "", "</div>", ""]

    def _given(self) -> list[str]:
        """Where the flow script lists the reader's answers, each with a Change link; hidden until then."""
        return [
            '<section class="ltss-flow-given" data-flow-given hidden aria-labelledby="ltss-flow-given-title">',
            '<h2 id="ltss-flow-given-title">Your answers</h2>',
            '<dl class="ltss-flow-given-list"></dl>',
            "</section>",
            "",
        ]

    def _answers(self, node: Node) -> list[str]:
        if node.kind == START:
            begin = [
                f"[{md_text(answer.label)}]({self.link(target.uri, node)}){{ .md-button .md-button--primary "
                f'data-flow-next="{target.id}" }}'
                for answer, target in self.flow.targets(node)
            ]
            return ['<p class="ltss-flow-begin" markdown>', *begin, "</p>", ""]
        items = [
            f'- [{md_text(answer.label)}]({self.link(target.uri, node)}){{ data-flow-next="{target.id}" '
            f'data-flow-answer="{answer.id}" }}'
            for answer, target in self.flow.targets(node)
        ]
        return ['<div class="ltss-flow-answers" markdown>', "", *items, "", "</div>", ""]

    def _data(self, node: Node) -> list[str]:
        data = {
            "here": node.id,
            "start": self.start.id,
            "order": list(self.flow.nodes),
            "nodes": {
                other.id: {
                    "kind": other.kind,
                    "href": relative_url(other.uri, node.uri, self.toolkit.settings.directory_urls),
                    "title": other.title,
                    "short": other.map_label,
                    "answers": {a.id: {"label": a.label, "next": a.next} for a, _ in self.flow.targets(other)},
                }
                for other in self.flow.nodes.values()
            },
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return [trusted_html(f'<script type="application/json" id="ltss-flow-data">{text}</script>')]

    # Each kind of node

    def _start(self, node: Node) -> list[str]:
        journeys = [journey for journey in self.flow.journeys.values() if journey.stages]
        stages = []
        for journey in journeys:
            labels = ", ".join(md_text(stage.label) for stage in journey.stages)
            stages.append(f"- **{md_text(journey.title)}**: {labels}")
        intro = ["Each journey goes through its own stages:", "", *stages, ""] if stages else []
        return [
            *self._position(node),
            f"# {md_text(node.title)}",
            "",
            f'<p class="ltss-summary">{html_text(node.text)}</p>',
            "",
            *intro,
            *self._answers(node),
            *self._controls(node),
        ]

    def _question(self, node: Node) -> list[str]:
        out = [*self._position(node), f"# {md_text(node.title)}", ""]
        if node.text:
            out += [f'<p class="ltss-flow-help">{html_text(node.text)}</p>', ""]
        about = [self.toolkit.pages[p] for p in node.about if p in self.toolkit.pages]
        if about:
            links = ", ".join(f"[{md_text(page.title)}]({self.link(page.uri, node)})" for page in about)
            out += [f"Background reading: {links}.", "{: .ltss-flow-about }", ""]
        out += ['<p class="ltss-flow-choose">Choose the answer that fits your state best:</p>', ""]
        return out + self._answers(node) + self._controls(node) + self._given()

    def _recommended(self, node: Node) -> list[tuple[Page, str, str]]:
        """Each page an outcome recommends, with the heading id and text when it points to one section."""
        out = []
        for ref in node.recommends:
            page_id, heading = split_ref(ref)
            page = self.toolkit.pages.get(page_id)
            if page is not None:
                out.append((page, heading, heading_ids(page).get(heading, "") if heading else ""))
        return out

    def _recommended_link(self, page: Page, heading: str, heading_text: str, node: Node) -> str:
        target = self.link(page.uri, node) + (f"#{heading}" if heading else "")
        text = f"{page.title}: {heading_text}" if heading_text else page.title
        return f"[{md_text(text)}]({target})"

    def _outcome(self, node: Node) -> list[str]:
        recommended = self._recommended(node)
        pages = list({page.id: page for page, _, _ in recommended}.values())
        out = [
            *self._position(node),
            f"# {md_text(node.title)}",
            "",
            f'<p class="ltss-summary">{html_text(node.text)}</p>',
            "",
            *self._why(node),
        ]
        for label, text in node.details:
            out += [f"## {md_text(label)}", "", f'<p class="ltss-flow-detail">{html_text(text)}</p>', ""]
        if node.first_step:
            out += ["## Your first step", "", f'<p class="ltss-flow-first-step">{html_text(node.first_step)}</p>', ""]
        if recommended:
            (first, heading, heading_text), *others = recommended
            summary = first.summary if not heading else ""
            out += ["## Where to go next", ""]
            out += [
                f"**{self._recommended_link(first, heading, heading_text, node)}**"
                + (f": {md_text(summary)}" if summary else ""),
                "{: .ltss-flow-recommended }",
                "",
            ]
            if others:
                out += ["Also useful:", ""]
                out += [
                    f"- {self._recommended_link(p, h, t, node)}"
                    + ("" if h else f'<span class="ltss-flow-also">: {html_text(p.summary)}</span>')
                    for p, h, t in others
                ] + [""]
        with_questions = [p for p in pages if p.questions]
        if with_questions:
            out += [part_heading("Questions to consider"), ""]
            for page in with_questions:
                if len(with_questions) > 1:
                    out += [f"### {md_text(page.title)}", ""]
                out += [f"- {md_text(q)}" for q in page.questions] + [""]
        sources = [self.toolkit.resources[r] for r in node.sources if r in self.toolkit.resources]
        if sources:
            out += [
                part_heading("Sources for this answer"),
                "",
                '<div class="ltss-flow-resources ltss-flow-sources" markdown>',
                "",
                *[resource_item(r, node.uri) for r in sources],
                "",
                "</div>",
                "",
            ]
        resources = [
            self.toolkit.resources[r]
            for r in dict.fromkeys(r for p in pages for r in p.resources)
            if r in self.toolkit.resources and r not in node.sources
        ]
        if resources:
            items = [resource_item(r, node.uri) for r in resources]
            out += [
                part_heading("Related resources"),
                "",
                '<div class="ltss-flow-resources" markdown>',
                "",
                *items,
                "",
                "</div>",
                "",
            ]
        out += ["## Your answers", "", *self._routes(node), *self._given_list(), *self._print(), *self._controls(node)]
        return out

    def _ways_here(self, node: Node) -> list[list[Step]]:
        return [steps for steps in self.routes if steps[-1][1].next == node.id]

    def _why(self, node: Node) -> list[str]:
        """What the reader said that makes this outcome fit: the ``said`` of the answers on the way here.

        What every way here has in common is true for every reader who arrives by answering, so it is
        shown as it is (answers in the outcome's own journey only). Where the ways differ, each way's own
        reasons follow, marked with its answers: the flow script shows only the reader's own, and without
        JavaScript the page shows them all."""
        ways = self._ways_here(node)
        # Reasons come from the outcome's own journey: a reader who came in from another one gave those
        # answers for another purpose.
        said_on = [[a.said for n, a in steps if a.said and n.journey == node.journey] for steps in ways]
        if not any(said_on):
            return []
        common = [said for said in dict.fromkeys(said_on[0]) if all(said in other for other in said_on[1:])]
        by_reasons: dict[tuple[str, ...], list[str]] = {}
        for steps, said in zip(ways, said_on):
            own = tuple(reason for reason in said if reason not in common)
            given = "&".join(f"{n.id}={a.id}" for n, a in steps if n.kind == QUESTION and n.journey == node.journey)
            by_reasons.setdefault(own, []).append(given)
        out = ["## Why this fits your answers", "", '<div class="ltss-flow-why" markdown>', ""]
        out += [f"- You said {md_text(said)}." for said in common] + [""]
        groups = [(own, alternatives) for own, alternatives in by_reasons.items() if own]
        if groups:
            if len(by_reasons) > 1:
                out += ['<p class="ltss-flow-why-depends" data-flow-why-depends>Depending on your answers:</p>', ""]
            for own, alternatives in groups:
                way = html_text(" ".join(dict.fromkeys(alternatives)))
                out += [f'<div class="ltss-flow-why-way" data-flow-way="{way}" markdown>', ""]
                out += [f"- You said {md_text(said)}." for said in own] + ["", "</div>", ""]
        return out + ["</div>", ""]

    def _routes(self, node: Node) -> list[str]:
        """Without JavaScript the page cannot know the reader's answers, so it lists every way here."""
        ways = self._ways_here(node)
        items = []
        for number, steps in enumerate(ways, 1):
            said = "; ".join(f"{md_text(n.map_label)} *{md_text(a.map_label)}*" for n, a in steps if n.kind == QUESTION)
            items.append(f"{number}. {said}")
        intro = "These answers lead here:" if len(ways) == 1 else "Any of these sets of answers leads here:"
        return ['<div class="ltss-flow-routes" data-flow-routes markdown>', "", intro, "", *items, "", "</div>", ""]

    def _given_list(self) -> list[str]:
        return [
            '<div class="ltss-flow-given" data-flow-given hidden>',
            '<dl class="ltss-flow-given-list"></dl>',
            "</div>",
            "",
        ]

    def _print(self) -> list[str]:
        return [
            '<p class="ltss-flow-print ltss-no-print" data-flow-print>To keep this summary, print this page: '
            "press Ctrl+P (or Cmd+P on a Mac).</p>",
            "",
        ]


def _front_matter(node: Node) -> list[str]:
    # The theme prints titles as they are (in <title> and the breadcrumbs), so they are escaped here.
    lines = ["---", f"title: {json.dumps(html_text(node.title), ensure_ascii=False)}", "render_macros: false"]
    if node.kind != OUTCOME:
        lines += ["hide:", "  - toc"]
    if node.kind != START:
        # Questions and outcomes repeat the pathway pages; search should lead to those instead.
        lines += ["search:", "  exclude: true"]
    return lines + ["---", ""]
