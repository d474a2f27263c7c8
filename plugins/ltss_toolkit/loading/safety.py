"""Reading files from a pull request safely: no symbolic links, nothing outside the project, bounded sizes.

Content is untrusted input. A symbolic link under ``content/`` or ``docs/`` could publish any file the
build can read (``/proc/self/environ``, a key), so links are refused rather than followed; text files are
read as UTF-8 with an optional byte-order mark and a size limit, and every refusal is a located problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..structure.problems import SYNTAX, Location, Problems

MAX_FILE_BYTES = 1_000_000
"""The largest content text file accepted (the biggest shipped one is under 20 KB)."""

BOM = "\ufeff"


def relative_path(path: Path, project_dir: Path) -> str:
    """``path`` as an editor sees it: relative to the project, with forward slashes (unresolved)."""
    try:
        return path.absolute().relative_to(project_dir.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def inside(path: Path, project_dir: Path) -> bool:
    """Whether ``path``, with every link resolved, is inside the project."""
    return path.resolve().is_relative_to(project_dir.resolve())


def check_root(root: Path, setting: str, project_dir: Path, problems: Problems) -> bool:
    """A content or docs folder must be a real folder inside the project; record why not."""
    where = Location(relative_path(root, project_dir), 0)
    if root.is_symlink():
        problems.add(where, f"'{setting}' is a symbolic link", "make it a real folder inside the project")
        return False
    if not inside(root, project_dir):
        problems.add(where, f"'{setting}' resolves outside the project", "point it to a folder inside the project")
        return False
    return True


def safe_files(root: Path, project_dir: Path, problems: Problems) -> list[Path]:
    """Every regular file under ``root`` in sorted order, skipping hidden ones.

    Symbolic links (to files or folders) and anything else that is not a plain file or folder are
    refused with a ``path: ...`` problem and never followed, so nothing outside the project is read.
    """
    found: list[Path] = []
    project = project_dir.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        # One resolve per folder, not per file: a file that is not a link resolves to its folder's place.
        within = base.resolve().is_relative_to(project)
        for name in sorted(dirs):
            if name.startswith("."):
                dirs.remove(name)
            elif (base / name).is_symlink():
                dirs.remove(name)
                _refuse_link(base / name, project_dir, problems)
        for name in files:
            if name.startswith("."):
                continue
            path = base / name
            if path.is_symlink():
                _refuse_link(path, project_dir, problems)
            elif not path.is_file():
                problems.add(
                    Location(relative_path(path, project_dir), 0),
                    "not a regular file",
                    "remove it; only plain files and folders are published",
                )
            elif not within:
                problems.add(
                    Location(relative_path(path, project_dir), 0),
                    "file resolves outside the project",
                    "move the file into the project",
                )
            else:
                found.append(path)
    return sorted(found)


def _refuse_link(path: Path, project_dir: Path, problems: Problems) -> None:
    problems.add(
        Location(relative_path(path, project_dir), 0),
        "symbolic links are not allowed",
        "replace the link with a copy of the file or folder it points to",
    )


def read_text(file: Path, path: str, problems: Problems, limit: int = MAX_FILE_BYTES) -> str | None:
    """A text file's contents as UTF-8 (a byte-order mark is accepted and dropped), or None with a problem."""
    try:
        size = file.stat().st_size
        if size > limit:
            problems.add(
                Location(path, 1),
                f"file is {size:,} bytes, more than the limit of {limit:,}",
                "split it into smaller pages or files",
            )
            return None
        data = file.read_bytes()
    except OSError as error:
        problems.add(
            Location(path, 1), f"cannot read the file ({error.strerror or error})", "check its permissions", SYNTAX
        )
        return None
    return decode(data, path, problems)


def decode(data: bytes, path: str, problems: Problems) -> str | None:
    """Bytes as UTF-8 text without a byte-order mark, or None after a problem naming the bad line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(
            Location(path, line),
            f"file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)",
            "save the file as UTF-8",
            SYNTAX,
        )
        return None
    text = text.removeprefix(BOM)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(Location(path, line), "file contains a NUL character", "save it as plain UTF-8 text", SYNTAX)
        return None
    return text
