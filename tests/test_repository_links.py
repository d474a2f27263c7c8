"""Edit and "Report a problem with this page" links: from the one `repository` option, on every page,
plain links to the issue form in .github/ISSUE_TEMPLATE/, and none at all when no repository is given."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from ltss_toolkit.editing.changes import site_path
from ltss_toolkit.config import read_site_setup
from ltss_toolkit.editing.check import check
from ltss_toolkit.editing.repository import edit_url, feedback_url, repository_problem
from ltss_toolkit.structure.model import RESOURCE_KINDS

from conftest import MINIMAL_MKDOCS, PROJECT, TEST_REPOSITORY, run_build

FORMS = PROJECT / ".github" / "ISSUE_TEMPLATE"
FEEDBACK = re.compile(r'<p class="ltss-feedback[^"]*">\s*<a href="([^"]+)">Report a problem with this page</a>')


def form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


def test_feedback_link_prefills_the_correct_a_page_form() -> None:
    url = feedback_url("my-agency/site", "correct-a-page.yml", "Part A & B", "https://x.example/p/", "content/p.md")
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("github.com", "/my-agency/site/issues/new")
    assert parse_qs(parts.query) == {
        "template": ["correct-a-page.yml"], "title": ["Correction: Part A & B"],
        "page": ["https://x.example/p/"], "source": ["content/p.md"],
    }
    fields = {item["id"] for item in form("correct-a-page.yml")["body"] if "id" in item}
    assert {"page", "source"} <= fields, "the form's fields must keep the ids the link fills in"
    edit = edit_url("my-agency/site", "main", "content/a b.md")
    assert edit == "https://github.com/my-agency/site/edit/main/content/a%20b.md"


def test_repository_must_be_owner_slash_name() -> None:
    assert repository_problem("my-agency/ltss-site") is None
    for bad in ("https://github.com/a/b", "a", "a/b/c", "a/..", "-a/b"):
        assert repository_problem(bad), bad


def test_issue_forms() -> None:
    names = sorted(p.name for p in FORMS.glob("*.yml"))
    assert names == ["config.yml", "correct-a-page.yml", "report-a-broken-link.yml", "suggest-a-resource.yml"]
    for name in names[1:]:
        data = form(name)
        assert data["name"] and data["description"] and data["body"], name
        ids = [item["id"] for item in data["body"] if "id" in item]
        assert len(ids) == len(set(ids)), name
    kinds = next(i for i in form("suggest-a-resource.yml")["body"] if i.get("id") == "kind")
    assert kinds["attributes"]["options"] == list(RESOURCE_KINDS)


@pytest.fixture(scope="module")
def toolkit():
    return check(read_site_setup(PROJECT / "mkdocs.yml")).toolkit


def feedback_query(page: Path) -> dict[str, list[str]]:
    found = FEEDBACK.search(page.read_text(encoding="utf-8"))
    assert found, page
    url = html.unescape(found.group(1))
    assert url.startswith(f"https://github.com/{TEST_REPOSITORY}/issues/new?"), page
    return parse_qs(urlsplit(url).query)


def test_every_page_of_the_built_site_has_its_feedback_link(built_site: Path, toolkit) -> None:
    pages = [p for p in built_site.rglob("index.html") if "downloads" not in p.parts]
    assert len(pages) > 40
    for path in pages:
        rel = path.parent.relative_to(built_site).as_posix()
        assert feedback_query(path)["page"] == ["/" if rel == "." else f"/{rel}/"], path
    for page in toolkit.pages.values():
        query = feedback_query(built_site / site_path(page.uri).strip("/") / "index.html")
        assert query["source"] == [page.source] and query["title"] == [f"Correction: {page.title}"]


def test_without_a_repository_pages_have_no_edit_or_feedback_link(small_project, tmp_path: Path) -> None:
    files = {str(p.relative_to(PROJECT / "tests/golden/loading/valid")): p.read_text(encoding="utf-8")
             for p in (PROJECT / "tests/golden/loading/valid/content").rglob("*") if p.is_file()}
    project = small_project(files, MINIMAL_MKDOCS.replace("      repository: example-agency/ltss-site\n", ""))
    result = run_build(project, tmp_path / "site", "--no-pdf")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    page = (tmp_path / "site" / "pathways" / "first" / "page" / "index.html").read_text(encoding="utf-8")
    assert "Report a problem" not in page and "/edit/" not in page


def test_a_malformed_repository_is_a_clear_error(small_project, tmp_path: Path) -> None:
    project = small_project({}, MINIMAL_MKDOCS.replace("repository: example-agency/ltss-site",
                                                       "repository: https://github.com/example-agency/ltss-site"))
    result = run_build(project, tmp_path / "site", "--no-pdf")
    assert result.returncode != 0
    assert "'repository: https://github.com/example-agency/ltss-site' is not a GitHub repository as 'owner/name'" in (
        result.stdout + result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
