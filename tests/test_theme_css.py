"""Pruning Material's stylesheets (ltss_toolkit.outputs.theme_css) as plain functions, and on a small built folder.
That a reader sees no difference is checked in a browser (tests/browser/test_theme_css_browser.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import SMALL_SITE, run_build
from ltss_toolkit.outputs.theme_css import (
    names_in_page,
    names_in_script,
    parse,
    prune_properties,
    prune_rules,
    prune_theme_stylesheets,
    selector_needs,
    serialize,
    split_selectors,
)


@pytest.mark.parametrize(
    ("selector", "needs"),
    [
        (".md-nav__link", {"md-nav__link"}),
        (".md-typeset .admonition.note > p", {"md-typeset", "admonition", "note"}),
        ("#__search:checked~.md-header", {"__search", "md-header"}),
        ("[data-md-color-scheme=slate]", {"data-md-color-scheme", "slate"}),
        ('[data-md-toggle="search"]', {"data-md-toggle", "search"}),
        ("a[href^=http]", {"href"}),
        ("table:not([class]) th", set()),
        (".md-typeset :is(.admonition,details)", {"md-typeset"}),
        (".md-nav:not(.md-nav--primary) .md-nav__title", {"md-nav", "md-nav__title"}),
        (".md-content:has(.md-annotation) p", {"md-content"}),
        ("body", set()),
        ("[HIDDEN]", {"hidden"}),
    ],
)
def test_a_selector_needs_its_classes_ids_and_attributes_but_nothing_inside_not_is_or_has(selector, needs) -> None:
    assert selector_needs(selector) == needs


def test_selector_lists_split_at_top_level_commas_only() -> None:
    assert split_selectors('.a, .b :is(.c,.d),[title="x,y"] ,.e') == [".a", ".b :is(.c,.d)", '[title="x,y"]', ".e"]


def test_page_names_are_attribute_names_values_and_inline_script_words_not_prose() -> None:
    html = (
        '<body class="md-body ltss-x" data-md-color-scheme="slate"><p hidden>Waiver admonition text</p>'
        "<script>document.body.setAttribute('data-state','lock')</script></body>"
    )
    names = names_in_page(html)
    assert {"md-body", "ltss-x", "data-md-color-scheme", "slate", "hidden", "data-state", "lock"} <= names
    assert "Waiver" not in names and "admonition" not in names
    assert {"md-search-result__item", "focus"} <= names_in_script('e.classList.add("md-search-result__item");focus')


def test_rules_keep_only_selectors_that_can_match_and_empty_groups_go() -> None:
    css = (
        ".used,.unused{color:red}"
        ".unused{color:blue}"
        "@media screen{.unused{margin:0}}"
        "@media print{.used>p{margin:0}}"
        '@font-face{font-family:x;src:url("x.woff2")}'
        "p{margin:1em}"
    )
    pruned = serialize(prune_rules(parse(css), {"used"}))
    assert pruned == (
        '.used{color:red}@media print{.used>p{margin:0}}@font-face{font-family:x;src:url("x.woff2")}p{margin:1em}'
    )


def test_custom_properties_nothing_reads_go_until_none_is_left() -> None:
    css = ":root{--a:red;--b:var(--a);--c:blue;--d:var(--c)}.x{color:var(--b)}.gone{color:var(--d)}"
    sheets = {"main.css": prune_rules(parse(css), {"x"})}
    kept = prune_properties(sheets, readers="")
    assert serialize(kept["main.css"]) == ":root{--a:red;--b:var(--a)}.x{color:var(--b)}"
    read_by_a_script = prune_properties(sheets, readers='style.getPropertyValue("--c")')
    assert serialize(read_by_a_script["main.css"]) == ":root{--a:red;--b:var(--a);--c:blue}.x{color:var(--b)}"


def test_a_built_folder_gets_pruned_files_under_new_names_and_every_page_points_at_them(tmp_path: Path) -> None:
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.1234abcd.min.css").write_text(".md-used{color:red}.md-unused{color:blue}.md-by-script{margin:0}")
    (sheets / "main.1234abcd.min.css.map").write_text("{}")
    (sheets / "palette.5678abcd.min.css").write_text(
        "[data-md-color-scheme=slate]{color:red}[data-md-color-scheme=red]{color:blue}"
    )
    (tmp_path / "assets" / "javascripts").mkdir()
    (tmp_path / "assets" / "javascripts" / "bundle.js").write_text('el.classList.add("md-by-script")')
    head = (
        '<link rel="stylesheet" href="{0}assets/stylesheets/main.1234abcd.min.css">'
        '<link href="{0}assets/stylesheets/palette.5678abcd.min.css">'
    )
    (tmp_path / "index.html").write_text(head.format("") + '<body class="md-used" data-md-color-scheme="slate">')
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(head.format("../") + "<p>No stylesheet words here: md-unused</p>")

    results = {result.old: result for result in prune_theme_stylesheets(tmp_path)}

    main, palette = results["main.1234abcd.min.css"], results["palette.5678abcd.min.css"]
    main_text = (sheets / main.new).read_text()
    assert main_text == ".md-used{color:red}.md-by-script{margin:0}"
    assert main.new == f"main.{hashlib.sha256(main_text.encode()).hexdigest()[:8]}.min.css"
    assert (sheets / palette.new).read_text() == "[data-md-color-scheme=slate]{color:red}"
    assert sorted(path.name for path in sheets.iterdir()) == sorted([main.new, palette.new])
    for page, prefix in ((tmp_path / "index.html", ""), (tmp_path / "page" / "index.html", "../")):
        text = page.read_text()
        assert f'href="{prefix}assets/stylesheets/{main.new}"' in text
        assert f'href="{prefix}assets/stylesheets/{palette.new}"' in text
        assert "1234abcd" not in text and "5678abcd" not in text
    assert main.new_size < main.old_size


def test_a_site_without_material_stylesheets_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hi</p>")
    assert prune_theme_stylesheets(tmp_path) == []
    assert (tmp_path / "index.html").read_text() == "<p>hi</p>"


def test_the_build_prunes_materials_stylesheets_unless_the_option_is_off(small_project, tmp_path: Path) -> None:
    import material

    originals = sorted(
        path.name for path in (Path(material.__file__).parent / "templates/assets/stylesheets").glob("*.min.css")
    )
    pruned_site, full_site = tmp_path / "pruned", tmp_path / "full"
    project = small_project(SMALL_SITE)
    assert run_build(project, pruned_site, "--no-pdf").returncode == 0
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("- ltss-toolkit:", "- ltss-toolkit:\n      prune_theme_css: false")
    )
    assert run_build(project, full_site, "--no-pdf").returncode == 0

    def stylesheets(site: Path) -> list[str]:
        return sorted(path.name for path in (site / "assets" / "stylesheets").glob("*.css"))

    assert stylesheets(full_site) == originals
    pruned = stylesheets(pruned_site)
    assert len(pruned) == 2 and not set(pruned) & set(originals)
    home = (pruned_site / "index.html").read_text()
    main = next(name for name in pruned if name.startswith("main."))
    assert f'href="assets/stylesheets/{main}"' in home
    assert not any(name in home for name in originals)


def test_braces_and_semicolons_inside_strings_comments_and_urls_do_not_split_rules() -> None:
    css = (
        '@charset "UTF-8";/*! a {licence} */'
        '.a:after{content:"}{;"}'
        ".b{background:url(data:image/svg+xml;utf8,x)}"
        "@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}"
        "@media (min-width:10em){/* note; */.a{margin:0}}"
    )
    assert serialize(parse(css)) == (
        '@charset "UTF-8";.a:after{content:"}{;"}.b{background:url(data:image/svg+xml;utf8,x)}'
        "@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}@media (min-width:10em){.a{margin:0}}"
    )
    assert serialize(prune_rules(parse(css), set())) == (
        '@charset "UTF-8";@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}'
    )
