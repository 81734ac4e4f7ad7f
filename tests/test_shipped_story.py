"""The shipped story, content/romania-2024 and whatever else content/ holds: the project as it is
published. General rules about built pages are in test_site.py, which builds the shipped stories
beside the fictional ones; what is here is about the published content itself."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.sitetools import ROOT, SHIPPED, story_folders


def test_the_project_ships_a_story():
    assert story_folders(SHIPPED), "content/ holds no investigation"


def test_the_shipped_story_is_built_with_the_others(stories_site):
    for folder in story_folders(SHIPPED):
        assert (stories_site / folder.name / "index.html").is_file(), folder.name


def test_the_project_as_shipped_builds_with_mkdocs_strict(tmp_path):
    """`mkdocs build --strict` in the project's own folder: its mkdocs.yml and its content/."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()
