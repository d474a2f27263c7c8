"""Options of the ``ltss-toolkit`` MkDocs plugin, and the ``SiteSetup`` the engine reads from ``mkdocs.yml``.

The build and the commands (``check``, ``freshness``, ``new``, the pull-request summary) all read ``mkdocs.yml``
with MkDocs' ``load_config`` and turn it into a ``SiteSetup`` here: one reading, so ``check`` parses Markdown
exactly as the build does (MkDocs adds ``fenced_code``, ``toc`` and ``tables`` to the site's extensions).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from .editing.repository import repository_problem
from .engine import SiteSetup
from .structure.build_date import VARIABLE, epoch_problem
from .structure.model import Settings
from .structure.problems import Location, Problems

PLUGIN_NAME = "ltss-toolkit"


class Repository(c.Type[str]):
    """A GitHub repository as ``owner/name``: anything else is a config error naming the setting, not a bad link."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        repository = super().run_validation(value)
        problem = repository_problem(repository)
        if problem:
            raise ValidationError(problem)
        return repository


class ToolkitConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__
    content_dir = c.Type(str, default="content")
    """Folder of structured content (pages, resources, data), relative to mkdocs.yml."""

    repository = c.Optional(Repository())
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

    originals = c.Type(dict, default={})
    """The original of each content area (``modules``, ``pathways``) that the site summarises, as a list of
    resource ids: the original first, then, when its own address is not known, a resource with an address that
    describes it. Every PDF's cover says it is an independent summary of the originals of its pages' areas."""

    resources_page = c.Type(bool, default=True)
    """Generate ``resources.md``: every resource once, grouped by publisher and topic, with backlinks."""

    review_every_months = c.Type(int, default=12)
    """The freshness report lists a page as due for review when its ``reviewed:`` date is older than this."""

    resource_age_years = c.Type(int, default=10)
    """The freshness report lists a resource as old when it was published more than this many years ago."""

    offline_zip = c.Type(bool, default=False)
    """Also build ``downloads/ltss-toolkit-offline.zip`` (``python -m ltss_toolkit build``): the site made fit
    for ``file://`` by Material's ``offline`` plugin, added in code, so no second configuration file repeats
    this one."""


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


def setting_problems(config: ToolkitConfig, environ: Mapping[str, str]) -> Problems:
    """Settings from outside mkdocs.yml that the build depends on, checked before anything is built."""
    problems = Problems()
    epoch = epoch_problem(environ)
    if epoch is not None:
        problems.add(
            Location(VARIABLE, 0), epoch, "unset it, or set it to the last commit's time: git log -1 --format=%ct"
        )
    return problems


class ConfigUnreadable(Exception):
    """``mkdocs.yml`` is missing or MkDocs refused it; the message says which file and why."""


def site_setup(config: MkDocsConfig, options: ToolkitConfig) -> SiteSetup:
    """What the engine needs of a configuration MkDocs has loaded, and of the plugin's options."""
    project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    settings = Settings(
        site_name=config.site_name,
        site_url=config.site_url or "",
        directory_urls=config.use_directory_urls,
        review_every_months=options.review_every_months,
        resource_age_years=options.resource_age_years,
    )
    return SiteSetup(
        project_dir=project_dir,
        content_dir=project_dir / options.content_dir,
        docs_dir=Path(config.docs_dir),
        markdown_extensions=list(config.markdown_extensions),
        markdown_configs=dict(config.mdx_configs),
        resources_page=options.resources_page,
        site_values=frozenset(config.extra),
        settings=settings,
        site_description=" ".join(str(config.site_description or "").split()),
    )


def read_site_setup(config_file: Path) -> SiteSetup:
    """``site_setup`` of ``config_file`` as MkDocs loads it (``INHERIT``, ``!ENV`` and its checks included)."""
    if not config_file.is_file():
        raise ConfigUnreadable(
            f"{config_file.name}: not found (run this from the project folder, or give -f mkdocs.yml)"
        )
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as error:
        raise ConfigUnreadable(f"{config_file.name}: {error or 'see the messages above'}") from error
    plugin = config.plugins.get(PLUGIN_NAME)
    options = getattr(plugin, "config", None)
    if not isinstance(options, ToolkitConfig):
        options = ToolkitConfig()
        options.load_dict({})
        options.validate()
    return site_setup(config, options)
