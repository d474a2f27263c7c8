"""The preview in Chromium: a content error shows in the page the editor has open, as ``path:line``, and
the page comes back by itself once the file is fixed (live reload, no click)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

from conftest import SMALL_SITE, write_tree
from ltss_toolkit.serve import make_server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_content_error_shows_in_the_browser_and_the_page_recovers(tmp_path: Path, chromium_browser) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = write_tree(tmp_path / "project", SMALL_SITE)
    port = free_port()
    server, preview = make_server(project / "mkdocs.yml", "127.0.0.1", port)
    threading.Thread(target=server.serve, daemon=True).start()
    page_file = project / "content" / "pathways" / "first.md"
    good = page_file.read_text(encoding="utf-8")
    context = chromium_browser.new_context()
    try:
        tab = context.new_page()
        url = f"http://127.0.0.1:{port}/pathways/first/"
        for _ in range(100):
            try:
                tab.goto(url)
                break
            except Exception:  # the server thread is still binding its port
                tab.wait_for_timeout(100)
        assert tab.locator("h1").first.inner_text() == "First page"

        page_file.write_text(good.replace("order: 1", "order: first"), encoding="utf-8")
        problem = tab.locator(".ltss-preview-problems li").first
        problem.wait_for(timeout=30_000)
        assert "content/pathways/first.md:6: 'order' must be a whole number" in problem.inner_text()
        assert tab.locator("h1").inner_text() == "The content has problems"

        page_file.write_text(good.replace("The first page.", "The first page, fixed."), encoding="utf-8")
        tab.get_by_text("The first page, fixed.").wait_for(timeout=30_000)
        assert tab.url == url and tab.locator("h1").first.inner_text() == "First page"
    finally:
        context.close()
        server.shutdown()
        shutil.rmtree(preview.root.parent, ignore_errors=True)
