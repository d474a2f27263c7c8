"""``python -m ltss_toolkit check``: load and validate the content, without building anything.

The same loader and checks as the build, so an editor (or the pre-commit hook, or CI) sees every
problem the build would report, in well under a second. ``--format github`` prints GitHub Actions
workflow commands, which GitHub shows as annotations on the lines of a pull request's diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import load_site
from ..extensions import default_extensions
from ..loading.loader import load_toolkit
from ..structure.model import Toolkit
from ..structure.problems import Problem, Problems

ANNOTATION_TITLE = "Content problem"


@dataclass
class CheckResult:
    toolkit: Toolkit
    problems: Problems
    content_dir: str
    """The content folder, from the project root (for messages)."""


def read_config(config_file: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as data (``!ENV`` tags and ``INHERIT`` resolved by MkDocs' own YAML loader), unchecked."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream) or {}
    return config if isinstance(config, dict) else {}


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``ltss-toolkit`` entry of ``plugins`` in ``mkdocs.yml`` (empty when it has no options)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("ltss-toolkit"), dict):
            return dict(entry["ltss-toolkit"])
    return {}


def content_dir_of(config_file: Path) -> str:
    """The plugin's ``content_dir`` as ``mkdocs.yml`` sets it (default ``content``)."""
    value = plugin_options(read_config(config_file)).get("content_dir")
    return value if isinstance(value, str) and value else "content"


def markdown_setup(config: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """``markdown_extensions`` of ``mkdocs.yml`` as names and their options, as MkDocs hands them to Markdown."""
    names: list[str] = []
    options: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, value in entry.items():
                names.append(str(name))
                if isinstance(value, dict):
                    options[str(name)] = value
    return names, options


def check(project_dir: Path, content_dir: str, config: dict[str, Any] | None = None) -> CheckResult:
    """Every problem the build would report about the content and ``docs/``, links and anchors included.

    Calls ``load_site`` as the plugin's ``on_config`` does, with the same settings read from ``mkdocs.yml``:
    keep the two calls in step.

    ``config`` is ``mkdocs.yml`` as data; without it only ``content/`` is checked (links to ``docs/``
    pages are then not resolved).
    """
    if config is None:
        toolkit, problems = load_toolkit(project_dir / content_dir, project_dir, default_extensions())
        return CheckResult(toolkit, problems, content_dir)
    names, options = markdown_setup(config)
    docs_dir = project_dir / str(config.get("docs_dir") or "docs")
    toolkit, problems = load_site(
        project_dir,
        project_dir / content_dir,
        docs_dir,
        default_extensions(),
        markdown_extensions=names,
        markdown_configs=options,
        resources_page=plugin_options(config).get("resources_page", True) is not False,
        site_values=set(config.get("extra") or {}),
    )
    return CheckResult(toolkit, problems, content_dir)


def check_project(config_file: Path) -> CheckResult:
    """``check`` on the project of ``config_file`` (``mkdocs.yml``), with its settings."""
    config = read_config(config_file)
    value = plugin_options(config).get("content_dir")
    return check(config_file.parent, value if isinstance(value, str) and value else "content", config)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One problem as a workflow command: ``::error file=path,line=N,title=...::message (hint)``."""
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    where = problem.where
    return (
        f"::error file={_escape_property(where.path)},line={where.line},"
        f"title={_escape_property(ANNOTATION_TITLE)}::{_escape_data(message)}"
    )


def report(result: CheckResult, output_format: str) -> list[str]:
    """The lines ``check`` prints: every problem once, in file and line order, then a closing line."""
    problems = sorted(set(result.problems.items))
    if output_format == "github":
        lines = [github_annotation(problem) for problem in problems]
    else:
        lines = [str(problem) for problem in problems]
    toolkit = result.toolkit
    counted = f"{len(toolkit.pages)} pages, {len(toolkit.resources)} resources"
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append(f"{len(problems)} content {noun} found in {result.content_dir}/ ({counted}).")
    else:
        lines.append(f"No content problems in {result.content_dir}/ ({counted}).")
    return lines
