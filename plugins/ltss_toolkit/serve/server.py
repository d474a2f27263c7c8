"""The preview's HTTP server: MkDocs' live-reload server over the folder the preview builds into."""

from __future__ import annotations

import errno
import logging
import shutil
import socket
import sys
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ..outputs.site import toolkit_plugin
from .preview import Preview

log = logging.getLogger("mkdocs.ltss_toolkit.serve")


def make_server(
    config_file: Path, host: str, port: int, polling: float = 0.1, pdf: bool = False
) -> tuple[LiveReloadServer, Preview]:
    """The preview, built once, and its server (not started): ``server.serve()`` runs it in the calling thread."""
    scratch = Path(tempfile.mkdtemp(prefix="ltss-preview-"))
    config_file = config_file.resolve()
    serve_url = f"http://{host}:{port}/"
    preview = Preview(config_file, scratch / "site", serve_url, pdf=pdf)

    def rebuild() -> None:
        preview.build()
        server.root = str(preview.serving_root)
        log.info(f"Preview rebuilt in {preview.last_seconds:.2f} s")

    preview.build()
    server = LiveReloadServer(
        builder=rebuild, host=host, port=port, root=str(preview.serving_root), polling_interval=polling
    )
    server.build_delay = 0.05  # MkDocs waits 0.1 s for more changes; one save is one change

    def not_found(code: int) -> bytes | None:
        page = preview.serving_root / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    project_dir = config_file.parent
    docs_dir, content_dir = project_dir / "docs", project_dir / "content"
    if preview.config is not None:
        docs_dir = Path(preview.config.docs_dir)
        content_dir = project_dir / toolkit_plugin(preview.config).config.content_dir
    for path in (config_file, docs_dir, content_dir):
        if path.exists():
            server.watch(str(path))
    return server, preview


PORTS_TRIED = 20
"""How many ports after the one asked for the preview tries when that one is taken."""


class NoFreePort(Exception):
    """Every port tried is taken: said in one line, never as a traceback."""


def free_port(host: str, port: int, tries: int = PORTS_TRIED) -> int:
    """``port`` if nothing listens on it, else the next free one (another preview often holds 8000), said in
    one line. Probed as the server binds (address reuse on), so a port in TIME_WAIT counts as free."""
    for candidate in range(port, port + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, candidate))
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise NoFreePort(f"cannot serve on {host}:{candidate}: {error.strerror}") from None
                continue
        if candidate != port:
            print(f"Port {port} is in use (another preview?); serving on port {candidate} instead.", file=sys.stderr)
        return candidate
    raise NoFreePort(
        f"ports {port} to {port + tries - 1} are all in use: stop another preview, or choose one: make serve PORT=..."
    )


def serve(config_file: Path, host: str = "127.0.0.1", port: int = 8000, pdf: bool = False) -> None:
    """Serve the preview until interrupted (Ctrl+C), on ``port`` or the next free port."""
    port = free_port(host, port)
    server, preview = make_server(config_file, host, port, pdf=pdf)
    try:
        server.serve()  # type: ignore[no-untyped-call]  # MkDocs' LiveReloadServer is not annotated
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        if preview.pdfs is not None:
            preview.pdfs.close()
        server.shutdown()
        shutil.rmtree(preview.root.parent, ignore_errors=True)
