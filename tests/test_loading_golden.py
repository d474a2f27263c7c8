"""Golden cases for loading and validation: a content tree in, the expected model or error lines out.

Each folder under ``tests/golden/loading/`` holds a ``content/`` tree and an ``expected.yml`` with the
exact ``problems`` lines and, for valid trees, a summary of the ``model``. To add a case, copy a folder,
change the content, and write the lines you expect an editor to see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import golden_cases, load_golden
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.structure.model import Toolkit

CASES = golden_cases("loading")


def summarize(toolkit: Toolkit) -> dict:
    return {
        "pages": {page.id: page.uri for page in toolkit.reading_order()},
        "resources": {
            r.id: {"publisher": r.publisher, "year": r.year, "url": r.url} for r in sorted(toolkit.resources.values(), key=lambda r: r.id)
        },
        "references": sorted(toolkit.references),
        "topics": sorted(toolkit.topics),
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    toolkit, expected = load_golden(case, default_extensions())
    if "model" in expected:
        assert summarize(toolkit) == expected["model"]
