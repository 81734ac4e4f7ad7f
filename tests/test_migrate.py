"""`python -m generator migrate`: statuses written before the evidence standard, rewritten to
what their sources support, with the editor's file otherwise untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A fictional story that passed `validate --strict` before `reported` existed.
STORY = """\
story:
  title: The Example Harbour contract
  dek: A fictional port authority hired a fictional dredging firm.
  authors: [Example Desk]
  published: 2024-05-01
  status: published
  languages: [en]
"""
SOURCES = """\
sources:
  - id: gazette-report
    title: Harbour contract signed
    publisher: Example Gazette
    url: https://gazette.example.com/harbour
    kind: news-report
    language: en
  - id: daily-report
    title: Dredging firm wins harbour work
    publisher: Example Daily
    url: https://daily.example.com/harbour
    kind: news-report
    language: en
  - id: wire-copy-one
    title: Port hires dredger
    publisher: Example Herald
    url: https://herald.example.com/port
    kind: news-report
    language: en
    reproduces: {publisher: Example Wire, url: https://wire.example.com/port}
  - id: wire-copy-two
    title: Port hires dredger
    publisher: Example Courier
    url: https://courier.example.com/port
    kind: news-report
    language: en
    reproduces: {publisher: Example Wire, url: https://wire.example.com/port}
"""
ACTORS = """\
actors:
  - id: port-authority
    name: Example Port Authority
    kind: agency
    role: Awarded the contract.
  - id: dredging-firm
    name: Sample Dredging Ltd
    kind: organisation
    role: Won the contract.
"""
CLAIMS = """\
# The claims of the fictional story.
claims:
  - id: contract-signed
    statement: The authority signed the contract [@gazette-report].
    status: confirmed  # one outlet only
    sources: [gazette-report]
    actors: [port-authority]
  - id: firm-chosen
    statement: The firm was chosen without a tender [@gazette-report; @daily-report].
    status: 'reported'
    sources: [gazette-report, daily-report]
  - id: wire-story
    statement: The wire says the port hired the firm [@wire-copy-one].
    status: "confirmed"
    sources: [wire-copy-one, wire-copy-two]
"""
RELATIONS = """\
relations:
  # hired through the contract
  - {id: authority-hired-firm, from: port-authority, to: dredging-firm, kind: hired,
     status: confirmed, sources: [daily-report]}
"""


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    story = tmp_path / "content" / "example-harbour"
    story.mkdir(parents=True)
    files = {
        "story.yml": STORY,
        "sources.yml": SOURCES,
        "actors.yml": ACTORS,
        "claims.yml": CLAIMS,
        "relations.yml": RELATIONS,
    }
    for name, text in files.items():
        (story / name).write_text(text, encoding="utf-8")
    return tmp_path / "content"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_old_content_fails_strict_then_migrates_and_passes(content):
    before = generator("validate", str(content), "--strict")
    assert before.returncode == 1
    assert before.stdout.count("but its sources") == 4

    run = generator("migrate", str(content))
    assert run.returncode == 0, run.stdout + run.stderr
    claims = f"{content}/example-harbour/claims.yml"
    assert run.stdout.splitlines() == [
        f"{claims}:5:13: claim 'contract-signed': confirmed → reported",
        f"{claims}:10:13: claim 'firm-chosen': reported → confirmed",
        f"{claims}:14:13: claim 'wire-story': confirmed → reported",
        f"{content}/example-harbour/relations.yml:4:14: "
        "relation 'authority-hired-firm': confirmed → reported",
        "changed 4 statuses in 2 files",
    ]
    after = generator("validate", str(content), "--strict")
    assert after.returncode == 0, after.stdout
    assert after.stdout.startswith("0 errors, 0 warnings")


def test_only_the_status_values_change(content):
    generator("migrate", str(content))
    story = content / "example-harbour"
    expected = (
        CLAIMS.replace(
            "status: confirmed  # one outlet only", "status: reported  # one outlet only"
        )
        .replace("status: 'reported'", "status: 'confirmed'")
        .replace('status: "confirmed"', 'status: "reported"')
    )
    assert (story / "claims.yml").read_text(encoding="utf-8") == expected
    relations = RELATIONS.replace("status: confirmed", "status: reported")
    assert (story / "relations.yml").read_text(encoding="utf-8") == relations
    assert "# hired through the contract" in relations


def test_windows_line_ends_and_a_byte_order_mark_survive(content):
    path = content / "example-harbour" / "claims.yml"
    path.write_bytes(b"\xef\xbb\xbf" + CLAIMS.replace("\n", "\r\n").encode())
    generator("migrate", str(content))
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert text.count(b"\r\n") == CLAIMS.count("\n")
    assert b"status: reported  # one outlet only\r\n" in text


def test_dry_run_writes_nothing(content):
    before = snapshot(content)
    run = generator("migrate", str(content), "--dry-run")
    assert run.returncode == 0
    assert "claim 'contract-signed': confirmed → reported" in run.stdout
    assert run.stdout.splitlines()[-1] == (
        "would change 4 statuses in 2 files (dry run: nothing written)"
    )
    assert snapshot(content) == before


def test_running_twice_changes_nothing(content):
    generator("migrate", str(content))
    migrated = snapshot(content)
    again = generator("migrate", str(content))
    assert again.returncode == 0
    assert again.stdout == "nothing to change: every status says what its sources support\n"
    assert snapshot(content) == migrated


def test_attribution_of_a_now_reported_item_is_kept_and_flagged(content):
    path = content / "example-harbour" / "claims.yml"
    text = CLAIMS.replace(
        "    actors: [port-authority]\n",
        "    attributed_to: [port-authority]\n    actors: [port-authority]\n",
    )
    path.write_text(text, encoding="utf-8")
    run = generator("migrate", str(content))
    line = next(x for x in run.stdout.splitlines() if "contract-signed" in x)
    assert line.endswith(
        "claim 'contract-signed': confirmed → reported ('attributed_to' is now ignored: readers "
        "see the publisher of its sources; remove it, or mark it 'alleged' if these actors make "
        "the claim)"
    )
    assert "attributed_to: [port-authority]" in path.read_text(encoding="utf-8")
    after = generator("validate", str(content), "--strict")
    assert "'reported': readers see the publisher" in after.stdout


def test_sources_that_support_no_status_are_left_to_an_editor(content):
    sources = content / "example-harbour" / "sources.yml"
    sources.write_text(
        SOURCES.replace(
            "kind: news-report\n    language: en\n  - id: daily",
            "kind: aggregator-copy\n    language: en\n  - id: daily",
            1,
        ),
        encoding="utf-8",
    )
    before = snapshot(content)
    run = generator("migrate", str(content), "--dry-run")
    assert run.returncode == 1
    line = next(x for x in run.stdout.splitlines() if "contract-signed" in x)
    assert (
        "claim 'contract-signed': 'confirmed' needs an editor: its sources support neither" in line
    )
    assert "1 needs an editor" in run.stdout.splitlines()[-1]
    generator("migrate", str(content))
    claims = (content / "example-harbour" / "claims.yml").read_text(encoding="utf-8")
    assert "status: confirmed  # one outlet only" in claims
    assert snapshot(content)["example-harbour/sources.yml"] == before["example-harbour/sources.yml"]


def test_content_that_does_not_load_is_not_rewritten(content):
    sources = content / "example-harbour" / "sources.yml"
    sources.write_text(SOURCES.replace("kind: news-report", "kind: newspaper", 1), encoding="utf-8")
    before = snapshot(content)
    run = generator("migrate", str(content))
    assert run.returncode == 1
    assert "sources.yml:" in run.stdout
    assert "error to fix first" in run.stdout.splitlines()[-1]
    assert "Traceback" not in run.stderr
    assert snapshot(content) == before


def test_a_missing_folder_is_one_line(tmp_path):
    run = generator("migrate", str(tmp_path / "nowhere"))
    assert run.returncode == 1
    assert "no investigation found" in run.stdout
    assert "Traceback" not in run.stderr
