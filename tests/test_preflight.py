"""scripts/preflight names each missing system package and the one apt-get line that installs them.

A fresh machine is simulated with dpkg's own database: a copy of /var/lib/dpkg/status with some
packages' entries removed, read by the real dpkg-query (``--admindir``) through a wrapper on PATH.
With ``PREFLIGHT_DRY_RUN`` the script reports and never installs, even as root.
"""

from __future__ import annotations

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


def run_preflight(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PREFLIGHT)], env=env, capture_output=True, text=True, timeout=60)


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
    result = run_preflight(dpkg_without(tmp_path, removed))
    assert result.returncode == 1
    named = {line.split(":")[0].strip() for line in result.stderr.splitlines() if line.startswith("  ") and ":" in line}
    assert named == removed
    install_lines = [line for line in result.stderr.splitlines() if "apt-get install" in line]
    assert len(install_lines) == 1
    assert set(install_lines[0].split()[5:]) == removed
