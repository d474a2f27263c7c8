"""``python -m ltss_toolkit new page|section|resource|term``: start a new content file from flags.

No prompts: every value comes from a flag, so the same command works in a terminal, in ``make`` and
in tests. The new file gets a fresh id and the next ``order``; it is then checked with the engine's
own loader, and if it brought any new problem it is taken back out and the problems are printed.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import SiteSetup
from ..structure.model import RESOURCE_KINDS
from .check import CheckResult, check
from .scaffold import (
    appended,
    content_folder,
    find_section,
    fresh_id,
    next_order,
    page_text,
    resource_entry,
    slug,
    term_entry,
)


class ScaffoldError(Exception):
    """A flag the scaffold cannot use; the message says how to fix it."""


REVIEWED_HELP = "the day you checked the page against its sources, YYYY-MM-DD (default: today)"


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def add_new_command(sub: Any) -> None:
    new = sub.add_parser("new", help="start a new page, section, resource or glossary term (no prompts)")
    kinds = new.add_subparsers(dest="kind", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)

    page = kinds.add_parser("page", parents=[common], help="a new Markdown page in a folder")
    page.add_argument("--folder", required=True, help="the folder, e.g. content/pathways/foundational-issues")
    page.add_argument("--title", required=True)
    page.add_argument("--summary", required=True, help="one sentence: what the page helps a state do")
    page.add_argument("--id", help="default: made from the title")
    page.add_argument("--reviewed", type=_date, default=None, help=REVIEWED_HELP)
    page.add_argument("--resources", default="", help="resource ids, separated by commas")
    page.add_argument("--topics", default="", help="topic ids from content/topics.yml, separated by commas")
    page.set_defaults(run=_run(_new_page))

    section = kinds.add_parser("section", parents=[common], help="a new folder with its index.md landing page")
    section.add_argument("--parent", required=True, help="the folder it goes in, e.g. content/pathways")
    section.add_argument("--title", required=True)
    section.add_argument("--summary", required=True)
    section.add_argument("--id", help="default: made from the title; it is also the folder's name")
    section.add_argument("--reviewed", type=_date, default=None, help=REVIEWED_HELP)
    section.set_defaults(run=_run(_new_section))

    resource = kinds.add_parser("resource", parents=[common], help="a new entry in a folder's resources.yml")
    resource.add_argument("--folder", required=True, help="the folder whose resources.yml gets the entry")
    resource.add_argument("--title", required=True)
    resource.add_argument("--kind", required=True, choices=RESOURCE_KINDS)
    resource.add_argument("--publisher", help="omit when the source names none")
    resource.add_argument("--year", type=int, help="omit when not known")
    resource.add_argument("--url", help="the full address; omit when none is known (never '#')")
    resource.add_argument("--topics", default="", help="topic ids, separated by commas")
    resource.add_argument("--id", help="default: made from the publisher and the title")
    resource.set_defaults(run=_run(_new_resource))

    term = kinds.add_parser("term", parents=[common], help="a new acronym in the glossary")
    term.add_argument("--term", required=True, help="the acronym as pages write it, e.g. D-SNP")
    term.add_argument("--expansion", required=True, help="what the letters stand for")
    term.add_argument("--definition", required=True, help="a sentence or two saying what it is")
    term.set_defaults(run=_run(_new_term))


@dataclass(frozen=True)
class Project:
    setup: SiteSetup

    @property
    def dir(self) -> Path:
        return self.setup.project_dir

    @property
    def content_dir(self) -> str:
        return self.setup.content_folder

    def check(self) -> CheckResult:
        return check(self.setup)


Scaffold = Callable[[argparse.Namespace, Project], tuple[Path, str, str]]
"""Returns the file to write, its new text, and a line saying what was made."""


def _run(scaffold: Scaffold) -> Callable[[argparse.Namespace, SiteSetup], int]:
    def run(args: argparse.Namespace, setup: SiteSetup) -> int:
        project = Project(setup)
        try:
            target, text, said = scaffold(args, project)
        except ScaffoldError as error:
            print(f"Nothing written: {error}", file=sys.stderr)
            return 1
        return _write_checked(project, target, text, said)

    return run


def _write_checked(project: Project, target: Path, text: str, said: str) -> int:
    """Write ``text`` to ``target``; undo it if the content then has a problem it did not have before."""
    before = set(project.check().problems.items)
    old = target.read_text(encoding="utf-8") if target.exists() else None
    created_dir = None if target.parent.exists() else target.parent
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    new_problems = sorted(set(project.check().problems.items) - before)
    if new_problems:
        if old is None:
            target.unlink()
            if created_dir is not None:
                created_dir.rmdir()
        else:
            target.write_text(old, encoding="utf-8")
        print("Nothing written: the new entry would not pass the checks:", file=sys.stderr)
        for problem in new_problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(said)
    return 0


def _section_for(args_folder: str, project: Project, flag: str) -> tuple[CheckResult, str, Path]:
    result = project.check()
    folder = content_folder(args_folder, project.content_dir)
    path = project.dir / project.content_dir / folder
    if not folder or not path.is_dir():
        where = project.content_dir
        raise ScaffoldError(f"{flag} {args_folder}: no such folder in {where}/ (e.g. {where}/pathways)")
    return result, folder, path


def _new_page(args: argparse.Namespace, project: Project) -> tuple[Path, str, str]:
    project_dir = project.dir
    result, folder, path = _section_for(args.folder, project, "--folder")
    section = find_section(result.toolkit, folder)
    taken = set(result.toolkit.pages) | {p.stem for p in path.iterdir()}
    page_id = fresh_id(args.id or slug(args.title), taken)
    if args.id and page_id != args.id:
        raise ScaffoldError(f"--id {args.id} is already used; choose another id")
    order = next_order(section)
    reviewed = args.reviewed or datetime.date.today()
    text = page_text(page_id, reviewed, args.title, args.summary, order, _ids(args.resources), _ids(args.topics))
    target = path / f"{page_id}.md"
    return target, text, f"Wrote {target.relative_to(project_dir).as_posix()} (id: {page_id}, order: {order})."


def _new_section(args: argparse.Namespace, project: Project) -> tuple[Path, str, str]:
    project_dir = project.dir
    result, folder, path = _section_for(args.parent, project, "--parent")
    parent = find_section(result.toolkit, folder)
    taken = set(result.toolkit.pages) | {p.stem for p in path.iterdir()}
    section_id = fresh_id(args.id or slug(args.title), taken)
    if args.id and section_id != args.id:
        raise ScaffoldError(
            f"--id {args.id} is already used (as a page id or a name in {args.parent}); choose another id"
        )
    order = next_order(parent)
    target = path / section_id / "index.md"
    text = page_text(section_id, args.reviewed or datetime.date.today(), args.title, args.summary, order)
    return target, text, f"Wrote {target.relative_to(project_dir).as_posix()} (id: {section_id}, order: {order})."


def _new_resource(args: argparse.Namespace, project: Project) -> tuple[Path, str, str]:
    project_dir = project.dir
    result, folder, path = _section_for(args.folder, project, "--folder")
    if args.url is not None and args.url.strip() in ("", "#"):
        raise ScaffoldError("--url must be a full address; leave it out when none is known")
    wanted = args.id or slug(" ".join(filter(None, [args.publisher, args.title])))
    resource_id = fresh_id(wanted, result.toolkit.resources)
    if args.id and resource_id != args.id:
        raise ScaffoldError(f"--id {args.id} is already used by another resource; cite that one or choose another id")
    values = {
        "id": resource_id,
        "title": args.title,
        "publisher": args.publisher,
        "year": args.year,
        "url": args.url,
        "kind": args.kind,
        "topics": _ids(args.topics),
    }
    target = path / "resources.yml"
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    where = target.relative_to(project_dir).as_posix()
    said = f"Added resource '{resource_id}' to {where}; cite it in a page's 'resources:'."
    return target, appended(existing, resource_entry(values)), said


def _new_term(args: argparse.Namespace, project: Project) -> tuple[Path, str, str]:
    project_dir, content_dir = project.dir, project.content_dir
    target = project_dir / content_dir / "glossary.yml"
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    said = f"Added '{args.term}' to {target.relative_to(project_dir).as_posix()}."
    return target, appended(existing, term_entry(args.term, args.expansion, args.definition)), said
