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
