"""Dates a reader can trust: "Last updated" from git (full, shallow and no history), "Last reviewed",
change notes and "as of" markers as they are rendered."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
from ltss_toolkit.loading.history import read_history
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.render.page import render_page
from ltss_toolkit.render.page_dates import changes_section, page_dates
from ltss_toolkit.structure.model import Change, Page
from ltss_toolkit.structure.problems import Location

PAGE = "---\nid: {id}\nreviewed: 2024-01-05\ntitle: {id}\nsummary: S.\norder: {order}\n---\nBody {n}.\n"


def git(repo: Path, *args: str, day: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both pages on 2024-01-10, a README on 2025-01-01, page b changed on 2025-03-05, the README on 2025-06-01."""
    repo = tmp_path_factory.mktemp("history") / "project"
    pages = repo / "content" / "pathways"
    pages.mkdir(parents=True)
    (pages / "index.md").write_text(PAGE.format(id="a", order=0, n=1), encoding="utf-8")
    (pages / "b.md").write_text(PAGE.format(id="b", order=1, n=1), encoding="utf-8")
    (repo / "content" / "topics.yml").write_text("- id: t\n  label: T\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first", day="2024-01-10")
    (repo / "README.md").write_text("readme\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "readme", day="2025-01-01")
    (pages / "b.md").write_text(PAGE.format(id="b", order=1, n=2), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "change b", day="2025-03-05")
    (repo / "README.md").write_text("readme, again\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "readme again", day="2025-06-01")
    return repo


PATHS = ["content/pathways/index.md", "content/pathways/b.md"]


def test_full_history_gives_each_page_its_last_commit(history_repo: Path) -> None:
    history = read_history(history_repo, PATHS)
    assert history.dates == {
        "content/pathways/index.md": datetime.date(2024, 1, 10),
        "content/pathways/b.md": datetime.date(2025, 3, 5),
    }
    assert history.note == ""


def test_dates_do_not_depend_on_the_build_time(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = read_history(history_repo, PATHS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert read_history(history_repo, PATHS) == before


def test_history_is_read_again_after_a_commit_not_after_a_save(history_repo: Path, tmp_path: Path) -> None:
    """The preview loads the content after each save: the dates are kept until a commit moves the branch."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{history_repo}", str(clone))
    page = clone / "content" / "pathways" / "index.md"
    assert read_history(clone, PATHS).dates["content/pathways/index.md"] == datetime.date(2024, 1, 10)
    page.write_text(PAGE.format(id="a", order=0, n=2), encoding="utf-8")
    assert read_history(clone, PATHS).dates["content/pathways/index.md"] == datetime.date(2024, 1, 10)
    git(clone, "commit", "-q", "-am", "change a", day="2026-02-03")
    assert read_history(clone, PATHS).dates["content/pathways/index.md"] == datetime.date(2026, 2, 3)
    git(clone, "checkout", "-q", "--detach", "HEAD~1")
    assert read_history(clone, PATHS).dates["content/pathways/index.md"] == datetime.date(2024, 1, 10)


def test_shallow_clone_dates_only_what_it_can_see(history_repo: Path, tmp_path: Path) -> None:
    """--depth 3 ends at the first README commit: b changed after it (dated), a before it (unknown, not
    the README commit's date, which is what a plain git log would give)."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "3", f"file://{history_repo}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    history = read_history(clone, PATHS)
    assert history.dates == {"content/pathways/b.md": datetime.date(2025, 3, 5)}
    assert "shallow" in history.note and "1 of 2 pages" in history.note


def test_depth_one_clone_shows_no_wrong_dates(history_repo: Path, tmp_path: Path) -> None:
    """What CI's default checkout gives: one commit, in which every file looks newly added."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    history = read_history(clone, PATHS)
    assert history.dates == {}
    assert "2 of 2 pages" in history.note


def test_no_git_history_degrades_to_no_dates(history_repo: Path, tmp_path: Path) -> None:
    """A build from a tarball: the same files without .git."""
    copy = tmp_path / "unpacked"
    shutil.copytree(history_repo, copy, ignore=shutil.ignore_patterns(".git"))
    toolkit, problems = load_toolkit(copy / "content", copy)
    assert not problems
    assert [page.updated for page in toolkit.pages.values()] == [None, None]
    assert "no git history" in toolkit.history_note


def test_uncommitted_page_has_no_date(history_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{history_repo}", str(clone))
    (clone / "content" / "pathways" / "new.md").write_text(PAGE.format(id="new", order=2, n=1), encoding="utf-8")
    toolkit, problems = load_toolkit(clone / "content", clone)
    assert not problems
    assert {page.id: page.updated for page in toolkit.pages.values()} == {
        "a": datetime.date(2024, 1, 10),
        "b": datetime.date(2025, 3, 5),
        "new": None,
    }
    assert toolkit.history_note == "1 of 3 pages are not committed yet and show no 'Last updated' date"


def _page(**fields: object) -> Page:
    values: dict[str, object] = dict(
        id="p", title="P", summary="S.", order=1, resources=(), topics=(), questions=(), body="Body.\n",
        body_line=8, source="content/pathways/x/p.md", uri="pathways/x/p.md",
    )
    values.update(fields)
    return Page(**values)  # type: ignore[arg-type]


def test_page_dates_golden() -> None:
    page = _page(reviewed=datetime.date(2026, 3, 2), updated=datetime.date(2026, 11, 25))
    assert page_dates(page) == (
        '<p class="ltss-dates" data-search-exclude><span class="ltss-reviewed">Last reviewed '
        '<time datetime="2026-03-02">March 2, 2026</time>'
        '</span><span aria-hidden="true"> · </span><span class="ltss-updated">Last updated '
        '<time datetime="2026-11-25">November 25, 2026</time></span></p>'
    )
    assert page_dates(_page(reviewed=datetime.date(2026, 3, 2))) == (
        '<p class="ltss-dates" data-search-exclude><span class="ltss-reviewed">Last reviewed '
        '<time datetime="2026-03-02">March 2, 2026</time>'
        "</span></p>"
    )


def test_changes_newest_first_and_escaped() -> None:
    where = Location("content/pathways/x/p.md", 9)
    page = _page(
        changes=(
            Change(datetime.date(2025, 1, 2), "First <b>published</b>.", where),
            Change(datetime.date(2026, 5, 6), "Updated [the] figures_here.", where),
        )
    )
    assert changes_section(page) == [
        "## Changes to this page { .ltss-page-part }",
        "",
        '- <time datetime="2026-05-06">May 6, 2026</time>: Updated \\[the\\] figures\\_here.',
        '- <time datetime="2025-01-02">January 2, 2025</time>: First &lt;b&gt;published&lt;/b&gt;.',
        "",
        "[Changes to every page](../../changes.md)",
        "",
    ]
    assert changes_section(_page()) == []


def test_rendered_page_has_dates_under_the_summary() -> None:
    from ltss_toolkit.structure.model import Toolkit

    page = _page(reviewed=datetime.date(2026, 3, 2))
    out = render_page(page, Toolkit(), page.body).splitlines()
    assert out[2].startswith('<p class="ltss-summary">')
    assert out[4].startswith('<p class="ltss-dates"')


def test_as_of_marker_renders_statement_and_date() -> None:
    html = markdown.markdown(
        "[**36 states** and [DC](https://example.org)]{as of 2018}, [twelve]{as of 2019-04-03}, [n]{as of 2019-04}.",
        extensions=["ltss_toolkit.render.as_of"],
    )
    assert html == (
        '<p><span class="ltss-as-of"><strong>36 states</strong> and <a href="https://example.org">DC</a>'
        '<span class="ltss-as-of-date"> (as of <time datetime="2018">2018</time>)</span></span>, '
        '<span class="ltss-as-of">twelve<span class="ltss-as-of-date"> (as of <time datetime="2019-04-03">April 3, 2019'
        '</time>)</span></span>, <span class="ltss-as-of">n<span class="ltss-as-of-date"> (as of '
        '<time datetime="2019-04">April 2019</time>)</span></span>.</p>'
    )


def test_as_of_marker_with_a_bad_date_is_left_as_written() -> None:
    html = markdown.markdown("[x]{as of 2019-13} `[y]{as of 2019}`", extensions=["ltss_toolkit.render.as_of"])
    assert html == "<p>[x]{as of 2019-13} <code>[y]{as of 2019}</code></p>"
