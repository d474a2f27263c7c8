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

    review_every_months = c.Type(int, default=12)
    """The freshness report lists a page as due for review when its ``reviewed:`` date is older than this."""

    resource_age_years = c.Type(int, default=10)
    """The freshness report lists a resource as old when it was published more than this many years ago."""
