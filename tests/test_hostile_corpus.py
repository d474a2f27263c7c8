"""The hostile-content corpus: what a pull request could bring, each case refused with its exact lines.

Each folder under ``tests/golden/hostile/`` is a case: files laid over ``_base/`` (a small valid site)
and an ``expected.yml`` with

- ``problems``: the exact lines an editor sees; a case with problems fails the build with a non-zero
  exit and leaves ``site/`` as it was (``test_hostile_build.py`` runs a few whole builds to show it);
- ``symlinks``: links the test makes first (``path: target``), since git should not carry them;
- ``large_files``: files the test writes first (``path: size in bytes``);
- ``standalone: true``: the case is a whole tree of its own, not laid over ``_base/``;
- ``literal``: for hostile but valid text, strings the built site must show as they are written;
- ``site_values``: the names under ``extra:`` that ``docs/`` pages may use (as in mkdocs.yml).

To add a case: make a folder with the files that differ from ``_base/`` and write the lines you expect.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import GOLDEN, golden_cases, load_golden
from ltss_toolkit.extensions import default_extensions

HOSTILE = GOLDEN / "hostile"
CASES = golden_cases("hostile")


def materialize(case: Path, into: Path) -> Path:
    """The case as a project folder: ``_base/`` with the case's files over it, links and large files made."""
    expected = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))
    tree = into / case.name
    if not expected.get("standalone"):
        shutil.copytree(HOSTILE / "_base", tree)
    shutil.copytree(case, tree, dirs_exist_ok=True)
    for link, target in (expected.get("symlinks") or {}).items():
        (tree / link).parent.mkdir(parents=True, exist_ok=True)
        (tree / link).symlink_to(target)
    for path, size in (expected.get("large_files") or {}).items():
        (tree / path).parent.mkdir(parents=True, exist_ok=True)
        (tree / path).write_text("---\nid: big\n---\n" + "x" * size, encoding="utf-8")
    return tree


def test_the_corpus_has_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Path, tmp_path: Path) -> None:
    _, expected = load_golden(materialize(case, tmp_path), default_extensions())
    if expected.get("literal"):
        assert expected["problems"] == [], "hostile but valid text must build"
    else:
        assert expected["problems"], "every malformed case must be refused (a case that expects nothing tests nothing)"
    for line in expected["problems"]:
        assert len(line) < 400 and "Traceback" not in line
