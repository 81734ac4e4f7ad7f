"""The editor's live preview: ``mkdocs serve`` rebuilds when a content file is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.sitetools import fixture_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, predicate, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if page is not None and predicate(page):
            return page
        time.sleep(0.5)
    return None


def test_saving_a_claim_rebuilds_the_page(tmp_path: Path):
    project = fixture_project(tmp_path / "project", shipped=False)
    claims_file = project / "content" / "lakeford-water" / "claims.yml"
    slug = claims_file.parent.name
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/{slug}/claims/"
        assert _wait_for(url, lambda page: "claim-" in page, 120), "serve never came up"
        marker = "Zqxmarker edited while serving"
        claims_file.write_text(_with_marker(claims_file.read_text("utf-8"), marker), "utf-8")
        assert _wait_for(url, lambda page: marker in page, 60), "page was not rebuilt"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _with_marker(text: str, marker: str) -> str:
    """Put the marker at the start of the first claim's English statement, keeping YAML valid."""
    import yaml

    data = yaml.safe_load(text)
    first = data["claims"][0]
    statement = first["statement"]
    if isinstance(statement, dict):
        statement["en"] = f"{marker}. {statement['en']}"
    else:
        first["statement"] = f"{marker}. {statement}"
    header = text.splitlines()[0] if text.startswith("#") else ""
    return header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
