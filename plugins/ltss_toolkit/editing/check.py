"""``python -m ltss_toolkit check``: load and validate the content, without building anything.

The same loader and checks as the build, so an editor (or the pre-commit hook, or CI) sees every
problem the build would report, in well under a second. ``--format github`` prints GitHub Actions
workflow commands, which GitHub shows as annotations on the lines of a pull request's diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import SiteSetup, load_project
from ..extensions import default_extensions
from ..structure.model import Toolkit
from ..structure.problems import Problem, Problems

ANNOTATION_TITLE = "Content problem"


@dataclass
class CheckResult:
    toolkit: Toolkit
    problems: Problems
    content_dir: str
    """The content folder, from the project root (for messages)."""


def check(setup: SiteSetup) -> CheckResult:
    """Every problem the build would report about the content and ``docs/``, links and anchors included: the
    build's own loading code (``load_project``), with the setup MkDocs read from ``mkdocs.yml``."""
    toolkit, problems = load_project(setup, default_extensions())
    return CheckResult(toolkit, problems, setup.content_folder)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, level: str = "error") -> str:
    """One problem as a workflow command: ``::error file=path,line=N,title=...::message (hint)``."""
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    where = problem.where
    return (
        f"::{level} file={_escape_property(where.path)},line={where.line},"
        f"title={_escape_property(ANNOTATION_TITLE)}::{_escape_data(message)}"
    )


def report(result: CheckResult, output_format: str) -> list[str]:
    """The lines ``check`` prints: every problem once, in file and line order, then a closing line."""
    problems = result.problems.shown()
    if output_format == "github":
        lines = [github_annotation(problem) for problem in problems]
        lines += [github_annotation(warning, "warning") for warning in sorted(set(result.problems.warnings))]
    else:
        lines = [str(problem) for problem in problems] + result.problems.warning_lines()
    toolkit = result.toolkit
    counted = f"{len(toolkit.pages)} pages, {len(toolkit.resources)} resources"
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append(f"{len(problems)} content {noun} found in {result.content_dir}/ ({counted}).")
    else:
        lines.append(f"No content problems in {result.content_dir}/ ({counted}).")
    return lines
