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

import pytest

from tests.sitetools import ROOT, fixture_project


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


@pytest.mark.parametrize(
    ("options", "kind"),
    [(["--dirty"], "dirty build"), ([], "full build")],
    ids=["dev-serve-dirty", "plain-mkdocs-serve"],
)
def test_saving_a_claim_rebuilds_the_page(tmp_path: Path, options: list[str], kind: str):
    """``./dev serve`` runs ``mkdocs serve --dirty``: a save rebuilds only what it changed.
    Plain ``mkdocs serve`` empties its folder before every build: each is a full one."""
    project = fixture_project(tmp_path / "project", shipped=False)
    claims_file = project / "content" / "lakeford-water" / "claims.yml"
    slug = claims_file.parent.name
    port = _free_port()
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        text=True,
        # as ./dev serve: the first language only
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "EXPLAINER_PREVIEW_LANGUAGE": ""},
    )
    try:
        url = f"http://127.0.0.1:{port}/{slug}/claims/"
        first = _wait_for(url, lambda page: "claim-" in page, 120)
        assert first, "serve never came up"
        # MkDocs' inline live-reload script (the site's policy blocks it) swapped for a file
        assert "livereload(" not in first and 'src="/_preview/preview.js"' in first
        marker = "Zqxmarker edited while serving"
        claims_file.write_text(_with_marker(claims_file.read_text("utf-8"), marker), "utf-8")
        assert _wait_for(url, lambda page: marker in page, 60), "page was not rebuilt"
        printed = log.read_text("utf-8")
        # serve's first build counts: with --dirty the first save rebuilds only what it changed
        assert f"preview: {kind}" in printed, printed
        assert "preview: full build" not in printed or kind == "full build", printed
        assert "'dirty' build" not in printed  # MkDocs' warning: these dirty builds are exact
        assert "Traceback" not in printed, printed
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


def test_serve_mode_replaces_the_inline_live_reload_script_with_a_file(tmp_path: Path):
    from generator.preview import Preview

    preview = Preview(tmp_path, ROOT / "site_config" / "locales", ["en", "ro"], "/")
    page = preview.inject(b"<html><body><p>x</p></body></html>", 1234)
    assert page.startswith(b"<html><body><p>x</p>") and page.endswith(b"</body></html>")
    assert b'<script src="/_preview/preview.js" data-epoch="1234"' in page
    assert b"<script>" not in page


def test_a_broken_build_keeps_serving_and_lists_its_problems_in_each_language(tmp_path: Path):
    import json

    from generator.diagnostics import Diagnostic, Location
    from generator.preview import Preview

    class Stopped(Exception):
        pass

    preview = Preview(tmp_path, ROOT / "site_config" / "locales", ["en", "ro"], "/")
    problem = Diagnostic(Location("content/x/claims.yml", 4, 7), "unknown source", "did you mean")

    def broken() -> None:
        preview.record([problem])
        raise Stopped("content has errors")

    preview.wrap(broken, (Stopped,))()  # does not raise
    data = json.loads((tmp_path / "_preview" / "problems.json").read_text("utf-8"))
    assert data["problems"] == ["content/x/claims.yml:4:7: unknown source (did you mean)"]
    assert "{count}" in data["words"]["en"]["title"]
    assert data["words"]["ro"]["title"] != data["words"]["en"]["title"]
    assert (tmp_path / "_preview" / "preview.js").is_file()

    preview.wrap(lambda: None, (Stopped,))()
    data = json.loads((tmp_path / "_preview" / "problems.json").read_text("utf-8"))
    assert data["problems"] == []


def test_a_built_site_has_no_preview_and_the_same_policy(stories_site: Path):
    from generator.csp import plotly_style_sources, policy

    assert not (stories_site / "_preview").exists()
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(plotly_style_sources())}">'
    for page in stories_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "_preview/" not in html and "livereload" not in html, page
        assert meta in html, page


def test_the_preview_builds_one_language_unless_told_another(monkeypatch):
    from generator.preview import LANGUAGE_VARIABLE, other_languages

    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)
    assert other_languages(["en", "ro", "de"]) == ["ro", "de"]  # a build: every language
    monkeypatch.setenv(LANGUAGE_VARIABLE, "")
    assert other_languages(["en", "ro", "de"]) == []  # ./dev serve
    monkeypatch.setenv(LANGUAGE_VARIABLE, "de")
    assert other_languages(["en", "ro", "de"]) == ["de"]  # ./dev serve --lang de


class _Server:
    """What ``mkdocs serve`` hands ``on_serve``: its builder (a dirty build, as under
    ``mkdocs serve --dirty``, or a clean one, as without) and the address it serves under."""

    mount_path = "/"

    def __init__(self, project: Path, site_dir: Path, dirty: bool = True) -> None:
        self.project, self.site_dir, self.dirty = project, site_dir, dirty

    def builder(self) -> None:
        from mkdocs.commands import serve
        from mkdocs.config import load_config

        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))
        serve.build(config, serve_url="http://127.0.0.1:8000/", dirty=self.dirty)


def test_a_saved_claim_rebuilds_only_the_pages_that_show_it_with_a_full_builds_bytes(
    tmp_path: Path, monkeypatch
):
    from mkdocs.exceptions import MkDocsException

    from generator import preview
    from tests.sitetools import tree_digest

    monkeypatch.setenv(preview.LANGUAGE_VARIABLE, "")  # as ./dev serve
    monkeypatch.setattr(preview, "_current", None)
    project = fixture_project(tmp_path / "project", shipped=False)
    claims_file = project / "content" / "lakeford-water" / "claims.yml"
    served = tmp_path / "served"
    server = _Server(project, served)
    server.builder()  # serve's first build, before on_serve
    locales = project / "site_config" / "locales"
    watching = preview.start(server, served, locales, ["en"], (MkDocsException,))
    claims_file.write_text(_with_marker(claims_file.read_text("utf-8"), "Zqxfirst"), "utf-8")
    server.builder()
    assert watching.full and "lakeford-water/methodology.md" in watching.rebuilt
    everything = [path for path in watching.rebuilt if path.endswith(".md")]

    claims_file.write_text(_with_marker(claims_file.read_text("utf-8"), "Zqxsecond"), "utf-8")
    server.builder()
    assert not watching.full and not watching.problems
    rebuilt = [path for path in watching.rebuilt if path.endswith(".md")]
    assert "lakeford-water/claims.md" in rebuilt
    assert "lakeford-water/methodology.md" not in rebuilt and "index.md" not in rebuilt
    assert len(rebuilt) < len(everything)
    claims_page = (served / "lakeford-water" / "claims" / "index.html").read_text("utf-8")
    assert "Zqxsecond" in claims_page

    # the same bytes as a full build of the same content (the search index apart: the
    # preview keeps the last full build's)
    full = tmp_path / "full"
    _Server(project, full, dirty=False).builder()

    def pages(folder: Path) -> dict[str, str]:
        digests = tree_digest(folder)
        return {p: d for p, d in digests.items() if not p.startswith(("_preview/", "pagefind/"))}

    assert pages(served) == pages(full)

    # plain `mkdocs serve` (no --dirty): MkDocs empties the folder first, so the preview makes
    # a full build of it, post-build step and search index included
    claims_file.write_text(_with_marker(claims_file.read_text("utf-8"), "Zqxthird"), "utf-8")
    server.dirty = False
    server.builder()
    assert watching.full and "lakeford-water/methodology.md" in watching.rebuilt
    full = tmp_path / "full-again"
    _Server(project, full, dirty=False).builder()
    served_files = {p: d for p, d in tree_digest(served).items() if not p.startswith("_preview/")}
    assert served_files == tree_digest(full)  # the search index included
    assert any(path.startswith("pagefind/") for path in served_files)
    claims_page = (served / "lakeford-water" / "claims" / "index.html").read_text("utf-8")
    assert "Zqxthird" in claims_page


def test_only_files_whose_bytes_changed_are_rebuilt_and_a_rebuild_stopped_half_way_is_forgotten(
    tmp_path: Path,
):
    from generator.preview import Preview

    class Stopped(Exception):
        pass

    preview = Preview(tmp_path, ROOT / "site_config" / "locales", ["en"], "/")
    preview.remember("shape", {"a.md": "A", "b.md": "B", "c.json": b"{}"})
    (tmp_path / "kept.html").write_text("<html><head></head></html>", "utf-8")

    assert preview.plan("shape", {"a.md": "A, edited", "b.md": "B", "c.json": b"{}"}) == {
        "b.md",
        "c.json",
    }
    assert not preview.full and preview.rebuilt == ["a.md"]
    assert (tmp_path / "kept.html").exists()  # a dirty build keeps the served pages

    def stopped() -> None:
        preview.plan("shape", {"a.md": "A, edited", "b.md": "B", "c.json": b"{}"})
        raise Stopped("a page did not convert")

    preview.wrap(stopped, (Stopped,))()
    assert preview.shape is None  # what it wrote is unknown: the next build is a full one
    assert preview.plan("shape", {"a.md": "A", "b.md": "B", "c.json": b"{}"}) == set()
    assert preview.full and not (tmp_path / "kept.html").exists()


def test_a_build_into_an_emptied_folder_skips_nothing(tmp_path: Path):
    """Plain ``mkdocs serve`` empties its folder before each build: a file left out because
    the last build wrote the same bytes would be missing."""
    from generator.preview import Preview

    preview = Preview(tmp_path / "served", ROOT / "site_config" / "locales", ["en"], "/")
    preview.remember("shape", {"a.md": "A", "b.md": "B"})
    assert preview.plan("shape", {"a.md": "A", "b.md": "B, edited"}) == set()
    assert preview.full and preview.rebuilt == ["a.md", "b.md"]
    (tmp_path / "served").mkdir()
    (tmp_path / "served" / ".hidden").write_text("kept by a clean build", "utf-8")
    assert preview.plan("shape", {"a.md": "A", "b.md": "B, edited"}) == set()
    (tmp_path / "served" / "index.html").write_text("<html></html>", "utf-8")
    assert preview.plan("shape", {"a.md": "A", "b.md": "B, edited"}) == {"a.md"}
    assert not preview.full
