"""Search: what a reader's browser fetches for a first and a second query, and what the index
costs to build.

Usage: python -m bench.search SITE_DIR [--query WORD --query WORD2]

SITE_DIR is a built site (``./dev site`` writes site/; a synthetic one: ``python -m
tests.support.synthetic --events 1000`` then ``python -m generator build --site-dir ...`` on a
project holding it). The script indexes the site again (the time and bundle size of
``generator.search_index.build``), serves it on 127.0.0.1, opens the first investigation's
overview in Chromium, types each query into the search dialog and adds up the bytes of every
response under ``pagefind/`` until the results show; the second query's bytes are what it
fetched beyond the first's.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
import time
from itertools import pairwise
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator import search_index

RESULTS = ".explainer-search .md-search-result__link"


def bundle_bytes(site: Path) -> dict[str, int]:
    return {
        str(tree.relative_to(site)) or ".": sum(
            p.stat().st_size for p in (tree / "pagefind").rglob("*") if p.is_file()
        )
        for tree, _ in search_index.language_trees(site)
    }


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        """No line per request."""


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def query_bytes(url: str, queries: list[str]) -> list[int]:
    fetched: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on(
            "response",
            lambda r: fetched.append(len(r.body())) if "/pagefind/" in r.url else None,
        )
        page.goto(url)
        page.wait_for_load_state("networkidle")
        totals = []
        for word in queries:
            page.keyboard.press("/")
            page.keyboard.press("Control+A")
            page.keyboard.type(word, delay=20)
            page.wait_for_function(
                f"w => [...document.querySelectorAll('{RESULTS}')].some("
                "l => decodeURIComponent(l.href).includes('highlight=' + w))",
                arg=word,
                timeout=30_000,
            )
            page.wait_for_load_state("networkidle")
            totals.append(sum(fetched))
            page.keyboard.press("Escape")
        browser.close()
    return [totals[0]] + [b - a for a, b in pairwise(totals)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", default=None)
    args = parser.parse_args()
    site = args.site.resolve()
    queries = args.query or ["election", "court"]
    start = time.perf_counter()
    records = search_index.build(site)
    seconds = time.perf_counter() - start
    server, url = serve(site)
    story = next(p.parent.parent.name for p in sorted(site.glob("*/claims/index.html")))
    try:
        first, *others = query_bytes(url + story + "/", queries)
    finally:
        server.shutdown()
    print(f"records: {records}; index build: {seconds:.1f} s")
    for tree, size in bundle_bytes(site).items():
        print(f"bundle {tree}: {size / 1024:.0f} KB")
    print(f"first query ({queries[0]}): {first / 1024:.0f} KB")
    for word, size in zip(queries[1:], others, strict=True):
        print(f"next query ({word}): {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
