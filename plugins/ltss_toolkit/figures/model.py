"""Figures as data: one YAML file per chart, read with the line of every field for messages."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..loading.fields import Field, check_id, check_url, read_record
from ..loading.yaml_lines import YamlList, load_yaml
from ..structure.model import Toolkit
from ..structure.problems import Location, Problems, shown

FIGURE_FIELDS = (
    Field("id", str, hint="add a stable id such as 'id: hcbs-share-of-ltss-spending'"),
    Field("title", str),
    Field("description", str, hint="add a 'description:' saying in words what the chart shows, for screen readers"),
    Field("unit", str, hint="say what the numbers count, e.g. 'unit: percent' or 'unit: millions'"),
    Field("source", str, hint="every figure shows its source: name the publication the numbers come from"),
    Field(
        "source_url",
        str,
        nullable=True,
        hint="give the source's full address, or 'source_url: null' when none is known",
    ),
    Field("note", str, required=False, nullable=True),
    Field("label_heading", str, required=False, default="Year", hint="the heading of the labels column in the table"),
    Field("series", list, hint="add 'series:' with one '- label: ... value: ...' item per bar"),
)

POINT_FIELDS = (Field("label", str), Field("value", object))
"""``value`` is checked here rather than by type, to say 'a number' and accept both 56 and 55.4."""


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    where: Location


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    description: str
    unit: str
    source: str
    source_url: str | None
    note: str | None
    label_heading: str
    series: tuple[Point, ...]
    where: Location


@dataclass
class Figures:
    """Every figure read (kept in ``toolkit.data``), and every id read, usable or not, with where it was
    defined: for duplicates and unknown ids."""

    by_id: dict[str, Figure] = field(default_factory=dict)
    ids: dict[str, Location] = field(default_factory=dict)


def _figures(toolkit: Toolkit) -> Figures:
    found = toolkit.data.get(Figures)
    if found is None:
        found = Figures()
        toolkit.data.put(found)
    return found


def figures(toolkit: Toolkit) -> dict[str, Figure]:
    return _figures(toolkit).by_id


def figure_ids(toolkit: Toolkit) -> dict[str, Location]:
    return _figures(toolkit).ids


def read_figure(text: str, path: str, uri: str, toolkit: Toolkit, problems: Problems) -> None:
    """Read one ``figures/*.yml`` file into ``toolkit.data``, recording every problem."""
    data = load_yaml(text, path, problems)
    if data is None:
        return
    values = read_record(data, FIGURE_FIELDS, path, 1, "figure", problems)
    if not values or not check_id(values["id"], Location(path, data.line_of("id")), "figure", problems):
        return
    if values["source_url"] is not None:
        check_url(values["source_url"], Location(path, data.line_of("source_url")), problems)
    series = _read_series(data.get("series"), path, data.line_of("series"), problems)
    if isinstance(data.get("series"), YamlList) and not data["series"]:
        problems.add(
            Location(path, data.line_of("series")),
            "figure has an empty series",
            "add at least one '- label: ... value: ...' item",
        )
    seen = figure_ids(toolkit)
    if values["id"] in seen:
        problems.add(
            Location(path, data.line_of("id")),
            f"duplicate figure id '{values['id']}'",
            f"first defined at {seen[values['id']]}; give this figure another id",
        )
        return
    seen[values["id"]] = Location(path, data.line_of("id"))
    if not all(values[name] for name in ("title", "description", "unit", "source")) or not series:
        return
    figures(toolkit)[values["id"]] = Figure(
        id=values["id"],
        title=values["title"],
        description=values["description"],
        unit=values["unit"],
        source=values["source"],
        source_url=values["source_url"],
        note=values["note"],
        label_heading=values["label_heading"] or "Year",
        series=tuple(series),
        where=Location(path, data.line_of("id")),
    )


def _read_series(items: object, path: str, line: int, problems: Problems) -> list[Point]:
    if not isinstance(items, YamlList):
        return []
    points = []
    for item, item_line in zip(items, items.item_lines):
        values = read_record(item, POINT_FIELDS, path, item_line, "series item", problems)
        if not values or values["label"] is None or values["value"] is None:
            continue
        value = values["value"]
        where = Location(path, item.line_of("value"))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            problems.add(
                where,
                f"'value' must be a number, not {shown(value)}",
                "write the number alone, without units or quotes, e.g. 'value: 55.4'",
            )
            continue
        if value < 0:
            problems.add(
                where, f"'value' {value:g} is negative", "these bar charts start at zero; give values of zero or more"
            )
            continue
        points.append(Point(values["label"], float(value), Location(path, item_line)))
    return points
