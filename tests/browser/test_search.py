"""Search finds a claim: a distinctive word of its statement offers the claims page."""

from __future__ import annotations

import json
import re
from collections import Counter

from playwright.sync_api import Page

from tests.browser.browsing import Site, settled
from tests.sitetools import soup


def distinctive_word(site: Site) -> str:
    """The rarest word (in the search index) of the first claim's statement on the claims page."""
    claims = soup(site.claims.file)
    entry = claims.select_one("article.claim")
    assert entry, "the claims page lists no claim"
    statement = " ".join(
        paragraph.get_text(" ")
        for paragraph in entry.find_all("p", recursive=False)
        if "entry__status" not in (paragraph.get("class") or []) and not paragraph.find("strong")
    )
    index = json.loads((site.folder / "search" / "search_index.json").read_text("utf-8"))
    documents = Counter()
    for document in index["docs"]:
        documents.update(set(re.findall(r"\w+", document["text"].lower())))
    words = {w for w in re.findall(r"[^\W\d_]{6,}", statement.lower()) if documents[w]}
    assert words, f"no searchable word in the claim {statement!r}"
    return min(sorted(words), key=lambda word: documents[word])


# Resolves after the page has been scrolled end to end (what a reader does before searching, and
# what wakes anything loaded lazily) and the browser has twice had nothing left to do.
_READ_AND_IDLE = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const idle = () => new Promise((done) => requestIdleCallback(() => done(), {timeout: 5000}));
  window.scrollTo(0, document.documentElement.scrollHeight);
  await frame();
  window.scrollTo(0, 0);
  await frame();
  await idle();
  await idle();
}"""


def read_to_the_end(page: Page) -> None:
    """Wait for conditions, not a clock: the page scrolled end to end and idle, then a minute
    of the page's own timers run at once (the test installs Playwright's clock), then no request
    open. Whatever the page would load by itself in its first minute has been asked for by then,
    so a search request that has not happened was not going to."""
    page.wait_for_load_state("networkidle")
    page.evaluate(_READ_AND_IDLE)
    page.clock.run_for(60_000)
    page.wait_for_load_state("networkidle")


def test_typing_a_claims_word_offers_the_claims_page(site, page):
    word = distinctive_word(site)
    claims = site.page_url(site.claims)
    page.goto(site.page_url(site.overview))
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(word, delay=20)
    offered = (
        "claims => Array.from(document.querySelectorAll('.md-search-result__list a[href]'))"
        "  .some((link) => link.href.startsWith(claims))"
    )
    found = settled(page, offered, arg=claims, timeout_ms=10_000)
    hrefs = page.locator(".md-search-result__list a[href]").evaluate_all(
        "links => links.map((link) => link.href)"
    )
    assert found, f"searching {word!r} offers {hrefs}, not {claims}"


def test_the_index_loads_only_once_the_reader_turns_to_search(site, page):
    """No page fetches the search index (nor starts the search worker) on its own; the keyboard
    shortcut after an instant navigation fetches it, once, and search finds the claim."""
    word = distinctive_word(site)
    claims = site.page_url(site.claims)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.clock.install()  # the page's timers, fast-forwarded by read_to_the_end

    def search_requests() -> list[str]:
        return [
            url
            for url in requested
            if url.split("?")[0].endswith("/search/search_index.json") or "/workers/search." in url
        ]

    page.goto(site.page_url(site.overview))
    read_to_the_end(page)
    # the recorder hears this page's own requests: an empty list below is not a deaf recorder
    assert any(url.startswith(site.page_url(site.overview)) for url in requested), requested
    assert any(url.split("?")[0].endswith(".js") for url in requested), requested
    assert not search_requests(), f"the overview loaded search unasked: {search_requests()}"
    page.evaluate("window.__explainerNoReload = true")
    link = page.locator(".md-content a[href]:visible, .md-nav a[href]:visible")
    hrefs = link.evaluate_all("links => links.map(link => link.href)")
    assert claims in hrefs, "no visible link from the overview to the claims page"
    link.nth(hrefs.index(claims)).click()
    page.wait_for_url(claims)
    read_to_the_end(page)
    assert page.evaluate("window.__explainerNoReload === true"), "the click reloaded the page"
    assert not search_requests(), f"the claims page loaded search unasked: {search_requests()}"

    page.keyboard.press("/")  # the theme's shortcut: focuses the search box
    page.locator(".md-search__input").press_sequentially(word, delay=20)
    offered = (
        "claims => Array.from(document.querySelectorAll('.md-search-result__list a[href]'))"
        "  .some((link) => link.href.startsWith(claims))"
    )
    assert settled(page, offered, arg=claims, timeout_ms=10_000), f"searching {word!r} failed"
    # the positive control: the same recorder does see search load once the reader asks for it
    indexes = [url for url in search_requests() if "search_index" in url]
    assert len(indexes) == 1, f"the search index was requested {len(indexes)} times"
