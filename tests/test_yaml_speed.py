"""The libyaml-backed loader (for speed: `check` in well under a second) reads every file exactly as the
pure-Python loader does: same values, same lines, same problems; anything it cannot read goes to the
Python loader, so editors see the same messages and the same limits apply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ltss_toolkit.loading import yaml_lines
from ltss_toolkit.structure.memo import forget_all
from ltss_toolkit.structure.problems import Problems

from conftest import PROJECT


def shape(data: Any) -> Any:
    if isinstance(data, yaml_lines.YamlMap):
        return ("map", data.line, sorted(data.key_lines.items()), {k: shape(v) for k, v in data.items()})
    if isinstance(data, yaml_lines.YamlList):
        return ("list", data.line, data.item_lines, [shape(v) for v in data])
    return (type(data).__name__, data)


def load(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[str]]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(yaml_lines, "_fast_load", lambda text, offset: None)
        forget_all()  # parsed text is kept: without this the second loader would only return the first's result
        problems = Problems()
        data = yaml_lines.load_yaml(text, "x.yml", problems, 1)
    return shape(data), problems.lines()


def yaml_texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted([*(PROJECT / "content").rglob("*"), *(PROJECT / "tests" / "golden").rglob("*")]):
        if not path.is_file() or path.suffix not in (".yml", ".md"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".md":
            parts = text.split("---\n", 2)
            if len(parts) < 3:
                continue
            text = parts[1]
        out.append((str(path.relative_to(PROJECT)), text))
    return out


def test_both_loaders_read_every_content_and_golden_file_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = yaml_texts()
    assert len(texts) > 200
    differ = [name for name, text in texts if load(text, True, monkeypatch) != load(text, False, monkeypatch)]
    assert differ == []
    assert yaml.__with_libyaml__, "PyYAML's wheels carry libyaml"
    fast = sum(yaml_lines._fast_load(text, 0) is not None for _, text in texts)
    assert fast > len(texts) * 0.9


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\nb: 3\n",  # a syntax error
        "a: 1\na: 2\n",  # a repeated key
        "x: " + "[" * 40 + "]" * 40 + "\n",  # too deep
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",  # an alias bomb
        "a: !!python/object:os.system x\n",  # a tag
        "a: b\x07c\n",  # a control character
    ],
    ids=["syntax", "repeated-key", "deep", "alias-bomb", "tag", "control-character"],
)
def test_problems_read_the_same_either_way(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = load(text, True, monkeypatch), load(text, False, monkeypatch)
    assert fast == slow and slow[1]
