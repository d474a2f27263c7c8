"""A reader's first look: the home page leads with what a reader came to do, and every page says who publishes
the site and how to reach them (mkdocs.yml: extra.publisher, extra.contact)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from conftest import TEST_REPOSITORY
from ltss_toolkit.editing.repository import contact_address, contact_problem
from ltss_toolkit.structure.model import Publisher, Resource, Toolkit
from ltss_toolkit.structure.problems import Location
from ltss_toolkit.structure.publications import original_notes

PUBLISHED_BY = "Published by the LTSS Toolkit site project"
CONTACT = f"https://github.com/{TEST_REPOSITORY}/issues"


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_home_page_leads_with_start_here_the_two_toolkits_and_search(built_site: Path) -> None:
    home = article((built_site / "index.html").read_text(encoding="utf-8"))
    links = [link for link in re.findall(r'<a href="([^"#]+)"', home) if "/edit/" not in link]  # not the edit icon
    assert links[0] == "start-here/", links[:3]
    words = text(home)
    first = words[: words.index("Print it or take it offline")]
    for wanted in ("Start Here", "State Pathways to Integrated Care", "LTSS Rebalancing Toolkit", "Search"):
        assert wanted in first
    assert "ltss-download" not in home[: home.index("Print it or take it offline")], "the PDF link is not first"
    for editor_talk in ("Markdown", "YAML", "pull request", "Edit this page", "content/"):
        assert editor_talk not in words, editor_talk


def test_every_page_names_the_publisher_and_how_to_reach_them(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'class="md-footer"' not in html:
            continue
        footer = html[html.index('class="md-copyright"') :]
        assert PUBLISHED_BY in text(footer), page
        assert f'href="{CONTACT}"' in footer, page


def test_about_names_the_publisher_and_contact_and_promises_no_edit_button(built_site: Path) -> None:
    about = article((built_site / "about" / "index.html").read_text(encoding="utf-8"))
    words = text(about)
    assert "published by the LTSS Toolkit site project" in words
    assert f'href="{CONTACT}"' in about
    assert "Edit this page" not in words and "did not write, review or endorse it" in words


def test_the_contact_is_the_repositorys_issues_page_unless_one_is_given() -> None:
    assert contact_address(None, "owner/site") == "https://github.com/owner/site/issues"
    assert contact_address("https://example.org/contact", "owner/site") == "https://example.org/contact"
    assert contact_address(None, None) is None
    assert contact_problem("https://example.org/contact") is None
    assert contact_problem("javascript:alert(1)") and contact_problem("mailto:someone@example.org")


def test_an_original_without_a_known_address_is_described_by_the_next_resource_with_one() -> None:
    toolkit = Toolkit()
    where = Location("content/modules/resources.yml", 1)
    toolkit.resources["kit"] = Resource("kit", "A Toolkit", "CMS", 2020, None, "toolkit", (), where)
    toolkit.resources["sheet"] = Resource("sheet", "A Fact Sheet", "CMS", 2020, "https://example.org/s", "fact-sheet", (), where)
    toolkit.publishers["CMS"] = Publisher("Centers for Medicare & Medicaid Services", "CMS", where)
    notes, problems = original_notes(toolkit, {"modules": ["kit", "sheet"], "pathways": ["nothing"]})
    assert problems == ["mkdocs.yml: originals: pathways: no resource 'nothing'"]
    assert notes["modules"] == (
        "An independent summary, in its own words, of \u201cA Toolkit\u201d (Centers for Medicare & Medicaid Services, "
        "2020). It is not the original, and its publisher did not write or review it. The original's own address "
        "is not known; it is described in \u201cA Fact Sheet\u201d: https://example.org/s"
    )
