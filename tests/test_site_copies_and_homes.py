"""What the built pages say of copies, of actors only relations mention, and of a language whose
home has no story: fictional stories started with `generator new`, built with real MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.new_story import create_story
from tests.sitetools import ROOT, build, copy_project, soup

LOCALES = {
    language: yaml.safe_load((ROOT / "site_config" / "locales" / f"{language}.yml").read_text())
    for language in ("en", "ro")
}

COPIES = """
  - id: wire-original
    title: Bridge contract signed
    publisher: Example Wire
    url: https://wire.example.com/bridge
    kind: news-report
    language: en
  - id: herald-copy
    title: Bridge contract signed
    publisher: Example Herald
    url: https://herald.example.com/bridge
    kind: news-report
    language: en
    reproduces: wire-original
  - id: courier-copy
    title: Contract signed for the bridge
    publisher: Example Courier
    url: https://courier.example.com/bridge
    kind: news-report
    language: en
    reproduces: {publisher: Example Wire Service, url: https://wire-service.example.com/b}
  - id: post-copy
    title: Bridge news
    publisher: Example Post
    url: https://post.example.com/bridge
    kind: news-report
    language: en
    reproduces: {publisher: Example Agency}
"""
LENDER = """
  - id: example-lender
    name: Example Lending Bank
    kind: organisation
    role: {en: A fictional bank., ro: O bancă fictivă.}
"""
LOAN = """
  - id: lender-funds-builders
    from: example-lender
    to: sample-builders
    kind: lent
    status: reported
    sources: [herald-copy, courier-copy, post-copy]
"""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory) -> Path:
    """A bilingual story citing copies, with an actor that only a relation mentions."""
    base = tmp_path_factory.mktemp("copies")
    (base / "content").mkdir()
    project = copy_project(base / "project", content=base / "content")
    story = create_story(project / "content", "example-bridge", ["en", "ro"])
    _append(story / "sources.yml", COPIES)
    _append(story / "actors.yml", LENDER)
    _append(story / "relations.yml", LOAN)
    run = build(project, base / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    return base / "site"


def _entry(site: Path, prefix: str, page: str, anchor: str):
    document = soup(site / prefix / "example-bridge" / page / "index.html")
    entry = document.find(id=anchor)
    assert entry is not None, anchor
    return entry


@pytest.mark.parametrize("language", ["en", "ro"])
def test_a_copy_says_what_it_copies_and_links_to_it(bilingual_site, language):
    prefix = "" if language == "en" else "ro"
    words = LOCALES[language]["words"]["copy_of"]
    herald = _entry(bilingual_site, prefix, "sources", "source-herald-copy")
    text = " ".join(herald.get_text(" ").split())
    assert f"· {words} Example Wire: Bridge contract signed" in text
    link = herald.find("a", string="Example Wire: Bridge contract signed")
    assert link is not None and link["href"].endswith("#source-wire-original")

    courier = _entry(bilingual_site, prefix, "sources", "source-courier-copy")
    link = courier.find("a", string="Example Wire Service")
    assert link is not None and link["href"] == "https://wire-service.example.com/b"
    assert f"{words} Example Wire Service" in " ".join(courier.get_text(" ").split())

    post = _entry(bilingual_site, prefix, "sources", "source-post-copy")
    assert f"{words} Example Agency" in " ".join(post.get_text(" ").split())
    assert post.find("a", string="Example Agency") is None  # no address: no link

    original = _entry(bilingual_site, prefix, "sources", "source-wire-original")
    assert words not in original.get_text(" ")


def test_an_actor_only_relations_mention_has_no_empty_mentioned_in(bilingual_site):
    mentioned = LOCALES["en"]["words"]["mentioned_in"]
    lender = _entry(bilingual_site, "", "actors", "actor-example-lender")
    assert mentioned not in lender.get_text(" ")
    assert lender.find("a", href=lambda h: h and "relation-lender-funds-builders" in h)
    builders = _entry(bilingual_site, "", "actors", "actor-sample-builders")
    line = next(p for p in builders.find_all("p") if mentioned in p.get_text())
    assert line.find("a"), "an actor claims mention keeps its line, with links"


def test_a_language_whose_home_has_no_story_says_so(tmp_path):
    (tmp_path / "content").mkdir()
    project = copy_project(tmp_path / "project", content=tmp_path / "content")
    create_story(project / "content", "example-bridge", ["ro"])
    run = build(project, tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    english = soup(tmp_path / "site" / "index.html").select_one("article.md-content__inner")
    assert english.find("h1") is not None
    paragraphs = [p.get_text(strip=True) for p in english.find_all("p")]
    assert LOCALES["en"]["words"]["no_story"] == "No story is published in English yet."
    assert LOCALES["en"]["words"]["no_story"] in paragraphs
    romanian = soup(tmp_path / "site" / "ro" / "index.html").select_one("article.md-content__inner")
    assert romanian.select("article.investigation-card")
    assert LOCALES["ro"]["words"]["no_story"] not in romanian.get_text()
