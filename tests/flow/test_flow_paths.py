"""Golden path tables of the shipped Start Here flow, the way GOV.UK Smart Answers keeps its flows honest:
for each journey, answer sequences and the outcome each must reach.

A content edit that reroutes a path fails the test of that path, which is named by its answers. The tables
together cover every outcome of each journey and every answer of each of its questions, so a new answer
or outcome needs a row here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.model import OUTCOME, QUESTION, START, Flow
from ltss_toolkit.loading.loader import load_toolkit

PROJECT = Path(__file__).resolve().parents[2]
TOOLKIT, _ = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
FLOW: Flow = TOOLKIT.data.get(Flow)

REBALANCING = "working-on=rebalancing ltss-picture=yes balance-goals=yes"
INTEGRATION = "working-on=integration beneficiaries=yes environment=yes foundations=yes"

START_HERE = {
    "working-on=both": "both-journeys",
}

REBALANCING_PATHS = {
    # Where you stand
    "working-on=rebalancing ltss-picture=no": "know-your-ltss-picture",
    "working-on=rebalancing ltss-picture=not-sure": "know-your-ltss-picture",
    "working-on=rebalancing ltss-picture=yes balance-goals=no": "check-balance-goals",
    "working-on=rebalancing ltss-picture=yes balance-goals=not-sure": "check-balance-goals",
    # What to strengthen
    f"{REBALANCING} rebalancing-focus=not-sure": "hcbs-elements",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=person-centered": "person-centered-planning",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=no-wrong-door": "no-wrong-door",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=transitions": "community-transitions",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=workforce": "direct-service-workforce",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=community-living": "community-living",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=data-quality": "data-and-quality",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=financing-engagement": "financing-and-engagement",
    f"{REBALANCING} rebalancing-focus=hcbs-system hcbs-element=none-fit": "hcbs-elements",
    # The authority chooser
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=yes authority-goal=target-or-cap": "authority-1915c",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=yes authority-goal=attendant-services": "authority-1915k",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=yes authority-goal=self-direction": "authority-1915j",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=yes authority-goal=broader-change": "authority-1115",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=yes authority-goal=not-sure": "compare-authorities",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=no authority-statewide=yes": "authority-1915i",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=no authority-statewide=no": "authority-1115",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=no authority-statewide=not-sure": "compare-authorities",
    f"{REBALANCING} rebalancing-focus=authority authority-level-of-care=not-sure": "compare-authorities",
    # Institutions and managed LTSS
    f"{REBALANCING} rebalancing-focus=institutions institutional-tools=admissions": "pasrr",
    f"{REBALANCING} rebalancing-focus=institutions institutional-tools=beds": "bed-buy-back",
    f"{REBALANCING} rebalancing-focus=institutions institutional-tools=repurpose": "repurposing-facilities",
    f"{REBALANCING} rebalancing-focus=institutions institutional-tools=earlier": "new-eligibility-groups",
    f"{REBALANCING} rebalancing-focus=institutions institutional-tools=not-sure": "state-strategies",
    f"{REBALANCING} rebalancing-focus=managed-ltss managed-ltss-now=yes": "strengthen-mltss",
    f"{REBALANCING} rebalancing-focus=managed-ltss managed-ltss-now=no": "plan-mltss",
    f"{REBALANCING} rebalancing-focus=managed-ltss managed-ltss-now=not-sure": "plan-mltss",
    # Into the integrated care journey
    f"{REBALANCING} rebalancing-focus=managed-ltss managed-ltss-now=medicare-too capitated-build=yes": "capitated-managed-care",
}

INTEGRATED_CARE_PATHS = {
    # Initial considerations
    "working-on=integration beneficiaries=no": "know-your-beneficiaries",
    "working-on=integration beneficiaries=not-sure": "know-your-beneficiaries",
    "working-on=integration beneficiaries=yes environment=no": "assess-environment",
    "working-on=integration beneficiaries=yes environment=not-sure": "assess-environment",
    # Foundational issues
    "working-on=integration beneficiaries=yes environment=yes foundations=not-sure": "foundational-overview",
    f"{INTEGRATION[: -len('=yes')]}=no foundational-choice=part-a-buy-in": "part-a-buy-in",
    f"{INTEGRATION[: -len('=yes')]}=no foundational-choice=file-exchange": "file-exchange",
    f"{INTEGRATION[: -len('=yes')]}=no foundational-choice=medicare-data": "medicare-data",
    f"{INTEGRATION[: -len('=yes')]}=no foundational-choice=dme": "dme-policies",
    f"{INTEGRATION[: -len('=yes')]}=no foundational-choice=nursing-facilities": "nursing-facility-residents",
    f"{INTEGRATION[: -len('=yes')]}=no foundational-choice=none-fit managed-care-experience=not-sure": "compare-paths",
    # Integrated care paths
    f"{INTEGRATION} managed-care-experience=yes capitated-build=yes": "capitated-managed-care",
    f"{INTEGRATION} managed-care-experience=yes capitated-build=not-sure": "compare-paths",
    # "No, not in the way we need" is offered managed fee-for-service (State Pathways asks that question).
    f"{INTEGRATION} managed-care-experience=yes capitated-build=no fee-for-service-programs=yes": "managed-fee-for-service",
    f"{INTEGRATION} managed-care-experience=yes capitated-build=no fee-for-service-programs=no state-ideas=yes": "state-specific-models",
    # No managed care experience, capitated is an option: start where such a state starts.
    f"{INTEGRATION} managed-care-experience=no capitated-fit=no": "capitated-first-steps",
    f"{INTEGRATION} managed-care-experience=no capitated-fit=not-sure": "compare-paths",
    f"{INTEGRATION} managed-care-experience=no capitated-fit=yes fee-for-service-programs=yes": "managed-fee-for-service",
    f"{INTEGRATION} managed-care-experience=no capitated-fit=yes fee-for-service-programs=not-sure": "compare-paths",
    f"{INTEGRATION} managed-care-experience=no capitated-fit=yes fee-for-service-programs=no state-ideas=no": "compare-paths",
    f"{INTEGRATION} managed-care-experience=no capitated-fit=yes fee-for-service-programs=no state-ideas=not-sure": "compare-paths",
}

TABLES = {"start-here": START_HERE, "rebalancing": REBALANCING_PATHS, "integrated-care": INTEGRATED_CARE_PATHS}
ROWS = [(journey, answers, outcome) for journey, table in TABLES.items() for answers, outcome in table.items()]


def walk(answers: str) -> str:
    """Follow the answers from the start as a reader does; the id of the node they lead to."""
    node = FLOW.start
    assert node is not None and node.kind == START
    node = FLOW.nodes[node.answers[0].next]
    for step in answers.split():
        question, _, answer = step.partition("=")
        assert node.id == question, f"the way reaches '{node.id}' where the table expects '{question}'"
        chosen = [a for a in node.answers if a.id == answer]
        assert chosen, f"'{question}' has no answer '{answer}' (it has: {', '.join(a.id for a in node.answers)})"
        node = FLOW.nodes[chosen[0].next]
    return node.id


@pytest.mark.parametrize(("journey", "answers", "outcome"), ROWS, ids=[f"{a} -> {o}" for _, a, o in ROWS])
def test_path(journey: str, answers: str, outcome: str) -> None:
    reached = walk(answers)
    assert reached == outcome, f"{answers} now leads to '{reached}', not '{outcome}'"
    assert FLOW.nodes[reached].kind == OUTCOME


@pytest.mark.parametrize("journey", list(TABLES))
def test_the_table_covers_every_outcome_and_every_answer_of_the_journey(journey: str) -> None:
    nodes = [node for node in FLOW.nodes.values() if node.journey == journey]
    assert nodes, f"no journey '{journey}'"
    rows = TABLES[journey]
    reached = set(rows.values())
    missing_outcomes = {n.id for n in nodes if n.kind == OUTCOME} - {o for _, _, o in ROWS}
    assert not missing_outcomes, f"outcomes of '{journey}' no row reaches: {sorted(missing_outcomes)}"
    taken = {step for answers in (a for _, a, _ in ROWS) for step in answers.split()}
    untaken = [f"{n.id}={a.id}" for n in nodes if n.kind == QUESTION for a in n.answers if f"{n.id}={a.id}" not in taken]
    assert not untaken, f"answers of '{journey}' no row takes: {untaken}"
    assert reached <= {n.id for n in FLOW.nodes.values() if n.kind == OUTCOME}


def test_a_rerouted_answer_fails_the_row_that_names_it() -> None:
    """The tables catch a reroute: point one answer elsewhere and the rows through it no longer hold."""
    question = FLOW.nodes["capitated-build"]
    answer = next(a for a in question.answers if a.id == "no")
    original = answer.next
    object.__setattr__(answer, "next", "state-ideas")  # the route this flow had before issue 24
    try:
        broken = [a for a, o in INTEGRATED_CARE_PATHS.items() if "capitated-build=no" in a and _reaches(a) != o]
    finally:
        object.__setattr__(answer, "next", original)
    assert broken, "rerouting capitated-build=no went unnoticed"


def _reaches(answers: str) -> str | None:
    try:
        return walk(answers)
    except AssertionError:
        return None
