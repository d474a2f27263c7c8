"""YAML loading that remembers the line of every mapping key and list item.

Validation messages must say ``path:line``; PyYAML's nodes know their marks, so we keep them on the
mappings and lists we build instead of throwing them away.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from ..structure.problems import Location, Problem, Problems


class YamlMap(dict):
    """A mapping from YAML with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A sequence from YAML with the line of the sequence and of each item."""

    line: int
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    line_offset = 0
    duplicate_keys: list[tuple[str, int]]


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    result = YamlMap()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.line_offset
        key = str(key)
        if key in result:
            loader.duplicate_keys.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_list(loader: _LineLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [item.start_mark.line + 1 + loader.line_offset for item in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def load_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML text; on a syntax error record a problem at its line and return None.

    The same text parses to the same (shared, never modified) value: the preview reads every file again after
    an edit, and only the edited one is parsed again.
    """
    data, found = _parse(text, path, line_offset)
    problems.items.extend(found)
    return data


@functools.lru_cache(maxsize=4096)
def _parse(text: str, path: str, line_offset: int) -> tuple[Any, tuple[Problem, ...]]:
    problems = Problems()
    return _load(text, path, problems, line_offset), tuple(problems.items)


def _load(text: str, path: str, problems: Problems, line_offset: int) -> Any:
    loader = _LineLoader(text)
    loader.line_offset = line_offset
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        what = error.problem or "invalid YAML"
        problems.add(
            Location(path, line),
            f"YAML syntax error: {what}",
            "check indentation, and quote values that contain ': ' or start with a special character",
        )
        return None
    except yaml.YAMLError as error:
        problems.add(Location(path, 1 + line_offset), f"YAML error: {error}", "fix the YAML syntax")
        return None
    finally:
        loader.dispose()
    for key, line in loader.duplicate_keys:
        problems.add(Location(path, line), f"key '{key}' appears twice", "keep one of them")
    return data
