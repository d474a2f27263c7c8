"""Our theme overrides against the installed Material, so that an upgrade of Material cannot silently undo them:
the automatic scheme's dark colours in ltss.css are Material's slate colours, the search and palette partials
are Material's with only the dialog's name added and the palette taken from Material's script, and no stylesheet of ours uses a fixed colour outside the scheme variables."""

from __future__ import annotations

import re
from pathlib import Path

import material

from conftest import PROJECT

MATERIAL = Path(material.__file__).parent / "templates"
ASSETS = PROJECT / "docs" / "assets"


def declarations(block: str) -> dict[str, str]:
    """``name: value`` pairs of a CSS block, values with their whitespace collapsed."""
    out = {}
    for part in re.split(r";(?![^()]*\))", block):
        if ":" in part:
            name, value = part.split(":", 1)
            out[name.strip()] = re.sub(r"\s+", " ", value.strip())
    return out


def rule_body(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, f"no rule for {selector}"
    return match.group(1)


def test_the_automatic_scheme_in_the_dark_is_materials_slate() -> None:
    palette = next((MATERIAL / "assets" / "stylesheets").glob("palette.*.min.css")).read_text(encoding="utf-8")
    slate = declarations(rule_body(palette, "[data-md-color-scheme=slate]"))
    ours = (ASSETS / "ltss.css").read_text(encoding="utf-8")
    dark = ours[ours.index("@media screen and (prefers-color-scheme: dark)") :]
    auto = declarations(rule_body(dark, '[data-md-color-scheme="ltss-auto"]'))
    assert len(slate) > 30
    assert {name: auto.get(name) for name in slate} == slate
    own_slate = declarations(rule_body(ours, '[data-md-color-scheme="slate"]'))
    assert own_slate and {name: auto.get(name) for name in own_slate} == own_slate
    links = '[data-md-color-scheme="{}"][data-md-color-primary]'
    auto_links, slate_links = rule_body(dark, links.format("ltss-auto")), rule_body(ours, links.format("slate"))
    assert declarations(auto_links) == declarations(slate_links)


def partials(name: str) -> tuple[str, str]:
    """Material's partial and ours, each without its leading comment."""

    def body(text: str) -> str:
        return re.sub(r"^\{#-.*?-#\}\n", "", text, flags=re.S)

    theirs = (MATERIAL / "partials" / name).read_text(encoding="utf-8")
    ours = (PROJECT / "docs" / "overrides" / "partials" / name).read_text(encoding="utf-8")
    return body(theirs), body(ours)


def test_the_search_partial_is_materials_with_the_dialog_named() -> None:
    theirs, ours = partials("search.html")
    named = theirs.replace('role="dialog">', "role=\"dialog\" aria-label=\"{{ lang.t('search') }}\">", 1)
    assert named != theirs
    assert ours == named


def test_the_palette_partial_is_materials_driven_by_our_script() -> None:
    theirs, ours = partials("palette.html")
    ours_not_materials = theirs.replace('data-md-component="palette"', 'data-ltss-component="palette"', 1)
    assert ours_not_materials != theirs
    assert ours == ours_not_materials


def test_our_stylesheet_takes_its_colours_from_the_scheme() -> None:
    """Fixed colours only where a rule sets its own background and text together (the yellow focus highlight)
    or defines the scheme variables."""
    allowed = {"#fff59d", "#000"}
    css = (ASSETS / "ltss.css").read_text(encoding="utf-8")
    for selector, block in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if "data-md-color-scheme" in selector or ":root" in selector:
            continue
        for colour in re.findall(r"#[0-9a-fA-F]{3,8}\b", block):
            assert colour in allowed, f"ltss.css: {selector.strip()} uses {colour}; use a scheme variable"


def test_materials_script_is_found_by_its_hashed_name_only_when_there_is_exactly_one() -> None:
    from ltss_toolkit.render.theme_script import material_bundle

    def files(*paths: str) -> list[str]:
        return list(paths)

    installed = sorted((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(installed) == 1
    bundle = f"assets/javascripts/{installed[0].name}"
    assert material_bundle(files("assets/ltss.js", bundle, bundle + ".map")) == bundle
    assert material_bundle(files("assets/ltss.js", "assets/javascripts/workers/search.1234abcd.min.js")) is None
    assert material_bundle(files(bundle, "assets/javascripts/bundle.0123abcd.min.js")) is None


def test_pages_fetch_materials_script_after_load_and_hand_it_the_document() -> None:
    """The loader in main.html: Material's own <script src> is replaced, and the script it loads is given the
    document through document$, since the DOMContentLoaded it waits for has passed by then."""
    override = (PROJECT / "docs" / "overrides" / "main.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert re.search(r"\{% block scripts %\}\s*<script src=\"\{\{ 'assets/javascripts/bundle\.", base)
    loader = override[override.index("{% block scripts %}") :]
    assert 'addEventListener("load"' in loader and "document$.next(document)" in loader
    assert "ltss_theme_script | url | tojson" in loader
