"""Problems found in content: collected, never raised one at a time."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file, as a path relative to the project root and a 1-based line.

    Line 0 stands for the file as a whole (a symbolic link, a file outside the project): ``path: ...``.
    """

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


SYNTAX = "syntax"
"""A file that cannot be read (YAML syntax): reported first, since what it defines is missing."""

LOOKUP = "lookup"
"""A name that is not defined anywhere (a resource, topic, reference...): possibly only because a file that
defines it cannot be read, so held back while any file has a syntax error (see ``Problems.lines``)."""


UNSAFE = "unsafe"
"""HTML, template code or a link scheme that is not allowed: content that must never reach a page, so a
preview is not built despite it (``build --despite-problems``)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, with how to fix it."""

    where: Location
    message: str
    hint: str = ""
    kind: str = field(default="", compare=False)
    """SYNTAX, LOOKUP, UNSAFE or "" (any other problem)."""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass(frozen=True)
class FieldLines:
    """Where each field of a record is, and each item of its list fields: for ``path:line`` messages."""

    by_field: dict[str, list[int]] = field(default_factory=dict)
    default: int = 1
    """The line given for a field the record does not have."""

    def line_of(self, key: str, index: int = 0) -> int:
        lines = self.by_field.get(key) or [self.default]
        return lines[min(index, len(lines) - 1)]

    def __contains__(self, key: str) -> bool:
        return key in self.by_field


@dataclass
class Problems:
    """Every problem of one build, in file and line order."""

    items: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """What may be a mistake but builds (two pages with the same ``order``): shown, never failing a build."""

    def warn(self, where: Location, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(where, message, hint))

    def warning_lines(self) -> list[str]:
        return [
            f"{p.where}: warning: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in sorted(set(self.warnings))
        ]

    def add(self, where: Location, message: str, hint: str = "", kind: str = "") -> None:
        self.items.append(Problem(where, message, hint, kind))

    def mark_unsafe(self, since: int) -> None:
        """Mark the problems recorded since ``len(self) == since`` as UNSAFE (see UNSAFE)."""
        self.items[since:] = [replace(p, kind=UNSAFE) for p in self.items[since:]]

    @property
    def unsafe(self) -> bool:
        return any(p.kind == UNSAFE for p in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def shown(self) -> list[Problem]:
        """The problems an editor sees, in order: files that cannot be read first, and while there are any,
        no "unknown name" problems, which may only say that the unreadable file's names are missing (a
        wrong fix: "did you mean ..."). They come back, if still true, once the file reads."""
        problems = sorted(set(self.items))
        if any(p.kind == SYNTAX for p in problems):
            problems = [p for p in problems if p.kind != LOOKUP]
        return sorted(problems, key=lambda p: p.kind != SYNTAX)

    def lines(self) -> list[str]:
        return [str(p) for p in self.shown()]

    def report(self, limit: int = 300) -> str:
        """Every problem, one per line; past ``limit`` lines, a count of the rest (output stays bounded)."""
        lines = self.lines()
        noun = "problem" if len(lines) == 1 else "problems"
        shown_lines = [f"  {line[:1000]}" for line in lines[:limit]]
        if len(lines) > limit:
            shown_lines.append(f"  ... and {len(lines) - limit} more (fix these first, then build again)")
        return f"{len(lines)} content {noun} found:\n" + "\n".join(shown_lines)


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to about ``limit`` characters, so a message stays one readable line."""
    text = repr(value)
    if len(text) <= limit:
        return text
    text = text[: limit - 4].replace("\n", " ")
    return text + (" ...'" if isinstance(value, str) else " ...")


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known value, or listing a few of them."""
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not known:
        return "none are defined yet"
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    return f"known: {shown}"


def unknown_resource_hint(name: str, known: Iterable[str], folder: str) -> str:
    """The closest resource id, or with none close, how to add the resource to ``folder`` (not a list of
    unrelated ids)."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return (
        f"no resource has this id; to add it, run: make new-resource FOLDER={folder} ID={name} "
        'TITLE="..." KIND=report, or describe it in a resources.yml'
    )
