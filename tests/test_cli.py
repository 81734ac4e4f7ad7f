"""The command line as editors and CI run it: real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
VALID_CASE = TESTS / "fixtures" / "valid" / "demo-case"
BROKEN = TESTS / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if (path / "expected.txt").is_file())


def generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_help_lists_the_commands():
    run = generator("--help")
    assert run.returncode == 0
    for command in ("validate", "schema", "build"):
        assert command in run.stdout
    validate_help = generator("validate", "--help")
    assert validate_help.returncode == 0
    assert "--strict" in validate_help.stdout


def test_no_command_is_a_usage_error():
    run = generator()
    assert run.returncode == 2
    assert "usage: python -m generator" in run.stderr
    assert "Traceback" not in run.stderr


def test_valid_content_exits_0_with_a_summary():
    run = generator("validate", str(VALID_CASE))
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "0 errors, 0 warnings in demo-case (3 sources, 3 claims, 2 events, 3 actors, "
        "1 relation, 1 dataset, 1 chart, 1 page)"
    ]


def test_a_folder_of_investigations_is_validated_whole():
    run = generator("validate", "tests/fixtures/valid", "--strict")
    assert run.returncode == 0
    assert run.stdout.startswith("0 errors, 0 warnings in demo-case (")


def test_errors_exit_1_and_name_file_line_and_column():
    run = generator("validate", ".", cwd=BROKEN / "dangling-claim-source")
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "claims.yml:6:30: claim 'agency-paid' refers to unknown source 'agency-reports' "
        "(did you mean 'agency-report'?)",
        "1 error, 0 warnings in dangling-claim-source (1 source, 1 claim, 1 actor)",
    ]


def test_with_several_stories_the_summary_says_which_has_the_problems(tmp_path):
    for name in ("dangling-claim-source", "warnings"):
        shutil.copytree(BROKEN / name, tmp_path / name)
    shutil.copytree(VALID_CASE, tmp_path / "demo-case")
    summary = generator("validate", ".", cwd=tmp_path).stdout.splitlines()[-1]
    assert summary.startswith("1 error, 3 warnings in 3 stories: dangling-claim-source (")
    assert "(1 source, 1 claim, 1 actor) has 1 error, 0 warnings; demo-case (" in summary
    assert "1 chart, 1 page) has none; warnings (" in summary
    assert summary.endswith(") has 0 errors, 3 warnings")


def test_paths_are_shown_relative_to_where_the_editor_is():
    run = generator("validate", "tests/broken/dangling-claim-source")
    assert run.stdout.startswith("tests/broken/dangling-claim-source/claims.yml:6:30: ")


def test_strict_fails_on_warnings_only():
    relaxed = generator("validate", ".", cwd=BROKEN / "warnings")
    assert relaxed.returncode == 0
    assert relaxed.stdout.splitlines()[-1].startswith("0 errors, 3 warnings in warnings")
    strict = generator("validate", ".", "--strict", cwd=BROKEN / "warnings")
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[-1].startswith("3 errors, 0 warnings in warnings")
    assert "warning:" not in strict.stdout


def test_missing_content_folder_is_an_error_not_a_crash(tmp_path):
    run = generator("validate", cwd=tmp_path)  # default: ./content
    assert run.returncode == 1
    assert run.stdout.splitlines()[0] == (
        "content:1:1: content folder not found (pass the folder that holds the investigations)"
    )
    assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.parametrize("case", CASES)
def test_broken_case_prints_its_lines_and_never_a_traceback(case):
    folder = BROKEN / case
    run = generator("validate", ".", cwd=folder)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr == ""
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    *lines, summary = run.stdout.splitlines()
    assert lines == expected
    errors = sum(": warning: " not in line for line in expected)
    assert summary.startswith(f"{errors} error{'s' * (errors != 1)}, ")
    assert run.returncode == (1 if errors else 0)
