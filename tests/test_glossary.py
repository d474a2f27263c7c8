"""Glossary: golden validation cases, abbreviations added to pages, the glossary page, and site-wide
checks on the built site (tooltips, the checklist, "See also" pairs between modules and pathways)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import markdown
import pytest

from conftest import golden_cases, load_golden
from ltss_toolkit import case_studies, figures, glossary as glossary_extension
from ltss_toolkit.glossary.model import Glossary, Term, glossary
from ltss_toolkit.glossary.page import render_glossary_page
from ltss_toolkit.glossary.usage import abbr_glossary, acronyms_in, without_tooltips
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.structure.model import Toolkit
from ltss_toolkit.structure.problems import Location

EXTENSIONS = [figures.EXTENSION, case_studies.EXTENSION, glossary_extension.EXTENSION]
"""This feature's extensions only, so that its cases do not depend on other kinds of content."""
CASES = golden_cases("glossary")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    toolkit, expected = load_golden(case, EXTENSIONS)
    found = glossary(toolkit)
    assert sorted(found.terms) == expected["terms"]
    assert sorted(found.ignored) == expected["ignored"]


def make_glossary(**expansions: str) -> Glossary:
    found = Glossary(path="content/glossary.yml")
    for term, expansion in expansions.items():
        term = term.replace("_", "-").replace("PLUS", "+")
        found.terms[term] = Term(term, expansion, f"About {term}.", Location("content/glossary.yml", 1))
    return found


def test_acronyms_in_prose() -> None:
    assert list(acronyms_in("Module II and IV: a D-SNP, two D-SNPs, QMB+ and QMB, FY 2019.")) == [
        "D-SNP", "D-SNP", "QMB+", "QMB", "FY"
    ]
    assert list(acronyms_in("See [A](../ABC/x.md), `CODE`, <abbr title='X'>Y</abbr>, https://X.ORG/AB, {{ figure('AB') }}")) == []
    assert list(acronyms_in("A Medicare plan. I am. U.S. law.")) == []


def with_tooltips(text: str, found: Glossary) -> str:
    """``text`` as the site's Markdown makes it, ``abbr`` given the glossary as the plugin gives it."""
    toolkit = Toolkit()
    toolkit.data.put(found)
    return markdown.markdown(text, extensions=["abbr", "attr_list"], extension_configs=abbr_glossary(toolkit))


def test_every_occurrence_of_a_term_and_its_plural_carries_its_expansion() -> None:
    found = make_glossary(D_SNP="dual eligible special needs plan", FIDE_SNP="fully integrated plan", LTSS="long-term services")
    html = with_tooltips("Two D-SNPs and one D-SNP; a FIDE-SNP.\n\n## D-SNP rules\n\nNot in `LTSS` code.", found)
    assert '<abbr title="dual eligible special needs plan">D-SNPs</abbr>' in html
    assert html.count('<abbr title="dual eligible special needs plan">D-SNP</abbr>') == 2  # the heading's too
    assert '<abbr title="fully integrated plan">FIDE-SNP</abbr>' in html
    assert "<code>LTSS</code>" in html and "long-term services" not in html
    assert "<abbr" not in with_tooltips("SNP-like, a D-SNP_x and LTSSes", found)  # only whole words count
    assert '<abbr title="already defined">LTSS</abbr>' in with_tooltips("*[LTSS]: already defined\n\nLTSS", found)


def test_the_resources_pages_carry_no_tooltips_and_other_pages_do() -> None:
    found = make_glossary(LTSS="long-term services and supports", QMBPLUS="qualified beneficiary plus")
    toolkit = Toolkit()
    toolkit.data.put(found)
    text = "An LTSS report, two LTSSs, a QMB+ study, LTSS-wide (D-LTSSs).\n"
    for uri in ("resources.md", "resources-by-topic.md"):
        assert "<abbr" not in with_tooltips(without_tooltips(uri, text, toolkit), found), uri
    assert without_tooltips("pathways/index.md", text, toolkit) == text
    assert '<abbr title="long-term services and supports">LTSS</abbr>' in with_tooltips(text, found)


def test_abbreviation_titles_are_escaped_by_markdown() -> None:
    found = make_glossary(LTSS='<script>alert("x")</script> & more')
    html = with_tooltips("LTSS here.", found)
    assert "<script>" not in html
    assert '<abbr title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more">LTSS</abbr>' in html


def test_glossary_page_lists_terms_with_anchors_and_escapes() -> None:
    found = make_glossary(QMBPLUS="plus full <Medicaid>", ACO="accountable care organization")
    page = render_glossary_page(found)
    assert page.index('id="term-aco"') < page.index('id="term-qmb-plus"')
    assert "plus full &lt;Medicaid&gt;" in page and "<Medicaid>" not in page
    assert "The 2 acronyms" in page


def test_small_site_marks_acronyms_on_content_and_docs_pages(small_project, tmp_path: Path) -> None:
    from conftest import MINIMAL_MKDOCS, run_build

    project = small_project(
        {
            "content/topics.yml": "- id: data\n  label: Data\n",
            "content/glossary.yml": "- term: LTSS\n  expansion: long-term services and supports\n  definition: Help.\n",
            "content/pathways/index.md": "---\nid: p\nreviewed: 2026-01-15\ntitle: P\nsummary: S.\norder: 0\n---\nAbout LTSS.\n",
            "docs/index.md": "# Home\n\nLTSS on a docs page.\n",
        },
        mkdocs_yml=MINIMAL_MKDOCS + "  - Glossary: glossary.md\n",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "pathways/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert '<abbr title="long-term services and supports">LTSS</abbr>' in html, page
    assert 'id="term-ltss"' in (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")


# The shipped site, built once per session.


def shipped_glossary(project_dir: Path) -> Glossary:
    toolkit, problems = load_toolkit(project_dir / "content", project_dir, EXTENSIONS)
    return glossary(toolkit)


def test_built_glossary_page_lists_every_term(built_site: Path, project_dir: Path) -> None:
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    found = shipped_glossary(project_dir)
    assert len(found.terms) >= 24
    for term in found.terms.values():
        assert f'<dt id="{term.anchor}">' in html, term.term


def test_built_pathways_page_has_tooltips(built_site: Path) -> None:
    html = (built_site / "pathways/integrated-care-paths/capitated-managed-care/mltss/index.html").read_text(encoding="utf-8")
    assert '<abbr title="managed long-term services and supports">MLTSS</abbr>' in html
    assert '<abbr title="dual eligible special needs plan">D-SNP' in html


def test_built_checklist_has_nine_areas_of_task_items(built_site: Path) -> None:
    html = (built_site / "modules/mltss-framework/index.html").read_text(encoding="utf-8")
    main = html[html.index('<h2 id="contract-and-network-management"') : html.index('<h2 id="beyond-the-nine-areas"')]
    assert main.count("<h2") == 9
    assert main.count('<li class="task-list-item">') >= 9
    boxes = re.findall(r'<input aria-label="([^"]+)" type="checkbox" disabled', main)
    assert len(boxes) == main.count('<li class="task-list-item">')
    assert all(len(name) > 10 for name in boxes)  # each box is named after its item, JavaScript or not
    assert "assets/ltss.js" in html  # makes the boxes tickable


SEE_ALSO_PAIRS = [
    ("modules/mltss-framework", "pathways/integrated-care-paths/capitated-managed-care/mltss"),
    ("pathways/integrated-care-paths/capitated-managed-care/mltss", "modules/mltss-framework"),
    ("pathways/integrated-care-paths/managed-fee-for-service/health-homes", "modules/module-3-medicaid-flexibility"),
    ("modules/module-3-medicaid-flexibility", "pathways/integrated-care-paths/managed-fee-for-service/health-homes"),
    ("modules/balanced-system", "modules/module-2-hcbs-strategies"),
    ("modules/module-2-hcbs-strategies", "modules/balanced-system"),
]


@pytest.mark.parametrize("page,other", SEE_ALSO_PAIRS)
def test_see_also_links_modules_and_pathways_where_they_meet(built_site: Path, page: str, other: str) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="see-also"') :]
    section = section[: section.index("</ul>")]
    targets = {posixpath.normpath(posixpath.join(page, href)) for href in re.findall(r'href="([^"#]+)"', section)}
    assert other in targets, sorted(targets)
