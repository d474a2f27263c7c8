"""Golden cases for the decision flow's validator: a content tree in, the exact problem lines out.

Each folder under ``tests/golden/flow/`` holds a ``content/`` tree (a few pages and a ``flow.yml``)
and an ``expected.yml`` with the ``problems`` an editor should see, one ``path:line: ...`` line each,
and, for a valid flow, a summary of the ``model``. To add a case, copy a folder, break the flow,
and write the lines you expect.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import golden_cases, load_golden
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.graph import layers, paths
from ltss_toolkit.flow.model import Flow

CASES = golden_cases("flow")


def summarize(flow: Flow) -> dict:
    return {
        "stages": [stage.id for stage in flow.stages],
        "nodes": {node.id: node.kind for node in flow.nodes.values()},
        "edges": [f"{node.id} --{answer.id}--> {answer.next}" for node in flow.nodes.values() for answer in node.answers],
        "layers": layers(flow),
        "paths": [" ".join([steps[0][0].id] + [answer.next for _, answer in steps]) for steps in paths(flow)],
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    toolkit, expected = load_golden(case, default_extensions())
    if "model" in expected:
        assert summarize(toolkit.data.get(Flow)) == expected["model"]


def test_every_case_but_the_valid_one_reports_problems() -> None:
    """A golden case that expects no problem would pass even if the validator did nothing."""
    for case in CASES:
        expected = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))
        assert bool(expected["problems"]) == (case.name != "valid"), case.name
