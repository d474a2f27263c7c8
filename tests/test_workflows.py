"""The GitHub Actions workflows: actionlint finds nothing, every action is pinned to a commit, and the
pull request workflow cannot hand secrets or a write token to a fork's code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PROJECT, need_tool

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+(?:\.\d+){0,2}$")


def actionlint(*args: str) -> subprocess.CompletedProcess[str]:
    need_tool(ACTIONLINT.exists() or shutil.which("actionlint") is not None, "actionlint")
    command = str(ACTIONLINT) if ACTIONLINT.exists() else "actionlint"
    return subprocess.run([command, "-no-color", *args], cwd=PROJECT, capture_output=True, text=True)


def test_actionlint_passes_every_workflow() -> None:
    assert [w.name for w in WORKFLOWS] == ["check-addresses.yml", "publish.yml", "pull-request.yml"]
    result = actionlint(*map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.evnt.x }}\n")
    result = actionlint(str(broken))
    assert result.returncode == 1 and "evnt" in result.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(-\s*)?uses:", line):
                assert PINNED.match(line), f"{workflow.name}:{number}: pin the action to a full commit SHA, '# vX.Y.Z' after it"


def test_least_privilege_and_no_secrets_for_pull_requests() -> None:
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert data["permissions"] == {"contents": "read"}, workflow.name
        triggers = data[True]  # YAML 1.1 reads the key 'on' as true
        assert "pull_request_target" not in triggers, workflow.name
        assert "secrets." not in workflow.read_text(encoding="utf-8"), workflow.name
    publish = yaml.safe_load((PROJECT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    pull_request = yaml.safe_load((PROJECT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    assert list(pull_request[True]) == ["pull_request"]
    assert all("permissions" not in job for job in pull_request["jobs"].values())


def test_a_pull_request_gets_a_preview_even_when_the_content_check_fails() -> None:
    """The check failing skips `make site`; the preview is then built despite the problems and uploaded, so the
    editor sees the pages while fixing the marked lines."""
    steps = yaml.safe_load((PROJECT / ".github" / "workflows" / "pull-request.yml").read_text())["jobs"]["build"]["steps"]
    by_id = {step.get("id"): step for step in steps if step.get("id")}
    preview = by_id["preview"]
    assert "build --despite-problems" in preview["run"]
    assert "failure()" in preview["if"] and "steps.check.outcome == 'failure'" in preview["if"]
    names = [step["name"] for step in steps]
    assert names.index(preview["name"]) > names.index(by_id["check"]["name"])
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert "always()" in upload["if"] and "steps.preview.outcome == 'success'" in upload["if"]
    assert names.index(upload["name"]) > names.index(preview["name"])


def test_the_pull_request_checklist_asks_nothing_that_cannot_be_done_before_the_checks_run() -> None:
    """The checklist is ticked when the pull request is opened: before the checks have run, so before any
    preview exists."""
    template = (PROJECT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in template.splitlines() if line.startswith("- [ ]")]
    assert boxes and not any("preview" in line.lower() or "checks below passed" in line.lower() for line in boxes)
