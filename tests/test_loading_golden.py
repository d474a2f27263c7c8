"""Golden cases for loading and validation: a content tree in, the expected model or error lines out.

Each folder under ``tests/golden/loading/`` holds a ``content/`` tree and an ``expected.yml`` with the
exact ``problems`` lines and, for valid trees, a summary of the ``model``. To add a case, copy a folder,
change the content, and write the lines you expect an editor to see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.structure.model import Toolkit

CASES = sorted(p for p in (Path(__file__).parent / "golden" / "loading").iterdir() if p.is_dir())


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
    expected = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))
    toolkit, problems = load_toolkit(case / "content", case, default_extensions())
    assert problems.lines() == expected.get("problems", [])
    if "model" in expected:
        assert summarize(toolkit) == expected["model"]
