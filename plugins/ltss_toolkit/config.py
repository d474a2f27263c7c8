"""Options of the ``ltss-toolkit`` MkDocs plugin."""

from __future__ import annotations

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

    offline_zip = c.Type(bool, default=False)
    """Also build ``downloads/ltss-toolkit-offline.zip`` (``python -m ltss_toolkit build``): the site made fit
    for ``file://`` by Material's ``offline`` plugin, added in code, so no second configuration file repeats
    this one."""
