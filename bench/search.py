"""Search: what a reader's browser fetches for a first and a second query, and what the index
costs to build.

Usage: python -m bench.search SITE_DIR [--query WORD --query WORD2]

SITE_DIR is a built site (``./dev site`` writes site/; a synthetic one: ``python -m
tests.support.synthetic --events 1000`` then ``python -m generator build --site-dir ...`` on a
project holding it). The script indexes the site again (the time and bundle size of
``generator.search_index.build``), serves it on 127.0.0.1, opens the first investigation's
overview in Chromium, types each query into the search dialog and adds up the bytes of every
response under ``pagefind/`` until the results show; the second query's bytes are what it
fetched beyond the first's, and the filter panel's what opening it fetches after the queries.

It lists what the first query fetched, file by file: the bytes as served (what a server that
compresses nothing sends, as here) and, for the engine's JavaScript, which Pagefind does not
compress itself, its gzip size too (what a host that compresses text, such as GitHub Pages,
sends). Pagefind's own files (``.pf_*``, the WebAssembly) are gzip already and count the same.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator import search_index

RESULTS = ".explainer-search .md-search-result__link"
PANEL = ".explainer-search__panel summary"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Fetched:
    """One response under ``pagefind/``: its file, its bytes as served and gzipped."""

    name: str
    size: int
    wire: int

    @classmethod
    def of(cls, url: str, body: bytes) -> Fetched:
        name = url.split("/pagefind/", 1)[1].split("?")[0]
        wire = len(body) if body[:2] == GZIP_MAGIC else len(gzip.compress(body, 9))
        return cls(name, len(body), wire)

    @property
    def part(self) -> str:
        """What the file is, in the words of the breakdown."""
        if self.name in {"pagefind.js", "pagefind-worker.js", "pagefind-highlight.js"}:
            return "engine " + self.name
        if self.name.startswith("wasm."):
            return "engine WebAssembly"
        if self.name.endswith(".pf_meta"):
            return "metadata (one entry per record)"
        return {
            "pagefind-entry.json": "entry file",
            "filter": "filter files",
            "index": "index chunks",
            "fragment": "fragments (the results shown)",
        }.get(self.name.split("/")[0], self.name)


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


def query_bytes(url: str, queries: list[str]) -> list[list[Fetched]]:
    """What each query fetched beyond the ones before it, then what opening the filter panel
    fetched."""
    fetched: list[Fetched] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()

        def seen(response) -> None:
            if "/pagefind/" in response.url:
                fetched.append(Fetched.of(response.url, response.body()))

        page.on("response", seen)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        steps: list[list[Fetched]] = []
        for word in queries:
            page.evaluate("() => document.activeElement.blur()")
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
            steps.append(fetched[:])
            fetched.clear()
            page.keyboard.press("Escape")
        # "/" opens search from the page, not from its field, where Escape left the focus
        page.evaluate("() => document.activeElement.blur()")
        page.keyboard.press("/")
        if page.locator(PANEL).is_visible():  # a site built before the panel has none
            page.click(PANEL)
            page.wait_for_selector(".explainer-search__filters select", timeout=60_000)
            page.wait_for_load_state("networkidle")
        steps.append(fetched[:])
        browser.close()
    return steps


def breakdown(files: list[Fetched]) -> list[str]:
    """One line per part (files of one kind together), largest first, then the total."""
    parts: dict[str, list[Fetched]] = defaultdict(list)
    for file in files:
        parts[file.part].append(file)
    lines = []
    for part, found in sorted(parts.items(), key=lambda p: -sum(f.size for f in p[1])):
        size, wire = sum(f.size for f in found), sum(f.wire for f in found)
        largest = max(f.size for f in found)
        lines.append(
            f"  {part}: {len(found)} file(s), {size / 1024:.1f} KB as served, "
            f"{wire / 1024:.1f} KB gzipped (largest {largest / 1024:.1f} KB)"
        )
    size, wire = sum(f.size for f in files), sum(f.wire for f in files)
    lines.append(f"  total: {size / 1024:.1f} KB as served, {wire / 1024:.1f} KB gzipped")
    return lines


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
        *steps, panel = query_bytes(url + story + "/", queries)
    finally:
        server.shutdown()
    print(f"records: {records}; index build: {seconds:.1f} s")
    for tree, size in bundle_bytes(site).items():
        print(f"bundle {tree}: {size / 1024:.0f} KB")
    for number, (word, files) in enumerate(zip(queries, steps, strict=True)):
        print(f"{'first' if number == 0 else 'next'} query ({word}):")
        print("\n".join(breakdown(files)))
    print("opening the filter panel:")
    print("\n".join(breakdown(panel)))


if __name__ == "__main__":
    main()
