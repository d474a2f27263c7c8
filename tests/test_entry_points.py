"""Every way into the engine (the plugin's hooks, the commands, the build's steps) turns an unexpected exception
into one line saying it is our bug; ``LTSS_DEBUG=1`` lets the exception and its trace through."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import SMALL_SITE, build_env, write_tree
from ltss_toolkit import __main__ as command_line
from ltss_toolkit.outputs import pipeline
from ltss_toolkit.plugin import PluginOptions, PreviewState, ToolkitPlugin


def test_every_plugin_hook_is_guarded() -> None:
    hooks = [name for name, _ in inspect.getmembers(ToolkitPlugin, inspect.isfunction) if name.startswith("on_")]
    assert "on_env" in hooks and "on_nav" in hooks and "on_page_context" in hooks
    assert [name for name in hooks if not hasattr(getattr(ToolkitPlugin, name), "__wrapped__")] == []


@pytest.mark.parametrize(
    ("hook", "arguments", "preview"),
    [
        ("on_nav", (object(), None, None), True),
        ("on_page_context", ({}, None, None, None), True),
        ("on_env", (None, None, []), False),
    ],
)
def test_an_unexpected_error_in_a_hook_is_one_line(hook: str, arguments: tuple[object, ...], preview: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LTSS_DEBUG", raising=False)
    plugin = ToolkitPlugin()
    if preview:
        plugin.steer(PluginOptions(preview=PreviewState(only_pages=True)))
    with pytest.raises(PluginError) as raised:
        getattr(plugin, hook)(*arguments)
    message = str(raised.value)
    assert message.startswith("internal error (AttributeError in plugin.py:") and "\n" not in message
    assert "LTSS_DEBUG=1 shows the details" in message
    monkeypatch.setenv("LTSS_DEBUG", "1")
    with pytest.raises(AttributeError):
        getattr(plugin, hook)(*arguments)


def test_an_unexpected_error_in_the_outputs_is_one_line_and_site_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("LTSS_DEBUG", raising=False)
    project = write_tree(tmp_path / "project", SMALL_SITE)
    site = write_tree(tmp_path / "site", {"index.html": "the last good site"})

    def broken_step(context: object) -> None:
        raise KeyError("a bug in a step")

    monkeypatch.setattr(pipeline, "STEPS", [*pipeline.STEPS[:1], ("pdf", broken_step)])
    code = command_line.main(["build", "-f", str(project / "mkdocs.yml"), "-d", str(site)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[-1].startswith("internal error (KeyError in pipeline.py:")
    assert "Traceback" not in err
    assert (site / "index.html").read_text() == "the last good site"
    assert {p.name for p in tmp_path.iterdir()} == {"project", "site"}, "the scratch folder is removed"
    monkeypatch.setenv("LTSS_DEBUG", "1")
    with pytest.raises(KeyError):
        command_line.main(["build", "-f", str(project / "mkdocs.yml"), "-d", str(site)])


def test_an_unexpected_error_in_a_command_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LTSS_DEBUG", raising=False)
    project = write_tree(tmp_path / "project", SMALL_SITE)
    from ltss_toolkit.editing import check

    def broken(*args: object) -> None:
        raise ValueError("a bug in the check")

    monkeypatch.setattr(check, "load_project", broken)
    assert command_line.main(["check", "-f", str(project / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("internal error (ValueError in check.py:") and err.count("\n") == 1


@pytest.mark.parametrize("address", ["nonsense", "127.0.0.1:http", "localhost:70000"])
def test_a_bad_dev_addr_is_one_line(address: str) -> None:
    result = subprocess.run([sys.executable, "-m", "ltss_toolkit", "serve", "--dev-addr", address],
                            capture_output=True, text=True, env=build_env())
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"ltss-toolkit serve: error: argument -a/--dev-addr: {address!r} is not host:port (for example 127.0.0.1:8000)"
    )
