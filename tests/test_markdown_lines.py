"""The engine reads a page's Markdown one way everywhere: one front-matter splitter, one reader of code blocks
(as Python-Markdown finds them, with MkDocs' ``fenced_code``), one reader of ``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import markdown
import pytest

from ltss_toolkit.editing.changes import page_title
from ltss_toolkit.engine import load_site
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.loading.front_matter import split_front_matter
from ltss_toolkit.outputs.pdf.step import build_info
from ltss_toolkit.outputs.reproducible_zip import source_date
from ltss_toolkit.structure.fences import outside_fences, prose_lines
from ltss_toolkit.structure.model import Settings
from ltss_toolkit.trust.freshness import report_day

from conftest import PROJECT, write_tree

VALID = PROJECT / "tests" / "golden" / "loading" / "valid" / "content"

FENCES = [
    "```\n# code\n```\ntext",
    "  ```\n# indented two: no fence\n  ```\ntext",
    "````\n# code\n```\nstill code\n````\ntext",
    "```\n# never closed: no fence\ntext",
    "~~~ python\n# code\n~~~\n\n```text\n# code\n```",
]


@pytest.mark.parametrize("text", FENCES)
def test_fenced_code_is_what_python_markdown_makes_a_code_block(text: str) -> None:
    html = markdown.markdown(text, extensions=["fenced_code"])
    outside = "\n".join(line for _, line in outside_fences(text))
    headings_by_us = [line[2:] for line in outside.splitlines() if line.startswith("# ")]
    assert headings_by_us == re.findall(r"<h1>(.*?)</h1>", html)


def test_indented_lines_are_code_only_where_markdown_makes_them_code() -> None:
    text = (
        "!!! note\n    In an admonition.\n\n- An item\n\n    Its continuation.\n\n    - A nested item\n\n"
        "Text.\n\n    a code block\n    still code\n\nText again,\n    lazily continued.\n"
    )
    kept = [line.strip() for _, line in prose_lines(text) if line.strip()]
    assert kept == ["!!! note", "In an admonition.", "- An item", "Its continuation.", "- A nested item", "Text.",
                    "Text again,", "lazily continued."]


def test_a_script_in_a_would_be_fence_is_refused(tmp_path: Path) -> None:
    """Indented by two spaces, the backticks open no fence for Python-Markdown: the tag between them is HTML."""
    root = write_tree(tmp_path / "project", {})
    shutil.copytree(VALID, root / "content")
    page = root / "content" / "pathways" / "first" / "page.md"
    page.write_text(page.read_text() + "\n  ```\n<script>alert(1)</script>\n  ```\n")
    _, problems = load_site(root, root / "content", None, default_extensions())
    assert [line for line in problems.lines() if "<script>" in line] == [
        "content/pathways/first/page.md:15: '<script>' is not allowed in a page (pages hold text, Markdown and simple "
        "HTML; to show the tag as text, put it in `backticks`)"
    ]


def test_one_front_matter_splitter() -> None:
    front = split_front_matter("---\ntitle: T\n...  \nBody\n")
    assert front is not None and (front.yaml, front.body, front.body_line) == ("title: T\n", "Body\n", 4)
    assert split_front_matter("# No front matter\n") is None
    unclosed = split_front_matter("---\ntitle: T\n")
    assert unclosed is not None and unclosed.yaml is None


def test_the_pull_request_summary_reads_untrusted_front_matter_with_the_engines_limits() -> None:
    nested = "[" * 3000 + "]" * 3000
    assert page_title(f"---\ntitle: T\nx: {nested}\n---\n# Its heading\n") == "Its heading"
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    ) + "title: Bomb\n---\n"
    assert page_title(bomb) == ""
    assert page_title("---\ntitle: A page\n---\n# Heading\n") == "A page"


@pytest.mark.parametrize("value", ["1700000000", "not a number", None])
def test_one_reader_of_source_date_epoch(value: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDFs' date, the zip's entries and the freshness report's day agree, set or not."""
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    expected = datetime.date(2023, 11, 14) if value == "1700000000" else datetime.datetime.now(datetime.UTC).date()
    assert report_day(Settings()) == expected
    assert datetime.date(*source_date()[:3]) == expected
    assert build_info(PROJECT, "Site", "en").timestamp.startswith(expected.isoformat())
