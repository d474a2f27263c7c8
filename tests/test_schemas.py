"""JSON Schemas of the content files: generated from the engine's fields, committed, and in step.

They must accept every shipped file and the golden valid cases, and reject the golden bad cases.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from ltss_toolkit.editing.schemas import FILE_SCHEMAS, SCHEMA_DIR, render, schemas

from conftest import PROJECT

GOLDEN = PROJECT / "tests" / "golden"


def validator(name: str) -> Draft7Validator:
    schema = json.loads((PROJECT / SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def as_editors_see_it(data: object) -> object:
    """YAML as VS Code's YAML extension reads it (YAML 1.2): an unquoted 2026-11-20 is text, not a date."""
    if isinstance(data, dict):
        return {key: as_editors_see_it(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_editors_see_it(value) for value in data]
    return data.isoformat() if isinstance(data, datetime.date) else data


def load(text: str) -> object:
    return as_editors_see_it(yaml.safe_load(text.lstrip("\ufeff")))


def front_matter(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    return load(text.split("---\n", 2)[1])


def described_files(root: Path) -> list[tuple[Path, str, object]]:
    """Every file under ``root/content`` a schema describes, with that schema's name and the file's data."""
    found: list[tuple[Path, str, object]] = []
    for name, pattern in FILE_SCHEMAS.items():
        top_level = sorted(root.glob(pattern.replace("**/", ""))) if "**/" in pattern else []
        for path in sorted(root.glob(pattern)) + top_level:
            found.append((path, name, load(path.read_text(encoding="utf-8"))))
    for path in sorted((root / "content").rglob("*.md")):
        found.append((path, "front-matter.schema.json", front_matter(path)))
    return list({(str(p), n): (p, n, d) for p, n, d in found}.values())


def errors(name: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


def test_committed_schemas_are_generated_from_the_field_definitions() -> None:
    expected = schemas()
    committed = {path.name for path in (PROJECT / SCHEMA_DIR).glob("*.json")}
    assert committed == set(expected), "run 'make schemas' and commit schemas/content/"
    for name, schema in expected.items():
        assert (PROJECT / SCHEMA_DIR / name).read_text(encoding="utf-8") == render(schema), (
            f"{SCHEMA_DIR / name} is out of step with the fields: run 'make schemas' and commit it"
        )


def test_vscode_maps_each_schema_to_its_files() -> None:
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {f"./{SCHEMA_DIR.as_posix()}/{n}": glob for n, glob in FILE_SCHEMAS.items()}


def test_schemas_accept_every_shipped_file() -> None:
    files = described_files(PROJECT)
    kinds = {name for _, name, _ in files}
    assert kinds == set(schemas()), "every schema has at least one shipped file to check"
    assert len(files) > 60
    rejected = {str(path.relative_to(PROJECT)): errors(name, data) for path, name, data in files}
    assert {path: found for path, found in rejected.items() if found} == {}


VALID_CASES = ["loading/valid", "flow/valid", "figures/valid", "case-studies/valid", "glossary/valid"]


@pytest.mark.parametrize("case", VALID_CASES)
def test_schemas_accept_the_golden_valid_cases(case: str) -> None:
    files = described_files(GOLDEN / case)
    assert files
    assert {str(p.relative_to(GOLDEN)): errors(n, d) for p, n, d in files if errors(n, d)} == {}


BAD = {
    "loading/fields/content/pathways/first/page.md": [
        ": 'summary' is a required property",
        ": Additional properties are not allowed ('resouces' was unexpected)",
        "id: 'First Page' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'",
        "order: 'second' is not of type 'integer'",
        "topics: 'data' is not of type 'array'",
    ],
    "loading/fields/content/pathways/first/resources.yml": [
        "0/url: 'www.example.org/guide-a' does not match",
        "0/year: '2018' is not of type 'integer', 'null'",
        "1/kind: 'website' is not one of",
        "1/url: '#' does not match",
    ],
    # no prompt, an unknown field and way_out: yes; kind: decision; an outcome that recommends nothing
    "flow/fields/content/pathways/flow.yml": ["nodes/1: ", "nodes/2: ", "nodes/4: "],
    "figures/invalid/content/pathways/figures/duplicate.yml": [
        "series/0/value: '55.4%' is not of type 'number'",
        "series/1/value: -3 is less than the minimum of 0",
        "series/2: 'label' is a required property",
        "source_url: 'example.org' does not match",
    ],
    "figures/invalid/content/pathways/figures/empty.yml": [
        ": 'source' is a required property",
        ": Additional properties are not allowed ('colour' was unexpected)",
        "series: [] should be non-empty",
    ],
    "case-studies/invalid/content/pathways/strategies/case-studies.yml": [
        "2: 'verified' is a required property",
        "2/strategy: 'bed buy back' does not match",
        "3/state: ['Ohio'] is not of type 'string', 'null'",
        "3/verified: 'yes' is not of type 'boolean'",
        "3: Additional properties are not allowed ('county' was unexpected)",
    ],
    # 'D SNP', no definition, an ignore without reason, an unknown field 'url'
    "glossary/invalid/content/glossary.yml": ["2: ", "3: ", "4: ", "5: "],
}
"""What each schema finds in the golden bad cases: every problem the engine reports about a single field
(cross-file problems, such as duplicates or unknown ids, are for ``check``)."""


@pytest.mark.parametrize("path", sorted(BAD))
def test_schemas_reject_the_golden_bad_cases(path: str) -> None:
    file = GOLDEN / path
    names = {Path(pattern).name: n for n, pattern in FILE_SCHEMAS.items()}
    name = "front-matter.schema.json" if file.suffix == ".md" else names.get(file.name, "figure.schema.json")
    data = front_matter(file) if file.suffix == ".md" else load(file.read_text(encoding="utf-8"))
    found = sorted(errors(name, data))
    for expected in BAD[path]:
        assert any(line.startswith(expected) for line in found), (expected, found)
    assert len(found) == len(BAD[path]), found
