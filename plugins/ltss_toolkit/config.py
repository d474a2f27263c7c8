"""Options of the ``ltss-toolkit`` MkDocs plugin."""

from __future__ import annotations

from typing import Any, Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .structure.problems import Location, Problems


class EditUrlTemplate(c.Type[str]):
    """An address with ``{path}`` and no other braces: a stray brace is a config error, not a traceback."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        template = super().run_validation(value)
        try:
            example = template.format(path="content/x.md")
        except (ValueError, KeyError, IndexError, AttributeError) as error:
            detail = f"unknown placeholder {error}" if isinstance(error, (KeyError, IndexError)) else str(error)
            raise ValidationError(
                f"{template!r} is not a valid template ({detail}); use '{{path}}' for the file's path and "
                "write any other brace twice ('{{' or '}}')"
            ) from None
        if example == template:
            raise ValidationError(f"{template!r} has no '{{path}}': every page would get the same edit link")
        return template


class ToolkitConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of structured content (pages, resources, data), relative to mkdocs.yml."""

    edit_url_template = c.Optional(EditUrlTemplate())
    """Address of the editor for a source file, with ``{path}`` for its path from the project root,
    e.g. ``https://github.com/OWNER/REPO/edit/main/{path}``. Used instead of Material's ``repo_url``,
    which would make every page call the GitHub API. Without it, pages have no edit link."""

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
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        problems.add(
            Location("SOURCE_DATE_EPOCH", 0),
            f"the environment variable is {epoch[:40]!r}, not a whole number of seconds since 1970",
            "unset it, or set it to the last commit's time: git log -1 --format=%ct",
        )
    return problems
