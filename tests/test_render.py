"""Rendering without a build: escaping, related resources, footnotes, see also, nav."""

from __future__ import annotations

from pathlib import Path

import pytest

from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.render.escape import md_text, relative
from ltss_toolkit.render.nav import UnknownArea, expand_nav
from ltss_toolkit.render.page import render_page, resource_item
from ltss_toolkit.render.resources_page import render_resources_page
from ltss_toolkit.structure.relations import see_also

VALID = Path(__file__).parent / "golden" / "loading" / "valid"


@pytest.fixture(scope="module")
def toolkit():
    model, problems = load_toolkit(VALID / "content", VALID)
    assert not problems
    return model


def test_md_text_neutralises_markup_and_markdown() -> None:
    assert md_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert md_text("[a](b) *c* _d_") == r"\[a\]\(b\) \*c\* \_d\_"


def test_relative_links_between_docs_pages() -> None:
    assert relative("resources.md", "pathways/first/page.md") == "../../resources.md"
    assert relative("pathways/first/page.md", "pathways/first/index.md") == "page.md"


def test_resource_with_address_is_linked_and_without_is_a_plain_citation(toolkit) -> None:
    linked = resource_item(toolkit.resources["guide-a"], "pathways/first/page.md")
    assert linked.startswith('- <a href="https://example.org/guide-a">A Guide: With a Colon</a> (ICRC, 2018)')
    plain = resource_item(toolkit.resources["webpage-b"], "pathways/first/page.md")
    assert "<a href" not in plain.split("[About")[0]
    assert "<cite" in plain and "No public address is known." in plain
    assert "](../../resources.md#resource-webpage-b)" in plain


def test_page_has_questions_related_resources_see_also_and_footnotes(toolkit) -> None:
    page = toolkit.pages["first"]
    markdown = render_page(page, toolkit, page.body)
    assert markdown.startswith("# First section\n")
    assert "## Related resources" in markdown
    assert "## See also { .ltss-page-part data-search-exclude }\n\n- [A page](page.md): A page that cites two resources." in markdown
    assert '[^ref-one]: Someone. &quot;A Report.&quot; 2018. Available at <a href="https://example.org/report.pdf">' in markdown
    questions = render_page(toolkit.pages["first-page"], toolkit, "Body.")
    assert "## Questions to consider { .ltss-page-part }\n\n- Does your state know how many people are dually eligible?" in questions


def test_see_also_ranks_shared_resources_above_shared_topics(toolkit) -> None:
    assert [p.id for p in see_also(toolkit.pages["first-page"], toolkit)] == ["first"]
    assert see_also(toolkit.pages["pathways"], toolkit) == []


def test_resources_page_lists_backlinks_and_groups_unknown_publishers_last(toolkit) -> None:
    markdown = render_resources_page(toolkit)
    assert markdown.index("### ICRC") < markdown.index("### Publisher not given")
    assert "Cited on: [First section](pathways/first/index.md), [A page](pathways/first/page.md)" in markdown


def test_nav_expands_content_areas_in_order(toolkit) -> None:
    nav = expand_nav(["index.md", "content:pathways", {"Resources": "resources.md"}], toolkit)
    assert nav == [
        "index.md",
        {"Pathways": ["pathways/index.md", {"First section": ["pathways/first/index.md", {"A page": "pathways/first/page.md"}]}]},
        {"Resources": "resources.md"},
    ]
    with pytest.raises(UnknownArea, match="content:modules"):
        expand_nav(["content:modules"], toolkit)


def test_see_also_keeps_a_place_for_the_closest_page_of_the_other_toolkit(tmp_path: Path) -> None:
    from conftest import write_tree

    common = "resources: [shared]\ntopics: [t]\n"
    files = {
        "content/topics.yml": "- id: t\n  label: T\n- id: rare\n  label: Rare\n",
        "content/modules/resources.yml": "- id: shared\n  title: Shared\n  publisher: CMS\n  url: null\n  kind: report\n",
        "content/modules/index.md": f"---\nid: m\nreviewed: 2026-01-15\ntitle: M\nsummary: s\norder: 0\n{common}---\n",
        "content/pathways/index.md": "---\nid: p\nreviewed: 2026-01-15\ntitle: P\nsummary: s\norder: 0\ntopics: [rare]\n---\n",
    }
    for n in range(1, 7):
        files[f"content/modules/m{n}.md"] = f"---\nid: m{n}\nreviewed: 2026-01-15\ntitle: M{n}\nsummary: s\norder: {n}\n{common}---\n"
    files["content/modules/m1.md"] = files["content/modules/m1.md"].replace("topics: [t]", "topics: [t, rare]")
    write_tree(tmp_path, files)
    model, problems = load_toolkit(tmp_path / "content", tmp_path)
    assert not problems, problems.report()
    related = [p.id for p in see_also(model.pages["m1"], model)]
    assert len(related) == 5 and related[-1] == "p"
    assert "p" not in [p.id for p in see_also(model.pages["m2"], model)]


def test_checklist_boxes_are_named_after_their_items() -> None:
    import markdown

    md = markdown.Markdown(
        extensions=["pymdownx.tasklist", "ltss_toolkit.render.checklist"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
    )
    html = md.convert('- [ ] Build a *network* of "providers" & more.\n    - [ ] nested\n- [x] Done\n\n- plain item')
    assert '<input aria-label="Build a network of &quot;providers&quot; &amp; more." type="checkbox" disabled/>' in html
    assert '<input aria-label="nested" type="checkbox" disabled/>' in html
    assert '<input aria-label="Done" type="checkbox" disabled checked/>' in html
    assert html.count("aria-label") == 3
