"""Helpers for tests that build the real site and read its HTML with a parser."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"
# Fictional stories written for the tests: an English-only one with every file kind, status and
# chart type (lakeford-water), a small one in both languages (riverton-ferry) and a long
# corporate-fraud story in both languages (veltro-payments: 25 years, money in two currencies,
# sources of every kind).
FIXTURE_STORIES = ROOT / "tests" / "fixtures" / "stories"


def build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real build command of a project folder (its mkdocs.yml, content/, site_config/)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--config",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site_dir),
            *extra,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def copy_project(target: Path, content: Path | None = None) -> Path:
    """A throw-away copy of the project's site inputs, optionally with other content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "site_config", target / "site_config")
    shutil.copytree(content or ROOT / "content", target / "content")
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file's sha256, by relative path: equal digests mean byte-identical trees."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolve_link(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a relative link on ``page`` points at, and its fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return page, unquote(parts.fragment)
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    try:
        target.relative_to(site.resolve())
    except ValueError:
        return None, parts.fragment
    return (target if target.exists() else None), unquote(parts.fragment)


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or parts.netloc or url.startswith("//"))


def story_folders(*parents: Path) -> list[Path]:
    """The investigations (folders holding a story.yml) directly under each of ``parents``."""
    return [p.parent for parent in parents for p in sorted(parent.glob("*/story.yml"))]


def site_stories() -> list[Path]:
    """What the general site tests build: the fictional stories, and the shipped ones beside
    them, since a rule every page must keep has to hold for the published story too."""
    return story_folders(FIXTURE_STORIES, SHIPPED)


def fixture_project(target: Path, *, shipped: bool = True) -> Path:
    """A throw-away project (the real mkdocs.yml and site_config/) whose content/ holds the
    fictional stories, and the shipped stories beside them unless ``shipped`` is false."""
    stories = site_stories() if shipped else story_folders(FIXTURE_STORIES)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "site_config", target / "site_config")
    for story in stories:
        shutil.copytree(story, target / "content" / story.name)
    return target
