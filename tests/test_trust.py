"""The "What changed" page, its Atom feed (read back by a feed library) and the freshness report."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import feedparser
import pytest
from conftest import PROJECT, write_tree
from ltss_toolkit.__main__ import main
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.structure.model import Settings, Toolkit
from ltss_toolkit.trust.changes import changes_page, site_changes
from ltss_toolkit.trust.feed import atom_feed
from ltss_toolkit.trust.freshness import freshness, months_before, report_page, report_text

DATES_CASE = Path(__file__).parent / "golden" / "loading" / "dates"


@pytest.fixture(scope="module")
def changed() -> Toolkit:
    """Two pages with three changes between them (the dates golden case, whose problems are tested there)."""
    toolkit, _ = load_toolkit(DATES_CASE / "content", DATES_CASE, default_extensions())
    return toolkit


def test_changes_newest_first(changed: Toolkit) -> None:
    got = [(c.date.isoformat(), c.page.id, c.change.note) for c in site_changes(changed)]
    assert got == [
        ("2099-01-01", "first-page", "A change from the future."),
        ("2026-01-15", "pathways", "Added the number of states."),
        ("2025-12-01", "pathways", "First published."),
    ]
    page = changes_page(changed)
    assert page.index("## January 2099") < page.index("## January 2026") < page.index("## December 2025")
    assert "[Pathways](pathways/index.md): Added the number of states." in page


def parse(xml: str, location: str = "https://example.org/feed.xml") -> feedparser.FeedParserDict:
    headers = {"content-location": location, "content-type": "application/atom+xml; charset=utf-8"}
    return feedparser.parse(xml, response_headers=headers)


def test_feed_is_valid_atom_with_relative_links_without_site_url(changed: Toolkit) -> None:
    feed = parse(atom_feed(changed), "https://mirror.example.net/ltss/feed.xml")
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "LTSS Toolkit: what changed"
    assert feed.feed.id.startswith("urn:uuid:")
    assert feed.feed.updated_parsed[:3] == (2099, 1, 1)
    assert feed.feed.author == "LTSS Toolkit"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": "https://mirror.example.net/ltss/feed.xml", "alternate": "https://mirror.example.net/ltss/changes/"}
    assert [(e.title, e.link, e.updated_parsed[:3]) for e in feed.entries] == [
        ("A page with every kind of date mistake: A change from the future.",
         "https://mirror.example.net/ltss/pathways/first/page/", (2099, 1, 1)),
        ("Pathways: Added the number of states.", "https://mirror.example.net/ltss/pathways/", (2026, 1, 15)),
        ("Pathways: First published.", "https://mirror.example.net/ltss/pathways/", (2025, 12, 1)),
    ]
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)


def test_feed_links_are_absolute_with_site_url(changed: Toolkit) -> None:
    changed.settings = Settings(site_url="https://ltss.example.org/", directory_urls=False)
    try:
        xml = atom_feed(changed)
    finally:
        changed.settings = Settings()
    feed = parse(xml, "https://elsewhere.example.com/feed.xml")
    assert feed.bozo == 0
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": "https://ltss.example.org/feed.xml",
        "alternate": "https://ltss.example.org/changes.html",
    }
    assert feed.entries[1].link == "https://ltss.example.org/pathways/index.html"


def test_feed_is_reproducible_and_ids_are_stable(changed: Toolkit, monkeypatch: pytest.MonkeyPatch) -> None:
    first = atom_feed(changed)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert atom_feed(changed) == first
    renamed = dataclasses.replace(changed.settings, site_url="https://moved.example.org/")
    changed.settings = renamed
    try:
        moved = parse(atom_feed(changed))
    finally:
        changed.settings = Settings()
    assert [e.id for e in moved.entries] == [e.id for e in parse(first).entries]


def test_feed_escapes_text(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "content/topics.yml": "- id: t\n  label: T\n",
        "content/pathways/index.md": (
            "---\nid: p\nreviewed: 2026-01-15\ntitle: A <b>bold</b> & odd title\nsummary: S.\norder: 0\n"
            "changes:\n  - date: 2026-01-15\n    note: \"Fixed <script>alert(1)</script> & ]]> text\"\n---\nBody.\n"
        ),
    })
    toolkit, problems = load_toolkit(tmp_path / "content", tmp_path, default_extensions())
    assert not problems
    xml = atom_feed(toolkit)
    assert "<script>" not in xml and "<b>" not in xml
    feed = parse(xml)
    assert feed.bozo == 0
    assert feed.entries[0].summary == "Fixed <script>alert(1)</script> & ]]> text"


FRESHNESS_FILES = {
    "content/topics.yml": "- id: t\n  label: T\n",
    "content/glossary.yml": "- term: CMS\n  expansion: Centers for Medicare & Medicaid Services\n  definition: The agency.\n",
    "content/pathways/index.md": "---\nid: p\nreviewed: 2026-06-01\ntitle: New page\nsummary: S.\norder: 0\n"
    "resources: [recent, unaddressed]\n---\nCMS says so.\n",
    "content/pathways/old.md": "---\nid: old\nreviewed: 2024-02-29\ntitle: Old page\nsummary: S.\norder: 1\n"
    "resources: [ancient]\n---\nThe SDRC and CMS say so.\n",
    "content/pathways/edge.md": "---\nid: edge\nreviewed: 2025-11-27\ntitle: Reviewed exactly a year ago\n"
    "summary: S.\norder: 2\n---\nBody.\n",
    "content/pathways/resources.yml": (
        "- id: recent\n  title: Recent\n  publisher: CMS\n  year: 2024\n  url: https://example.org/r\n  kind: report\n"
        "- id: unaddressed\n  title: No address\n  publisher: ICRC\n  year: 2019\n  url: null\n  kind: brief\n"
        "- id: ancient\n  title: Ancient\n  publisher: CMS\n  year: 2009\n  url: https://example.org/a\n  kind: guide\n"
        "- id: undated\n  title: Undated\n  publisher: null\n  url: https://example.org/u\n  kind: webpage\n"
    ),
}


@pytest.fixture
def aging(tmp_path: Path) -> tuple[Toolkit, Path]:
    write_tree(tmp_path, FRESHNESS_FILES)
    toolkit, problems = load_toolkit(tmp_path / "content", tmp_path, default_extensions())
    assert problems.lines() == [
        "content/pathways/old.md:9: acronym 'SDRC' is not in the glossary (add it to content/glossary.yml with its"
        " expansion and definition, or an 'ignore:' entry with a 'reason:')"
    ]
    toolkit.settings = Settings(today=datetime.date(2026, 11, 27))
    return toolkit, tmp_path


def test_freshness_flags_old_pages_and_resources(aging: tuple[Toolkit, Path]) -> None:
    toolkit, _ = aging
    report = freshness(toolkit)
    assert report.review_cutoff == datetime.date(2025, 11, 27)
    assert [p.id for p in report.due] == ["old"]
    assert [p.id for p in report.pages] == ["old", "edge", "p"]
    assert [r.id for r in report.without_address] == ["unaddressed"]
    assert report.oldest_year == 2016
    assert [r.id for r in report.old_resources] == ["ancient"]
    assert [(str(where), word) for where, word in report.undefined] == [("content/pathways/old.md:9", "SDRC")]


def test_freshness_limits_are_settings(aging: tuple[Toolkit, Path]) -> None:
    toolkit, _ = aging
    toolkit.settings = Settings(today=datetime.date(2026, 11, 27), review_every_months=6, resource_age_years=5)
    report = freshness(toolkit)
    assert [p.id for p in report.due] == ["old", "edge"]
    assert [r.id for r in report.old_resources] == ["ancient", "unaddressed"]


def test_freshness_page_and_text(aging: tuple[Toolkit, Path]) -> None:
    toolkit, _ = aging
    page = report_page(toolkit)
    assert "as of November 27, 2026" in page
    assert "## Pages due for review (1)\n\n| Last reviewed | Page | Source file |\n|---|---|---|\n" \
        "| 2024-02-29 | [Old page](pathways/old.md) | `content/pathways/old.md` |" in page
    assert "- 2009: [Ancient](resources.md#resource-ancient)" in page
    text = report_text(freshness(toolkit))
    assert "  content/pathways/old.md:3: reviewed 2024-02-29: Old page\n" in text
    assert "  content/pathways/resources.yml:7: unaddressed: No address\n" in text
    assert "  content/pathways/old.md:9: SDRC\n" in text


def test_months_before_clamps_the_day() -> None:
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
    assert months_before(datetime.date(2024, 2, 29), 12) == datetime.date(2023, 2, 28)


def test_freshness_command(aging: tuple[Toolkit, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, project = aging
    assert main(["freshness", "-f", str(project / "mkdocs.yml")]) == 2
    assert "mkdocs.yml: not found" in capsys.readouterr().err
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - ltss-toolkit:\n      review_every_months: 6\n",
        encoding="utf-8",
    )
    code = main(["freshness", "-f", str(project / "mkdocs.yml"), "--today", "2026-11-27"])
    out, err = capsys.readouterr()
    assert code == 1  # the undefined acronym is a content problem
    assert "acronym 'SDRC' is not in the glossary" in err
    assert out.startswith("Freshness report for 2026-11-27\n\nPages due for review (last reviewed before 2026-05-27, "
                          "6 months ago): 2\n")
    (project / "content" / "glossary.yml").write_text(
        FRESHNESS_FILES["content/glossary.yml"] + "- term: SDRC\n  expansion: State Data Resource Center\n  definition: D.\n",
        encoding="utf-8",
    )
    assert main(["freshness", "-f", str(project / "mkdocs.yml"), "--today", "2026-11-27"]) == 0
    assert main(["freshness", "-f", str(project / "mkdocs.yml"), "--today", "2026-11-27", "--strict"]) == 1
    assert main(["freshness", "-f", str(project / "mkdocs.yml"), "--today", "2026-11-27", "--strict",
                 "--review-every-months", "60"]) == 0


def test_small_site_shows_dates_changes_as_of_and_feed(small_project, tmp_path: Path) -> None:
    """End to end through MkDocs: the plugin adds the "as of" syntax, and the generated pages and feed are built."""
    from conftest import run_build

    project = small_project({
        "content/topics.yml": "- id: t\n  label: T\n",
        "content/pathways/index.md": (
            "---\nid: p\nreviewed: 2026-01-15\ntitle: Pathways\nsummary: S.\norder: 0\n"
            "changes:\n  - date: 2026-01-15\n    note: Added the count of states.\n---\n"
            "[Thirty-six states had an agreement]{as of 2018-06}.\n"
        ),
    })
    site = tmp_path / "site"
    result = run_build(project, site, "--no-pdf")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (site / "pathways" / "index.html").read_text(encoding="utf-8")
    assert ('<span class="ltss-as-of">Thirty-six states had an agreement<span class="ltss-as-of-date"> (as of '
            '<time datetime="2018-06">June 2018</time>)</span></span>') in page
    assert 'Last reviewed <time datetime="2026-01-15">January 15, 2026</time>' in page
    assert "Last updated" not in page  # the project is not in git: no date rather than a wrong one
    assert '<time datetime="2026-01-15">January 15, 2026</time>: Added the count of states.' in page
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pathways/">Pathways</a>: Added the count of states.' in changes
    feed = parse((site / "feed.xml").read_text(encoding="utf-8"))
    assert feed.bozo == 0 and [e.title for e in feed.entries] == ["Pathways: Added the count of states."]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert (site / "freshness" / "index.html").is_file() and 'href="freshness/"' not in home


def test_every_shipped_content_page_shows_its_review_date(built_site: Path) -> None:
    """'Last updated' depends on the clone's history (see test_dates.py); 'Last reviewed' is always there."""
    from ltss_toolkit.structure.site_paths import page_url

    toolkit, _ = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    for page in toolkit.pages.values():
        html = (built_site / page_url(page.uri, True) / "index.html").read_text(encoding="utf-8")
        assert page.reviewed is not None
        assert f'Last reviewed <time datetime="{page.reviewed.isoformat()}">' in html, page.source
    assert parse((built_site / "feed.xml").read_text(encoding="utf-8")).bozo == 0


def test_check_with_freshness_prints_the_report_after_the_problems(
    aging: tuple[Toolkit, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, project = aging
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")  # 2026-11-27: the report's day
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - ltss-toolkit:\n      review_every_months: 6\n",
        encoding="utf-8",
    )
    assert main(["check", "-f", str(project / "mkdocs.yml")]) == 1
    assert "Freshness report" not in capsys.readouterr().out
    assert main(["check", "-f", str(project / "mkdocs.yml"), "--freshness"]) == 1
    out = capsys.readouterr().out
    problems, report = out.split("\nFreshness report for ", 1)
    assert "acronym 'SDRC' is not in the glossary" in problems
    due = report.split("\n\n")[1]
    assert "(last reviewed before " in due and "6 months ago)" in due
    assert "content/pathways/old.md" in due and "content/pathways/index.md" not in due
