"""Links from a published page back to the repository it is built from: edit it, or report a problem.

Both derive from one option, ``repository: owner/name`` (in CI, ``GITHUB_REPOSITORY``). They are plain
links to github.com: nothing on a page calls GitHub's API or loads anything from another host.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

REPOSITORY_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
"""``owner/name`` as GitHub allows them."""

GITHUB = "https://github.com"
FEEDBACK_LABEL = "Report a problem with this page"


def repository_problem(repository: str) -> str | None:
    """Why ``repository`` is not usable as ``owner/name``, or None when it is."""
    if REPOSITORY_PATTERN.match(repository) and ".." not in repository:
        return None
    return (
        f"'repository: {repository}' is not a GitHub repository as 'owner/name' "
        "(write it like 'repository: my-agency/ltss-toolkit-site', or leave GITHUB_REPOSITORY unset for no links)"
    )


def edit_url(repository: str, branch: str, path: str) -> str:
    """GitHub's editor for ``path`` (from the repository root) on ``branch``."""
    return f"{GITHUB}/{repository}/edit/{quote(branch, safe='')}/{quote(path)}"


def feedback_url(repository: str, template: str, title: str, page_url: str, source: str | None) -> str:
    """A new issue from the "correct a page" form, prefilled with the page's title, address and source file.

    GitHub fills an issue form's fields from query parameters named by the fields' ids (``page``,
    ``source`` in ``.github/ISSUE_TEMPLATE/correct-a-page.yml``).
    """
    query = {"template": template, "title": f"Correction: {title}", "page": page_url}
    if source:
        query["source"] = source
    return f"{GITHUB}/{repository}/issues/new?" + urlencode(query, quote_via=quote)


def contact_address(configured: object, repository: str | None) -> str | None:
    """Where readers reach the site's publisher (``extra.contact``): as configured, else the issues page of the
    repository the site is built from, else None (a local build names no repository)."""
    if configured:
        return str(configured)
    return f"{GITHUB}/{repository}/issues" if repository else None


def contact_problem(contact: str) -> str | None:
    """Why ``extra.contact`` cannot be shown as a link, or None."""
    if re.match(r"^https://[^\s/]+\.[^\s]+$", contact):
        return None
    return f"mkdocs.yml: extra.contact {contact!r} is not a web address starting with https:// (or leave it null)"


def page_address(site_url: str | None, url: str) -> str:
    """The page's full address when the site's address is known, else its path within the site."""
    return (site_url or "/").rstrip("/") + "/" + url.lstrip("/")
