"""The preview (``python -m ltss_toolkit serve``) without a browser: what a rebuild rebuilds, the error page,
and recovery. The browser side is in ``tests/browser/test_preview_browser.py``."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import PROJECT, SMALL_SITE, write_tree
from ltss_toolkit.extensions import default_extensions, extension_documents
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.serve import Preview
from ltss_toolkit.serve import preview as preview_module
from ltss_toolkit.serve.pdfs import edit_order
from ltss_toolkit.structure.publications import plan_documents


@pytest.fixture
def preview(tmp_path: Path):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = write_tree(tmp_path / "project", SMALL_SITE)
    made = Preview(project / "mkdocs.yml", tmp_path / "serve" / "site", "http://127.0.0.1:8000/")
    yield project, made


def save(path: Path, text: str) -> None:
    """Write and move the time on, so a rewrite within the same clock tick still counts as a change."""
    path.write_text(text, encoding="utf-8")
    stamp = time.time() + 2
    os.utime(path, (stamp, stamp))


def page_html(preview: Preview, url: str) -> str:
    return (preview.serving_root / url / "index.html").read_text(encoding="utf-8")


def test_a_page_edit_rebuilds_that_page_and_keeps_the_model(preview) -> None:
    project, made = preview
    assert made.build() and made.store is not None
    loads = made.store.loads
    other = page_html(made, "pathways/second")
    page = project / "content" / "pathways" / "first.md"
    save(page, page.read_text(encoding="utf-8") + "\nA new sentence.\n")
    assert made.build()
    assert made.state.rebuilt == {"pathways/first.md"}
    assert "A new sentence." in page_html(made, "pathways/first")
    assert page_html(made, "pathways/second") == other
    assert made.store.loads == loads + 1
    assert made.build() and made.store.loads == loads + 1, "nothing changed: the model is kept, not loaded again"


def test_a_changed_resource_list_rebuilds_the_pages_whose_see_also_changes(preview) -> None:
    project, made = preview
    assert made.build()
    page = project / "content" / "pathways" / "first.md"
    save(page, page.read_text(encoding="utf-8").replace("resources: []", "resources: [shared-guide]"))
    assert made.build()
    rebuilt = made.state.rebuilt
    assert {"pathways/first.md", "pathways/second.md", "resources.md"} <= rebuilt


def test_a_content_error_shows_on_every_page_then_the_site_comes_back(preview) -> None:
    project, made = preview
    assert made.build()
    page = project / "content" / "pathways" / "first.md"
    good = page.read_text(encoding="utf-8")
    save(page, good.replace("order: 1", "order: first"))
    assert made.build() is False and made.showing_error
    for url in ("", "pathways/first", "pathways/second"):
        html = page_html(made, url)
        assert "content/pathways/first.md:6: &#x27;order&#x27; must be a whole number" in html, url
        assert "Traceback" not in html
    save(page, good)
    assert made.build() and not made.showing_error
    assert "First page" in page_html(made, "pathways/first")


def test_a_broken_link_shows_as_an_error_not_a_frozen_preview(preview) -> None:
    project, made = preview
    assert made.build()
    page = project / "content" / "pathways" / "first.md"
    save(page, page.read_text(encoding="utf-8") + "\nSee [nowhere](missing.md).\n")
    assert made.build() is False
    assert "missing.md" in page_html(made, "pathways/first")


def test_an_incremental_rebuild_leaves_the_same_pages_as_a_full_build(preview, tmp_path: Path) -> None:
    """Every HTML page of the preview after an edit (the rebuilt ones and the ones kept) is the page a full build
    of the edited project writes: nothing rebuilt differs, nothing kept is stale."""
    project, made = preview
    assert made.build()
    page = project / "content" / "pathways" / "first.md"
    edited = page.read_text(encoding="utf-8").replace("resources: []", "resources: [shared-guide]")
    save(page, edited + "\nA new sentence.\n")
    assert made.build()
    rebuilt = made.state.rebuilt
    assert rebuilt is not None and {"pathways/first.md", "resources.md"} <= rebuilt
    assert "pathways/index.md" not in rebuilt, "an untouched page is kept, not rebuilt"
    full = Preview(project / "mkdocs.yml", tmp_path / "full" / "site", "http://127.0.0.1:8000/")
    assert full.build() and full.state.rebuilt is None
    pages = sorted(p.relative_to(full.root) for p in full.root.rglob("*.html"))
    assert pages == sorted(p.relative_to(made.root) for p in made.root.rglob("*.html"))
    differ = [
        str(p) for p in pages if (made.root / p).read_bytes() != (full.root / p).read_bytes()
    ]  # fmt: skip
    assert differ == []


def wait_until_idle(made: Preview, timeout: float = 120) -> None:
    assert made.pdfs is not None
    deadline = time.monotonic() + timeout
    while made.pdfs.busy:
        assert time.monotonic() < deadline, "serve --pdf never finished its layouts"
        time.sleep(0.05)


def test_serve_pdf_lays_out_every_pdf_at_start_then_what_an_edit_touched(tmp_path: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = write_tree(tmp_path / "project", SMALL_SITE)
    made = Preview(project / "mkdocs.yml", tmp_path / "serve" / "site", "http://127.0.0.1:8000/", pdf=True)
    assert made.build() and made.pdfs is not None
    try:
        _first_layout_then_an_edit(project, made)
    finally:
        made.pdfs.close()


def _first_layout_then_an_edit(project: Path, made: Preview) -> None:
    assert made.pdfs is not None
    wait_until_idle(made)
    everything = [doc_id for doc_id, _ in made.pdfs.done]
    assert everything and len(everything) == len(set(everything)) and everything[-1] == "ltss-toolkit-complete"
    pdfs = {path.name for path in (made.root / "downloads").glob("*.pdf")}
    assert pdfs == {f"{doc_id}.pdf" for doc_id in everything}

    page = project / "content" / "pathways" / "first.md"
    save(page, page.read_text(encoding="utf-8") + "\nA new sentence.\n")
    assert made.build()
    wait_until_idle(made)
    after_edit = [doc_id for doc_id, _ in made.pdfs.done[len(everything) :]]
    assert after_edit and after_edit[-1] == "ltss-toolkit-complete"
    assert all(doc_id in everything for doc_id in after_edit)


def test_serve_on_a_busy_port_says_so_in_one_line_and_serves_on_the_next(tmp_path: Path) -> None:
    """Another preview (or any program) on the port: one line, no traceback, and the preview on the next port."""
    import socket
    import subprocess
    import sys
    import urllib.request

    from conftest import build_env

    project = write_tree(tmp_path / "project", SMALL_SITE)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "ltss_toolkit", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            cwd=project, env=build_env(), stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        lines: list[str] = []
        try:
            assert server.stderr is not None
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not any("Serving on" in line for line in lines):
                line = server.stderr.readline()
                if not line:
                    break
                lines.append(line)
            served = [line for line in lines if "Serving on" in line]
            assert served, "".join(lines)
            said = [line for line in lines if "in use" in line]
            assert len(said) == 1 and said[0].startswith(f"Port {port} is in use (another preview?); serving on port ")
            other = int(said[0].split("serving on port ")[1].split()[0])
            assert other > port and f":{other}/" in served[0]
            assert not any("Traceback" in line or "Errno" in line for line in lines)
            with urllib.request.urlopen(f"http://127.0.0.1:{other}/") as page:
                assert page.status == 200
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_serve_pdf_never_reads_the_site_while_a_build_rewrites_it(tmp_path: Path, monkeypatch, caplog) -> None:
    """A full rebuild empties the site folder, then writes it again; the PDF worker, busy with the first build's
    PDFs, lays out from its own copy of the site and waits for the build to end before writing into it: no PDF
    fails or is skipped, and every PDF ends up in the site."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = write_tree(tmp_path / "project", SMALL_SITE)
    made = Preview(project / "mkdocs.yml", tmp_path / "serve" / "site", "http://127.0.0.1:8000/", pdf=True)
    build_html = preview_module.build_html

    def slow_full_build(config, *, dirty: bool = False, serve_url: str | None = None) -> None:
        """MkDocs' full build as the PDF worker could see it: the folder emptied, then written a while later."""
        assert not dirty
        for child in made.root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        time.sleep(3)
        build_html(config, dirty=dirty, serve_url=serve_url)

    caplog.set_level(logging.INFO, logger="mkdocs.ltss_toolkit.serve")
    assert made.build() and made.pdfs is not None  # asks for every PDF
    try:  # at once, while the worker lays out the first build's PDFs
        topics = project / "content" / "topics.yml"  # a data file: the next build is a full one
        save(topics, topics.read_text(encoding="utf-8") + "- id: data\n  label: Data\n")
        monkeypatch.setattr(preview_module, "build_html", slow_full_build)
        assert made.build()
        wait_until_idle(made)
    finally:
        made.pdfs.close()
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("PDFs:")] == []
    written = {doc_id for doc_id, _ in made.pdfs.done}
    assert {path.stem for path in (made.root / "downloads").glob("*.pdf")} == written
    assert "ltss-toolkit-complete" in written


def test_the_edited_pages_module_is_laid_out_first_and_the_whole_site_last() -> None:
    model, problems = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    assert not problems, problems.report()
    documents = plan_documents(model, "LTSS Toolkit", "Guidance", (), extension_documents(default_extensions(), model))
    module = next(d for d in documents if d.kind == "module")
    edited_page = module.pages[1].page.uri
    order = edit_order(documents, {edited_page})
    assert order[0].id == module.id and order[-1].kind == "site"
    assert {d.id for d in order} == {d.id for d in documents if edited_page in {p.page.uri for p in d.pages}}
    everything = edit_order(documents, None)
    assert len(everything) == len(documents) and everything[-1].kind == "site"
    after_the_first_build = edit_order(documents, {edited_page}, None)  # the first build's layout not done
    assert after_the_first_build[0].id == module.id and after_the_first_build[-1].kind == "site"
    assert {d.id for d in after_the_first_build} == {d.id for d in documents}
