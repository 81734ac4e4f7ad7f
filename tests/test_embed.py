"""Embeddable charts: every chart has a page of its own that another site shows in an iframe,
with all the chart's furniture and a way back to the story, and every chart on the story's pages
offers the iframe code for it ("Embed")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import search_bundle
from generator.loader import load_investigation
from generator.text import pick
from tests.conftest import STORIES_SITE_URL
from tests.sitetools import html_pages, site_stories, soup

LANGUAGES = {"en": "", "ro": "ro/"}


def charts_by_language() -> list[tuple[str, str, object]]:
    """(language prefix, story slug, chart) for every chart each language's tree publishes."""
    found = []
    for folder in site_stories():
        investigation, _ = load_investigation(folder)
        for language in investigation.story.languages:
            for chart in investigation.charts:
                found.append((language, investigation.slug, chart))
    return found


CHARTS = charts_by_language()
IDS = [f"{language}-{slug}-{chart.id}" for language, slug, chart in CHARTS]


@pytest.fixture
def site(stories_site) -> Path:
    return stories_site


def test_the_stories_have_charts_in_both_languages():
    assert {language for language, _, _ in CHARTS} == set(LANGUAGES)


@pytest.mark.parametrize(("language", "slug", "chart"), CHARTS, ids=IDS)
def test_every_chart_has_a_page_with_its_furniture_and_the_way_back(site, language, slug, chart):
    tree = site / LANGUAGES[language]
    page = soup(tree / slug / "charts" / chart.id / "index.html")
    assert not page.select("footer.md-footer"), "the site's footer"
    sidebars = page.select(".md-sidebar")
    assert sidebars and all(bar.has_attr("hidden") for bar in sidebars), "the site's menu"
    assert page.select_one("base")["target"] == "_top", "links would open inside the frame"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    title = pick(chart.title, language)
    assert page.select_one("article h1").get_text(strip=True) == title
    figure = page.select_one(f"figure#chart-{chart.id}")
    assert figure is not None
    assert (
        figure.select_one(".chart__description").get_text(strip=True)
        == pick(chart.description, language).strip()
    )
    assert figure.select_one(".chart__source a[href]"), "the source line names no source"
    assert figure.select_one("details.chart__data table tbody tr"), "no data table"
    csv = figure.select_one(".chart__download a[download]")
    assert csv["download"] == f"{chart.id}.csv"
    back = {a.get_text(strip=True): a["href"] for a in page.select(".chart-page__from a")}
    assert len(back) == 2 and "../../" in back.values() and "../../data/" in back.values()


@pytest.mark.parametrize(("language", "slug", "chart"), CHARTS, ids=IDS)
def test_every_chart_offers_the_iframe_code_of_its_page(site, language, slug, chart):
    tree = site / LANGUAGES[language]
    data = soup(tree / slug / "data" / "index.html")
    fold = data.select_one(f"figure#chart-{chart.id} details.chart__embed")
    box = fold.select_one("textarea[readonly]")
    assert fold.select_one(f'label[for="{box["id"]}"]'), "the code box has no label"
    frame = BeautifulSoup(box.get_text(), "html.parser").iframe
    assert frame["src"] == f"{STORIES_SITE_URL}{LANGUAGES[language]}{slug}/charts/{chart.id}/"
    assert frame["title"] == pick(chart.title, language)
    drawing = data.select_one(f"figure#chart-{chart.id} .chart__canvas svg")
    assert int(frame["height"]) > int(float(drawing["height"])), "the frame cuts the chart off"


def test_chart_pages_are_left_out_of_the_search_and_the_menu(site):
    for prefix in LANGUAGES.values():
        urls = {record["url"] for record in search_bundle.fragments(site / prefix / "pagefind")}
        assert urls, "no search records"
        assert not [url for url in urls if re.search(r"/charts/[^/]+/", url)]
    for page in [p for p in html_pages(site) if p.parent.name == "data"]:
        menu = soup(page).select("nav.md-nav a[href]")
        assert menu and not [a for a in menu if "/charts/" in a["href"]], f"{page}: the menu"
