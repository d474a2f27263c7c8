"""Readers for each kind of content file: raw YAML or Markdown in, model objects out."""

from __future__ import annotations

import datetime
from typing import Any

from ..structure.model import RESOURCE_KINDS, Change, Page, Publisher, Reference, Resource, Topic
from ..structure.problems import Location, Problems
from .fields import Field, check_id, check_url, field_lines, read_record
from .front_matter import split_page
from .yaml_lines import YamlList, load_yaml

PAGE_FIELDS = (
    Field("id", str, hint="add a stable id such as 'id: part-a-buy-in'"),
    Field(
        "reviewed",
        datetime.date,
        hint="add 'reviewed: YYYY-MM-DD' after 'id:', the date the page was last checked against its sources",
    ),
    Field("title", str),
    Field("summary", str, hint="add a one-line 'summary:' saying what the page helps a reader do"),
    Field(
        "order",
        int,
        hint="write 'order: N', the page's position in its folder (for index.md, the folder's position in its parent)",
    ),
    Field("resources", list, required=False, items=str, default=()),
    Field("topics", list, required=False, items=str, default=()),
    Field("questions", list, required=False, items=str, default=()),
    Field(
        "macros",
        bool,
        required=False,
        default=False,
        hint="write 'macros: true' only on a page whose text places a figure or the case studies",
    ),
    Field("changes", list, required=False, default=(), hint="list changes as '- date: YYYY-MM-DD' and 'note: ...'"),
)

CHANGE_FIELDS = (
    Field("date", datetime.date, hint="write the day of the change as 'date: YYYY-MM-DD'"),
    Field("note", str, hint="say in one line what changed, e.g. 'note: Updated the number of states'"),
)

RESOURCE_FIELDS = (
    Field("id", str),
    Field("title", str),
    Field("publisher", str, nullable=True, hint="give the publisher, or 'publisher: null' if the source names none"),
    Field("year", int, required=False, nullable=True),
    Field("url", str, nullable=True, hint="give the full address, or 'url: null' when none is known"),
    Field("kind", str, hint="one of: " + ", ".join(RESOURCE_KINDS)),
    Field("topics", list, required=False, items=str, default=()),
)

REFERENCE_FIELDS = (
    Field("id", str),
    Field("number", int),
    Field("text", str),
    Field("url", str, required=False, nullable=True),
)

TOPIC_FIELDS = (Field("id", str), Field("label", str))
AREA_FIELDS = (Field("id", str, hint="the name of a folder at the top of the content folder, e.g. 'pathways'"),)
PUBLISHER_FIELDS = (
    Field("name", str, hint="the publisher's full name, as resources write it"),
    Field("short", str, required=False, nullable=True, hint="the short form resources may write instead, e.g. KFF"),
)


def yaml_list(text: str, path: str, what: str, problems: Problems) -> list[tuple[Any, int]]:
    """Parse a file that must hold a YAML list; return its items with their lines."""
    data = load_yaml(text, path, problems)
    if data is None:
        return []
    if not isinstance(data, YamlList):
        problems.add(
            Location(path, 1),
            f"{path.rsplit('/', 1)[-1]} must be a list of {what}",
            "start each entry with '- id: ...'",
        )
        return []
    return list(zip(data, data.item_lines))


def read_topics(text: str, path: str, problems: Problems) -> list[Topic]:
    out = []
    for item, line in yaml_list(text, path, "topics", problems):
        values = read_record(item, TOPIC_FIELDS, path, line, "topic", problems)
        if values and check_id(values["id"], Location(path, line), "topic", problems) and values["label"]:
            out.append(Topic(values["id"], values["label"], Location(path, line)))
    return out


def read_areas(text: str, path: str, problems: Problems) -> list[str]:
    """``areas.yml``: the top-level folders of ``content/``, in the order the site shows them."""
    out: list[str] = []
    for item, line in yaml_list(text, path, "areas", problems):
        values = read_record(item, AREA_FIELDS, path, line, "area", problems)
        if not values or not check_id(values["id"], Location(path, line), "area", problems):
            continue
        if values["id"] in out:
            problems.add(Location(path, line), f"duplicate area '{values['id']}'", "keep one of them")
            continue
        out.append(values["id"])
    return out


def read_publishers(text: str, path: str, problems: Problems) -> list[Publisher]:
    out = []
    for item, line in yaml_list(text, path, "publishers", problems):
        values = read_record(item, PUBLISHER_FIELDS, path, line, "publisher", problems)
        if values and values["name"]:
            out.append(Publisher(values["name"], values["short"] or None, Location(path, line)))
    return out


def read_resources(text: str, path: str, problems: Problems) -> list[Resource]:
    out = []
    for item, line in yaml_list(text, path, "resources", problems):
        values = read_record(item, RESOURCE_FIELDS, path, line, "resource", problems)
        if not values or not check_id(values["id"], Location(path, line), "resource", problems):
            continue
        if values["url"] is not None:
            check_url(values["url"], Location(path, item.line_of("url")), problems)
        if values["kind"] and values["kind"] not in RESOURCE_KINDS:
            problems.add(
                Location(path, item.line_of("kind")),
                f"unknown resource kind '{values['kind']}'",
                "use one of: " + ", ".join(RESOURCE_KINDS),
            )
        if not values["title"]:
            continue
        out.append(
            Resource(
                id=values["id"],
                title=values["title"],
                publisher=values["publisher"],
                year=values["year"],
                url=values["url"],
                kind=values["kind"] or "",
                topics=tuple(values["topics"] or ()),
                where=Location(path, line),
            )
        )
    return out


def read_references(text: str, path: str, problems: Problems) -> list[Reference]:
    out = []
    for item, line in yaml_list(text, path, "references", problems):
        values = read_record(item, REFERENCE_FIELDS, path, line, "reference", problems)
        if not values or not check_id(values["id"], Location(path, line), "reference", problems):
            continue
        if values["url"] is not None:
            check_url(values["url"], Location(path, item.line_of("url")), problems)
        if values["number"] is not None and values["text"]:
            out.append(Reference(values["id"], values["number"], values["text"], values["url"], Location(path, line)))
    return out


def read_page(text: str, path: str, uri: str, problems: Problems) -> Page | None:
    source = split_page(text, path, problems)
    if source is None:
        return None
    values = read_record(source.meta, PAGE_FIELDS, path, 2, "front matter", problems)
    if not values:
        return None
    if not check_id(values["id"], Location(path, source.meta.line_of("id")), "page", problems):
        return None
    return Page(
        id=values["id"],
        title=values["title"] or values["id"],
        summary=values["summary"] or "",
        order=values["order"] if values["order"] is not None else 0,
        resources=tuple(values["resources"] or ()),
        topics=tuple(values["topics"] or ()),
        questions=tuple(values["questions"] or ()),
        reviewed=values["reviewed"],
        changes=read_changes(source.meta.get("changes"), path, problems),
        body=source.body,
        body_line=source.body_line,
        source=path,
        uri=uri,
        lines=field_lines(source.meta, default=1),
        macros=values["macros"] is True,
    )


def read_changes(data: Any, path: str, problems: Problems) -> tuple[Change, ...]:
    """The ``changes:`` of a page's front matter, each a date and a one-line note."""
    if not isinstance(data, YamlList):
        return ()
    out = []
    for item, line in zip(data, data.item_lines):
        values = read_record(item, CHANGE_FIELDS, path, line, "change", problems)
        if not values or values["date"] is None or not values["note"]:
            continue
        if "\n" in values["note"]:
            problems.add(Location(path, line), "a change note must be one line", "shorten it to one sentence")
            continue
        out.append(Change(values["date"], values["note"], Location(path, line)))
    return tuple(out)
