"""Search finds a claim: a distinctive word of its statement offers the claims page."""

from __future__ import annotations

import json
import re
from collections import Counter

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
