"""The exports in the built site: each story's files exist in every language it is built in,
are linked from its data page, parse with their formats' readers, and the feed is linked from
the overview and from the head of every page of the story."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from followthemoney import model as ftm_model

from tests.sitetools import resolve_link, soup

STORIES = [("lakeford-water", ""), ("romania-2024", ""), ("romania-2024", "ro/")]


@pytest.mark.parametrize(("slug", "tree"), STORIES)
def test_data_page_links_every_export_and_each_parses(stories_site: Path, slug, tree):
    data_page = stories_site / f"{tree}{slug}/data/index.html"
    hrefs = {a["href"] for a in soup(data_page).select("article a[href]")}
    found = {}
    for name in (f"{slug}.timeline.json", f"{slug}.ftm.json", "feed.xml"):
        href = next((h for h in hrefs if h.endswith(name)), None)
        assert href, f"{name} is not linked from {data_page}"
        target, _ = resolve_link(stories_site, data_page, href)
        assert target is not None and target.is_file(), href
        found[name] = target.read_bytes()
    timeline = json.loads(found[f"{slug}.timeline.json"])
    assert timeline["events"] and all(
        e["unique_id"].startswith("event-") for e in timeline["events"]
    )
    lines = found[f"{slug}.ftm.json"].decode().splitlines()
    assert lines and all(ftm_model.get_proxy(json.loads(line)).schema for line in lines)
    feed = feedparser.parse(found["feed.xml"])
    assert feed.version == "atom10" and feed.entries
    assert feed.feed.language == (tree.rstrip("/") or "en")


def test_timeline_export_ids_are_the_timeline_pages_anchors(stories_site: Path):
    timeline = json.loads(
        (stories_site / "romania-2024/data/romania-2024.timeline.json").read_text()
    )
    anchors = {
        element["id"]
        for page in (stories_site / "romania-2024/timeline").rglob("index.html")
        for element in soup(page).select("[id^=event-]")
    }
    assert {e["unique_id"] for e in timeline["events"]} <= anchors


@pytest.mark.parametrize(("slug", "tree"), STORIES)
def test_feed_is_linked_from_the_overview_and_every_page_head(stories_site: Path, slug, tree):
    story = stories_site / f"{tree}{slug}"
    overview = story / "index.html"
    link = next(
        a for a in soup(overview).select("article a[href]") if a["href"].endswith("feed.xml")
    )
    assert resolve_link(stories_site, overview, link["href"])[0] == story / "feed.xml"
    pages = sorted(story.rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        heads = soup(page).select('head link[type="application/atom+xml"]')
        assert len(heads) == 1, page
        assert "alternate" in heads[0]["rel"]
        assert resolve_link(stories_site, page, heads[0]["href"])[0] == story / "feed.xml"
    home = soup(stories_site / f"{tree}index.html")
    assert not home.select('head link[type="application/atom+xml"]')
