"""Every built page passes the Nu HTML Checker (vnu.jar from npm, run with the machine's Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.sitetools import ROOT

VNU_VERSION = "26.9.27"
VNU_PREFIX = ROOT / ".cache" / "vnu"  # ignored by git
VNU_PACKAGE = VNU_PREFIX / "node_modules" / "vnu-jar"


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The checker's command line, installing the pinned vnu-jar with npm when it is missing."""
    java, npm = shutil.which("java"), shutil.which("npm")
    if not java:
        pytest.fail("the HTML check needs Java 17 or newer: apt-get install default-jre-headless")
    package = VNU_PACKAGE / "package.json"
    installed = json.loads(package.read_text("utf-8"))["version"] if package.exists() else None
    if installed != VNU_VERSION:
        if not npm:
            pytest.fail("the HTML check installs vnu-jar with npm: apt-get install npm")
        subprocess.run(
            [
                *(npm, "install", "--prefix", str(VNU_PREFIX), f"vnu-jar@{VNU_VERSION}"),
                *("--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"),
            ],
            check=True,
            timeout=600,
        )
    return [java, "-jar", str(VNU_PACKAGE / "build" / "dist" / "vnu.jar")]


def test_every_page_is_valid_html(site, vnu):
    files = [str(page.file) for page in site.pages]
    assert files
    # One run for all pages: the checker takes seconds to start.
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{where(site, m.get('url', ''))}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: "
        + m["message"]
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)


def where(site, url: str) -> str:
    """A checked file's path in the site (the checker names it by a file: URL)."""
    path = Path(unquote(urlsplit(url).path))
    return path.relative_to(site.folder).as_posix() if path.is_relative_to(site.folder) else url
