"""scripts/preflight names each missing system package and the one apt-get line that installs them.

A fresh machine is simulated with dpkg's own database: a copy of /var/lib/dpkg/status with some
packages' entries removed, read by the real dpkg-query (``--admindir``) through a wrapper on PATH.
With ``PREFLIGHT_DRY_RUN`` the script reports and never installs, even as root.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, need_tool

PREFLIGHT = PROJECT / "scripts" / "preflight"
STATUS = Path("/var/lib/dpkg/status")


def dpkg_without(tmp_path: Path, removed: set[str]) -> dict[str, str]:
    """An environment whose dpkg-query sees the system's packages minus ``removed``."""
    need_tool(shutil.which("dpkg-query") is not None and STATUS.exists(), "dpkg (Debian or Ubuntu)")
    admin = tmp_path / "dpkg"
    admin.mkdir()
    stanzas = STATUS.read_text(encoding="utf-8").split("\n\n")
    kept = [s for s in stanzas if s.partition("\n")[0].removeprefix("Package: ").strip() not in removed]
    (admin / "status").write_text("\n\n".join(kept), encoding="utf-8")
    (admin / "info").mkdir()
    (admin / "updates").mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "dpkg-query"
    wrapper.write_text(f'#!/bin/sh\nexec {shutil.which("dpkg-query")} --admindir={admin} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", PREFLIGHT_DRY_RUN="1")


DEBIAN_PYTHON = Path("/usr/bin/python3")
"""Debian's own Python, which needs python3-venv to make .venv (a Python built elsewhere does not)."""


def run_preflight(
    env: dict[str, str], *args: str, python: str = sys.executable
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([python, str(PREFLIGHT), *args], env=env, capture_output=True, text=True, timeout=60)


def preflight_module():
    loader = importlib.machinery.SourceFileLoader("preflight", str(PREFLIGHT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("preflight", loader))
    loader.exec_module(module)
    return module


def test_python3_venv_is_asked_for_only_by_debians_own_python_and_the_preview_needs_no_pdf_libraries() -> None:
    needed = preflight_module().needed
    assert "python3-venv" in needed(False, "/usr") and "libpango-1.0-0" in needed(False, "/usr")
    assert "python3-venv" not in needed(False, "/usr/local")  # the devcontainer's and CI's python images
    assert needed(True, "/usr") == ["python3-venv"]
    assert needed(True, "/usr/local") == []


def test_make_serve_starts_without_the_pdf_libraries(tmp_path: Path) -> None:
    env = dpkg_without(tmp_path, {"libpango-1.0-0", "libpangoft2-1.0-0", "fonts-liberation"})
    assert run_preflight(env).returncode == 1
    preview = run_preflight(env, "--preview")
    assert preview.returncode == 0, preview.stderr


def test_everything_present_passes_quietly() -> None:
    result = run_preflight(dict(os.environ, PREFLIGHT_DRY_RUN="1"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


@pytest.mark.parametrize(
    "removed",
    [
        {"python3-venv"},
        {"libpango-1.0-0", "libpangoft2-1.0-0"},
        {"fonts-liberation", "fonts-dejavu-core"},
        {
            "python3-venv", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
            "fonts-liberation", "fonts-dejavu-core",
        },
    ],
    ids=["venv", "pango", "fonts", "fresh-machine"],
)
def test_each_missing_package_is_named_with_one_apt_get_line(tmp_path: Path, removed: set[str]) -> None:
    python = str(DEBIAN_PYTHON) if DEBIAN_PYTHON.exists() else sys.executable
    if python == sys.executable and sys.base_prefix != "/usr":
        removed = removed - {"python3-venv"}  # only Debian's own Python needs it
        if not removed:
            return
    result = run_preflight(dpkg_without(tmp_path, removed), python=python)
    assert result.returncode == 1
    named = {line.split(":")[0].strip() for line in result.stderr.splitlines() if line.startswith("  ") and ":" in line}
    assert named == removed
    install_lines = [line for line in result.stderr.splitlines() if "apt-get install" in line]
    assert len(install_lines) == 1
    assert set(install_lines[0].split()[5:]) == removed
