"""Material's stylesheets without the rules no page of this site can match.

Material ships one stylesheet for every feature of every site: admonitions, tabs, annotations, code copy,
versions, blogs, a colour palette for every primary and accent colour. On a phone it is the one file every page
waits for before anything is drawn, and about three quarters of it matches nothing on any of our pages
(Lighthouse's "unused CSS"). Gzipped, it was 22.7 KB; pruned, about 13.6 KB, under the 14.6 KB a new connection
delivers in its first round trip.

A rule is kept when one of its selectors could match: every class, id and attribute it names appears on some
page of the built site or in a script that could add it (Material's bundle, ours). What is inside ``:not()``,
``:is()``, ``:where()`` and ``:has()`` is never required, and element names never are, so a rule is only
dropped when it surely matches nothing. Custom properties that nothing reads any more (the icons of admonition
kinds we do not use) go too. The pruned file gets a name of its own, from its content, so that no browser or
cache mixes it up with Material's, and every page is pointed at it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .placeholders import fill_pages

STYLESHEETS = "assets/stylesheets"
"""Where Material writes its ``main.<hash>.min.css`` and ``palette.<hash>.min.css``."""

GROUPS = ("media", "supports", "layer", "container")
"""At-rules whose content is rules, pruned like the top level; any other at-rule is kept as it is."""

_STRUCTURE = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|url\((?:[^)"\'\\]|\\.)*\)|[{};]', re.S | re.I
)
"""What can hide a brace or a semicolon (strings, comments, unquoted url()), and the braces and semicolons."""
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_NAME = re.compile(r"-?[A-Za-z_][\w-]*")
_TAG = re.compile(r"""<[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_NEUTRAL = re.compile(r":(?:not|is|where|has|-webkit-any|-moz-any)\(", re.I)
_NEEDS = re.compile(r"\.(-?[A-Za-z_][\w-]*)|#(-?[A-Za-z_][\w-]*)|\[\s*([\w-]+)\s*(?:([~|^$*]?=)\s*[\"']?([\w-]+))?")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY = re.compile(r"--[\w-]+")


def names_in_page(html: str) -> set[str]:
    """The words of the page's tags (names, attributes and their values) and of its inline scripts, not of its
    text: what a selector can need. Reading every word of the tags keeps more than needed, never less."""
    names: set[str] = set()
    for script in _SCRIPT.findall(html):
        names.update(_NAME.findall(script))
    in_tags = set(_NAME.findall(" ".join(set(_TAG.findall(html)))))  # the same tags repeat on every page
    names.update(in_tags)
    names.update(name.lower() for name in in_tags)  # attribute names are case-insensitive
    return names


def names_in_script(script: str) -> set[str]:
    """Every name-like word: a script may add any of them as a class or attribute."""
    return set(_NAME.findall(script))


def selector_needs(selector: str) -> frozenset[str]:
    """The classes, ids, attribute names and exact attribute values ``selector`` matches only in their presence."""
    required = set()
    for class_name, id_name, attribute, operator, value in _NEEDS.findall(_without_neutral_parts(selector)):
        required.add(class_name or id_name or attribute.lower())
        if operator in ("=", "~=") and value:
            required.add(value)
    return frozenset(required)


def _without_neutral_parts(selector: str) -> str:
    out, position = [], 0
    while match := _NEUTRAL.search(selector, position):
        out.append(selector[position : match.start()])
        depth, position = 1, match.end()
        while depth and position < len(selector):
            depth += {"(": 1, ")": -1}.get(selector[position], 0)
            position += 1
    out.append(selector[position:])
    return "".join(out)


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:is(a, b)`` or ``[title="a,b"]``)."""
    parts: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    for char in prelude:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and not depth:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


@dataclass(frozen=True)
class Declaration:
    name: str
    text: str


@dataclass(frozen=True)
class Rule:
    selectors: tuple[tuple[str, frozenset[str]], ...]
    declarations: tuple[Declaration, ...]


@dataclass(frozen=True)
class Group:
    head: str
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Verbatim:
    text: str


Node = Rule | Group | Verbatim


@functools.lru_cache(maxsize=8)
def parse(css: str) -> tuple[Node, ...]:
    """The stylesheet as rules, groups and other at-rules, comments left out (once per process per file).

    Not a full CSS parser: Material's files are machine-minified, and all pruning needs is where each rule, block
    and declaration starts and ends, outside strings, comments and ``url()``. tinycss2 (which WeasyPrint brings)
    tokenises every value too, which took 0.3 s of each build for Material's 137 KB."""
    nodes, position = _nodes(css, 0)
    if position < len(css):
        raise ValueError(f"unbalanced '}}' at character {position}")
    return nodes


def _nodes(css: str, position: int) -> tuple[tuple[Node, ...], int]:
    """The rules from ``position`` to the ``}`` that closes their block (or the end); returns the position after it."""
    out: list[Node] = []
    start = position
    for match in _STRUCTURE.finditer(css, position):
        if match.start() < position:
            continue
        token = match.group(0)
        if token not in "{};":
            continue
        prelude = _COMMENT.sub("", css[start : match.start()]).strip()
        if token == "}":
            return tuple(out), match.end()
        if token == ";":  # a statement at-rule: @charset, @import
            out.append(Verbatim(prelude + ";"))
            position = match.end()
        elif prelude.startswith("@") and prelude[1:].split("(")[0].split()[0].lower() in GROUPS:
            children, position = _nodes(css, match.end())
            out.append(Group(prelude, children))
        else:
            body_end = _block_end(css, match.end())
            body = css[match.end() : body_end]
            if prelude.startswith("@"):
                out.append(Verbatim(f"{prelude}{{{_COMMENT.sub('', body)}}}"))
            else:
                selectors = tuple((s, selector_needs(s)) for s in split_selectors(prelude))
                out.append(Rule(selectors, _declarations(body)))
            position = body_end + 1
        start = position
    if _COMMENT.sub("", css[start:]).strip():
        raise ValueError(f"unfinished rule at character {start}")
    return tuple(out), len(css)


def _block_end(css: str, position: int) -> int:
    """Where the block opened just before ``position`` closes (blocks inside it, as in @keyframes, included)."""
    depth = 1
    for match in _STRUCTURE.finditer(css, position):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if not depth:
                return match.start()
    raise ValueError(f"unclosed block from character {position}")


def _declarations(body: str) -> tuple[Declaration, ...]:
    out, start = [], 0
    for match in _STRUCTURE.finditer(body + ";"):
        if match.group(0) == ";":
            text = _COMMENT.sub("", body[start : match.start()]).strip()
            if text:
                name = text.split(":", 1)[0].strip()
                out.append(Declaration(name if name.startswith("--") else name.lower(), text))
            start = match.end()
    return tuple(out)


def prune_rules(nodes: tuple[Node, ...], used: set[str]) -> tuple[Node, ...]:
    """Only the selectors whose every needed name is in ``used``; rules and groups left empty go."""
    return _each_rule(nodes, lambda rule: Rule(tuple(s for s in rule.selectors if s[1] <= used), rule.declarations))


def _each_rule(nodes: tuple[Node, ...], change: Callable[[Rule], Rule]) -> tuple[Node, ...]:
    """``nodes`` with every rule, in groups too, replaced by ``change(rule)``; a rule left without selectors or
    declarations goes, and so does a group left empty. Other at-rules stay as they are."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Rule):
            changed = change(node)
            if changed.selectors and changed.declarations:
                out.append(changed)
        elif isinstance(node, Group):
            children = _each_rule(node.children, change)
            if children:
                out.append(Group(node.head, children))
        else:
            out.append(node)
    return tuple(out)


def prune_properties(sheets: dict[str, tuple[Node, ...]], readers: str) -> dict[str, tuple[Node, ...]]:
    """Drop custom properties (``--name: ...``) that no kept declaration reads with ``var()`` and ``readers``
    (our own stylesheets, scripts and pages) never mention, until none is left to drop (one may read another)."""
    mentioned = set(_PROPERTY.findall(readers))
    while True:
        read = mentioned | {name for nodes in sheets.values() for name in _reads(nodes)}
        pruned = {name: _keep_properties(nodes, read) for name, nodes in sheets.items()}
        if pruned == sheets:
            return sheets
        sheets = pruned


def _reads(nodes: tuple[Node, ...]) -> Iterable[str]:
    for node in nodes:
        if isinstance(node, Rule):
            for declaration in node.declarations:
                yield from _VAR.findall(declaration.text)
        elif isinstance(node, Group):
            yield from _reads(node.children)
        else:
            yield from _VAR.findall(node.text)


def _keep_properties(nodes: tuple[Node, ...], read: set[str]) -> tuple[Node, ...]:
    return _each_rule(
        nodes,
        lambda rule: Rule(
            rule.selectors, tuple(d for d in rule.declarations if not d.name.startswith("--") or d.name in read)
        ),
    )


def serialize(nodes: tuple[Node, ...]) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Rule):
            selectors = ",".join(selector for selector, _ in node.selectors)
            parts.append(f"{selectors}{{{';'.join(d.text for d in node.declarations)}}}")
        elif isinstance(node, Group):
            parts.append(f"{node.head}{{{serialize(node.children)}}}")
        else:
            parts.append(node.text)
    return "".join(parts)


@dataclass(frozen=True)
class Pruned:
    """One stylesheet: its old and new file names, and sizes in bytes."""

    old: str
    new: str
    old_size: int
    new_size: int


def prune_theme_stylesheets(site_dir: Path) -> list[Pruned]:
    """Prune Material's stylesheets in a built site, write them under new names, and point every page at them."""
    folder = site_dir / STYLESHEETS
    theme_sheets = sorted(folder.glob("*.min.css")) if folder.is_dir() else []
    if not theme_sheets:
        return []
    pages = {page: page.read_text(encoding="utf-8") for page in sorted(site_dir.rglob("*.html"))}
    scripts = [
        path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*.js"))
        if "lunr" not in path.parts and "workers" not in path.parts
    ]
    own_sheets = [
        path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.css")) if path not in theme_sheets
    ]
    used = names_in_page("".join(pages.values())) | names_in_script("".join(scripts))
    originals = {path.name: path.read_text(encoding="utf-8") for path in theme_sheets}
    sheets = {name: prune_rules(parse(text), used) for name, text in originals.items()}
    sheets = prune_properties(sheets, "".join([*own_sheets, *scripts, *pages.values()]))
    results = []
    for path in theme_sheets:
        text = serialize(sheets[path.name])
        stem = path.name.split(".")[0]
        new_name = f"{stem}.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)
        (folder / new_name).write_text(text, encoding="utf-8")
        results.append(Pruned(path.name, new_name, len(originals[path.name].encode()), len(text.encode())))

    def point_at_pruned(text: str, _folder: str) -> str:
        for result in results:
            text = text.replace(result.old, result.new)
        return text

    fill_pages(site_dir, STYLESHEETS, point_at_pruned)
    return results
