"""The weekly external address check, against a server on this machine (no network)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from ltss_toolkit.editing.addresses import Cited, check_all, cited_addresses, fetch, report
from ltss_toolkit.config import read_site_setup
from ltss_toolkit.editing.check import check
from ltss_toolkit.structure.problems import Location

from conftest import PROJECT


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        status = {"/ok": 200, "/gone": 404, "/robots-no": 403, "/no-head": 200}.get(self.path, 404)
        if self.command == "HEAD" and self.path == "/no-head":
            status = 405
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


def test_broken_addresses_are_reported_with_where_they_are_cited() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        closed = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        dead = f"http://127.0.0.1:{closed.server_address[1]}/x"
        closed.server_close()
        cited = [
            Cited(f"{base}/ok", "resource 'fine'", Location("content/a/resources.yml", 3)),
            Cited(f"{base}/gone", "resource 'moved'", Location("content/a/resources.yml", 10)),
            Cited(f"{base}/no-head", "reference 'ref-1'", Location("content/references.yml", 4)),
            Cited(f"{base}/robots-no", "figure 'share'", Location("content/f/figures/share.yml", 6)),
            Cited(dead, "resource 'down'", Location("content/b/resources.yml", 2)),
        ]
        outcomes = check_all([c.url for c in cited], fetch)
    finally:
        server.shutdown()
    text = report(cited, outcomes)
    assert "Checked 5 addresses cited 5 times: 2 broken, 1 to check by hand." in text
    broken = text.split("### Broken")[1].split("### To check by hand")[0]
    assert f"| <{base}/gone> | 404 Not Found | resource 'moved' | `content/a/resources.yml:10` |" in broken
    assert f"| <{dead}> | no answer (ConnectionError) | resource 'down' | `content/b/resources.yml:2` |" in broken
    assert "/ok>" not in text and "/no-head>" not in text
    assert f"| <{base}/robots-no> | 403 Forbidden | figure 'share' |" in text.split("### To check by hand")[1]


def test_every_cited_address_of_the_shipped_content_is_collected() -> None:
    result = check(read_site_setup(PROJECT / "mkdocs.yml"))
    cited = cited_addresses(result.toolkit)
    urls = {c.url for c in cited}
    assert {r.url for r in result.toolkit.resources.values() if r.url} <= urls
    assert {r.url for r in result.toolkit.references.values() if r.url} <= urls
    assert all(c.where.path.startswith("content/") and Path(PROJECT, c.where.path).is_file() for c in cited)
