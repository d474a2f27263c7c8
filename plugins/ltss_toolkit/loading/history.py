"""When each page's source file last changed, read from git in one call.

Content pages reach MkDocs as generated files, so a git plugin that looks at ``docs/`` paths never
sees their sources; we ask git about the source paths ourselves. The dates are commit dates, so the
same commit gives the same dates whenever it is built (``SOURCE_DATE_EPOCH`` plays no part).

Where git cannot tell, the page has no date and ``Toolkit.history_note`` says why, rather than
showing a wrong one:

- no git, or not a repository (a build from a tarball): no page has a date;
- a shallow clone (CI often clones with ``--depth 1``): git shows every file as added in the oldest
  commit it has, so a file last seen in that commit may really have changed long before; only
  files changed after it get dates.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..structure.memo import on_forget
from ..structure.model import Toolkit

GIT_TIMEOUT = 60


@dataclass
class History:
    """Last-commit dates by path (relative to the project folder), and why some may be missing."""

    dates: dict[str, datetime.date] = field(default_factory=dict)
    note: str = ""


def _git(project_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=project_dir,
        capture_output=True,
        timeout=GIT_TIMEOUT,
        check=False,
    )


@dataclass(frozen=True)
class _Read:
    """One reading of the history, and the files whose change would change it (see ``_state``)."""

    history: History
    git_dir: Path
    common_dir: Path
    shallow_file: Path
    state: tuple[object, ...]


_last: dict[tuple[Path, tuple[str, ...]], _Read] = {}
"""The last reading per project and paths: the preview loads the content after every save, and asking git
again each time (two processes) cost more than the rest of the load; a save changes no commit."""
on_forget(_last.clear)


def _state(git_dir: Path, common_dir: Path, shallow_file: Path) -> tuple[object, ...]:
    """What moves when the commits git would show move: ``HEAD``, the branch it names (a loose ref or
    ``packed-refs``) and the shallow boundary."""
    head = git_dir / "HEAD"
    try:
        head_text = head.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ("no HEAD",)
    files = [common_dir / "packed-refs", shallow_file]
    if head_text.startswith("ref: "):
        ref = head_text.removeprefix("ref: ").strip()
        files += [git_dir / ref, common_dir / ref]
    stats: list[object] = [head_text]
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            stats.append(None)
        else:
            stats.append((str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(stats)


def read_history(project_dir: Path, paths: Iterable[str]) -> History:
    """The date of the last commit that touched each of ``paths``, in a single ``git log`` (none when the commits
    are the same as at the last reading of these paths)."""
    wanted = sorted(set(paths))
    if not wanted:
        return History()
    key = (project_dir.resolve(), tuple(wanted))
    last = _last.get(key)
    if last is not None and _state(last.git_dir, last.common_dir, last.shallow_file) == last.state:
        return last.history
    try:
        info = _git(
            project_dir, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "--absolute-git-dir",
            "--git-common-dir",
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as error:
        return History(note=f"git could not be run ({error}); pages show no 'Last updated' date")
    if info.returncode != 0:
        reason = info.stderr.decode("utf-8", "replace").strip().splitlines()
        return History(
            note=f"no git history ({reason[0] if reason else 'not a repository'}); pages show no 'Last updated' date"
        )
    shallow_flag, shallow_name, git_dir_name, common_name = (
        info.stdout.decode("utf-8", "replace").splitlines() + ["", "", "", ""]
    )[:4]
    shallow_file = project_dir / shallow_name.strip()
    git_dir = Path(git_dir_name.strip())
    common_dir = project_dir / common_name.strip()
    state = _state(git_dir, common_dir, shallow_file)
    history = _log(project_dir, wanted, shallow_flag.strip() == "true", shallow_file)
    _last[key] = _Read(history, git_dir, common_dir, shallow_file, state)
    return history


def _log(project_dir: Path, wanted: list[str], shallow: bool, shallow_path: Path) -> History:
    boundary: set[str] = set()
    if shallow:
        boundary = set(shallow_path.read_text(encoding="ascii").split()) if shallow_path.is_file() else set()
    log = _git(project_dir, "log", "-z", "--format=%x1e%H%x09%cs", "--name-only", "--relative", "--", *wanted)
    if log.returncode != 0:
        return History(note="git log failed; pages show no 'Last updated' date")
    history = History()
    undated: set[str] = set()
    for record in log.stdout.decode("utf-8", "replace").split("\x1e"):
        header, _, names = record.partition("\0")
        if not header:
            continue
        commit, _, day = header.partition("\t")
        for name in names.lstrip("\n").split("\0"):
            if not name or name in history.dates or name in undated:
                continue
            if commit in boundary:
                undated.add(name)
            else:
                history.dates[name] = datetime.date.fromisoformat(day)
    missing = len(wanted) - len(history.dates) - len(undated)
    if missing and not undated:
        history.note = f"{missing} of {len(wanted)} pages are not committed yet and show no 'Last updated' date"
    if undated:
        history.note = (
            f"the git history is shallow: {len(undated)} of {len(wanted)} pages last changed at or before its oldest "
            "commit and show no 'Last updated' date (clone with the full history, e.g. fetch-depth: 0)"
        )
    return history


def add_history(toolkit: Toolkit, project_dir: Path) -> None:
    """Give each page the date its source file last changed in git, where git can tell."""
    history = read_history(project_dir, (page.source for page in toolkit.pages.values()))
    for page in toolkit.pages.values():
        page.updated = history.dates.get(page.source)
    toolkit.history_note = history.note


def edited_files(project_dir: Path, paths: Iterable[str]) -> set[str]:
    """Which of ``paths`` (relative to the project) the editor added or changed: not committed yet, or, in a
    pull request's checks on GitHub Actions (``GITHUB_BASE_REF`` set), changed against the pull request's base.

    The pull-request workflow checks out GitHub's merge of the pull request into its base, whose first parent
    (``HEAD^1``) is the base, as its "Summarise the changes" step says. Empty when git cannot tell."""
    wanted = set(paths)
    found: set[str] = set()
    commands = [
        ("diff", "--name-only", "-z", "--relative", "HEAD", "--"),
        ("ls-files", "--others", "--exclude-standard", "-z", "--"),
    ]
    if os.environ.get("GITHUB_BASE_REF"):
        commands.append(("diff", "--name-only", "-z", "--relative", "HEAD^1", "HEAD", "--"))
    for command in commands:
        try:
            result = _git(project_dir, *command, *sorted(wanted))
        except (OSError, subprocess.SubprocessError):
            return set()
        if result.returncode == 0:
            found.update(name for name in result.stdout.decode("utf-8", "replace").split("\0") if name)
    return found & wanted
