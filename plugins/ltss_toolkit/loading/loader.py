"""Walk ``content/`` and build the model, collecting every problem on the way."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..extensions import Extension, Reader
from ..structure.model import Page, Resource, Section, Toolkit
from ..structure.problems import Location, Problems
from ..structure.validate import validate
from . import readers
from .history import add_history, edited_files
from .safety import check_root, read_text, safe_files

AREAS_FILE = "areas.yml"
"""``content/areas.yml`` lists the content areas, the top-level folders of ``content/``, in the order the site shows
them. Without it, every top-level folder that holds pages is an area, in alphabetical order."""

YAML_SUFFIXES = (".yml", ".yaml")


class _Readers:
    def __init__(self, extensions: Sequence[Extension]) -> None:
        self.by_name: dict[str, Reader] = {}
        self.by_folder: dict[str, Reader] = {}
        for extension in extensions:
            self.by_name.update(extension.readers)
            self.by_folder.update(extension.folder_readers)

    def reader_for(self, uri: str) -> Reader | None:
        name = posixpath.basename(uri)
        folder = posixpath.basename(posixpath.dirname(uri))
        return self.by_name.get(name) or (self.by_folder.get(folder) if name.endswith(YAML_SUFFIXES) else None)


def load_toolkit(
    content_dir: Path, project_dir: Path, extensions: Sequence[Extension] = ()
) -> tuple[Toolkit, Problems]:
    """Load and validate everything under ``content_dir``; problems name paths relative to ``project_dir``."""
    toolkit = Toolkit()
    extra_readers = _Readers(extensions)
    problems = Problems()
    if not content_dir.is_dir():
        problems.add(Location(_rel(content_dir, project_dir), 1), "content folder not found", "check 'content_dir'")
        return toolkit, problems
    pages: list[Page] = []
    files = (
        safe_files(content_dir, project_dir, problems)
        if check_root(content_dir, "content_dir", project_dir, problems)
        else []
    )
    # safe_files gives no links, so a file's real place is its path under the real content folder.
    prefix = _rel(content_dir, project_dir)
    areas: list[str] | None = None
    for file in files:
        uri = file.relative_to(content_dir).as_posix()
        path = f"{prefix}/{uri}" if prefix != "." else uri
        if file.name == AREAS_FILE:
            areas = _read_areas(file, uri, path, problems) if uri == AREAS_FILE else areas
            continue
        _read_file(file, uri, path, toolkit, pages, problems, extra_readers)
    _build_sections(pages, toolkit, problems, areas, project_dir)
    add_history(toolkit, project_dir)
    validate(toolkit, problems)
    for extension in extensions:
        if extension.validate is not None:
            extension.validate(toolkit, problems)
    return toolkit, problems


def _read_areas(file: Path, uri: str, path: str, problems: Problems) -> list[str] | None:
    text = read_text(file, path, problems)
    return None if text is None else readers.read_areas(text, path, problems)


def _read_file(
    file: Path, uri: str, path: str, toolkit: Toolkit, pages: list[Page], problems: Problems, extra_readers: _Readers
) -> None:
    name = file.name
    if file.suffix == ".md" or name.endswith(YAML_SUFFIXES):
        text = read_text(file, path, problems)
        if text is None:
            return
    else:
        toolkit.assets[uri] = str(file)
        return
    extra = extra_readers.reader_for(uri)
    if extra is not None:
        extra(text, path, uri, toolkit, problems)
    elif file.suffix == ".md":
        page = readers.read_page(text, path, uri, problems)
        if page is not None:
            pages.append(page)
    elif name == "resources.yml":
        for resource in readers.read_resources(text, path, problems):
            _add_resource(resource, toolkit, problems)
    elif name == "references.yml":
        for reference in readers.read_references(text, path, problems):
            if reference.id in toolkit.references:
                first = toolkit.references[reference.id]
                problems.add(
                    reference.where, f"duplicate reference id '{reference.id}'", f"first defined at {first.where}"
                )
            else:
                toolkit.references[reference.id] = reference
    elif name == "topics.yml":
        for topic in readers.read_topics(text, path, problems):
            if topic.id in toolkit.topics:
                problems.add(
                    topic.where,
                    f"duplicate topic id '{topic.id}'",
                    f"first defined at {toolkit.topics[topic.id].where}",
                )
            else:
                toolkit.topics[topic.id] = topic
    elif name == "publishers.yml":
        for publisher in readers.read_publishers(text, path, problems):
            for spelling in filter(None, (publisher.name, publisher.short)):
                if spelling in toolkit.publishers:
                    listed = toolkit.publishers[spelling].where
                    problems.add(
                        publisher.where, f"publisher '{spelling}' is listed twice", f"first listed at {listed}"
                    )
                else:
                    toolkit.publishers[spelling] = publisher
    else:
        known = ["resources.yml", "references.yml", "topics.yml", "publishers.yml", AREAS_FILE]
        known += sorted(extra_readers.by_name)
        known += [f"any .yml in a '{folder}/' folder" for folder in sorted(extra_readers.by_folder)]
        problems.add(
            Location(path, 1),
            f"unknown content file '{name}'",
            "data files must be named one of: " + ", ".join(known),
        )


def _add_resource(resource: Resource, toolkit: Toolkit, problems: Problems) -> None:
    first = toolkit.resources.get(resource.id)
    if first is None:
        toolkit.resources[resource.id] = resource
    elif first.facts() != resource.facts():
        differing = [
            name
            for name, a, b in zip(
                ("title", "publisher", "year", "url", "kind", "topics"), first.facts(), resource.facts()
            )
            if a != b
        ]
        problems.add(
            resource.where,
            f"resource '{resource.id}' conflicts with its listing at {first.where}: {', '.join(differing)} differ",
            "make both listings identical, or give one of them another id",
        )
    elif first.where.path == resource.where.path:
        problems.add(
            resource.where,
            f"resource '{resource.id}' is listed twice in this file",
            f"remove one (see line {first.where.line})",
        )


def _blamed_last(pages: list[Page], project_dir: Path) -> list[Page]:
    """The pages in file order, except that of two pages with the same id, the one the editor added or
    changed comes last, so the duplicate id is reported on it and not on the published page (whose id,
    linked from elsewhere, must not change). Git is asked only when there is a duplicate."""
    duplicated = {page_id for page_id, count in Counter(page.id for page in pages).items() if count > 1}
    if not duplicated:
        return pages
    edited = edited_files(project_dir, (page.source for page in pages if page.id in duplicated))
    return sorted(pages, key=lambda page: page.id in duplicated and page.source in edited)


def _build_sections(
    pages: list[Page], toolkit: Toolkit, problems: Problems, listed: list[str] | None, project_dir: Path
) -> None:
    sections: dict[str, Section] = {}
    areas = listed if listed is not None else sorted({p.uri.split("/", 1)[0] for p in pages if "/" in p.uri})
    prefix = _content_prefix(toolkit, pages)

    def section_for(folder: str) -> Section:
        if folder not in sections:
            section = Section(path=folder)
            sections[folder] = section
            parent_folder = posixpath.dirname(folder)
            if parent_folder:
                section.parent = section_for(parent_folder)
                section.parent.sections.append(section)
            else:
                toolkit.roots[folder] = section
        return sections[folder]

    for page in _blamed_last(pages, project_dir):
        if page.id in toolkit.pages:
            first = toolkit.pages[page.id]
            problems.add(
                Location(page.source, page.line_of("id")),
                f"duplicate page id '{page.id}'",
                f"already used by {first.source}; change the id of the page you added; a published page keeps its id",
            )
            continue
        folder = posixpath.dirname(page.uri)
        top = folder.split("/", 1)[0]
        if top not in areas or "/" not in page.uri:
            hint = "move it under " + " or ".join(f"{prefix}{area}/" for area in areas)
            if listed is not None:
                hint += f", or add its folder to {prefix}{AREAS_FILE}"
            problems.add(Location(page.source, 1), "page is outside the content areas", hint)
            continue
        toolkit.pages[page.id] = page
        section = section_for(folder)
        page.section = section
        if page.is_index:
            section.index = page
        else:
            section.pages.append(page)
    for folder, section in sorted(sections.items()):
        if section.index is None:
            problems.add(
                Location(f"{prefix}{folder}/", 1),
                f"folder '{folder}' has pages but no index.md",
                "add an index.md landing page with id, title, summary and 'order: 0'",
            )
    toolkit.roots = {area: toolkit.roots[area] for area in areas if area in toolkit.roots}


def _content_prefix(toolkit: Toolkit, pages: list[Page]) -> str:
    for page in pages:
        return page.source[: len(page.source) - len(page.uri)]
    return ""


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
