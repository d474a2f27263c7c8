"""Options of the ``ltss-toolkit`` MkDocs plugin."""

from __future__ import annotations

from typing import Any, Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c


class ToolkitConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of structured content (pages, resources, data), relative to mkdocs.yml."""

    edit_url_template = c.Optional(c.Type(str))
    """Address of the editor for a source file, with ``{path}`` for its path from the project root,
    e.g. ``https://github.com/OWNER/REPO/edit/main/{path}``. Used instead of Material's ``repo_url``,
    which would make every page call the GitHub API. Without it, pages have no edit link."""

    resources_page = c.Type(bool, default=True)
    """Generate ``resources.md``: every resource once, grouped by publisher and topic, with backlinks."""


def macros_opt_in_problems(macros_config: Mapping[str, Any]) -> list[str]:
    """mkdocs-macros must render only the pages that opt in: otherwise text from YAML would run as Jinja."""
    out = []
    if macros_config.get("render_by_default", True) is not False:
        out.append(
            "mkdocs.yml: plugins > macros > render_by_default must be false "
            "(pages opt in with 'macros: true'; add 'render_by_default: false' under '- macros:')"
        )
    if (macros_config.get("force_render_paths") or "").strip():
        out.append("mkdocs.yml: plugins > macros > force_render_paths must be empty (pages opt in one by one)")
    return out
