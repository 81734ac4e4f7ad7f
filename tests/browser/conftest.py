"""Browser tests: Debian's Chromium, driven by Playwright, against the built site on 127.0.0.1.

The site is built once per session into a temporary folder, with ``SITE_URL`` set to the very
address it is then served from: mkdocs-material's instant navigation only intercepts links listed
in ``sitemap.xml``, so any other ``site_url`` silently turns every click into a full page load.

Which stories are built is one switch, :func:`browser_stories`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.browsing import Site
from tests.sitetools import FIXTURE_STORIES, ROOT, SHIPPED, build, copy_project, story_folders
from tests.support.chromium import CHROMIUM as CHROMIUM_PATH
from tests.support.chromium import CHROMIUM_ARGS
from tests.support.serve import serve

CHROMIUM = Path(CHROMIUM_PATH)
ARTIFACTS = ROOT / "test-artifacts" / "browser"


def browser_stories() -> list[Path]:
    """The stories the browser suite builds: the one switch.

    ``EXPLAINER_BROWSER_CONTENT=path`` (a folder of investigations) wins. Otherwise the fictional
    English-only story with every file kind, status and chart type, beside the shipped stories
    (in both languages): what a reader's browser must do holds for the published story too. The
    small bilingual fixture is left out here to keep the suite's time (every test visits every
    page); the shipped story stands for a story in two languages, and test_languages.py builds
    the two fictional stories on their own.
    """
    chosen = os.environ.get("EXPLAINER_BROWSER_CONTENT")
    if chosen:
        return story_folders(Path(chosen).resolve())
    return [FIXTURE_STORIES / "lakeford-water", *story_folders(SHIPPED)]


def pytest_report_header(config) -> str:
    return f"browser tests build: {', '.join(str(story) for story in browser_stories())}"


def gathered(stories: list[Path], content: Path) -> Path:
    """A content folder holding a copy of each of ``stories``."""
    for story in stories:
        shutil.copytree(story, content / story.name)
    return content


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright's own browser download does not work on this machine."""
    if not CHROMIUM.exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@contextmanager
def built_and_served(content: Path, work: Path) -> Iterator[Site]:
    """``content`` built and served on a free port of 127.0.0.1, with ``SITE_URL`` set to it.

    The server binds its port first, so the build can put exactly that address in the sitemap;
    it serves the folder by name, which exists once the build has finished.
    """
    project = copy_project(work / "project", content)
    folder = work / "site"
    with serve(folder) as url:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", url)
            result = build(project, folder)
        assert result.returncode == 0, result.stdout + result.stderr
        investigations = sorted(p.parent.name for p in content.glob("*/story.yml"))
        yield Site.read(url, folder, investigations)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[Site]:
    """The site built from :func:`browser_stories`, served on a free port of 127.0.0.1."""
    work = tmp_path_factory.mktemp("browser")
    with built_and_served(gathered(browser_stories(), work / "content"), work) as built:
        yield built


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go for a person to look at (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
