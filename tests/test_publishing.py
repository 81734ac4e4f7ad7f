"""The publishing workflow and the project's commands, checked as CI and a newcomer meet them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def actionlint() -> str:
    """The actionlint the test extras install: beside this Python (a virtual environment's bin/,
    whatever it is called, activated or not), else on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: pip install -e '.[test]' installs it")
    return found


def test_workflow_passes_actionlint():
    result = subprocess.run(
        [actionlint(), str(WORKFLOW)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_builds_strictly_and_deploys_with_official_actions():
    text = WORKFLOW.read_text("utf-8")
    assert "./dev test" in text
    assert "./dev site --strict" in text
    assert "actions/upload-pages-artifact@" in text
    assert "actions/deploy-pages@" in text


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "./dev test" in readme and "./dev site" in readme
    assert "exec ./dev test" in ci
