"""What a pull request changes, for its job summary: pages added, changed, removed or moved (with their
site paths), data files changed, the PDFs whose content changes, and every content problem.

Run from the checked-out head of the pull request: ``python -m ltss_toolkit changes --base SHA``.
The pages come from ``git diff`` between the base and ``HEAD``; the PDFs and problems from the content
as it is on disk (the head), with the same loader and PDF plan the build uses.
"""

from __future__ import annotations

import argparse
import posixpath
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import SiteSetup
from ..flow.reader import flow_of
from ..loading.front_matter import read_front_matter
from ..loading.yaml_lines import load_yaml
from ..structure.model import Toolkit
from ..structure.problems import Problems
from ..structure.publications import Document, plan_documents
from ..structure.site_paths import page_url
from ..structure.validate import FOOTNOTE_REF
from .check import CheckResult, check

KIND_WORDS = {"A": "Added", "M": "Changed", "D": "Removed", "R": "Moved"}


@dataclass(frozen=True)
class FileChange:
    status: str
    """``A``, ``M``, ``D`` or ``R`` (moved, with ``old_path``)."""
    path: str
    old_path: str | None = None


@dataclass
class Summary:
    pages: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(what happened, title, site path, source file) per page."""
    data_files: list[tuple[str, str]] = field(default_factory=list)
    pdfs: list[Document] = field(default_factory=list)


def git(project_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=project_dir, check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout


def changed_files(project_dir: Path, base: str, head: str = "HEAD") -> list[FileChange]:
    """Files changed between two commits, paths relative to ``project_dir``, renames found."""
    out = git(project_dir, "diff", "--name-status", "-M", "--relative", base, head, "--")
    changes = []
    for line in out.splitlines():
        parts = line.split("\t")
        status = parts[0][0]
        if status == "R":
            changes.append(FileChange("R", parts[2], parts[1]))
        elif status in "AMD":
            changes.append(FileChange(status, parts[1]))
        else:  # C (copied), T (type changed): treat as changed
            changes.append(FileChange("M", parts[-1]))
    return changes


def site_path(uri: str, directory_urls: bool = True) -> str:
    """A page's address within the site: ``pathways/x/y.md`` -> ``/pathways/x/y/``; ``x/index.md`` -> ``/x/``."""
    return "/" + page_url(uri, directory_urls)


def _show(project_dir: Path, ref: str, path: str) -> str | None:
    try:
        return git(project_dir, "show", f"{ref}:./{path}")
    except subprocess.CalledProcessError:
        return None


def page_title(text: str | None, path: str = "") -> str:
    """The title of a content page (front matter) or a hand-written page (first '# ' heading). The text comes
    from the pull request, so its YAML is read by the engine's loader, with its limits."""
    if not text:
        return ""
    front, meta = read_front_matter(text, path, Problems())
    title = meta.get("title") if meta is not None else None
    if isinstance(title, str):
        return title
    for line in front.body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _page_uri(path: str, content_dir: str, docs_dir: str) -> str | None:
    for folder in (content_dir, docs_dir):
        prefix = folder.rstrip("/") + "/"
        if path.startswith(prefix) and path.endswith(".md") and not path.startswith(prefix + "overrides/"):
            return path[len(prefix) :]
    return None


def _entries_by_id(text: str | None, path: str) -> dict[str, Any]:
    data = load_yaml(text, path, Problems()) if text else None
    if not isinstance(data, list):
        return {}
    return {str(item.get("id")): item for item in data if isinstance(item, dict)}


def _changed_ids(project_dir: Path, base: str, change: FileChange) -> set[str]:
    """Ids of the entries of a list file (resources.yml, references.yml) that differ between base and head."""
    old = _entries_by_id(_show(project_dir, base, change.old_path or change.path), change.old_path or change.path)
    new = _entries_by_id(_show(project_dir, "HEAD", change.path), change.path)
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def summarize(
    project_dir: Path,
    base: str,
    toolkit: Toolkit,
    content_dir: str,
    docs_dir: str = "docs",
    site_name: str = "",
    site_description: str = "",
) -> Summary:
    summary = Summary()
    touched_uris: set[str] = set()
    touched_folders: set[str] = set()
    all_pdfs = False
    for change in changed_files(project_dir, base):
        paths = [change.path] + ([change.old_path] if change.old_path else [])
        uri = _page_uri(change.path, content_dir, docs_dir)
        old_uri = _page_uri(change.old_path, content_dir, docs_dir) if change.old_path else None
        if uri is None and old_uri is None:
            if any(p.startswith(content_dir.rstrip("/") + "/") for p in paths):
                summary.data_files.append((KIND_WORDS[change.status], change.path))
                all_pdfs |= _data_file_effects(
                    project_dir, base, change, toolkit, content_dir, touched_uris, touched_folders
                )
            continue
        text = _show(project_dir, base if change.status == "D" else "HEAD", change.path)
        what = KIND_WORDS[change.status]
        shown_uri = uri or old_uri or ""
        where = site_path(shown_uri, toolkit.settings.directory_urls)
        if change.status == "R" and old_uri is not None:
            what = f"Moved from {site_path(old_uri, toolkit.settings.directory_urls)}"
        summary.pages.append((what, page_title(text, change.path), where, change.path))
        if change.path.startswith(content_dir.rstrip("/") + "/"):
            for u in filter(None, (uri, old_uri)):
                touched_uris.add(u)
                if change.status != "M":
                    touched_folders.add(posixpath.dirname(u))
    documents = plan_documents(toolkit, site_name, site_description)
    for document in documents:
        uris = {p.page.uri for p in document.pages}
        folders = {posixpath.dirname(u) for u in uris}
        if all_pdfs or uris & touched_uris or folders & touched_folders:
            summary.pdfs.append(document)
    return summary


def _data_file_effects(
    project_dir: Path,
    base: str,
    change: FileChange,
    toolkit: Toolkit,
    content_dir: str,
    touched_uris: set[str],
    touched_folders: set[str],
) -> bool:
    """Mark the pages a changed data file shows on; True when it can change every PDF (the glossary)."""
    name = posixpath.basename(change.path)
    folder = posixpath.dirname(change.path)[len(content_dir.rstrip("/")) + 1 :]
    if name == "resources.yml":
        ids = _changed_ids(project_dir, base, change)
        touched_uris.update(p.uri for p in toolkit.pages.values() if ids & set(p.resources))
    elif name == "references.yml":
        ids = _changed_ids(project_dir, base, change)
        touched_uris.update(p.uri for p in toolkit.pages.values() if ids & set(FOOTNOTE_REF.findall(p.body)))
    elif name == "flow.yml":
        flow = flow_of(toolkit)
        for node in flow.nodes.values() if flow is not None else ():
            touched_uris.update(toolkit.pages[i].uri for i in node.recommends if i in toolkit.pages)
    elif name in ("glossary.yml", "topics.yml", "areas.yml", "strategies.yml"):
        return True
    else:  # figures, case studies: the pages of the folder they belong to
        touched_folders.add(posixpath.dirname(folder) if posixpath.basename(folder) == "figures" else folder)
    return False


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(summary: Summary, result: CheckResult, artifact: str | None = None) -> str:
    """The job summary, in GitHub-flavoured Markdown."""
    out = ["## Content changes", ""]
    if summary.pages:
        out += ["| | Page | Address on the site | Source file |", "|---|---|---|---|"]
        out += [
            f"| {what} | {_cell(title) or '(no title)'} | `{where}` | `{source}` |"
            for what, title, where, source in summary.pages
        ]
    else:
        out.append("No page was added, changed or removed.")
    if summary.data_files:
        out += ["", "Data files:", ""] + [f"- {what}: `{path}`" for what, path in summary.data_files]
    out += ["", "## PDFs that change", ""]
    if summary.pdfs:
        out += [f"- `{doc.site_path}`: {_cell(doc.title)}" for doc in summary.pdfs]
    else:
        out.append("None.")
    problems = result.problems.shown()
    out += ["", f"## Content problems ({len(problems)})", ""]
    if problems:
        out += [
            "They are also marked on their lines in the pull request's *Files changed* tab "
            "(GitHub shows the first ten there; all are listed here).",
            "",
        ]
        out += [f"- `{p.where}`: {_cell(p.message)}" + (f" ({_cell(p.hint)})" if p.hint else "") for p in problems]
    else:
        out.append("None: the content passes every check.")
    if artifact:
        out += [
            "",
            "## Preview",
            "",
            f"Download **{artifact}** under *Artifacts* on this run's summary page and unzip it. Inside, "
            "`downloads/` holds the PDFs and `ltss-toolkit-offline.zip`: unzip that one too and open its "
            "`index.html` to read the whole site on your computer, search included.",
        ]
    return "\n".join(out) + "\n"


def add_changes_command(sub: Any) -> None:
    parser = sub.add_parser("changes", help="the pull request's job summary: pages and PDFs it changes, problems")
    parser.add_argument("--base", required=True, help="the commit the pull request is compared with")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("--artifact", help="name of the uploaded preview artifact, to say where to find it")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, setup: SiteSetup) -> int:
    result = check(setup)
    docs_dir = setup.docs_dir
    docs = (
        docs_dir.relative_to(setup.project_dir).as_posix()
        if docs_dir and docs_dir.is_relative_to(setup.project_dir)
        else "docs"
    )
    summary = summarize(
        setup.project_dir,
        args.base,
        result.toolkit,
        result.content_dir,
        docs,
        setup.settings.site_name,
        setup.site_description,
    )
    sys.stdout.write(markdown(summary, result, args.artifact))
    return 0
