"""No page the build writes runs script from content: checked on the written pages, whatever the source checks saw.

The source checks (``structure/markup.py``, ``render/links.py``) give an editor ``path:line``; the guarantee is the
sanitizer (``render/sanitize.py``) and the check of the written pages (``outputs/verify.py``). So the hostile HTML
cases of the corpus are built twice here: as CI builds them (refused, with their lines) and with the source checks
switched off (built, and the written page carries nothing live). ``live_in`` reads a page as a browser would,
written apart from the engine's own reading so that the two do not share a mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3
import pytest
import yaml
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import ltss_toolkit.engine
import ltss_toolkit.plugin
from conftest import MINIMAL_MKDOCS, PROJECT, build_env
from ltss_toolkit.outputs.context import BuildFailed
from ltss_toolkit.outputs.pipeline import build
from ltss_toolkit.outputs.site import load_site_config
from ltss_toolkit.render.links import links_in, markdown_factory, unsafe_address
from ltss_toolkit.render.sanitize import clean_page_html, trusted_html
from ltss_toolkit.structure import allowlist
from ltss_toolkit.structure.markup import check_markup, dropped_markup, tags_in_html
from ltss_toolkit.structure.problems import Problems
from test_hostile_build import assert_refused, project_from
from test_hostile_corpus import HOSTILE

HTML_CASES = [
    "html-link-unquoted",
    "html-link-upper-case",
    "html-tag-split-over-lines",
    "html-image-other-host",
    "html-entity-encoded-schemes",
    "html-other-carriers",
    "markdown-script-links",
]
PAGE = "pathways/first/page/index.html"
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
ADDRESSES = {"href", "src", "xlink:href", "action", "formaction", "poster", "data", "background", "cite", "srcset"}
LOADED = {"src", "srcset", "poster", "data"}
NOT_IN_CONTENT = {"script", "style", "iframe", "frame", "object", "embed", "form", "base", "meta", "link"}
THEIRS = "data-md-"
"""Material's own JavaScript reads these attributes; set by content, one would make it call the GitHub API."""
LIGHT_TEST_MKDOCS = MINIMAL_MKDOCS + "validation:\n  links:\n    not_found: info\n"
"""Without the source checks, MkDocs sees the hostile links too; as warnings they would stop the strict build."""


def scheme(address: str) -> str | None:
    """The scheme of an address as the URL standard reads it (the HTML parser has decoded references)."""
    text = re.sub(r"[\t\n\r]", "", address).lstrip("".join(map(chr, range(0x21))))
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", text)
    return found.group(1).lower() if found else None


class _Reader(HTMLParser):
    def __init__(self, content: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.content = content
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc" or (self.content and name.startswith(THEIRS)):
                self.found.append(f"<{tag} {name}>")
            for address in value.split(",") if name == "srcset" else [value]:
                address = address.strip().split(" ")[0] if name == "srcset" else address
                if name in ADDRESSES and scheme(address) not in (None, *SAFE_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")
                if name in LOADED and tag != "script" and (
                    scheme(address) or re.sub(r"[\t\n\r]", "", address).strip().replace("\\", "/").startswith("//")
                ):
                    self.found.append(f"<{tag} {name}={value!r}> loads from elsewhere")


def live_in(page: str, content: bool = False) -> list[str]:
    """Handlers, embedded documents, script addresses and loads from another host anywhere in ``page``, and
    Material's ``data-md-*`` attributes in ``content`` (the template has its own)."""
    reader = _Reader(content)
    reader.feed(page)
    reader.close()
    return reader.found


def content_of(page: str) -> str:
    """The page's content (Material's article), where the template adds nothing of its own."""
    start = page.index('<article class="md-content__inner md-typeset">')
    return page[start : page.index("</article>", start)]


def elements_in(fragment: str) -> set[str]:
    return {tag for tag, _ in _tags(fragment)}


def build_without_source_checks(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build as if the source checks had missed everything: only the output guarantee is left."""
    monkeypatch.setattr(ltss_toolkit.engine, "check_markup", lambda toolkit, problems: None)
    monkeypatch.setattr(ltss_toolkit.engine, "check_links", lambda *args, **kwargs: None)
    for name, value in build_env().items():
        monkeypatch.setenv(name, value)
    build(project / "mkdocs.yml", site, pdf=False)


# The corpus's hostile HTML, built


@pytest.mark.parametrize("case", HTML_CASES)
def test_hostile_html_is_refused_with_its_lines_and_never_published(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = yaml.safe_load((HOSTILE / case / "expected.yml").read_text(encoding="utf-8"))["problems"]
    assert expected and all(line.startswith("content/pathways/first/page.md:") for line in expected)
    project = project_from(case, tmp_path, LIGHT_TEST_MKDOCS)
    assert_refused(project, expected)

    build_without_source_checks(project, tmp_path / "unchecked", monkeypatch)
    page = (tmp_path / "unchecked" / PAGE).read_text(encoding="utf-8")
    assert live_in(page) == []
    assert live_in(content_of(page), content=True) == [] and not elements_in(content_of(page)) & NOT_IN_CONTENT
    assert "Text." in page, "the page itself is published"


def test_the_check_of_written_pages_names_the_content_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the sanitizer to let something through, the build would fail naming the page's file."""
    monkeypatch.setattr(ltss_toolkit.plugin, "clean_page_html", lambda html: html)
    project = project_from("html-link-unquoted", tmp_path, LIGHT_TEST_MKDOCS)
    with pytest.raises(BuildFailed) as failed:
        build_without_source_checks(project, tmp_path / "unchecked", monkeypatch)
    message = str(failed.value)
    assert f"content/pathways/first/page.md: its page {PAGE}:" in message
    assert "carries a 'javascript:' address in <a href>" in message
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "<p>The last good site.</p>\n"


# The sanitizer on its own


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ('<a href=javascript:alert(1)>x</a>', "<a>x</a>"),
        ('<a HREF="JavaScript:alert(1)">x</a>', "<a>x</a>"),
        ('<a\nhref="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java&#9;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#1; javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="https://www.medicaid.gov/x?a=1&amp;b=2">x</a>', '<a href="https://www.medicaid.gov/x?a=1&amp;b=2">x</a>'),
        ('<a href="../other/#part">x</a>', '<a href="../other/#part">x</a>'),
        ('<a href="mailto:ICRC@chcs.org">x</a>', '<a href="mailto:ICRC@chcs.org">x</a>'),
        ('<img src="//other-host/x.png" alt="x">', '<img alt="x">'),
        ('<img src="https://other-host/x.png" alt="x">', '<img alt="x">'),
        ('<img src="/\\other-host/x.png" alt="x">', '<img alt="x">'),
        ('<img src="data:image/png;base64,AAAA" alt="x">', '<img alt="x">'),
        ('<img src="x.png" alt="x" onerror="alert(1)">', '<img src="x.png" alt="x">'),
        ("<p>a<script>alert(1)</script>b<style>p{}</style>c</p>", "<p>abc</p>"),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', ""),
        ('<form action="https://x.org"><button formaction="javascript:alert(1)">go</button></form>', "go"),
        ('<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>', "<svg><a><text>t</text></a></svg>"),
        ('<svg><use href="//other-host/s.svg#a"/><rect fill="url(//other-host/p.svg#g)"/></svg>', "<svg><rect></rect></svg>"),
        ('<div data-md-component="source" data-ltss-filter="t" id="__drawer">x</div>', '<div data-ltss-filter="t">x</div>'),
        ('<div id="ltss-flow-data">{"nodes": {}}</div>', '<div>{"nodes": {}}</div>'),
        ('<p style="background: url(//other-host/x.png); text-align: right">x</p>', "<p>x</p>"),
        ('<p style="position: fixed; text-align: right">x</p>', '<p style="text-align:right">x</p>'),
        ('<img src="x.png" alt="CSS url(//host/x.png) as text">', '<img src="x.png" alt="CSS url(//host/x.png) as text">'),
        ("<!--ltss-trusted " + "0" * 64 + "-->\n<script>alert(1)</script>\n<!--/ltss-trusted-->x", "\n\nx"),
    ],
)
def test_the_sanitizer_removes_what_runs_or_loads_and_keeps_the_rest(hostile: str, kept: str) -> None:
    assert clean_page_html(hostile) == kept


def test_the_engines_own_markup_is_carried_through_signed() -> None:
    form = '<form class="ltss-filter" hidden><select id="s" data-column="state"><option value="">All</option></select></form>'
    data = '<script type="application/json" id="ltss-flow-data">{"a":"\\u003c"}</script>'
    page = markdown.markdown(f"Before\n\n{trusted_html(form)}\n\n{trusted_html(data)}\n\nAfter")
    assert clean_page_html(page) == f"<p>Before</p>\n{form}\n\n{data}\n\n<p>After</p>"
    signed = trusted_html("<script>alert(1)</script>")
    for forged in (signed.replace("alert(1)", "alert(2)"), signed.replace("<!--ltss-trusted ", "<!--ltss-trusted 0")):
        assert "script" not in clean_page_html(markdown.markdown(forged))


def test_the_shipped_sites_own_markup_survives_the_sanitizer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page of the real site, sanitized and not: the same elements and attributes (in the serializer's
    spelling), so nothing our renderers write (SVG charts, the flow map, tables' regions, footnotes, checklists,
    case-study filters) is lost."""
    seen: list[tuple[str, str]] = []

    def recording(html: str) -> str:
        cleaned = clean_page_html(html)
        seen.append((html, cleaned))
        return cleaned

    monkeypatch.setattr(ltss_toolkit.plugin, "clean_page_html", recording)
    for name, value in build_env().items():
        monkeypatch.setenv(name, value)
    build(PROJECT / "mkdocs.yml", tmp_path / "site", pdf=False)
    assert len(seen) > 100, "every page of the site and of the offline bundle"
    for before, after in seen:
        assert list(_tags(after)) == list(_tags(before))


def test_the_source_check_accepts_every_tag_and_attribute_the_shipped_site_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The content check reads raw HTML against the sanitizer's allowlist: every element, attribute and style the
    real site's pages carry (Markdown's, the figures' SVG, the flow map, footnotes, checklists; not the engine's
    signed fragments, which content cannot write), copied into a page, would pass it."""
    pages: list[str] = []

    def recording(html: str) -> str:
        pages.append(re.sub(r"<!--ltss-trusted .*?<!--/ltss-trusted-->", "", html, flags=re.DOTALL))
        return clean_page_html(html)

    monkeypatch.setattr(ltss_toolkit.plugin, "clean_page_html", recording)
    for name, value in build_env().items():
        monkeypatch.setenv(name, value)
    build(PROJECT / "mkdocs.yml", tmp_path / "site", pdf=False)
    used = {(tag.name, name) for page in pages for tag in tags_in_html(page) for name, _ in tag.attributes}
    assert {("svg", "viewbox"), ("rect", "fill"), ("input", "type"), ("a", "href"), ("sup", "id")} <= used, used
    refused = {
        f"<{tag.name} {' '.join(f'{n}={v!r}' for n, v in tag.attributes)}>: {what}"
        for page in pages
        for tag in tags_in_html(page)
        for what, _ in dropped_markup(tag)
    }
    assert refused == set()


def _tags(fragment: str) -> Iterator[tuple[str, tuple[tuple[str, str], ...]]]:
    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[tuple[str, tuple[tuple[str, str], ...]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            style = lambda v: v.replace(" ", "").rstrip(";")  # noqa: E731  # nh3 writes "a:b;c:d"
            self.found.append((tag, tuple(sorted((n, style(v or "") if n == "style" else v or "") for n, v in attrs))))

    reader = Tags()
    reader.feed(fragment)
    return iter(reader.found)


# Random tag soup


ELEMENTS = ["a", "A", "img", "IMG", "svg", "script", "ScRiPt", "iframe", "form", "button", "object", "embed", "style",
            "div", "p", "math", "use", "animate", "set", "image", "base", "meta", "link", "input", "video", "source",
            "td", "select", "textarea", "title", "noscript", "template", "details", "abbr"]
ATTRIBUTES = ["href", "HREF", "src", "SRC", "xlink:href", "action", "formaction", "srcdoc", "onclick", "ONERROR",
              "onload", "OnMouseOver", "style", "data", "poster", "background", "srcset", "id", "class",
              "data-md-component", "data-flow-next", "tabindex", "to", "values", "attributeName", "alt"]
SCHEMES = ["javascript", "JaVaScRiPt", "vbscript", "data", "http", "https", "mailto", "file", ""]


@st.composite
def obfuscated(draw: st.DrawFn, text: str) -> str:
    """``text`` as a hostile editor might write it: characters as references, tabs and newlines inside."""
    out = []
    for char in text:
        form = draw(st.sampled_from(["plain"] * 4 + ["decimal", "hex", "tab", "newline"]))
        if form == "decimal":
            out.append(f"&#{ord(char)};")
        elif form == "hex":
            out.append(f"&#x{ord(char):x};")
        elif form in ("tab", "newline"):
            out.append(char + ("&#9;" if form == "tab" else "&#10;"))
        else:
            out.append(char)
    before = draw(st.sampled_from(["", " ", "&#1;", "&#x20;", "\t"]))
    return before + "".join(out).replace(":", draw(st.sampled_from([":", "&colon;", "&#58;"])), 1)


@st.composite
def addresses(draw: st.DrawFn, relative: bool = True) -> str:
    kind = draw(st.sampled_from(["scheme", "scheme", "network", "relative" if relative else "network"]))
    if kind == "network":
        return draw(st.sampled_from(["//other-host/x.png", "/\\other-host/x.png", "\\\\other-host/x.png"]))
    if kind == "relative":
        return draw(st.sampled_from(["x.png", "../page.md", "#top"]))
    return draw(obfuscated(draw(st.sampled_from(SCHEMES)) + ":alert(1)"))


@st.composite
def tags(draw: st.DrawFn, relative: bool = True) -> str:
    name = draw(st.sampled_from(ELEMENTS))
    parts = [f"<{name}"]
    for _ in range(draw(st.integers(0, 3))):
        attribute = draw(st.sampled_from(ATTRIBUTES))
        value = draw(st.one_of(addresses(relative), st.sampled_from(["alert(1)", "x", "url(//other-host/x.png)"])))
        quote = draw(st.sampled_from(['"', "'", ""]))
        if not quote:
            value = re.sub(r"[\s\"'<>=`]", "", value) or "x"
        parts.append(draw(st.sampled_from([" ", "\n", "/", "\t", "\n  "])) + f"{attribute}={quote}{value}{quote}")
    parts.append(draw(st.sampled_from([">", "/>", "\n>"])))
    return "".join(parts) + draw(st.sampled_from(["text", "", f"</{name}>", f"text</{name}>"]))


@st.composite
def soups(draw: st.DrawFn, relative: bool = True) -> str:
    markdown_forms = st.builds(
        lambda bang, address: f"{bang}[label]({address})", st.sampled_from(["", "!"]), addresses(relative)
    )
    reference = addresses(relative).map(lambda address: f"[label][r]\n\n[r]: {address}")
    pieces = st.one_of(tags(relative), markdown_forms, reference, st.sampled_from(["\n\n", "\n", " text ", "`<a>`"]))
    return "".join(draw(st.lists(pieces, min_size=1, max_size=8)))


_SITE = load_site_config(PROJECT / "mkdocs.yml", PROJECT / ".cache" / "unused-site")
SITE_MARKDOWN = markdown_factory(_SITE.markdown_extensions, _SITE.mdx_configs)
"""Converters set up as the site's (mkdocs.yml's extensions, and those MkDocs adds)."""


@given(soups())
def test_random_tag_soup_never_yields_a_live_handler_or_script_address(soup: str) -> None:
    page = SITE_MARKDOWN().convert(soup)
    cleaned = clean_page_html(page)
    assert live_in(cleaned, content=True) == []
    assert not elements_in(cleaned) & NOT_IN_CONTENT


@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(soups(relative=False), min_size=6, max_size=6))
def test_random_tag_soup_built_into_the_site_and_its_offline_zip(soup: list[str]) -> None:
    """A real build (site and offline zip) of a page made of random soup, with the source checks switched off.
    Not shrunk (each try is a build): a failure shows the soup as drawn; the test above shrinks its own."""
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as monkeypatch:
        root = Path(folder)
        mkdocs_yml = LIGHT_TEST_MKDOCS.replace("example-agency/ltss-site\n", "example-agency/ltss-site\n      offline_zip: true\n")
        project = project_from("bom-accepted", root, mkdocs_yml)
        page = project / "content/pathways/first/page.md"
        front_matter = (HOSTILE / "_base/content/pathways/first/page.md").read_text(encoding="utf-8").split("---\n")[1]
        page.write_text(f"---\n{front_matter}---\nText.\n\n" + "\n\n".join(soup) + "\n", encoding="utf-8")
        build_without_source_checks(project, root / "out", monkeypatch)
        written = (root / "out" / PAGE).read_text(encoding="utf-8")
        assert live_in(written) == [] and live_in(content_of(written), content=True) == []
        assert not elements_in(content_of(written)) & NOT_IN_CONTENT
        with zipfile.ZipFile(root / "out/downloads/ltss-toolkit-offline.zip") as bundle:
            pages = [name for name in bundle.namelist() if name.endswith(".html")]
            assert any(name.endswith("pathways/first/page.html") for name in pages)
            for name in pages:
                assert live_in(bundle.read(name).decode("utf-8")) == [], name


# Random tag soup: what the source check lets through, the sanitizer keeps


KEPT_ELEMENTS = ["a", "img", "div", "p", "span", "abbr", "details", "summary", "svg", "rect", "title", "input", "em"]
REMOVED_ELEMENTS = ["video", "button", "center", "font", "select", "use", "template", "style", "Video", "scr"]
KEPT_ATTRIBUTES = ["class", "id", "title", "href", "src", "alt", "style", "data-x", "aria-label", "width", "type",
                   "viewBox", "fill", "hidden", "open", "checked"]
REMOVED_ATTRIBUTES = ["target", "rel", "border", "data-md-component", "onclick", "bgcolor", "xlink:href", "color",
                      "Target", "DATA-MD-STATE"]
VALUES = ["x", "__drawer", "ltss-flow-data", "text-align: right", "TEXT-ALIGN: right", "color: red",
          "width: 10em; text-align: center", "url(#a)", "url(x.png)", "checkbox", "CheckBox", "text",
          "https://www.medicaid.gov/", "//other-host/x.png", "javascript:alert(1)", "../page.md", "data:x", ""]


@st.composite
def editor_tags(draw: st.DrawFn) -> str:
    """A start tag as an editor might write one: mostly what the site keeps, some of what it removes."""
    name = draw(st.one_of(st.sampled_from(KEPT_ELEMENTS), st.sampled_from(REMOVED_ELEMENTS)))
    parts = [f"<{name}"]
    for _ in range(draw(st.integers(0, 3))):
        attribute = draw(st.one_of(*[st.sampled_from(KEPT_ATTRIBUTES)] * 3, st.sampled_from(REMOVED_ATTRIBUTES)))
        parts.append(draw(st.sampled_from([" ", "\n"])) + f'{attribute}="{draw(st.sampled_from(VALUES))}"')
    parts.append(">")
    return "".join(parts) + draw(st.sampled_from(["text", "", f"</{name}>", f"text</{name}>"]))


@st.composite
def editor_soups(draw: st.DrawFn) -> str:
    address = st.sampled_from(VALUES)
    links = st.builds(lambda bang, a: f"{bang}[label]({a})", st.sampled_from(["", "!"]), address)
    code = draw(st.sampled_from(["", "Shown as code: `<video>` and `<a target=x>`\n\n", "```\n<button>\n```\n\n"]))
    pieces = st.one_of(editor_tags(), links, st.sampled_from(["\n\n", "\n", " text "]))
    return code + "".join(draw(st.lists(pieces, min_size=1, max_size=6)))
    # Code comes first: inside a raw HTML block (a line opening with <div>), backticks are not code for Markdown,
    # while the check skips them all the same (a gap, not yet closed).


def source_problems(body: str) -> list[str]:
    """What an editor is told about a page with this body: the markup check and the check of addresses."""
    problems = Problems()
    page = type("Page", (), {"source": "page.md", "body": body, "body_line": 1})()
    check_markup(type("Toolkit", (), {"pages": {"page": page}})(), problems)  # type: ignore[arg-type]
    found = [str(problem) for problem in problems.items]
    return found + [f"{link.target}: {unsafe}" for link in links_in(body, 1) if (unsafe := unsafe_address(link))]


_EVERYTHING = nh3.Cleaner(
    tags={*allowlist.TAGS, *(name.lower() for name in REMOVED_ELEMENTS)},
    clean_content_tags=set(),
    attributes={
        "*": {*KEPT_ATTRIBUTES, *REMOVED_ATTRIBUTES, *(a for names in allowlist.ATTRIBUTES.values() for a in names)}
    },
    generic_attribute_prefixes=set(allowlist.ATTRIBUTE_PREFIXES),
    url_schemes={"http", "https", "mailto", "tel", "javascript", "data"},
    strip_comments=True,
    link_rel=None,
)
"""The same HTML parser and serializer as the sanitizer's, keeping every element and attribute of the soup: what
the page is "modulo serialization" (nh3 parses as a browser does, so a stray ``</p>`` becomes ``<p></p>``)."""


@given(editor_soups())
@settings(max_examples=300)
def test_when_the_source_check_says_nothing_the_sanitizer_removes_nothing(soup: str) -> None:
    """The source check and the sanitizer read one allowlist: a page the check passes loses no element,
    attribute or style property on its way to the reader."""
    if source_problems(soup):
        return
    page = SITE_MARKDOWN().convert(soup)
    assert list(_tags(clean_page_html(page))) == list(_tags(_EVERYTHING.clean(page)))
