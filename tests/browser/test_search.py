"""Pagefind search: a claim is found as itself by a word of its own statement in each language,
its excerpt starts with that statement (not with the status its badge shows), the filters are
fetched only when the reader opens their panel and the status filter then narrows the results
to that status, the keyboard alone searches and opens a result at its entry (also after an
instant navigation), axe finds nothing wrong with results open in either palette, and no
request leaves the site."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from tests.browser.browsing import Site, colour_scheme, settled
from tests.browser.test_accessibility import OPTIONS, describe

RESULTS = ".explainer-search .md-search-result__link"
PANEL = ".explainer-search__panel"
WORD = re.compile(r"[^\W\d_]{6,}")


def plain(word: str) -> str:
    """The word as Pagefind puts it in a result's address: without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def search(page, url: str, word: str) -> list[str]:
    """Open search with the keyboard on ``url``, type ``word``; the results' addresses."""
    if url:
        page.goto(url)
    page.keyboard.press("/")
    assert settled(page, "() => document.activeElement.matches('.explainer-search input')")
    page.keyboard.type(word, delay=20)
    # the results of the whole word, not those of its first letters still on screen
    assert settled(
        page,
        f"""word => [...document.querySelectorAll('{RESULTS}')].some(
            (link) => decodeURIComponent(link.href).includes('highlight=' + word))""",
        plain(word),
        10_000,
    ), f"no result for {word!r}"
    return page.locator(RESULTS).evaluate_all("links => links.map((link) => link.href)")


def entry_texts(tree: Path) -> list[tuple[str, str]]:
    """Every entry of every page of one language's tree, as (page#id, its words)."""
    found = []
    for file in sorted(tree.rglob("*.html")):
        relative = file.relative_to(tree).parts
        if relative[0] in {"ro", "pagefind", "assets"}:
            continue
        document = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        main = document.find("main")
        if main is None:
            continue
        # what the index leaves out: footnote marks, heading links, folds' labels and what the
        # templates mark as no text of their own (an entry's list of sources, an actor's
        # "Mentioned in")
        for sup in main.select("sup, .headerlink, summary, [data-search-exclude]"):
            sup.decompose()
        for entry in main.select("article.entry[id], section.entry[id]"):
            found.append(
                (f"{file.relative_to(tree).as_posix()}#{entry['id']}", entry.get_text(" "))
            )
            entry.decompose()
        found.append((file.relative_to(tree).as_posix(), main.get_text(" ")))
    return found


def own_word(tree: Path) -> tuple[str, str]:
    """A claim and a word of its statement that no other entry or page of the tree uses."""
    texts = entry_texts(tree)
    counts = Counter(w for _, text in texts for w in {w.lower() for w in WORD.findall(text)})
    for where, text in texts:
        if "#claim-" not in where:
            continue
        words = sorted({w.lower() for w in WORD.findall(text)})
        unique = [w for w in words if counts[w] == 1]
        if unique:
            return where, max(unique, key=len)
    raise AssertionError(f"no claim in {tree} has a word of its own")


def bilingual(site: Site) -> str:
    """The first investigation published in Romanian too."""
    return next(s for s in site.investigations if (site.folder / "ro" / s / "claims").is_dir())


def claims_of(site: Site, language: str) -> Path:
    tree = site.folder / "ro" if language == "ro" else site.folder
    return tree / bilingual(site) / "claims" / "index.html"


def test_a_claims_own_word_finds_that_claim_in_each_language(site, page):
    trees = {"en": site.folder, "ro": site.folder / "ro"}
    checked = []
    for language, tree in trees.items():
        where, word = own_word(tree)
        prefix = "" if language == "en" else "ro/"
        home = site.url.rstrip("/") + "/" + prefix + bilingual(site) + "/"
        hrefs = search(page, home, word)
        page_part, anchor = where.rsplit("#", 1)
        expected = site.url.rstrip("/") + "/" + prefix + page_part.removesuffix("index.html")
        # words sharing its stem may come first (Pagefind stems each language's words)
        found = [h for h in hrefs if h.split("?")[0] == expected and h.endswith(f"#{anchor}")]
        assert found, (language, word, hrefs)
        assert f"highlight={quote(plain(word))}" in found[0]
        checked.append(language)
    assert "en" in checked and "ro" in checked, checked


def test_the_status_filter_keeps_that_status_only(site, page):
    for language, prefix in (("en", ""), ("ro", "ro/")):
        claims = claims_of(site, language)
        document = BeautifulSoup(claims.read_text("utf-8"), "html.parser")
        badges = Counter(
            " ".join(entry.select_one(".badge").get_text().split())
            for entry in document.select("article.entry.claim[id]")
        )
        status, _ = badges.most_common()[-1]  # the rarest: every other status is left out
        tree = site.folder / prefix
        expected = 0
        for file in tree.rglob("*.html"):
            if language == "en" and file.relative_to(tree).parts[0] == "ro":
                continue
            page_html = BeautifulSoup(file.read_text("utf-8"), "html.parser")
            for entry in page_html.select("article.entry[id], section.entry[id]"):
                badge = entry.select_one(".badge")
                expected += bool(badge and " ".join(badge.get_text().split()) == status)
        page.goto(site.url.rstrip("/") + "/" + prefix + bilingual(site) + "/")
        page.keyboard.press("/")
        open_filters(page)
        select = ".explainer-search__filters select[name=status]"
        page.wait_for_selector(select, state="visible", timeout=10_000)
        labels = page.locator(f"{select} option").all_text_contents()
        assert any(label.startswith(f"{status} (") for label in labels), (language, labels)
        page.select_option(select, status)
        assert settled(
            page, f"() => document.querySelectorAll('{RESULTS}').length > 0", None, 10_000
        ), (language, status)
        kinds = page.locator(".explainer-search__kind").all_text_contents()
        assert kinds and all(kind.endswith(f" · {status}") for kind in kinds), kinds
        summary = page.locator(".explainer-search .md-search-result__meta").text_content()
        assert str(expected) in summary or (expected == 1 and summary), (summary, expected)
        assert len(kinds) == min(expected, 20), (language, status, kinds, expected)


def open_filters(page) -> None:
    """Open the filter panel with the keyboard, as a reader without a mouse does."""
    page.focus(f"{PANEL} summary")
    page.keyboard.press("Enter")
    assert settled(page, f"() => document.querySelector('{PANEL}').open")


def test_filters_are_fetched_only_when_their_panel_opens(site, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for prefix, label in (("", "Filters"), ("ro/", "Filtre")):
        _, word = own_word(site.folder / prefix)
        search(page, site.url.rstrip("/") + "/" + prefix + bilingual(site) + "/", word)
        page.wait_for_load_state("networkidle")
        assert any("/pagefind/index/" in url for url in requested), "no index fetched"
        filters = [url for url in requested if "/pagefind/filter/" in url]
        assert not filters, f"a plain query fetched the filters: {filters}"
        summary = page.locator(f"{PANEL} summary")
        assert summary.is_visible() and summary.text_content().strip() == label
        assert not page.locator(f"{PANEL} select").count(), "the panel was filled unopened"
        open_filters(page)
        page.wait_for_selector(f"{PANEL} select[name=status]", state="visible", timeout=10_000)
        assert [url for url in requested if "/pagefind/filter/" in url]
        requested.clear()
        page.keyboard.press("Escape")


def test_a_claims_excerpt_starts_with_its_statement(site, page):
    texts = entry_texts(site.folder)
    counts = Counter(w for _, text in texts for w in {w.lower() for w in WORD.findall(text)})
    claims = claims_of(site, "en")
    document = BeautifulSoup(claims.read_text("utf-8"), "html.parser")
    for sup in document.select("sup"):
        sup.decompose()
    # a claim with a word of its own in its statement (not in its sources' titles)
    claim, word = next(
        (claim, unique[-1])
        for claim in document.select("article.entry.claim[id]")
        for unique in [
            sorted(
                (
                    w
                    for w in WORD.findall(claim.select_one(".entry__status + p").get_text())
                    if counts[w.lower()] == 1
                ),
                key=len,
            )
        ]
        if unique
    )
    anchor = claim["id"]
    status = " ".join(claim.select_one(".entry__status").get_text().split())
    search(page, site.url.rstrip("/") + "/" + bilingual(site) + "/", word.lower())
    link = page.locator(f"{RESULTS}[href$='#{anchor}']").first
    excerpt = " ".join(link.locator("p").last.text_content().split())
    statement = " ".join(claim.select_one(".entry__status + p").get_text().split())
    assert not excerpt.startswith(status.split()[0]), (excerpt, status)
    assert excerpt[:20] in statement, (excerpt, statement[:200])


def test_keyboard_only_opens_a_result_at_its_entry_after_instant_navigation(site, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    where, word = own_word(site.folder)
    page.goto(site.page_url(site.overview))
    page.evaluate("window.__noReload = true")
    # a click on a link of the page, which the theme's instant navigation takes over
    page.evaluate("() => document.querySelector(\"main a[href$='claims/']\").click()")
    page.wait_for_url(site.page_url(site.claims))
    # the new content in place (the address changes before the theme swaps it in)
    assert settled(page, "() => document.querySelector('main article.entry.claim') !== null")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__noReload === true"), "the click reloaded the page"
    search(page, "", word)
    page.keyboard.press("ArrowDown")
    target = page.evaluate("() => document.activeElement.href")
    assert target.endswith("#" + where.rsplit("#", 1)[1]), target
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "highlight=" in page.url
    assert settled(page, "() => document.querySelector('mark.pagefind-highlight') !== null"), (
        "the words searched for are not marked on the page"
    )
    page.keyboard.press("/")  # the page's handlers may still be settling after navigation
    assert settled(page, "() => document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert settled(page, "() => !document.getElementById('__search').checked")
    outside = [u for u in requested if u.startswith("http") and urlhost(u) != site.host]
    assert not outside, outside


def urlhost(url: str) -> str:
    return url.split("/")[2]


def test_axe_finds_nothing_with_results_open_light_or_dark(site, page):
    _, word = own_word(site.folder)
    search(page, site.page_url(site.overview), word)
    problems = []
    first = colour_scheme(page)
    for scheme in (first, "slate" if first == "default" else "default"):
        # the attribute the palette toggle sets: its control is under the open dialog
        page.evaluate(
            "scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme
        )
        page.wait_for_timeout(600)  # the theme's colour transition
        results = Axe().run(page, options=OPTIONS)
        problems += [describe(f"search ({scheme})", v) for v in results.response["violations"]]
    assert not problems, "\n".join(problems)
