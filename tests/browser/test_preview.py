"""The editor's preview in the browser: under ``mkdocs serve`` an open page updates by itself
after a save, despite the site's Content-Security-Policy, and a save that breaks the content
shows its problems on every open page, in the page's language, until a save fixes it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.sitetools import FIXTURE_STORIES, copy_project
from tests.test_serve import _free_port

STORY = "riverton-ferry"  # fictional, in English and Romanian
STATEMENT = "The port authority paid Example Ferries for the ferry service"
SOURCE = "sources: [port-register-2025]"


@dataclass
class Served:
    url: str
    claims: Path
    process: subprocess.Popen
    log: Path
    languages: list[str]  # those the preview builds

    def save(self, old: str, new: str) -> None:
        text = self.claims.read_text("utf-8")
        assert old in text
        self.claims.write_text(text.replace(old, new, 1), "utf-8")

    def terminal(self) -> str:
        return self.log.read_text("utf-8")


def _up(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if b"</article>" in response.read():
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    return False


# As ./dev serve runs it (mkdocs serve --dirty): the first language alone, whose saves rebuild
# only what they change; and with --lang ro, both languages, each save a full build.
PREVIEWS = {"dev-serve": [], "dev-serve-lang-ro": ["ro"]}


@pytest.fixture(scope="module", params=list(PREVIEWS))
def served(tmp_path_factory, request) -> Iterator[Served]:
    others = PREVIEWS[request.param]
    work = tmp_path_factory.mktemp("preview")
    content = work / "content"
    shutil.copytree(FIXTURE_STORIES / STORY, content / STORY)
    project = copy_project(work / "project", content)
    port = _free_port()
    log = work / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                "EXPLAINER_PREVIEW_LANGUAGE": "".join(others),
            },
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _up(f"{url}{STORY}/claims/", 180), "serve never came up"
        claims = project / "content" / STORY / "claims.yml"
        yield Served(url, claims, process, log, ["en", *others])
    finally:
        process.terminate()
        process.wait(timeout=30)


def _policy_violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_a_saved_claim_shows_in_the_open_page_by_itself(served: Served, page: Page):
    violations = _policy_violations(page)
    page.goto(f"{served.url}{STORY}/claims/")
    expect(page.locator("article.md-content__inner")).to_contain_text(STATEMENT)
    marker = "Zqxlive edited while open"
    served.save(STATEMENT, f"{marker}. {STATEMENT}")
    # no page.reload(): the preview's script reloads it
    expect(page.locator("article.md-content__inner")).to_contain_text(marker, timeout=60_000)
    served.save(f"{marker}. {STATEMENT}", STATEMENT)
    expect(page.locator("article.md-content__inner")).not_to_contain_text(marker, timeout=60_000)
    assert violations == [], violations
    kind = "dirty build" if served.languages == ["en"] else "full build"
    assert f"preview: {kind}" in served.terminal()
    # MkDocs' inline script is replaced by the preview's file, which the policy allows
    assert "livereload(" not in page.content()
    expect(page.locator('script[src$="_preview/preview.js"]')).to_have_count(1)


def test_a_broken_save_shows_its_problems_on_every_open_page_until_fixed(served: Served, context):
    english = context.new_page()
    romanian = context.new_page() if "ro" in served.languages else None
    pages = [page for page in (english, romanian) if page is not None]
    violations = [_policy_violations(page) for page in pages]  # each filled as it happens
    english.goto(f"{served.url}{STORY}/claims/")
    if romanian is not None:
        romanian.goto(f"{served.url}ro/{STORY}/claims/")
    for page in pages:
        expect(page.locator("article.md-content__inner")).to_be_visible()
        expect(page.get_by_role("alert")).to_have_count(0)

    served.save(SOURCE, "sources: [port-register-2052]")
    banner = english.get_by_role("alert")
    expect(banner).to_contain_text("The content has errors: 1", timeout=60_000)
    # each problem as path:line:column: message (hint), pointing at the broken line
    line = next(
        number
        for number, text in enumerate(served.claims.read_text("utf-8").splitlines(), 1)
        if "port-register-2052" in text
    )
    expect(banner.locator("li")).to_have_count(1)
    problem = banner.locator("li").inner_text()
    assert re.search(rf"claims\.yml:{line}:\d+: .*port-register-2052.*\(.+\)", problem), problem
    # the last good pages stay served
    expect(english.locator("article.md-content__inner")).to_contain_text(STATEMENT)
    if romanian is not None:
        alert = romanian.get_by_role("alert")
        expect(alert).to_contain_text("Conținutul are erori: 1", timeout=60_000)
        article = romanian.locator("article.md-content__inner")
        expect(article).to_contain_text("Autoritatea portuară")

    marker = "Zqxfixed after the error"
    text = served.claims.read_text("utf-8").replace("port-register-2052", "port-register-2025")
    served.claims.write_text(text.replace(STATEMENT, f"{marker}. {STATEMENT}", 1), "utf-8")
    expect(english.locator("article.md-content__inner")).to_contain_text(marker, timeout=60_000)
    for page in pages:
        expect(page.get_by_role("alert")).to_have_count(0, timeout=60_000)
    served.save(f"{marker}. {STATEMENT}", STATEMENT)

    assert violations == [[] for _ in pages], violations
    assert served.process.poll() is None, "serve stopped"
    assert "Traceback" not in served.terminal()
    assert "port-register-2052" in served.terminal()
