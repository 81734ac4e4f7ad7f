"""Faults during a build: killed, out of space, two at once; and the same output everywhere.

Every test runs the real build command (``python -m generator build``) on its own copy of the
project. Two reference builds made once for the module give the digests of a known-good site
before and after a content change (a narrative page added, so every page's navigation changes
too); after any fault, site/ must have exactly one of them, never a mixture.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sitetools import build, copy_project, tree_digest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux build faults")

NEW_PAGE = """---
title: A page only the new build has
order: 99
---
Added by a fault test.
"""
# what a build may leave beside site/ when it is killed: its staging folder and its lock file
KILLED_LEFTOVER = re.compile(r"\.site\.new-[A-Za-z0-9_]+|\.site\.lock")


@dataclass
class References:
    old_site: Path
    old: dict[str, str]
    new: dict[str, str]


def change_content(project: Path) -> Path:
    for investigation in sorted((project / "content").glob("*/story.yml")):
        pages = investigation.parent / "pages"
        pages.mkdir(exist_ok=True)
        (pages / "fault-test-page.md").write_text(NEW_PAGE, "utf-8")
    return project


def start_build(project: Path, **options) -> subprocess.Popen:
    """The build command of ``project`` into its site/, as sitetools.build runs it, not waited."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, "-m", "generator", "build", "--config", "mkdocs.yml"]
    return subprocess.Popen(
        [*command, "--site-dir", "site"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def beside_site(project: Path) -> list[str]:
    """What lies beside site/ other than the project's own files."""
    own = {"mkdocs.yml", "site_config", "content", "site"}
    return sorted(path.name for path in project.iterdir() if path.name not in own)


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> References:
    base = tmp_path_factory.mktemp("faults")
    old_project = copy_project(base / "checkout-one")
    new_project = change_content(copy_project(base / "checkout-two"))
    old_site, new_site = base / "reference-old" / "site", base / "reference-new" / "site"
    with ThreadPoolExecutor(2) as pool:  # one core each
        results = list(pool.map(build, (old_project, new_project), (old_site, new_site)))
    for result in results:
        assert result.returncode == 0, result.stderr[-3000:]
    references = References(old_site, tree_digest(old_site), tree_digest(new_site))
    assert references.old != references.new
    return references


def state(site: Path) -> tuple[int, list[str]] | None:
    """What changes at once when site/ is swapped, and soon when it is rewritten in place."""
    try:
        return site.stat().st_ino, sorted(os.listdir(site))
    except FileNotFoundError:
        return None


def project_with_old_site(target: Path, references: References) -> Path:
    """A checkout whose site/ holds the old site and whose content has since changed."""
    project = copy_project(target)
    shutil.copytree(references.old_site, project / "site")
    return change_content(project)


def test_a_killed_build_leaves_the_old_or_the_new_site_whole(references, tmp_path):
    project = project_with_old_site(tmp_path / "project", references)
    site = project / "site"
    left_staging = False
    # at fixed moments into the build (it takes about 5 s), once its staging folder holds part
    # of the new site, and as soon as site/ changes at all (twice: a swap is short)
    for moment in (0.2, 1.0, 2.0, 3.0, "staging", "swap", "swap"):
        earlier, before = set(beside_site(project)), state(site)
        process = start_build(project)
        if moment == "staging":
            while process.poll() is None and not any(
                name.startswith(".site.new-")
                and name not in earlier
                and any(project.glob(f"{name}/*/"))
                for name in beside_site(project)
            ):
                time.sleep(0.01)
        elif moment == "swap":
            while process.poll() is None and state(site) == before:
                time.sleep(0.0005)
        else:
            time.sleep(moment)
        process.kill()
        process.communicate()
        assert tree_digest(site) in (references.old, references.new), (
            f"killed at {moment}: site/ is a mixture"
        )
        leftovers = beside_site(project)
        assert all(KILLED_LEFTOVER.fullmatch(name) for name in leftovers), leftovers
        left_staging |= any(name.startswith(".site.new-") for name in leftovers)
    assert tree_digest(site) == references.new  # the last kill came after the swap
    assert left_staging, "no kill left a staging folder: the clean-up below proves nothing"

    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert tree_digest(site) == references.new
    assert beside_site(project) == [], "the next build did not remove what killed builds left"


def _small_file_size_limit() -> None:
    """In the child: a file may not grow past 1 MiB (plotly.min.js is 4.8 MB), as on a full
    disk; SIGXFSZ ignored so that the write fails with EFBIG instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2**20, 2**20))


def test_a_build_that_cannot_write_stops_with_one_line_and_the_old_site(references, tmp_path):
    project = project_with_old_site(tmp_path / "project", references)
    process = start_build(project, preexec_fn=_small_file_size_limit)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 1
    assert "Traceback" not in stderr
    assert re.fullmatch(
        r"build failed: File too large \([^()\n]+\); site/ was left as it was",
        stderr.strip().splitlines()[-1],
    ), stderr[-2000:]
    assert tree_digest(project / "site") == references.old
    assert beside_site(project) == []


def test_two_builds_at_once_take_turns(references, tmp_path):
    """The second starts while the first is building (its staging folder exists): it waits
    instead of removing that folder as a leftover, then builds; both succeed."""
    project = project_with_old_site(tmp_path / "project", references)
    first = start_build(project)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.new-") for p in project.iterdir()):
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.01)
    second = start_build(project)
    outcomes = [process.communicate(timeout=600) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outcomes
    assert "waiting for another build into site/ to end" in outcomes[1][1]
    assert tree_digest(project / "site") == references.new
    assert beside_site(project) == []


def test_output_is_identical_across_builds_and_checkouts(references, tmp_path):
    """Another build in another checkout, under another name (with a space and a non-ASCII
    letter), into site/ inside it rather than beside it: the same bytes as the reference, so no
    absolute path, time or ordering leaks into the output. (The killed-build test also compares
    a build of the changed content with its reference, made in a third checkout.)"""
    project = copy_project(tmp_path / "another checkout ü")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert tree_digest(project / "site") == references.old


def test_a_site_retired_by_a_killed_fallback_swap_is_put_back(references, tmp_path):
    """Without renameat2 the swap is two renames; a build killed between them leaves no site/
    and the old one as .site.old-PID. The next build puts it back first, even one that fails."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(references.old_site, project / ".site.old-12345")
    claims = next((project / "content").glob("*/claims.yml"))
    claims.write_text("claims: [\n", "utf-8")
    result = build(project, project / "site")
    assert result.returncode == 1 and "this bracket is never closed" in result.stderr
    assert tree_digest(project / "site") == references.old
    assert beside_site(project) == []
