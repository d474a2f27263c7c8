"""Which generator writes the HTML: MkDocs with Material (the default) or Zensical (``outputs.zensical``).

The rest of the build (content loaded once, PDFs, offline bundle) is the same for both: it reads the HTML.
"""

from __future__ import annotations

from pathlib import Path

from .context import BuildContext
from .site import build_published_html, offline_variant

MKDOCS = "mkdocs"
ZENSICAL = "zensical"
GENERATORS = (MKDOCS, ZENSICAL)


def build_site_html(context: BuildContext) -> None:
    """The site's HTML into the build's scratch folder."""
    if context.generator == ZENSICAL:
        from . import zensical  # here: only this generator needs it

        zensical.build_site(context)
    else:
        build_published_html(context.config)


def build_offline_html(context: BuildContext, bundle: Path, polyfills: list[str]) -> None:
    """The offline bundle's HTML (the offline variant of the site's configuration) into ``bundle``."""
    if context.generator == ZENSICAL:
        from . import zensical

        zensical.build_offline(context, bundle, polyfills)
    else:
        variant = offline_variant(context.config_file, bundle, polyfills, context.store, context.despite_problems)
        build_published_html(variant)
