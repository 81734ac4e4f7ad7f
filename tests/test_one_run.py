"""Every problem in one run: the checks run on whatever loaded, beside a file that did not.

An editor with a bad value in claims.yml and an unknown source in events.yml reads both lines
from one `validate`, and the summary says which file was only checked in part, instead of
leaving its items out of the counts without a word.
"""

from __future__ import annotations

import subprocess
import sys

from tests.sitetools import ROOT


def validate(folder) -> tuple[list[str], str]:
    """The lines `python -m generator validate .` prints in ``folder``, and its summary."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert "Traceback" not in done.stderr, done.stderr
    *lines, summary = done.stdout.splitlines()
    return lines, summary


def test_a_bad_value_in_one_file_and_an_unknown_source_in_another_are_both_reported(demo):
    demo.replace("claims.yml", "    status: denied\n", "    status: denyed\n")
    demo.replace("events.yml", "    sources: [agency-report-2024]\n", "    sources: [no-such]\n")
    lines, summary = validate(demo.path)
    assert lines == [
        "claims.yml:19:13: claim 'agency-denies': 'denyed' is not a valid status "
        "(did you mean 'denied'?)",
        "events.yml:9:15: event 'report-published' refers to unknown source 'no-such' "
        "(define it in sources.yml)",
    ]
    assert summary == (
        "2 errors, 0 warnings in demo-case (3 sources, 2 claims, 2 events, 3 actors, "
        "1 relation, 1 dataset, 1 chart, 1 page; in claims.yml only the items without errors "
        "were checked)"
    )


def test_what_only_the_failed_item_explains_is_not_reported_again(demo):
    """The claim with the bad status is left out; the rebuttal naming it is not 'unknown', and
    nothing is called unused because its only citation was in that claim."""
    demo.replace("claims.yml", "    status: denied\n", "    status: denyed\n")
    lines, _ = validate(demo.path)
    assert len(lines) == 1 and "'denyed' is not a valid status" in lines[0]


def test_a_file_that_cannot_be_read_leaves_the_others_checked(demo):
    demo.write("sources.yml", "sources:\n  - id: [unclosed\n")
    demo.replace("events.yml", "    actors: [example-agency]\n", "    actors: [no-such-actor]\n")
    lines, summary = validate(demo.path)
    assert [line.split(":", 1)[0] for line in lines] == ["events.yml", "sources.yml"]
    assert "refers to unknown actor 'no-such-actor'" in lines[0]
    assert not any("unknown source" in line for line in lines)  # sources.yml says why
    assert summary.endswith("; in sources.yml only the items without errors were checked)")
