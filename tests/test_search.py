"""The search index as the build writes it: one Pagefind bundle per language, each claim (and
event, actor, relation, source, dataset) a record of its own at ``page#id`` with its kind,
status in the page's language, investigation by title, and the same bytes for the same site
whatever order Pagefind left its filters in."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import shutil
from pathlib import Path

import pytest

from generator import search_bundle
from tests.sitetools import html_pages, soup


@pytest.fixture
def site(stories_site) -> Path:
    return stories_site


def trees(site: Path) -> dict[str, Path]:
    return {"en": site, "ro": site / "ro"}


def records_by_url(bundle: Path) -> dict[str, dict]:
    return {record["url"]: record for record in search_bundle.fragments(bundle)}


def test_each_language_has_its_own_bundle_and_the_theme_none(site):
    for language, tree in trees(site).items():
        entry = json.loads((tree / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        assert list(entry["languages"]) == [language]
        for url in records_by_url(tree / "pagefind"):
            assert not url.startswith("/ro/"), f"a Romanian page in the {language} bundle: {url}"
    assert not list(site.rglob("search_index.json")), "the theme's lunr index is still built"
    assert not list(site.rglob("pagefind-ui.js")), "Pagefind's unused interface is shipped"


@pytest.mark.parametrize("language", ["en", "ro"])
def test_every_claim_is_a_record_with_its_status_and_investigation(site, language):
    tree = trees(site)[language]
    records = records_by_url(tree / "pagefind")
    claims_pages = sorted(tree.glob("*/claims/index.html"))
    assert claims_pages
    for page in claims_pages:
        story = page.parent.parent.name
        title = " ".join(soup(tree / story / "index.html").h1.find(string=True).split())
        document = soup(page)
        claims = document.select("article.entry.claim[id]")
        assert claims, page
        for claim in claims:
            record = records.get(f"/{story}/claims/#{claim['id']}")
            assert record, f"{language}: claim {claim['id']} of {story} is no record"
            badge = " ".join(claim.select_one(".badge").get_text().split())
            assert record["filters"]["kind"] == ["claim"]
            assert record["filters"]["status"] == [badge]  # in the page's language
            assert record["filters"]["investigation"] == [title]
            statement = claim.select_one("p:not(.entry__status)").get_text(" ")
            first_words = " ".join(statement.split()[:6])
            assert first_words in record["content"], (claim["id"], record["content"][:120])
    statuses = {v for r in records.values() for v in r["filters"].get("status", [])}
    english = {"Confirmed", "Alleged", "Disputed", "Denied", "Reported", "Unverified"}
    if language == "ro":
        assert statuses and not statuses & english, statuses


def test_a_claims_record_starts_with_its_statement_and_ends_with_its_status(site):
    """The excerpt of a claim found by its words is taken from the start of its record: the
    statement, not the status its result's badge already shows; who says so stays searchable."""
    records = records_by_url(site / "pagefind")
    document = soup(site / "romania-2024" / "claims" / "index.html")
    checked = 0
    for claim in document.select("article.entry.claim[id]"):
        for sup in claim.select("sup"):
            sup.decompose()
        record = records[f"/romania-2024/claims/#{claim['id']}"]
        statement = " ".join(claim.select_one(".entry__status + p").get_text().split())
        status_line = " ".join(claim.select_one(".entry__status").get_text().split())
        assert record["content"].startswith(statement[:40]), (claim["id"], record["content"][:80])
        assert record["content"].endswith(status_line), (claim["id"], record["content"][-80:])
        assert record["meta"]["title"].startswith(statement[:40])
        checked += 1
    assert checked


def test_each_entry_is_one_record_on_its_own_page(site):
    """An entry shown on several pages (an event on the timeline and on the overview) is one
    record, at the page that holds its entry: the metadata a first query reads grows with
    every record."""
    for tree in trees(site).values():
        urls = list(records_by_url(tree / "pagefind"))
        anchors = [url.split("#", 1)[1] for url in urls if "#" in url]
        assert len(anchors) == len(set(anchors)), [a for a in anchors if anchors.count(a) > 1]
        kinds = {url.split("#", 1)[1].split("-", 1)[0] for url in urls if "#" in url}
        assert {"claim", "event", "actor", "source"} <= kinds, kinds
        holders = set()
        for page in sorted(tree.rglob("*/index.html")):
            if tree.name != "ro" and page.relative_to(tree).parts[0] == "ro":
                continue
            document = soup(page)
            if document.select_one('meta[name="robots"][content="noindex"]'):
                continue
            folder = page.parent.relative_to(tree).as_posix()
            for entry in document.select("article.entry[id], section.entry[id]"):
                holders.add(f"/{folder}/#{entry['id']}")
        assert {url for url in urls if "#" in url} == holders


def test_an_entrys_list_of_sources_is_left_to_the_sources_own_records(site):
    """A claim's or an event's "Sources:" line repeats the titles of sources, which are
    records of their own: indexed with the claim, a query for a word of a title would show the
    claim's excerpt in its source list rather than in its statement."""
    records = records_by_url(site / "pagefind")
    for page, selector in (
        ("claims", "article.entry.claim[id]"),
        ("timeline", "article.entry.event[id]"),
    ):
        document = soup(site / "romania-2024" / page / "index.html")
        for entry in document.select(selector)[:10]:
            sources = entry.select_one("p[data-search-exclude] a[href*='#source-']")
            assert sources, f"{entry['id']}: no sources line marked for the index to leave out"
            title = " ".join(sources.get_text().split())
            record = records[f"/romania-2024/{page}/#{entry['id']}"]
            assert title not in record["content"], (entry["id"], title)
            assert "https://" not in record["content"], entry["id"]


def test_the_page_records_leave_the_entries_to_their_own(site):
    records = records_by_url(site / "pagefind")
    page = records["/romania-2024/claims/"]
    some_claim = next(r for url, r in records.items() if url.startswith("/romania-2024/claims/#"))
    assert some_claim["content"][:80] not in page["content"]
    assert page["filters"]["kind"] == ["page"]


def test_stabilise_gives_the_same_bytes_whatever_order_pagefind_left(site, tmp_path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(site / "pagefind", bundle)
    before = {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    # what another run of Pagefind may write: each filter's values in another order, the
    # files named after those bytes, the metadata and the entry file naming them
    meta_path = next(bundle.glob("pagefind.*.pf_meta"))
    meta = search_bundle.read(meta_path)
    old_meta = meta_path.name[len("pagefind.") : -len(".pf_meta")]
    renamed = {}
    shuffled = 0
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = search_bundle.read(path)
        order = values[:]
        random.Random(7).shuffle(order)
        shuffled += order != values
        renamed[path.stem] = search_bundle.write(bundle / "filter", "en", 7, [name, order[::-1]])
        if renamed[path.stem] != path.stem:
            path.unlink()
    assert shuffled, "no filter with two values to put in another order"
    meta[3] = [[name, renamed[file]] for name, file in reversed(meta[3])]
    new_meta = search_bundle.write(bundle, "en", 10, meta, "pagefind.", ".pf_meta")
    meta_path.unlink()
    entry = bundle / "pagefind-entry.json"
    entry.write_text(entry.read_text("utf-8").replace(old_meta, new_meta), "utf-8")
    assert {p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file()} != set(before)

    search_bundle.stabilise(bundle)
    after = {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert after == before


def test_the_codec_reads_and_writes_pagefinds_own_bytes(site):
    files = sorted(site.rglob("*.pf_filter")) + sorted(site.rglob("*.pf_meta"))
    assert files
    for path in files:
        body = gzip.decompress(path.read_bytes())[len(search_bundle.SIGNATURE) :]
        assert search_bundle.encode(search_bundle.decode(body)) == body, path
        digits = 7 if path.suffix == ".pf_filter" else 10
        assert path.stem.rsplit("_", 1)[1] == hashlib.sha1(body).hexdigest()[:digits], path


def test_a_bundle_of_another_format_is_refused_by_name(tmp_path):
    path = tmp_path / "en_0000000.pf_filter"
    path.write_bytes(gzip.compress(b"something else"))
    with pytest.raises(search_bundle.BundleFormatError, match="not a Pagefind data file"):
        search_bundle.read(path)
    with pytest.raises(search_bundle.BundleFormatError, match="indefinite"):
        search_bundle.decode(b"\x9f\xff")


def test_without_javascript_search_leads_to_claims_and_sources(site):
    for page in html_pages(site)[:20]:
        dialog = soup(page).select_one(".explainer-search")
        assert dialog, page
        assert dialog.select_one("input[hidden]"), f"{page}: a query field that cannot work"
        links = [a["href"] for a in dialog.select(".explainer-search__browse a")]
        assert any(h.endswith("claims/") for h in links), page
        assert any(h.endswith("sources/") for h in links), page
