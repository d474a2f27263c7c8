"""Golden cases for loading and validation: a content tree in, the expected model or error lines out.

Each folder under ``tests/golden/loading/`` holds a ``content/`` tree and an ``expected.yml`` with the
exact ``problems`` lines and, for valid trees, a summary of the ``model``. To add a case, copy a folder,
change the content, and write the lines you expect an editor to see.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

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
def test_golden(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    added = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8")).get("added")
    if added:
        check_added_in_git(case, added, tmp_path, monkeypatch)
        return
    toolkit, expected = load_golden(case, default_extensions())
    if "model" in expected:
        assert summarize(toolkit) == expected["model"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def check_added_in_git(case: Path, added: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case's files committed except ``added``: the same problems while the added files are not committed
    (an editor's machine) and once they are committed on top of the base in a pull request's checks."""
    repo = tmp_path / case.name
    shutil.copytree(case, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A", "--", ".", *(f":!{path}" for path in added))
    git(repo, "commit", "-q", "-m", "base")
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    load_golden(repo, default_extensions())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the pull request")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    load_golden(repo, default_extensions())


def test_resources_page_groups_a_publisher_under_its_name_whichever_form_a_resource_writes() -> None:
    from ltss_toolkit.structure.relations import resources_by_publisher

    toolkit, _ = load_golden(Path(__file__).parent / "golden" / "loading" / "editor-mistakes", default_extensions())
    groups = {publisher: sorted(r.id for r in resources) for publisher, resources in resources_by_publisher(toolkit)}
    assert groups["Kaiser Family Foundation (KFF)"] == ["kff-survey", "kff-tracker"]
    assert "KFF" not in groups and "Kaiser Family Foundation" not in groups
