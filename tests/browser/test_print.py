"""Printing: a narrative page and the claims page printed to PDF in Chromium (as a reader's
'Print' does) give the text, the chart pictures, collapsed blocks opened and every source's
address written out, and none of the screen's navigation, search or filters (print.css)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.sitetools import soup
from tests.support.serve import serve

STORY = "lakeford-water"  # fictional: every status and chart type, sources with archived copies
# Words of the screen's chrome (the theme's in English, and the claims filter's): none is printed.
CHROME = [
    "Table of contents",
    "Skip to content",
    "Back to top",
    "Said by",
    "Anyone",
    "Download:",
]


def _flat(text: str) -> str:
    """Without white space: a long address wraps across lines on paper."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def printed(stories_site: Path, browser):
    """Print a page of the built site to PDF: its text, and its HTML as the screen has it.
    (The browser suite's own Chromium: a second, synchronous Playwright cannot start inside it.)"""
    with serve(stories_site) as url:
        page = browser.new_page()

        def print_page(path: str) -> tuple[str, object]:
            page.goto(f"{url}{path}")
            page.wait_for_load_state("load")
            pdf = page.pdf(format="A4")
            text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
            return text, soup(stories_site / path / "index.html")

        print_page.site = stories_site
        yield print_page
        page.close()


def _claims_source_urls(site: Path, html) -> list[str]:
    """The addresses of the sources the claims cite, as the sources page gives them."""
    ids = {
        a["href"].partition("#")[2] for a in html.select("details.claim__more a[href*='#source-']")
    }
    if not ids:
        return []
    sources = soup(site / STORY / "sources" / "index.html")
    return [sources.find(id=i).select_one("a[href^='http']")["href"] for i in sorted(ids)]


def _nav_labels(html) -> list[str]:
    """The labels of the site's navigation drawer: the other pages of the site."""
    labels = {a.get_text(" ", strip=True) for a in html.select("nav.md-nav--primary a")}
    return sorted(label for label in labels if len(label) > 3)


@pytest.mark.parametrize("path", [f"{STORY}/what-happened/", f"{STORY}/claims/"])
def test_print_gives_the_sources_addresses_and_no_chrome(printed, path):
    text, html = printed(path)
    flat = _flat(text)
    originals = [a["href"] for a in html.select(".page-sources a.page-sources__original")]
    originals += _claims_source_urls(printed.site, html)
    assert originals, "the page lists no source to print"
    missing = [href for href in originals if _flat(href) not in flat]
    assert not missing, f"addresses not printed: {missing}"
    heading = html.select_one("h1").find(string=True, recursive=False)
    assert _flat(heading) in flat
    body = html.select_one("article.md-content__inner")
    own_words = body.get_text(" ", strip=True)
    shown = [label for label in CHROME if label in text]
    assert not shown, f"screen chrome printed: {shown}"
    # every page's drawer lists the site's other pages; the printout names none the page's own
    # text does not
    leaked = [label for label in _nav_labels(html) if label not in own_words and label in text]
    assert not leaked, f"navigation printed: {leaked}"


def test_collapsed_details_print_open(printed):
    text, html = printed(f"{STORY}/claims/")
    details = html.select("article.claim details.claim__more")
    assert details
    # the first source named inside the first claim's collapsed block
    first = details[0].select_one("a").get_text(" ", strip=True)
    assert _flat(first) in _flat(text)


def test_chart_pictures_print(printed):
    text, html = printed(f"{STORY}/what-happened/")
    figures = html.select("figure.chart[data-chart-picture] svg.chart__picture")
    assert figures, "the page has no chart picture"
    labels = [t.get_text(strip=True) for t in figures[0].select("text") if t.get_text(strip=True)]
    assert labels and any(_flat(label) in _flat(text) for label in labels)
