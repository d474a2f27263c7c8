"""The HTML through MkDocs' Python API: the site's configuration, the offline variant made in code, one build each.

The pages are built in this process, with the content model the build loaded once (see
``loading.store``), instead of running ``mkdocs build`` as a command that would load it again.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError

from ..editing.repository import contact_address
from ..loading.store import ContentStore
from ..plugin import PluginOptions, ToolkitPlugin
from .context import BuildFailed
from .verify import check_written_pages

PLUGIN_NAME = "ltss-toolkit"
OFFLINE_PLUGIN = "material/offline"


def load_site_config(config_file: Path, site_dir: Path, *, strict: bool = True) -> MkDocsConfig:
    """``mkdocs.yml`` as MkDocs reads it (``INHERIT``, ``!ENV`` and all), writing to ``site_dir``."""
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    except (ConfigurationError, Abort) as error:
        raise BuildFailed(f"{config_file.name}: {error}") from error
    plugin = config.plugins.get(PLUGIN_NAME)
    if isinstance(plugin, ToolkitPlugin) and "contact" in config.extra:
        # Here, not in the plugin's on_config: the macros plugin reads `extra` before that runs, and About shows it.
        config.extra["contact"] = contact_address(config.extra["contact"], plugin.config.repository)
    return config


def toolkit_plugin(config: MkDocsConfig) -> ToolkitPlugin:
    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, ToolkitPlugin):
        raise BuildFailed(f"{Path(config.config_file_path or 'mkdocs.yml').name}: add '- {PLUGIN_NAME}' to 'plugins'")
    return plugin


def content_store(config: MkDocsConfig) -> ContentStore:
    """The content store of the configuration's ``ltss-toolkit`` plugin (its ``content_dir``)."""
    return toolkit_plugin(config).content_store(config)


def offline_variant(
    config_file: Path,
    site_dir: Path,
    polyfills: list[str],
    store: ContentStore | None = None,
    despite_problems: bool = False,
) -> MkDocsConfig:
    """The site's configuration made fit for ``file://``: Material's ``offline`` plugin added, no edit or feedback
    links (no repository: they lead to a website),
    ``extra.offline_bundle`` true for the templates, and our vendored ``polyfills`` (so the offline plugin does
    not add its own from unpkg). Built from ``store``, the content the site's build loaded, when given."""
    config = load_site_config(config_file, site_dir, strict=not despite_problems)
    if OFFLINE_PLUGIN not in config.plugins:
        (found,) = entry_points(group="mkdocs.plugins", name=OFFLINE_PLUGIN)
        offline = found.load()()
        errors, _ = offline.load_config({}, config_file_path=config.config_file_path)
        if errors:
            raise BuildFailed(f"Material's offline plugin: {errors}")
        config.plugins[OFFLINE_PLUGIN] = offline
    config.extra["polyfills"] = list(polyfills)
    config.extra["offline_bundle"] = True
    plugin = toolkit_plugin(config)
    plugin.config.repository = None
    plugin.steer(PluginOptions(store=store, despite_problems=despite_problems))
    return config


def build_html(config: MkDocsConfig, *, dirty: bool = False, serve_url: str | None = None) -> None:
    """One MkDocs build of ``config``; a failure raises ``BuildFailed``."""
    try:
        mkdocs_build(config, dirty=dirty, serve_url=serve_url)
    except (Abort, BuildError, ConfigurationError) as error:
        raise BuildFailed(f"the site build failed: {error}") from error


def build_published_html(config: MkDocsConfig) -> None:
    """``build_html``, then every written page checked for script and loads from elsewhere (``outputs.verify``).
    The site and the offline zip are published this way."""
    build_html(config)
    check_written_pages(Path(config.site_dir), toolkit_plugin(config).made_from)
