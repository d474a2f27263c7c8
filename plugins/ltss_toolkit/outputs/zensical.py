"""Zensical adapter: the same site's HTML written by Zensical instead of MkDocs (``build --generator zensical``).

Material for MkDocs reaches its end of life on May 5, 2027; Zensical, from the same team, reads ``mkdocs.yml``
and keeps Material's HTML, but runs no third-party MkDocs plugin (it ignores them silently), so it cannot run
our engine. It is given what the engine produces instead: the final Markdown tree (``outputs.markdown_tree``:
generated pages, macros expanded, the nav) and a configuration written here from ours, with the ``classic``
theme variant that looks like Material. Zensical builds the HTML; the PDFs and the offline bundle are then
made from that HTML by the same steps as for MkDocs.

What Zensical cannot do yet is listed in ``GAPS`` (the README's "Switching to Zensical" and
tests/test_zensical_parity.py, which checks each is still true).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from ..loading.store import ContentStore
from .context import BuildContext, BuildFailed
from .markdown_tree import MarkdownTree, export_markdown_tree
from .site import OFFLINE_PLUGIN, offline_variant, toolkit_plugin
from .verify import check_written_pages
from .zensical_markdown import KEY_VARIABLE, build_key

THEME_VARIANT = "classic"
"""Zensical's look-alike of Material (its default, ``modern``, is a new design)."""
OTHER_VARIANT_FILES = "assets/stylesheets/modern"
"""Zensical copies both variants' stylesheets; pages of the classic variant never load the modern one's."""
OFFLINE_INDEX, ONLINE_INDEX = "search.js", "search.json"
"""Zensical's search index: from ``file://`` its worker loads the script twin, never the JSON."""
THEME_SETTINGS = ("language", "features", "font", "palette", "favicon", "logo", "icon")
"""The theme settings of ``mkdocs.yml`` that Zensical reads as Material did."""
CONFIG_NAME = "mkdocs.yml"
SANITIZER = "ltss_toolkit.outputs.zensical_markdown"


@dataclass(frozen=True)
class Gap:
    """Something the MkDocs build does that the Zensical build does not (yet)."""

    name: str
    what: str


GAPS = (
    Gap(
        "404-template",
        "Our 'Page not found' page (docs/overrides/404.html: the site's search and a link to each part) uses "
        "Jinja's str.endswith, which Zensical's template engine (MiniJinja) lacks: the build fails on it, so the "
        "adapter leaves it out and Zensical's own 404 page is published.",
    ),
    Gap(
        "deferred-theme-script",
        "Material's script is loaded at once: docs/overrides/main.html defers it with 'ltss_theme_script', which "
        "our plugin's on_env sets and Zensical, which runs no MkDocs plugin, does not.",
    ),
    Gap(
        "edit-links",
        "No 'Edit this page' button: our plugin sets each page's edit address (content/ or docs/ file); Zensical "
        "derives it from repo_url, which would make every page call the GitHub API. 'Report a problem' links are "
        "kept (page front matter).",
    ),
    Gap(
        "search-index",
        "Search uses Zensical's own index (search.json, its own worker), not Material's search/search_index.json: "
        "the same pages are found, ranked Zensical's way.",
    ),
)
TEMPLATES_LEFT_OUT = {
    "404.html": "Zensical cannot render it: the gap 404-template",
    "partials/search.html": "Zensical's search is its own component (a button that opens its own dialog), whose "
    "partial already gives the dialog the name ours adds to Material's; Material's search form would be shown "
    "unstyled and never start",
}
"""Theme overrides left out of Zensical's build, and why."""


def available() -> bool:
    return importlib.util.find_spec("zensical") is not None


def build_site(context: BuildContext) -> None:
    """Pipeline step: the site's HTML by Zensical, into the build's scratch folder."""
    build_zensical_html(context.config, context.store, context.site_dir)


def build_offline(context: BuildContext, bundle: Path, polyfills: list[str]) -> None:
    """The offline bundle's HTML by Zensical: the offline variant of our configuration (``site.offline_variant``:
    no repository links, ``offline_bundle`` true, our vendored polyfill), with Zensical's ``offline`` plugin."""
    build_zensical_html(offline_variant(context.config_file, bundle, polyfills), context.store, bundle)


def build_zensical_html(config: MkDocsConfig, store: ContentStore, site_dir: Path) -> None:
    """Export ``config``'s Markdown tree with the content of ``store``, have Zensical build it, and put the HTML
    in ``site_dir``; every written page is then checked as the MkDocs build's are (``outputs.verify``).
    ``config`` is used up (MkDocs runs its plugins on it)."""
    if not available():
        raise BuildFailed(
            "Zensical is not installed: run 'make site-zensical', which installs requirements/zensical.txt"
        )
    site_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".zensical-", dir=site_dir.parent) as scratch:
        root = Path(scratch)
        tree = export_markdown_tree(config, store, root / "docs")
        overrides = copy_overrides(config, root / "overrides")
        settings = zensical_config(config, tree, overrides)
        (root / CONFIG_NAME).write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
        run_zensical(root / CONFIG_NAME, strict=bool(config.strict))
        shutil.rmtree(root / "site" / OTHER_VARIANT_FILES, ignore_errors=True)
        if (root / "site" / OFFLINE_INDEX).is_file():
            (root / "site" / ONLINE_INDEX).unlink(missing_ok=True)
        for item in sorted((root / "site").iterdir()):
            item.rename(site_dir / item.name)
    check_written_pages(site_dir, toolkit_plugin(config).made_from)


def copy_overrides(config: MkDocsConfig, target: Path) -> str | None:
    """Our theme overrides (``custom_dir``) less those Zensical cannot render; the folder's name, or None."""
    custom_dir = config.theme.custom_dir
    if not custom_dir or not Path(custom_dir).is_dir():
        return None

    def left_out(folder: str, names: list[str]) -> list[str]:
        within = Path(folder).relative_to(custom_dir)
        return [name for name in names if (within / name).as_posix() in TEMPLATES_LEFT_OUT]

    shutil.copytree(custom_dir, target, ignore=left_out)
    return target.name


def zensical_config(config: MkDocsConfig, tree: MarkdownTree, overrides: str | None) -> dict[str, Any]:
    """Zensical's ``mkdocs.yml`` for the exported tree, from our loaded configuration (``!ENV`` resolved, the
    plugin's expanded nav, the offline variant's settings)."""
    theme: dict[str, Any] = {"name": config.theme.name, "variant": THEME_VARIANT}
    if overrides:
        theme["custom_dir"] = overrides
    theme.update({key: config.theme[key] for key in THEME_SETTINGS if key in config.theme})
    plugins: list[Any] = []
    if "search" in config.plugins:
        plugins.append("search")
    if OFFLINE_PLUGIN in config.plugins:
        plugins.append("offline")
    settings: dict[str, Any] = {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": config.site_url or None,
        "copyright": config.copyright,
        "use_directory_urls": config.use_directory_urls,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "extra_css": [str(item) for item in config.extra_css],
        "extra_javascript": [str(item) for item in config.extra_javascript],
        "extra": _plain(dict(config.extra)),
        "markdown_extensions": markdown_extensions(config),
        "plugins": plugins,
        "nav": _plain(tree.nav),
        "not_in_nav": "".join(f"/{uri}\n" for uri in tree.not_in_nav) or None,
        "validation": {"invalid_links": True, "invalid_link_anchors": True},
    }
    return {key: value for key, value in settings.items() if value is not None}


def markdown_extensions(config: MkDocsConfig) -> list[Any]:
    """Our Markdown extensions by name, with their settings; the ones our plugin adds as objects (``as_of``) by
    their module, which Python-Markdown loads the same way; and, last, the output sanitizer our plugin runs in
    ``on_page_content`` (``outputs.zensical_markdown``)."""
    found: list[Any] = []
    for extension in config.markdown_extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        settings = config.mdx_configs.get(name) if isinstance(extension, str) else None
        entry = {name: _plain(settings)} if settings else name
        if entry not in found:
            found.append(entry)
    return [*found, SANITIZER]


def run_zensical(config_file: Path, *, strict: bool) -> None:
    """``zensical build`` in its own process (its Rust runtime keeps global state); a failure raises BuildFailed
    with Zensical's own message."""
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)]
    if strict:
        command.append("--strict")
    env = dict(os.environ, **{KEY_VARIABLE: build_key()})
    result = subprocess.run(command, cwd=config_file.parent, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        message = (result.stderr.strip() or result.stdout.strip()).splitlines()[-20:]
        raise BuildFailed("Zensical could not build the site:\n  " + "\n  ".join(message))


def _plain(value: Any) -> Any:
    """Mappings and lists as plain dicts and lists, so the YAML has no Python tags."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
