"""Typed fields of content records, checked with messages an editor can act on."""

from __future__ import annotations

import builtins
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..structure.dates import impossible_date
from ..structure.problems import FieldLines, Location, Problems, did_you_mean, shown
from .yaml_lines import YamlList, YamlMap

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?$")

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    datetime.date: "a date written YYYY-MM-DD",
}


def as_date(value: Any) -> datetime.date | None:
    """A calendar date from YAML (``2026-11-20``, quoted or not); None for anything else, times included."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Field:
    """One field of a record: its type, whether it must be given, and whether null is allowed."""

    name: str
    type: builtins.type[Any]
    required: bool = True
    nullable: bool = False
    items: builtins.type[Any] | None = None
    default: Any = None
    hint: str = ""


def _type_ok(value: Any, wanted: type) -> bool:
    if wanted is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if wanted is str:
        return isinstance(value, str) and value.strip() != ""
    if wanted is datetime.date:
        return as_date(value) is not None
    return isinstance(value, wanted)


def read_record(
    data: Any, fields: Sequence[Field], path: str, line: int, what: str, problems: Problems
) -> dict[str, Any] | None:
    """Check ``data`` against ``fields``; return the values, or None if the record is unusable.

    Every problem is recorded, not just the first; a record with a wrong field still yields its
    other values so that later checks (ids, citations) can run and report too.
    """
    if not isinstance(data, YamlMap):
        problems.add(Location(path, line), f"{what} must be a set of 'field: value' lines", "see README")
        return None
    names = {f.name for f in fields}
    for key in data:
        if key not in names:
            problems.add(
                Location(path, data.line_of(key)), f"unknown field {shown(key)} in {what}", did_you_mean(key, names)
            )
    values: dict[str, Any] = {}
    for f in fields:
        where = Location(path, data.line_of(f.name))
        if f.name not in data:
            if f.required:
                problems.add(Location(path, data.line), f"{what} has no '{f.name}'", f.hint or f"add '{f.name}: ...'")
            values[f.name] = list(f.default) if isinstance(f.default, (list, tuple)) else f.default
            continue
        value = data[f.name]
        if value is None:
            if not f.nullable:
                problems.add(where, f"'{f.name}' is empty", f.hint or f"give '{f.name}' a value")
            values[f.name] = None if f.nullable else f.default
            continue
        wrong_day = impossible_date(value) if f.type is datetime.date and isinstance(value, str) else ""
        if wrong_day:
            problems.add(
                where,
                f"'{f.name}' is {value.strip()}, which is no real date: {wrong_day}",
                "write it as YYYY-MM-DD, with a month from 01 to 12 and a day the month has, e.g. 2026-04-30",
            )
            values[f.name] = f.default
            continue
        if not _type_ok(value, f.type):
            problems.add(
                where,
                f"'{f.name}' must be {_TYPE_NAMES.get(f.type, f.type.__name__)}, not {shown(value)}",
                f.hint or f"write '{f.name}' as {_TYPE_NAMES.get(f.type, f.type.__name__)}",
            )
            values[f.name] = f.default
            continue
        if f.type is list and f.items is not None:
            good = []
            item_lines = value.item_lines if isinstance(value, YamlList) else [where.line] * len(value)
            for item, item_line in zip(value, item_lines):
                if _type_ok(item, f.items):
                    good.append(item)
                else:
                    problems.add(
                        Location(path, item_line),
                        f"each item of '{f.name}' must be {_TYPE_NAMES.get(f.items, 'text')}, not {shown(item)}",
                        f.hint or "write one item per '- ' line",
                    )
            value = good
        if f.type is datetime.date:
            value = as_date(value)
        values[f.name] = value.strip() if isinstance(value, str) else value
    return values


def field_lines(data: YamlMap, default: int) -> FieldLines:
    """The line of each field of ``data``, and of each item of its list fields (the field's own line for an
    empty list)."""
    lines: dict[str, list[int]] = {}
    for key in data:
        value = data[key]
        if isinstance(value, YamlList) and value:
            lines[key] = list(value.item_lines)
        else:
            lines[key] = [data.line_of(key)]
    return FieldLines(lines, default)


def check_id(value: Any, where: Location, what: str, problems: Problems) -> bool:
    if isinstance(value, str) and not ID_PATTERN.match(value):
        problems.add(
            where,
            f"{what} id '{value}' is not lowercase-kebab-case",
            "use lowercase letters, digits and single hyphens, e.g. 'part-a-buy-in'",
        )
        return False
    return isinstance(value, str)


def check_url(value: Any, where: Location, problems: Problems) -> bool:
    if isinstance(value, str) and not URL_PATTERN.match(value):
        problems.add(
            where,
            f"malformed address '{value}'",
            "give the full address starting with https:// (or http://); "
            "when none is known write 'url: null', never '#'",
        )
        return False
    return True
