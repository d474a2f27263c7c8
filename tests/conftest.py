"""Shared fixtures: the project, a built copy of the shipped site, small throwaway projects."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from hypothesis import HealthCheck, settings

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
TEST_REPOSITORY = "example-agency/ltss-site"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Property tests (tests/test_properties.py): in CI the same examples every run (derandomized, no example
# database), so a failure is reproducible from the log; on a developer's machine random, to find more.
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))


def need_tool(available: bool, what: str) -> None:
    """Skip a test when a tool is missing on a developer's machine; fail in CI, where the install step must provide it."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing in CI: the install step of 'make test' should have provided it")
    pytest.skip(f"{what} is not installed")


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = "1700000000"  # the same date in every test build, whatever `make` exported
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["GITHUB_REPOSITORY"] = TEST_REPOSITORY  # the same links whether or not the tests run in GitHub Actions
    env["SITE_URL"] = ""  # as a local build: a site address adds canonical <link>s, tested on their own
    return env


TEST_PDF_CACHE = PROJECT / ".cache" / "pdf-tests"
"""The shipped site's PDFs in tests are cached apart from `make site`'s (.cache/pdf), so neither evicts the
other's; throwaway projects keep theirs in their own folder."""


def run_build(
    project: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Build a project with the engine's own command, as `make site` does (``env``: instead of build_env())."""
    env = dict(env or build_env())
    if project.resolve() == PROJECT:
        env.setdefault("LTSS_PDF_CACHE", str(TEST_PDF_CACHE))
    return subprocess.run(
        [sys.executable, "-m", "ltss_toolkit", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT


SHIPPED_ENV = "LTSS_TEST_SHIPPED"
"""The folder of this run's shipped build, made by the process that runs the tests (pytest-xdist's controller)
and shared by its workers through their environment."""


class ShippedBuild:
    """The shipped content's full build (site, PDFs, bundle), once per test run, started in the background as
    soon as the tests are collected: it takes over a minute, most of it on one core, while the tests that do
    not need it run beside it. The tests that need it run last (``pytest_collection_modifyitems``).

    Each pytest-xdist worker collects every test, so each asks for the build; the first to make the folder's
    ``started`` starts it, and every worker waits for the ``status`` it writes when the build ends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.site = folder / "site"
        self.log = folder / "build.log"
        self.status = folder / "status"
        self.process: subprocess.Popen[bytes] | None = None
        self.recorder: threading.Thread | None = None

    def start(self) -> None:
        try:
            (self.folder / "started").mkdir()
        except FileExistsError:
            return
        env = build_env()
        env["LTSS_PDF_CACHE"] = str(TEST_PDF_CACHE)
        command = [sys.executable, "-m", "ltss_toolkit", "build", "-f", str(PROJECT / "mkdocs.yml")]
        command += ["-d", str(self.site)]
        with self.log.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.recorder = threading.Thread(target=self._record, args=(self.process,), daemon=True)
        self.recorder.start()

    def _record(self, process: subprocess.Popen[bytes]) -> None:
        returncode = process.wait()
        written = self.status.with_suffix(".partial")
        written.write_text(str(returncode), encoding="utf-8")
        written.replace(self.status)

    def wait(self, timeout: float = 1200) -> Path:
        deadline = time.monotonic() + timeout
        while not self.status.exists():
            assert time.monotonic() < deadline, f"the shipped build did not end in {timeout:.0f} s: {self.log}"
            time.sleep(0.1)
        assert self.status.read_text(encoding="utf-8") == "0", self.log.read_text(encoding="utf-8")[-8000:]
        return self.site

    def finish(self, stop: bool) -> None:
        """In the process that started it, at the end of its tests: stop the build (``stop``: the run was
        interrupted, or no other worker can be waiting for it), or let it end for a worker still waiting."""
        if self.process is None or self.recorder is None:
            return
        if stop:
            self.process.kill()
        self.recorder.join()


_shipped: ShippedBuild | None = None


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    if not _is_worker(config):
        os.environ[SHIPPED_ENV] = tempfile.mkdtemp(prefix="ltss-shipped-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not _is_worker(config) and SHIPPED_ENV in os.environ:
        shutil.rmtree(os.environ.pop(SHIPPED_ENV), ignore_errors=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the tests that need the shipped build after the others (order otherwise kept), and start it."""
    global _shipped
    needing = [item for item in items if "built_site" in getattr(item, "fixturenames", ())]
    if needing and _shipped is None and not config.option.collectonly:
        _shipped = ShippedBuild(Path(os.environ[SHIPPED_ENV]))
        _shipped.start()
    items[:] = [item for item in items if item not in needing] + needing


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _shipped is not None:
        alone = not _is_worker(session.config)  # one process (-n 0): nothing else can need the build
        _shipped.finish(stop=alone or exitstatus == pytest.ExitCode.INTERRUPTED)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The shipped content built once per test run, PDFs and bundle included."""
    assert _shipped is not None, "pytest_collection_modifyitems starts the shipped build"
    return _shipped.wait()


MINIMAL_MKDOCS = """\
site_name: Test site
docs_dir: docs
theme:
  name: material
  font: false
markdown_extensions: [abbr, attr_list, footnotes, md_in_html, tables, toc]
plugins:
  - search
  - macros:
      render_by_default: false
      on_error_fail: true
  - ltss-toolkit:
      repository: example-agency/ltss-site
nav:
  - Home: index.md
  - content:pathways
  - Resources: resources.md
"""


SMALL_SITE = {
    "mkdocs.yml": MINIMAL_MKDOCS + "strict: true\nvalidation:\n  unrecognized_links: warn\n  anchors: warn\n",
    "docs/index.md": "# Home\n",
    "content/topics.yml": "- id: pace\n  label: PACE\n",
    "content/pathways/index.md": "---\nid: pathways\nreviewed: 2024-01-15\ntitle: Pathways\nsummary: Where to start.\norder: 0\n---\nAbout.\n",
    "content/pathways/first.md": (
        "---\nid: first\nreviewed: 2024-01-15\ntitle: First page\nsummary: The first.\norder: 1\nresources: []\ntopics: [pace]\n---\n"
        "The first page.\n"
    ),
    "content/pathways/second.md": (
        "---\nid: second\nreviewed: 2024-01-15\ntitle: Second page\nsummary: The second.\norder: 2\nresources: [shared-guide]\n---\n"
        "The second page.\n"
    ),
    "content/pathways/resources.yml": (
        "- id: shared-guide\n  title: A guide\n  publisher: Example\n  year: 2019\n"
        "  url: https://example.org/guide\n  kind: guide\n  topics: [pace]\n"
    ),
}
"""A small project with a nav, three pages and a resource: for the preview's tests."""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def small_project(tmp_path: Path):
    """Make a throwaway project: a minimal mkdocs.yml and docs/index.md plus the given content files."""

    def make(files: dict[str, str], mkdocs_yml: str = MINIMAL_MKDOCS) -> Path:
        project = tmp_path / "project"
        if project.exists():
            shutil.rmtree(project)
        return write_tree(project, {"mkdocs.yml": mkdocs_yml, "docs/index.md": "# Home\n", **files})

    return make


def linkcheck(start: Path) -> subprocess.CompletedProcess[str]:
    """Run linkchecker from ``start``: every internal link leads to a file (see tests/linkcheckerrc).

    Anchors are checked by :func:`broken_anchors`, which reads each page once; linkchecker's own anchor
    check parses a page again for every fragment linked on it (over 1,000 times here, minutes per run).
    Run without --no-warnings, so a warning makes it exit 1. Run as root, linkchecker drops its privileges
    to ``nobody``, who cannot read pytest's private temporary folders, so the tree is checked from a
    world-readable copy.
    """
    linkchecker = Path(sys.executable).parent / "linkchecker"
    need_tool(linkchecker.exists(), "linkchecker")
    root = start.parent
    readable = Path(tempfile.mkdtemp(prefix="ltss-linkcheck-"))
    try:
        readable.chmod(0o755)
        copy = readable / root.name
        shutil.copytree(root, copy)
        for path in [copy, *copy.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        return subprocess.run(
            [str(linkchecker), "--config", str(PROJECT / "tests" / "linkcheckerrc"), "--no-status",
             str(copy / start.name)],
            capture_output=True, text=True,
        )
    finally:
        shutil.rmtree(readable, ignore_errors=True)


class _Anchors(HTMLParser):
    """The ids a page defines and the hrefs it links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name == "href" and value is not None:
                self.hrefs.append(value)


def broken_anchors(root: Path) -> list[str]:
    """Every link ``page -> target#fragment`` under ``root`` whose target has no element with that id
    (directory targets read as their index.html, as a web server serves them)."""
    pages: dict[Path, _Anchors] = {}

    def read(path: Path) -> _Anchors:
        if path not in pages:
            pages[path] = _Anchors()
            pages[path].feed(path.read_text(encoding="utf-8"))
        return pages[path]

    broken = []
    for page in sorted(root.rglob("*.html")):
        for value in read(page).hrefs:
            if "#" not in value or re.match(r"^[a-z]+:", value):
                continue
            target, fragment = value.split("#", 1)
            if not fragment:
                continue
            path = (page.parent / unquote(target)).resolve() if target else page
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file() or unquote(fragment) not in read(path).ids:
                broken.append(f"{page.relative_to(root)} -> {value}")
    return broken


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""Debian's chromium as root in a sandbox with no network: without the background-networking
flags it keeps trying to reach Google's hosts."""


@pytest.fixture(scope="module")
def chromium_browser():
    """Headless Debian chromium driven by Playwright (no browser download: ``executable_path``)."""
    need_tool(CHROMIUM.exists(), "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def fresh(chromium_browser):
    """A first visit: a new context (nothing stored), the system in light, no page error allowed."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def no_script(chromium_browser):
    """A reader without JavaScript."""
    context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


MATERIAL_RUNNING = "window.ltssThemeReady === true"
"""Set by the loader in docs/overrides/main.html once Material's script has started on the page."""


def start_material_script(page) -> None:
    """Act as a reader does, so that the page fetches Material's script (render/theme_script.py), and wait until it
    runs. The key is Shift, which changes nothing on the page and which none of Material's shortcuts use."""
    page.keyboard.press("Shift")
    page.wait_for_function(MATERIAL_RUNNING)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def offline_bundle(built_site: Path):
    """The shipped offline zip unzipped as a reader would, once per session: a fresh folder, nothing else beside
    it; yields the bundle's root folder (its pages end in .html). Tests only read it."""
    from ltss_toolkit.outputs.bundle import BUNDLE_ROOT, ZIP_NAME

    target = Path(tempfile.mkdtemp(prefix="ltss-offline-"))
    try:
        with zipfile.ZipFile(built_site / "downloads" / ZIP_NAME) as archive:
            archive.extractall(target)
        yield target / BUNDLE_ROOT
    finally:
        shutil.rmtree(target, ignore_errors=True)


@pytest.fixture(scope="session")
def served_site(built_site: Path):
    """The built site over HTTP on 127.0.0.1, as a reader's browser sees it; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


GOLDEN = Path(__file__).parent / "golden"


def golden_cases(kind: str) -> list[Path]:
    """The case folders of ``tests/golden/<kind>/``: each a ``content/`` tree and an ``expected.yml``
    (folders starting with ``_`` are shared parts, not cases)."""
    return sorted(p for p in (GOLDEN / kind).iterdir() if p.is_dir() and not p.name.startswith("_"))


def load_golden(case: Path, extensions) -> tuple[object, dict]:
    """Load a golden case as the engine does (``content/``, and ``docs/`` when the case has one, links
    included), check its exact problem lines, and return the model and the expected data."""
    from ltss_toolkit.engine import load_site

    expected = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))
    docs = case / "docs"
    toolkit, problems = load_site(
        case, case / "content", docs if docs.is_dir() else None, extensions, site_values=expected.get("site_values", ())
    )
    assert problems.lines() == expected.get("problems", [])
    assert problems.warning_lines() == expected.get("warnings", [])
    return toolkit, expected
