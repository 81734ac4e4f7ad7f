"""The built site, read with an HTML parser: every page, anchor and link a reader relies on.

The site is the fictional stories of tests/fixtures/stories built beside the shipped ones, once
per session (conftest's ``stories_site``); every rule is checked on every story built.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator import search_bundle
from tests.conftest import STORIES_SITE_URL
from tests.sitetools import (
    ROOT,
    build,
    fixture_project,
    html_pages,
    is_external,
    resolve_link,
    site_stories,
    soup,
    tree_digest,
)

SECTIONS = ("timeline", "claims", "actors", "sources", "methodology", "data")
ANCHOR_PAGES = {
    "claims": "claims",
    "events": "timeline",
    "actors": "actors",
    "sources": "sources",
    "relations": "actors",
}
ANCHOR_PREFIX = {
    "claims": "claim",
    "events": "event",
    "actors": "actor",
    "sources": "source",
    "relations": "relation",
}


ENGLISH = yaml.safe_load((ROOT / "site_config" / "locales" / "en.yml").read_text("utf-8"))


def labelled_paragraph(entry, label: str):
    """The paragraph of an entry that starts with ``**label:**`` (its sources, its rebuttals),
    shown or in the entry's block that opens on demand."""
    for paragraph in entry.select(":scope > p, :scope > details > p"):
        strong = paragraph.find("strong", recursive=False)
        if strong and strong.get_text(strip=True) == f"{label}:":
            return paragraph
    return None


def investigations() -> list[Path]:
    """The stories the session's site is built from, each checked by every per-story rule."""
    return site_stories()


def items(folder: Path, kind: str) -> list[dict]:
    path = folder / f"{kind}.yml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8"))[kind]


@pytest.fixture
def site(stories_site) -> Path:
    return stories_site


def test_the_site_holds_the_fictional_stories_beside_the_shipped_ones(site):
    names = {folder.name for folder in investigations()}
    assert {"lakeford-water", "riverton-ferry", "veltro-payments"} <= names and len(names) >= 4
    for name in names:
        assert (site / name / "index.html").is_file(), name


def test_home_page_lists_every_investigation(site):
    home = soup(site / "index.html")
    links = {a["href"] for a in home.select("article.investigation-card a")}
    for folder in investigations():
        assert f"{folder.name}/" in links


@pytest.mark.parametrize("folder", investigations(), ids=lambda p: p.name)
def test_every_page_kind_exists(site, folder):
    base = site / folder.name
    assert (base / "index.html").is_file()
    for section in SECTIONS:
        page = soup(base / section / "index.html")
        assert page.find("h1"), f"{section} has no heading"
    for page in sorted((folder / "pages").glob("*.md")):
        slug = page.name.split(".")[0]
        assert (base / slug / "index.html").is_file(), f"narrative page {slug} missing"
    assert json.loads((base / "data" / f"{folder.name}.json").read_text(encoding="utf-8"))
    for dataset in items(folder, "datasets"):
        assert (base / "data" / f"{dataset['id']}.csv").is_file()


@pytest.mark.parametrize("folder", investigations(), ids=lambda p: p.name)
def test_every_item_has_its_anchor(site, folder):
    for kind, section in ANCHOR_PAGES.items():
        page = soup(site / folder.name / section / "index.html")
        ids = {element["id"] for element in page.find_all(id=True)}
        for item in items(folder, kind):
            assert f"{ANCHOR_PREFIX[kind]}-{item['id']}" in ids, (kind, item["id"])


def test_every_internal_link_and_anchor_resolves(site):
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page in html_pages(site):
        document = soup(page)
        for link in document.find_all("a", href=True):
            href = link["href"]
            if is_external(href) or href.startswith("mailto:"):
                continue
            target, fragment = resolve_link(site, page, href)
            if target is None:
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = {e["id"] for e in soup(target).find_all(id=True)}
                if fragment not in ids_cache[target]:
                    broken.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    assert not broken, "\n".join(broken[:20])


def test_citations_link_to_page_list_and_sources_page(site):
    cited_pages = 0
    for page in html_pages(site):
        document = soup(page)
        citations = document.select("sup.citation a")
        if not citations:
            continue
        cited_pages += 1
        notes = {li["id"]: li for li in document.select("section.page-sources li[id]")}
        for citation in citations:
            assert citation["href"].startswith("#cite-note-")
            note = notes[citation["href"][1:]]
            assert re.match(r"\[\d+", citation.get_text())
            # the original first, then its entry on the sources page
            links = [a["href"] for a in note.find_all("a")]
            assert links[0].startswith(("http://", "https://")), links
            assert any("sources/#source-" in link for link in links), links
    assert cited_pages, "no page carries a citation"


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in html_pages(site):
        document = soup(page)
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
            ("embed", "src"),
            ("object", "data"),
        ):
            for element in document.find_all(tag):
                url = element.get(attribute)
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                if url and is_external(url):
                    offenders.append(f"{page.relative_to(site)}: <{tag}> {url}")
    for stylesheet in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", stylesheet.read_text("utf-8")):
            if is_external(url):
                offenders.append(f"{stylesheet.relative_to(site)}: {url}")
    assert not offenders, "\n".join(offenders[:20])


@pytest.mark.parametrize("folder", investigations(), ids=lambda p: p.name)
def test_overview_carries_meta_tags_and_newsarticle(site, folder):
    document = soup(site / folder.name / "index.html")
    head = document.head
    assert head.find("link", rel="canonical")["href"].endswith(f"/{folder.name}/")
    assert head.find("meta", attrs={"name": "description"})["content"]
    for prop in ("og:title", "og:description", "og:url", "og:type"):
        assert head.find("meta", property=prop)["content"], prop
    scripts = head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "NewsArticle"
    story = yaml.safe_load((folder / "story.yml").read_text("utf-8"))["story"]
    title = story["title"] if isinstance(story["title"], str) else story["title"]["en"]
    assert data["headline"] == title
    main = document.find(attrs={"data-md-component": "container"})
    assert not main.find_all("script", type="application/ld+json")


@pytest.mark.parametrize("folder", investigations(), ids=lambda p: p.name)
def test_claims_show_status_attribution_and_sources(site, folder):
    document = soup(site / folder.name / "claims" / "index.html")
    for claim in items(folder, "claims"):
        entry = document.find(id=f"claim-{claim['id']}")
        badge = entry.select_one(".badge")
        assert f"badge--{claim['status']}" in badge["class"]
        refs = [ref if isinstance(ref, dict) else {"id": ref} for ref in claim["sources"]]
        line = labelled_paragraph(entry, ENGLISH["words"]["sources"])
        assert line, f"claim {claim['id']} shows no sources line"
        # each of the claim's own sources, in its order, and nothing else
        linked = [a["href"].rpartition("#")[2] for a in line.find_all("a")]
        assert linked == [f"source-{ref['id']}" for ref in refs], claim["id"]
        text = " ".join(line.get_text(" ").split())
        for ref in refs:
            if ref.get("locator"):
                assert f"({ENGLISH['words']['locator']} {ref['locator']})" in text, claim["id"]
        for speaker in claim.get("attributed_to", []):  # an actor, or a source's publisher
            assert entry.find("a", href=re.compile(f"#(actor|source)-{speaker}$"))


def test_two_builds_are_byte_identical(site, tmp_path, monkeypatch):
    second = tmp_path / "again"
    monkeypatch.setenv("SITE_URL", STORIES_SITE_URL)
    result = build(site.parent / "project", second)
    assert result.returncode == 0, result.stderr
    assert tree_digest(site) == tree_digest(second)


def test_broken_content_fails_and_leaves_previous_site_untouched(tmp_path):
    project = fixture_project(tmp_path / "project", shipped=False)
    site_dir = project / "site"
    assert build(project, site_dir).returncode == 0
    before = tree_digest(site_dir)
    claims = project / "content" / "lakeford-water" / "claims.yml"
    text = claims.read_text("utf-8")
    first_source = re.search(r"sources: \[([a-z0-9-]+)", text)
    assert first_source, "no inline source list to break"
    claims.write_text(text.replace(first_source.group(0), "sources: [no-such-source", 1), "utf-8")
    result = build(project, site_dir)
    assert result.returncode == 1
    assert "refers to unknown source 'no-such-source'" in result.stderr
    assert re.search(r"claims\.yml:\d+:\d+: ", result.stderr)
    assert "Traceback" not in result.stderr
    assert tree_digest(site_dir) == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert not leftovers, leftovers


def test_building_writes_nothing_into_content(tmp_path):
    project = fixture_project(tmp_path / "project", shipped=False)
    before = tree_digest(project / "content")
    assert build(project, project / "site").returncode == 0
    assert tree_digest(project / "content") == before


def test_no_markdown_is_left_unrendered(site):
    """A template slip (a missing blank line) shows readers raw '**' or '](/' instead of text."""
    leftovers = []
    for page in html_pages(site):
        article = soup(page).find("article")
        if article is None:
            continue
        text = article.get_text(" ")
        for marker in ("**", "](/", "[@", "::chart[", "::claim["):
            if marker in text:
                leftovers.append(f"{page.relative_to(site)}: {marker}")
    assert not leftovers, leftovers[:10]


def test_table_of_contents_shows_plain_text(site):
    for page in html_pages(site):
        for link in soup(page).select("nav.md-nav a"):
            assert "&#" not in link.get_text() and "&amp;" not in link.get_text(), page


def _policy(document) -> str:
    metas = document.head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return metas[0]["content"]


def test_every_page_carries_a_policy_allowing_only_the_sites_own_scripts(site):
    for page in sorted(site.rglob("*.html")):
        document = soup(page)
        head = document.head.find_all(True)
        assert head[0].name == "meta" and head[0].get("charset") == "utf-8"
        assert head[1].get("http-equiv") == "Content-Security-Policy", page
        policy = dict(
            part.strip().split(" ", 1) for part in _policy(document).split(";") if part.strip()
        )
        assert policy["default-src"] == "'self'"
        # no inline script, not even by hash; WebAssembly for the search, from the site's files
        assert policy["script-src"] == "'self' 'wasm-unsafe-eval'", page
        assert policy["style-src-attr"] == "'none'", page
        assert policy["object-src"] == "'none'"
        inline = [
            script
            for script in document.find_all("script", src=False)
            if script.get("type") not in ("application/json", "application/ld+json")
        ]
        assert not inline, f"{page}: an inline script the policy would refuse: {inline[0]}"


def test_no_inline_event_handlers_anywhere(site):
    handlers = [
        f"{page.relative_to(site)}: {element.name}[{name}]"
        for page in sorted(site.rglob("*.html"))
        for element in soup(page).find_all(True)
        for name in element.attrs
        if name.lower().startswith("on")
    ]
    assert not handlers, handlers[:10]


def test_the_search_index_leaves_out_backlinks_and_chart_tables(site):
    """Search finds entries by their own words: an actor is not found by the text of every claim
    that mentions it, nor a source by the titles of what cites it, nor a chart's rows or the
    labels of its picture."""
    records = search_bundle.fragments(site / "pagefind")
    texts = " ".join(f"{r['meta'].get('title', '')} {r['content']}" for r in records)
    for words in ("Mentioned in", "Cited by", "Data table"):
        assert words not in texts
    story = site / "lakeford-water"  # the fictional story with every file kind
    actors = soup(story / "actors" / "index.html")
    assert "Mentioned in" in actors.get_text()  # the page itself still shows them
    claims = soup(story / "claims" / "index.html")
    statement = claims.select_one("article.entry.claim p:not(.entry__status)").get_text()
    assert statement.split(".")[0][:60] in texts
    data = soup(story / "data" / "index.html")
    pictures = data.select("svg.chart__picture")
    assert pictures, "no chart picture to look for"
    for picture in pictures:  # its labels run together, as the index would hold them
        labels = "".join(text.get_text() for text in picture.find_all("text")[-4:])
        assert labels not in texts, f"a chart picture's labels are in the search index: {labels}"


def _timeline_entries(site: Path, name: str) -> dict:
    """Every event entry of a story's Timeline, by anchor (a long timeline is in parts)."""
    entries = {}
    for page in sorted((site / name / "timeline").rglob("index.html")):
        for entry in soup(page).select("article.event"):
            entries[entry["id"]] = entry
    return entries


@pytest.mark.parametrize("folder", investigations(), ids=lambda p: p.name)
def test_timeline_badges_every_event_that_is_not_confirmed(site, folder):
    """An event's status, given or (left out) what its sources support, is badged on the
    Timeline unless it is confirmed; who says it is linked."""
    from generator import evidence
    from generator.loader import load_investigation

    inv, _ = load_investigation(folder)
    sources = {source.id: source for source in inv.sources}
    language = inv.story.languages[0]
    entries = _timeline_entries(site, folder.name)
    for event in inv.events:
        entry = entries[f"event-{event.id}"]
        badge = entry.select_one(".entry__status .badge")
        expected = event.status or evidence.assess(event.sources, sources, language).supports
        if expected == "confirmed":
            assert badge is None, event.id
            continue
        assert badge is not None and f"badge--{expected}" in badge["class"], event.id
        line = entry.select_one(".entry__status")
        for actor_id in event.attributed_to:
            assert line.find("a", href=re.compile(f"#actor-{actor_id}$")), event.id
        if expected == "reported":
            names = evidence.reported_by(event.sources, sources, language)
            assert all(name in line.get_text() for name in names), event.id


def test_an_events_given_status_reads_with_who_says_it(site):
    entry = _timeline_entries(site, "lakeford-water")["event-readings-doubted"]
    text = " ".join(entry.select_one(".entry__status").get_text(" ").split())
    assert text == "Unverified claimed by A resident's account"
