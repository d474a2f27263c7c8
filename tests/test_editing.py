"""The editor's road: ``check`` (its exact output, text and GitHub annotations), the pull request summary
on two real commits, and the ``new`` scaffolds (each output passes ``check`` and builds)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ltss_toolkit.editing.changes import site_path

from conftest import MINIMAL_MKDOCS, PROJECT, build_env, run_build, write_tree

VALID = PROJECT / "tests" / "golden" / "loading" / "valid" / "content"


def ltss(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ltss_toolkit", *args], cwd=project, env=build_env(),
                          capture_output=True, text=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small valid project: the golden 'valid' content, a mkdocs.yml and a home page."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root / "content")
    return write_tree(root, {"mkdocs.yml": MINIMAL_MKDOCS, "docs/index.md": "# Home\n"})


def test_check_passes_the_shipped_content() -> None:
    result = ltss(PROJECT, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No content problems in content/ (")


def test_check_reports_every_problem_with_its_line_and_in_github_format(project: Path) -> None:
    page = project / "content" / "pathways" / "first" / "page.md"
    page.write_text(page.read_text().replace("order: 1", "order: first").replace("[guide-a,", "[guide-z,"))
    (project / "content" / "pathways" / "first" / "resources.yml").write_text(
        (VALID / "pathways" / "first" / "resources.yml").read_text().replace("https://example.org/guide-a", "'#'")
    )
    text = ltss(project, "check")
    assert text.returncode == 1
    assert text.stdout.splitlines() == [
        "content/pathways/first/page.md:6: 'order' must be a whole number, not 'first' (write 'order: N', the page's "
        "position in its folder (for index.md, the folder's position in its parent))",
        "content/pathways/first/page.md:7: page cites unknown resource 'guide-z' (did you mean 'guide-a'?)",
        "content/pathways/first/resources.yml:5: malformed address '#' (give the full address starting with https:// "
        "(or http://); when none is known write 'url: null', never '#')",
        "3 content problems found in content/ (3 pages, 2 resources).",
    ]
    built = run_build(project, project / "site", "--no-pdf")
    assert built.returncode == 1
    assert [line for line in text.stdout.splitlines()[:-1] if line not in built.stdout + built.stderr] == [], (
        "check and the build must find the same problems"
    )
    github = ltss(project, "check", "--format", "github")
    assert github.returncode == 1
    assert github.stdout.splitlines() == [
        "::error file=content/pathways/first/page.md,line=6,title=Content problem::'order' must be a whole number, "
        "not 'first' (write 'order: N', the page's position in its folder (for index.md, the folder's position in "
        "its parent))",
        "::error file=content/pathways/first/page.md,line=7,title=Content problem::page cites unknown resource "
        "'guide-z' (did you mean 'guide-a'?)",
        "::error file=content/pathways/first/resources.yml,line=5,title=Content problem::malformed address '#' "
        "(give the full address starting with https:// (or http://); when none is known write 'url: null', "
        "never '#')",
        "3 content problems found in content/ (3 pages, 2 resources).",
    ]


def test_check_reads_markdown_as_the_build_does_a_hash_line_in_a_fence_is_no_heading(project: Path) -> None:
    """MkDocs adds ``fenced_code`` to every site's extensions: check reads mkdocs.yml through MkDocs, so a
    ``# x`` line in a fence gives no anchor ``x`` (a link to it is refused, as the build refuses it)."""
    page = project / "content" / "pathways" / "first" / "page.md"
    page.write_text(page.read_text() + "\n```text\n# Not a heading\n```\n\nSee [that](#not-a-heading).\n")
    result = ltss(project, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "content/pathways/first/page.md:18: link to '#not-a-heading': no heading 'not-a-heading' on that page "
        "(known: a-page, questions-to-consider, related-resources, see-also)"
    )
    assert run_build(project, project / "site", "--no-pdf").returncode == 1, "the build refuses it too"
def test_two_pages_with_the_same_order_are_a_warning_that_still_builds(project: Path) -> None:
    other = project / "content" / "pathways" / "first" / "other.md"
    other.write_text("---\nid: other\nreviewed: 2024-01-15\ntitle: Other\nsummary: Another.\norder: 1\n---\nBody.\n")
    text = ltss(project, "check")
    assert text.returncode == 0, text.stdout
    warning = (
        "content/pathways/first/page.md:6: warning: 'order: 1' is also the order of content/pathways/first/other.md "
        "(give each page of a folder its own order; the menu shows them by order)"
    )
    assert warning in text.stdout.splitlines()
    github = ltss(project, "check", "--format", "github")
    assert "::warning file=content/pathways/first/page.md,line=6," in github.stdout
    built = run_build(project, project / "site", "--no-pdf")
    assert built.returncode == 0 and warning in built.stderr


def test_github_annotations_escape_what_would_end_the_command() -> None:
    from ltss_toolkit.editing.check import github_annotation
    from ltss_toolkit.structure.problems import Location, Problem

    line = github_annotation(Problem(Location("content/a,b:c.md", 3), "100% wrong\nreally", "fix::it"))
    assert line == "::error file=content/a%2Cb%3Ac.md,line=3,title=Content problem::100%25 wrong%0Areally (fix::it)"


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout.strip()


def test_pull_request_summary_on_two_commits(project: Path) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    base = git(project, "rev-parse", "HEAD")
    first = project / "content" / "pathways" / "first"
    (first / "page.md").write_text((first / "page.md").read_text().replace("Body text.", "Body text, edited."))
    write_tree(project, {"content/pathways/second/index.md": """\
        ---
        id: second
        reviewed: 2026-11-20
        title: Second section
        summary: A new section.
        order: 2
        ---
        New.
        """})
    (first / "index.md").write_text((first / "index.md").read_text().replace("See [the page](page.md).", "See."))
    git(project, "mv", "content/pathways/first/page.md", "content/pathways/first/renamed.md")
    (project / "content" / "pathways" / "index.md").unlink()
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "head")
    result = subprocess.run(
        [sys.executable, "-m", "ltss_toolkit", "changes", "--base", base, "--artifact", "site-preview"],
        cwd=project, env=build_env(), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    summary = result.stdout
    assert summary.split("## PDFs that change")[0].splitlines() == [
        "## Content changes",
        "",
        "| | Page | Address on the site | Source file |",
        "|---|---|---|---|",
        "| Changed | First section | `/pathways/first/` | `content/pathways/first/index.md` |",
        "| Moved from /pathways/first/page/ | A page | `/pathways/first/renamed/` "
        "| `content/pathways/first/renamed.md` |",
        "| Removed | Pathways | `/pathways/` | `content/pathways/index.md` |",
        "| Added | Second section | `/pathways/second/` | `content/pathways/second/index.md` |",
        "",
    ]
    assert "- `downloads/first.pdf`: First section\n- `downloads/second.pdf`: Second section\n" in summary
    assert "## Content problems (1)\n" in summary
    assert "- `content/pathways/:1`: folder 'pathways' has pages but no index.md" in summary
    assert "Download **site-preview** under *Artifacts*" in summary


def test_site_paths_follow_directory_urls() -> None:
    uris = ("index.md", "pathways/index.md", "pathways/x/page.md")
    assert [site_path(u) for u in uris] == ["/", "/pathways/", "/pathways/x/page/"]
    assert [site_path(u, False) for u in uris] == ["/index.html", "/pathways/index.html", "/pathways/x/page.html"]


def test_every_scaffold_passes_check_and_builds(project: Path, tmp_path: Path) -> None:
    write_tree(project, {"content/glossary.yml": "- term: ICRC\n  expansion: Integrated Care Resource Center\n"
                                                 "  definition: A technical assistance center.\n"})
    made = [
        ltss(project, "new", "section", "--parent", "content/pathways", "--title", "Paying for care: a start",
             "--summary", "Where the money for care comes from."),
        ltss(project, "new", "page", "--folder", "content/pathways/paying-for-care-a-start", "--title",
             "Rates & fees", "--summary", "How rates are set: by whom, and \"why\".", "--topics", "data"),
        ltss(project, "new", "page", "--folder", "content/pathways/first", "--title", "A page",
             "--summary", "Same title as an existing page.", "--reviewed", "2026-11-20"),
        ltss(project, "new", "resource", "--folder", "content/pathways/paying-for-care-a-start", "--title",
             "Rate setting: a guide", "--kind", "guide", "--publisher", "ICRC", "--year", "2019", "--url",
             "https://example.org/rates?x=1&y=2", "--topics", "data"),
        ltss(project, "new", "resource", "--folder", "content/pathways/first", "--title", "No address known",
             "--kind", "report"),
        ltss(project, "new", "term", "--term", "MLTSS", "--expansion", "managed long-term services and supports",
             "--definition", "Long-term care: delivered through managed care plans."),
    ]
    assert [r.returncode for r in made] == [0] * len(made), [r.stderr for r in made]
    assert [r.stdout.strip() for r in made] == [
        "Wrote content/pathways/paying-for-care-a-start/index.md (id: paying-for-care-a-start, order: 2).",
        "Wrote content/pathways/paying-for-care-a-start/rates-fees.md (id: rates-fees, order: 1).",
        "Wrote content/pathways/first/a-page.md (id: a-page, order: 2).",
        "Added resource 'icrc-rate-setting-a-guide' to content/pathways/paying-for-care-a-start/resources.yml; "
        "cite it in a page's 'resources:'.",
        "Added resource 'no-address-known' to content/pathways/first/resources.yml; cite it in a page's 'resources:'.",
        "Added 'MLTSS' to content/glossary.yml.",
    ]
    assert (project / "content/pathways/first/a-page.md").read_text() == (
        "---\nid: a-page\nreviewed: 2026-11-20\ntitle: A page\nsummary: Same title as an existing page.\norder: 2\n"
        "resources: []\ntopics: []\n---\n"
        "<!-- Write the page below in Markdown, in your own words. Use ## for subheadings. -->\n"
    )
    rates = (project / "content/pathways/paying-for-care-a-start/rates-fees.md").read_text()
    assert f"\nreviewed: {datetime.date.today().isoformat()}\n" in rates  # by default, the day it was written
    checked = ltss(project, "check")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout == "No content problems in content/ (6 pages, 4 resources).\n"
    built = run_build(project, tmp_path / "site", "--no-pdf")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    html = (tmp_path / "site" / "pathways" / "paying-for-care-a-start" / "rates-fees" / "index.html").read_text()
    assert "Rates &amp; fees" in html and "Write the page below" not in html.split("<article")[1].split("<!--")[0]


def test_a_scaffold_that_would_add_a_problem_writes_nothing(project: Path) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    results = [
        ltss(project, "new", "page", "--folder", "content/pathways/first", "--title", "T", "--summary", "S",
             "--topics", "nonexistent"),
        ltss(project, "new", "resource", "--folder", "content/pathways/first", "--title", "T", "--kind", "report",
             "--url", "www.example.org"),
        ltss(project, "new", "page", "--folder", "content/elsewhere", "--title", "T", "--summary", "S"),
        ltss(project, "new", "page", "--folder", "content/pathways/first", "--title", "T", "--summary", "S",
             "--id", "first-page"),
    ]
    assert [r.returncode for r in results] == [1, 1, 1, 1]
    assert [r.stderr.splitlines()[-1] for r in results] == [
        "  content/pathways/first/t.md:8: unknown topic 'nonexistent' (known: data, enrollment; topics are defined "
        "in content/topics.yml)",
        "  content/pathways/first/resources.yml:17: malformed address 'www.example.org' (give the full address "
        "starting with https:// (or http://); when none is known write 'url: null', never '#')",
        "Nothing written: --folder content/elsewhere: no such folder in content/ (e.g. content/pathways)",
        "Nothing written: --id first-page is already used; choose another id",
    ]
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_pre_commit_hook_and_codespace_run_the_project_commands() -> None:
    import json
    import re

    import yaml

    hook = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["entry"] == ".venv/bin/python -m ltss_toolkit check" and hook["pass_filenames"] is False
    assert all(re.match(hook["files"], path) for path in ("content/pathways/flow.yml", "docs/index.md", "mkdocs.yml"))
    assert not re.match(hook["files"], "plugins/ltss_toolkit/plugin.py")
    container = json.loads((PROJECT / ".devcontainer" / "devcontainer.json").read_text())
    assert (container["postCreateCommand"], container["postAttachCommand"]) == ("make install", "make serve")
    assert container["forwardPorts"] == [8000]
