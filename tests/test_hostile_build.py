"""A few hostile cases built end to end with ``python -m ltss_toolkit build``, as CI builds a pull request.

The corpus (test_hostile_corpus.py) checks each case's exact lines through the engine's functions; here
whole builds show what an editor sees: a non-zero exit with those lines and no traceback, bounded output,
the last good ``site/`` untouched, and hostile but valid text shown literally, never evaluated.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from conftest import MINIMAL_MKDOCS, run_build
from ltss_toolkit.config import macros_opt_in_problems
from ltss_toolkit.errors import guarded
from test_hostile_corpus import HOSTILE, materialize


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def project_from(case: str, tmp_path: Path, mkdocs_yml: str = MINIMAL_MKDOCS) -> Path:
    """A project built from a corpus case, with a last good ``site/`` already in place."""
    project = materialize(HOSTILE / case, tmp_path)
    (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (project / "docs").mkdir(exist_ok=True)
    if not (project / "docs" / "index.md").exists():
        (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>The last good site.</p>\n", encoding="utf-8")
    return project


def assert_refused(project: Path, expected_lines: list[str], env: dict[str, str] | None = None) -> str:
    before = snapshot(project / "site")
    result = run_build(project, project / "site", "--no-pdf", env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    for line in expected_lines:
        assert line in output, f"missing: {line}\n{output[-3000:]}"
    assert "Traceback" not in output
    assert len(output) < 20_000, "output must stay bounded"
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*")), "no scratch folder is left behind"
    return output


def test_hostile_but_valid_text_is_shown_literally_everywhere(tmp_path: Path) -> None:
    project = project_from("injection-everywhere", tmp_path)
    expected = yaml.safe_load((HOSTILE / "injection-everywhere" / "expected.yml").read_text(encoding="utf-8"))
    result = run_build(project, project / "site", "--no-pdf")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    text = ""
    for page in sorted((project / "site").rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") != "application/json":  # JSON data is escaped and never run
                assert "alert(1)" not in script.get_text(), f"a script from YAML runs in {page}"
        for tag in soup.find_all(["script", "style"]):
            tag.decompose()
        text += " ".join(soup.get_text(" ").split()) + "\n"
        titles = [t.get("title", "") for t in soup.find_all("abbr")]
        text += "\n".join(titles) + "\n"
    for literal in expected["literal"]:
        assert literal in text, f"not shown literally: {literal}"
    assert not re.search(r"(Report|Topic|Question|Prompt|Figure|Case) 64\b", text)
    assert "Body 49" not in text


def test_symlink_broken_anchor_deep_yaml_bom_and_bad_epoch_fail_together(tmp_path: Path) -> None:
    from conftest import build_env

    project = project_from("symlink-to-system-file", tmp_path)
    page = project / "content/pathways/first/page.md"
    page.write_bytes("\ufeff".encode() + page.read_bytes().replace(b"More text.", b"See [x](#detail)."))
    (project / "content/topics.yml").write_text("- id: data\n  label: " + "[" * 100 + "]" * 100 + "\n")
    output = assert_refused(
        project,
        [
            "SOURCE_DATE_EPOCH: the environment variable is 'yesterday', not a whole number",
            "content/pathways/first/leak.md: symbolic links are not allowed",
            "content/pathways/first/page.md:16: link to '#detail': no heading 'detail' on that page"
            " (did you mean 'details'?)",
            "content/topics.yml:2: YAML too complex: lists and mappings are nested more than 30 levels deep",
        ],
        env=build_env() | {"SOURCE_DATE_EPOCH": "yesterday"},
    )
    assert "PATH=" not in output and "HOME=" not in output


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (
            ("repository: example-agency/ltss-site", "repository: https://github.com/example-agency/ltss-site"),
            "option 'repository': 'repository: https://github.com/example-agency/ltss-site' is not a GitHub repository",
        ),
        (("content:pathways", "content:pathway"), "nav entry 'content:pathway' names no content area with pages"),
    ],
    ids=["repository", "nav-area"],
)
def test_config_mistakes_name_the_setting(tmp_path: Path, change: tuple[str, str], line: str) -> None:
    assert change[0] in MINIMAL_MKDOCS
    project = project_from("bom-accepted", tmp_path, MINIMAL_MKDOCS.replace(*change))
    (project / "content/pathways/first/page.md").write_text(
        (HOSTILE / "_base/content/pathways/first/page.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert_refused(project, [line])


def test_macros_must_not_render_by_default() -> None:
    assert macros_opt_in_problems({"render_by_default": False, "force_render_paths": ""}) == []
    unsafe = macros_opt_in_problems({"render_by_default": True, "force_render_paths": "*.md"})
    assert [p.split(" must")[0] for p in unsafe] == [
        "mkdocs.yml: plugins > macros > render_by_default",
        "mkdocs.yml: plugins > macros > force_render_paths",
    ]


def test_a_crash_in_a_plugin_event_is_one_line_naming_it_as_our_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LTSS_DEBUG", raising=False)

    @guarded
    def event(pages: dict[str, str]) -> str:
        return pages["missing"]

    with pytest.raises(PluginError) as raised:
        event({})
    message = str(raised.value)
    assert message.startswith("internal error (KeyError in test_hostile_build.py:")
    assert "bug in the site generator, not in your content" in message and "\n" not in message
