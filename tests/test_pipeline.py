"""The build in one process: one MkDocs build per configuration, the content loaded once for all outputs, and
the settings the outputs print read from the configuration as MkDocs loads it (INHERIT, !ENV)."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_MKDOCS, SMALL_SITE, write_tree
from ltss_toolkit.outputs.context import SiteSettings
from ltss_toolkit.outputs.pipeline import build
from ltss_toolkit.outputs.site import load_site_config


def test_one_build_loads_the_content_once_for_the_site_and_the_offline_zip(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    files = dict(SMALL_SITE)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("      repository:", "      offline_zip: true\n      repository:")
    project = write_tree(tmp_path / "project", files)
    context = build(project / "mkdocs.yml", tmp_path / "site", pdf=False)
    assert context.store.loads == 1
    assert (tmp_path / "site" / "pathways" / "first" / "index.html").is_file()
    assert (tmp_path / "site" / "downloads" / "ltss-toolkit-offline.zip").is_file()


def test_outputs_read_the_configuration_as_mkdocs_loads_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LTSS_TEST_SITE_NAME", "Named from the environment")
    project = write_tree(
        tmp_path / "project",
        {
            "base.yml": MINIMAL_MKDOCS.replace("theme:\n  name: material", "theme:\n  name: material\n  language: fr"),
            "mkdocs.yml": "INHERIT: base.yml\nsite_name: !ENV [LTSS_TEST_SITE_NAME, 'Fallback']\nsite_description: >-\n  Two\n  lines.\n",
            "docs/index.md": "# Home\n",
        },
    )
    settings = SiteSettings.of(load_site_config(project / "mkdocs.yml", tmp_path / "site"))
    assert settings == SiteSettings("Named from the environment", "Two lines.", "fr")


def test_a_build_tells_an_editor_what_was_built_without_mkdocs_chatter(tmp_path: Path) -> None:
    """`make site` prints what an editor can use (problems, warnings, the summary line); the macros plugin's and
    MkDocs' details ('[macros] - No default module `main` found', the scratch folder) only with --verbose."""
    from conftest import PROJECT, run_build

    quiet = run_build(PROJECT, tmp_path / "site", "--no-pdf")
    assert quiet.returncode == 0, quiet.stderr
    said = quiet.stdout + quiet.stderr
    assert "[macros]" not in said and "Building documentation to directory" not in said
    assert f"Built {tmp_path / 'site'}" in said
    verbose = run_build(PROJECT, tmp_path / "site", "--no-pdf", "--verbose")
    assert "[macros] - No default module `main` found" in verbose.stderr


def test_a_pull_requests_preview_is_built_despite_content_problems_but_never_with_unsafe_content(
    tmp_path: Path,
) -> None:
    """The PR workflow's preview when the check found problems: the pages are built so the editor can see them,
    the problems are printed; content with a link scheme that is not allowed gets no preview at all."""
    from conftest import run_build

    project = write_tree(tmp_path / "project", SMALL_SITE)
    page = next(p for p in (project / "content").rglob("*.md") if p.name != "index.md")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("reviewed: ", "reviewed: 2024-13-01\nold_reviewed: ", 1), encoding="utf-8")
    assert run_build(project, tmp_path / "strict", "--no-pdf").returncode == 1
    preview = run_build(project, tmp_path / "preview", "--no-pdf", "--despite-problems")
    assert preview.returncode == 0, preview.stderr
    assert "there is no month 13" in preview.stderr
    assert (tmp_path / "preview" / "index.html").is_file()
    assert any((tmp_path / "preview").rglob(f"{page.stem}/index.html"))
    page.write_text(text + "\n[click](javascript:alert(1))\n", encoding="utf-8")
    refused = run_build(project, tmp_path / "refused", "--no-pdf", "--despite-problems")
    assert refused.returncode == 1 and not (tmp_path / "refused").exists()
