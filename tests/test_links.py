"""The engine's link check (``render/links.py``): every link an editor wrote is checked with its line, wherever
it sits in the page's Markdown, and anchors the extensions add are known."""

from __future__ import annotations

import shutil
from pathlib import Path

from ltss_toolkit.engine import load_site
from ltss_toolkit.extensions import default_extensions

from conftest import PROJECT, write_tree

VALID = PROJECT / "tests" / "golden" / "loading" / "valid" / "content"


def problems_with(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> list[str]:
    """The problem lines of the golden valid content with ``body`` added to one page."""
    root = write_tree(tmp_path / "project", files or {})
    shutil.copytree(VALID, root / "content", dirs_exist_ok=True)
    page = root / "content" / "pathways" / "first" / "page.md"
    page.write_text(page.read_text() + body)
    _, problems = load_site(root, root / "content", None, default_extensions(),
                            markdown_extensions=["admonition", "attr_list", "md_in_html", "toc"])
    return problems.lines()


def test_links_in_admonitions_and_list_continuations_are_checked_with_their_line(tmp_path: Path) -> None:
    lines = problems_with(
        tmp_path,
        "\n!!! note\n    See [a page](in-an-admonition.md).\n\n- An item\n\n    Read [this](in-a-list.md).\n\n"
        "Text.\n\n    [code, not a link](in-a-code-block.md)\n",
    )
    assert [line.split(": no such page")[0] for line in lines] == [
        "content/pathways/first/page.md:15: link to 'in-an-admonition.md'",
        "content/pathways/first/page.md:19: link to 'in-a-list.md'",
    ]


GOLDEN = PROJECT / "tests" / "golden"


def test_links_to_the_anchors_of_figures_and_case_studies_are_accepted(tmp_path: Path) -> None:
    """Anchors are read before the macros run: the extensions declare the ids their macros add."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN / "case-studies" / "valid" / "content", root / "content")
    figures = GOLDEN / "figures" / "valid" / "content" / "pathways" / "figures"
    shutil.copytree(figures, root / "content" / "pathways" / "figures")
    landing = root / "content" / "pathways" / "index.md"
    landing.write_text(landing.read_text().replace("order: 0", "order: 0\nmacros: true") + '\n{{ figure("share-by-year") }}\n')
    page = root / "content" / "pathways" / "strategies" / "bed-buy-back.md"
    page.write_text(
        page.read_text() + "\nSee [the chart](../index.md#figure-share-by-year), [Utah's](index.md#case-study-named-state),"
        " [this one](#case-study-unnamed-state) and [a chart that is not there](../index.md#figure-counts).\n"
    )
    _, problems = load_site(root, root / "content", None, default_extensions())
    assert [line.split(" (")[0] for line in problems.lines()] == [
        "content/pathways/strategies/bed-buy-back.md:13: link to '../index.md#figure-counts': no heading "
        "'figure-counts' on that page"
    ]
