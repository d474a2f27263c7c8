"""Options of the ``ltss-toolkit`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ToolkitConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of structured content (pages, resources, data), relative to mkdocs.yml."""

    repository = c.Optional(c.Type(str))
    """The GitHub repository the site is published from, as ``owner/name``: the one place the edit
    links ("Edit this page") and the feedback links ("Report a problem with this page") come from.
    ``mkdocs.yml`` reads it from ``GITHUB_REPOSITORY``, which GitHub Actions sets to the repository
    the workflow runs in. Without it (a local build) pages get neither link, rather than links to a
    repository nobody named. Material's ``repo_url`` is not used: it makes every page call the
    GitHub API."""

    branch = c.Type(str, default="main")
    """The branch edit links open files on."""

    feedback_template = c.Type(str, default="correct-a-page.yml")
    """The issue form in ``.github/ISSUE_TEMPLATE/`` that "Report a problem with this page" opens,
    prefilled with the page's address and source file."""

    resources_page = c.Type(bool, default=True)
    """Generate ``resources.md``: every resource once, grouped by publisher and topic, with backlinks."""
