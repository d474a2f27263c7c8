"""YAML loading that remembers the line of every mapping key and list item.

Validation messages must say ``path:line``; PyYAML's nodes know their marks, so we keep them on the
mappings and lists we build instead of throwing them away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from ..structure.memo import remembered
from ..structure.problems import SYNTAX, Location, Problem, Problems, shown


class YamlMap(dict[str, Any]):
    """A mapping from YAML with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence from YAML with the line of the sequence and of each item."""

    line: int
    item_lines: list[int]


MAX_DEPTH = 30
"""Deepest nesting of lists and mappings accepted; content needs fewer than ten levels."""

MAX_ALIAS_VALUES = 10_000
"""Most values that ``*aliases`` may expand to in one file: stops "billion laughs" alias bombs."""


class _Limits(yaml.composer.Composer):
    """PyYAML's composer with limits on depth and alias expansion; mixed into both loaders below."""

    line_offset = 0
    duplicate_keys: list[tuple[str, int]]
    depth = 0
    alias_values = 0
    weights: dict[int, int]

    if TYPE_CHECKING:  # given by the parser each loader is mixed with (PyYAML's or libyaml's)

        def peek_event(self) -> yaml.Event: ...

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose as PyYAML does, refusing deep nesting and large alias expansion before building anything."""
        event = self.peek_event()
        if self.depth >= MAX_DEPTH:
            raise LimitExceeded(
                None, None, f"lists and mappings are nested more than {MAX_DEPTH} levels deep", _mark(event)
            )
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if node is None:
            return None
        if isinstance(event, yaml.AliasEvent):
            self.alias_values += self.weights.get(id(node), 1)
            if self.alias_values > MAX_ALIAS_VALUES:
                raise LimitExceeded(
                    None, None, f"aliases expand to more than {MAX_ALIAS_VALUES:,} values", _mark(event)
                )
        else:
            self.weights[id(node)] = 1 + sum(self.weights.get(id(child), 1) for child in _children(node))
        return node


class _LineLoader(_Limits, yaml.SafeLoader):
    """The pure-Python loader: its messages are the ones editors see."""


def _mark(event: yaml.Event) -> yaml.Mark | None:
    """The event's start as PyYAML's own ``Mark`` (libyaml's parser gives its own kind, with the same fields)."""
    mark = event.start_mark
    if mark is None or isinstance(mark, yaml.Mark):
        return mark
    return yaml.Mark(mark.name, mark.index, mark.line, mark.column, None, 0)


class LimitExceeded(yaml.composer.ComposerError):
    """YAML that is valid but too deep or too large to be content (see MAX_DEPTH, MAX_ALIAS_VALUES)."""


def _code(character: int | str | bytes) -> int:
    if isinstance(character, int):
        return character
    return ord(character[:1]) if character else 0


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


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


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date or time as PyYAML reads it; text when it is no real date (``2026-13-01``), so that the
    field's check names it instead of PyYAML raising a bare ValueError."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


if yaml.__with_libyaml__:  # PyYAML's wheels carry libyaml; without it every file goes through _LineLoader

    class _FastLineLoader(_Limits, yaml.CSafeLoader):
        """``_LineLoader`` with libyaml's scanner and parser (about seven times faster on our content), and the
        same Python composer with the same limits, resolvers and constructors. Used only for text that loads
        without error: anything else is loaded again by ``_LineLoader``, whose messages editors see."""

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)

    _FastLineLoader.yaml_constructors = dict(_LineLoader.yaml_constructors)
    _FastLineLoader.yaml_implicit_resolvers = dict(_LineLoader.yaml_implicit_resolvers)


def _fast_load(text: str, line_offset: int) -> tuple[Any, list[tuple[str, int]]] | None:
    """The data and repeated keys of ``text`` read with libyaml, or None when it has any problem (or no libyaml)."""
    if not yaml.__with_libyaml__:
        return None
    loader = _FastLineLoader(text)
    loader.line_offset = line_offset
    loader.duplicate_keys = []
    loader.weights = {}
    try:
        return loader.get_single_data(), loader.duplicate_keys
    except (yaml.YAMLError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


def load_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML text; on a syntax error record a problem at its line and return None.

    The same text parses to the same (shared, never modified) value: the preview reads every file again after
    an edit, and only the edited one is parsed again.
    """
    data, found = _parse(text, path, line_offset)
    problems.items.extend(found)
    return data


@remembered(maxsize=4096)
def _parse(text: str, path: str, line_offset: int) -> tuple[Any, tuple[Problem, ...]]:
    problems = Problems()
    return _load(text, path, problems, line_offset), tuple(problems.items)


def _load(text: str, path: str, problems: Problems, line_offset: int) -> Any:
    fast = _fast_load(text, line_offset)
    if fast is not None:
        data, duplicates = fast
        for key, line in duplicates:
            problems.add(Location(path, line), f"key {shown(key)} appears twice", "keep one of them")
        return data
    loader: _LineLoader | None = None
    try:
        loader = _LineLoader(text)
        loader.line_offset = line_offset
        loader.duplicate_keys = []
        loader.weights = {}
        data = loader.get_single_data()
    except LimitExceeded as error:
        mark = error.problem_mark
        problems.add(
            Location(path, (mark.line + 1 if mark else 1) + line_offset),
            f"YAML too complex: {error.problem}",
            "write the data out plainly, without deep nesting or repeated '*' aliases",
            SYNTAX,
        )
        return None
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        problems.add(
            Location(path, (mark.line + 1 if mark else 1) + line_offset),
            f"YAML tag not allowed: {error.problem}",
            "remove the '!' tag; content holds plain text, numbers, lists and 'field: value' lines",
            SYNTAX,
        )
        return None
    except yaml.MarkedYAMLError as error:
        line, message, hint = explain(text, error, line_offset)
        problems.add(Location(path, line), f"YAML syntax error: {message}", hint, SYNTAX)
        return None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1 + line_offset
        problems.add(
            Location(path, line),
            f"YAML cannot contain the control character U+{_code(error.character):04X}",
            "delete it, or retype the text around it",
            SYNTAX,
        )
        return None
    except yaml.YAMLError as error:
        problems.add(Location(path, 1 + line_offset), f"YAML error: {str(error)[:200]}", "fix the YAML syntax", SYNTAX)
        return None
    finally:
        if loader is not None:
            loader.dispose()
    for key, line in loader.duplicate_keys:
        problems.add(Location(path, line), f"key {shown(key)} appears twice", "keep one of them")
    return data


FLOW_OPENERS = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{"}


def explain(text: str, error: yaml.MarkedYAMLError, line_offset: int = 0) -> tuple[int, str, str]:
    """For PyYAML's syntax error: the file's line (``text`` starts after ``line_offset`` lines), what is wrong
    in an editor's words, and the fix.

    PyYAML says what its parser expected ("mapping values are not allowed here"); an editor needs to know
    which line to change and how. The common mistakes are told apart by the lines' indentation."""
    mark = error.problem_mark or error.context_mark
    at = mark.line + 1 if mark else 1  # in ``text``
    line = at + line_offset  # in the file, as the editor sees it
    problem = error.problem or "invalid YAML"
    lines = text.splitlines()
    if "'\\t'" in problem or "\t" in problem:
        return line, f"line {line} has a tab where spaces are needed", "YAML indents with spaces: replace the tab"
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        opened = error.context_mark.line + 1 + line_offset
        return opened, f"a quote opened on line {opened} is never closed", "add the closing quote on that line"
    if error.context in FLOW_OPENERS and error.context_mark is not None:
        opened = error.context_mark.line + 1 + line_offset
        bracket = FLOW_OPENERS[error.context]
        return (
            opened,
            f"the '{bracket}' on line {opened} is never closed",
            f"close it on the same line, or put a value that starts with '{bracket}' in quotes",
        )
    if problem == "mapping values are not allowed here" and 0 < at <= len(lines):
        before = _previous_line(lines, at)
        if before is not None and _indent(lines[at - 1]) > _content_column(before):
            return (
                line,
                f"line {line} is indented more than the lines around it",
                "start it in the same column as the line above, with spaces",
            )
        return line, f"line {line} has ': ' inside a value", 'put the value in quotes: title: "Part 1: the basics"'
    if problem.startswith("expected <block end>") and 0 < at <= len(lines):
        return (
            line,
            f"line {line} is indented less than the lines around it",
            "start it in the same column as the other fields or items it belongs with, with spaces",
        )
    return line, problem, "check indentation, and quote values that contain ': ' or start with a special character"


def _previous_line(lines: list[str], line: int) -> str | None:
    """The nearest line above ``line`` (1-based) that holds data (not blank, not a comment)."""
    for text in reversed(lines[: line - 1]):
        if text.strip() and not text.lstrip().startswith("#"):
            return text
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content_column(text: str) -> int:
    """Where a line's fields start: after its indentation and any list dashes ('- id: x' starts at 2)."""
    column = _indent(text)
    while text[column : column + 2] == "- ":
        column += 2
        while text[column : column + 1] == " ":
            column += 1
    return column
