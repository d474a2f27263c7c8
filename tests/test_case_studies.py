"""Case studies: golden validation cases, the table and its no-JavaScript filter, and the built page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.case_studies import case_study_macros
from conftest import GOLDEN, golden_cases, load_golden
from ltss_toolkit import case_studies, figures, glossary as glossary_extension
from ltss_toolkit.case_studies.model import CaseStudies
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.loading.yaml_lines import load_yaml
from ltss_toolkit.structure.problems import Problems

EXTENSIONS = [figures.EXTENSION, case_studies.EXTENSION, glossary_extension.EXTENSION]
"""This feature's extensions only, so that its cases do not depend on other kinds of content."""
CASES = golden_cases("case-studies")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    toolkit, expected = load_golden(case, EXTENSIONS)
    if "case_studies" in expected:
        got = {s.id: [s.state, s.strategy, s.verified] for s in toolkit.data.get(CaseStudies).items}
        assert got == expected["case_studies"]


def valid_toolkit():
    case = GOLDEN / "case-studies" / "valid"
    toolkit, problems = load_toolkit(case / "content", case, EXTENSIONS)
    assert not problems
    return toolkit


def test_table_rows_states_and_statuses() -> None:
    html = case_study_macros(valid_toolkit())["case_studies"]()
    rows = re.findall(r"<tr id=\"case-study-[^\"]+\"[^>]*>.*?</tr>", html)
    assert len(rows) == 2
    unnamed, named = rows
    assert 'data-state="none"' in unnamed and "Not named in the sources" in unnamed and ">Verified<" in unnamed
    assert 'data-state="Utah"' in named and "<td>Utah</td>" in named and ">Secondhand, not confirmed<" in named
    assert '<a href="https://example.org/report">Agency report</a> (Example Agency, 2020)' in unnamed
    assert "<cite>A news story</cite> (Example News, 2021)" in named


def test_filter_form_is_hidden_until_javascript_shows_it() -> None:
    html = case_study_macros(valid_toolkit())["case_studies"]()
    form = html[html.index("<form") : html.index("</form>")]
    assert 'hidden' in form.split(">", 1)[0]
    assert 'data-ltss-filter="case-studies-table"' in form and 'id="case-studies-table"' in html
    assert '<label for="case-studies-strategy">' in form and '<select id="case-studies-strategy"' in form
    assert '<option value="Utah">Utah</option>' in form and '<option value="none">Not named in the sources</option>' in form
    assert html.index("</form>") < html.index("<table")


def test_strategy_rows_only_and_links_to_strategy_pages() -> None:
    macro = case_study_macros(valid_toolkit())["case_studies"]
    one = macro(strategy="bed-buy-back")
    assert "<form" not in one and one.count("<tr id=") == 1 and "case-study-unnamed-state" in one
    assert "<p class=\"ltss-note\">No case studies" in macro(strategy="new-eligibility-groups")
    # The full table links to the strategy pages that exist beside the data file (only bed-buy-back.md here).
    assert "[Nursing facility bed buy-back](bed-buy-back.md)" in macro()
    assert "hcbs-rates.md" not in macro()


def test_strings_from_yaml_are_escaped() -> None:
    toolkit = valid_toolkit()
    problems = Problems()
    from ltss_toolkit.case_studies.model import read_case_studies

    toolkit.data.remove(CaseStudies)
    text = (
        "- id: x\n  state: '<script>s</script>'\n  strategy: bed-buy-back\n  program: '<b>p</b>'\n"
        "  summary: '\"quoted\" & <i>'\n  source: agency-report\n  verified: false\n"
    )
    read_case_studies(text, "c.yml", "pathways/strategies/case-studies.yml", toolkit, problems)
    assert not problems
    html = case_study_macros(toolkit)["case_studies"]()
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert 'data-state="&lt;script&gt;s&lt;/script&gt;"' in html and "&quot;quoted&quot; &amp; &lt;i&gt;" in html


def test_built_case_study_table_has_a_row_per_entry(built_site: Path, project_dir: Path) -> None:
    entries = load_yaml(
        (project_dir / "content/modules/module-4-state-strategies/case-studies.yml").read_text(encoding="utf-8"), "x", Problems()
    )
    html = (built_site / "modules/module-4-state-strategies/case-studies/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="ltss-case-studies" id="case-studies-table">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr id=\"case-study-") == len(entries)
    for entry in entries:
        assert f'id="case-study-{entry["id"]}"' in table
    assert re.search(r'<form class="ltss-filter"[^>]*\bhidden\b', html)
    assert "assets/ltss.js" in html  # unhides the form


def test_each_strategy_page_lists_its_own_case_studies(built_site: Path) -> None:
    toolkit = valid_shipped_case_studies()
    folder = built_site / "modules" / "module-4-state-strategies"
    for strategy in sorted({s.strategy for s in toolkit}):
        page = folder / strategy / "index.html"
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        rows = re.findall(r'<tr id="case-study-[^"]+" data-strategy="([^"]+)"', html)
        assert rows and set(rows) == {strategy}, strategy
        assert len(rows) == sum(1 for s in toolkit if s.strategy == strategy)


def valid_shipped_case_studies():
    from ltss_toolkit.extensions import default_extensions
    from ltss_toolkit.loading.loader import load_toolkit

    project = Path(__file__).resolve().parent.parent
    model, problems = load_toolkit(project / "content", project, default_extensions())
    assert not problems
    return model.data.get(CaseStudies).items


def test_strategies_and_content_areas_are_content(tmp_path: Path) -> None:
    """Editors change them in content/strategies.yml and content/areas.yml; a mistake there has its line."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN / "case-studies" / "valid" / "content", root / "content")
    strategies = root / "content" / "strategies.yml"
    strategies.write_text(strategies.read_text().replace("HCBS payment rates", "Paying for home care") +
                          "- id: Bad Id\n  label: x\n- id: bed-buy-back\n  label: Twice\n")
    (root / "content" / "areas.yml").write_text("- id: modules\n- id: pathways\n- label: no id\n")
    (root / "content" / "guides").mkdir()
    (root / "content" / "guides" / "index.md").write_text(
        "---\nid: guides\nreviewed: 2026-01-15\ntitle: Guides\nsummary: S.\norder: 0\n---\nText.\n")
    toolkit, problems = load_toolkit(root / "content", root, default_extensions())
    assert [line.split(" (")[0] for line in problems.lines()] == [
        "content/areas.yml:3: area has no 'id'",
        "content/areas.yml:3: unknown field 'label' in area",
        "content/guides/index.md:1: page is outside the content areas",
        "content/strategies.yml:7: strategy id 'Bad Id' is not lowercase-kebab-case",
        "content/strategies.yml:9: duplicate strategy id 'bed-buy-back'",
    ]
    assert problems.lines()[2].endswith("or add its folder to content/areas.yml)")
    assert "Paying for home care" in case_study_macros(toolkit)["case_studies"]()
    assert list(toolkit.roots) == ["pathways"], "areas.yml lists the areas, in its order"
