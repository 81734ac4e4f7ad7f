"""What a reader downloads, page by page, beside the common ways to embed charts.

Usage: python bench/page_weight.py [--site site] [--results bench/RESULTS.md]

Every kind of page (home, overview, a narrative page, timeline, claims, who's who, sources,
methodology, data) is measured in Debian's Chromium, scrolled to the end (charts without a
static picture draw then), then with every chart made interactive (pointed at), and every
response is recorded (bytes as served, and gzipped at level 6 as a static
host would).
The comparisons embed the same Plotly figures the way most sites do: ``fig.to_html`` with
plotly.js inlined in every chart, and ``fig.to_html`` loading plotly.js from its CDN. Those are
computed from the files (the CDN cannot be reached here; its script is the same plotly.min.js
that the plotly package ships, so its size is that file's).
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import update_section  # noqa: E402
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.serve import serve  # noqa: E402


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Weight:
    label: str
    requests: int = 0
    raw: int = 0
    gzip: int = 0
    hosts: set[str] = field(default_factory=set)
    gzip_interactive: int | None = None  # with every chart made interactive (plotly.js drawn)

    def add(self, url: str, body: bytes) -> None:
        self.requests += 1
        self.raw += len(body)
        self.gzip += gz(body)
        self.hosts.add(urlsplit(url).hostname or "")


def measure_in_browser(site: Path, pages: list[tuple[str, str]], port: int = 0) -> list[Weight]:
    from playwright.sync_api import sync_playwright

    weights = []
    with serve(site, port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, path in pages:
            weight = Weight(label)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            bodies: list[tuple[str, bytes]] = []

            def record(response, bodies=bodies):
                try:
                    bodies.append((response.url, response.body()))
                except Exception:  # redirects and aborted requests have no body
                    bodies.append((response.url, b""))

            page.on("response", record)
            page.goto(base + path, wait_until="networkidle")
            height = page.evaluate("document.body.scrollHeight")
            for y in range(0, height + 900, 600):
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(150)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            for url, body in bodies:
                weight.add(url, body)
            read = len(bodies)
            if reach_for_charts(page):
                page.wait_for_load_state("networkidle")
                weight.gzip_interactive = weight.gzip + sum(gz(body) for _, body in bodies[read:])
            context.close()
            weights.append(weight)
        browser.close()
    return weights


def reach_for_charts(page) -> bool:
    """Point at every chart as a reader reaching for it would, until each has drawn (or failed);
    False if the page has none."""
    figures = page.locator("figure.chart[data-chart-src]")
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.locator(".chart__canvas").hover()
        page.wait_for_function(
            "figure => ['drawn', 'failed'].includes(figure.dataset.chartState)",
            arg=figure.element_handle(),
            timeout=60_000,
        )
    return figures.count() > 0


def common_embeddings(site: Path, chart_page: str) -> list[Weight]:
    """The chart page's text plus its figures embedded with fig.to_html, two common ways."""
    import plotly
    import plotly.graph_objects as go
    from bs4 import BeautifulSoup

    plotly_js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    html_file = site / chart_page / "index.html"
    document = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
    figures = []
    for element in document.select("figure.chart[data-chart-src]"):
        spec = json.loads((html_file.parent / element["data-chart-src"]).read_text("utf-8"))
        figures.append(go.Figure(spec))
        element.decompose()
    base_html = str(document).encode("utf-8")
    results = []
    for label, include, extra_host in (
        ("fig.to_html with plotly.js inlined in each", True, None),
        ("fig.to_html with plotly.js from the CDN", "cdn", "cdn.plot.ly"),
    ):
        weight = Weight(f"{chart_page}: same charts, {label}")
        snippets = "".join(
            fig.to_html(full_html=False, include_plotlyjs=include) for fig in figures
        ).encode("utf-8")
        weight.add("http://127.0.0.1/page", base_html + snippets)
        if extra_host:
            weight.add(f"https://{extra_host}/plotly.min.js", plotly_js)
        weight.gzip_interactive = weight.gzip  # every chart draws on load
        results.append(weight)
    return results


def chart_page_of(site: Path) -> str:
    """The page with the most charts (the data page of the first investigation), preferring
    the default language's page (at the root) to its translations (under /<language>/)."""
    best, key = "", None
    for html in sorted(site.rglob("index.html")):
        found = html.read_text("utf-8").count('class="chart chart--')
        relative = html.parent.relative_to(site)
        if key is None or (found, -len(relative.parts)) > key:
            best, key = relative.as_posix() + "/", (found, -len(relative.parts))
    return best


def table(weights: list[Weight]) -> str:
    lines = [
        "| page | requests | bytes | gzip bytes | gzip bytes, every chart made interactive "
        "| hosts contacted |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for w in weights:
        hosts = ", ".join(sorted(h for h in w.hosts if h)) or "-"
        interactive = "-" if w.gzip_interactive is None else f"{w.gzip_interactive:,}"
        lines.append(
            f"| {w.label} | {w.requests} | {w.raw:,} | {w.gzip:,} | {interactive} | {hosts} |"
        )
    return "\n".join(lines)


SECTIONS = (
    ("timeline", "timeline"),
    ("claims", "claims"),
    ("who's who", "actors"),
    ("sources", "sources"),
    ("methodology", "methodology"),
    ("data", "data"),
)


def chart_count(html: Path) -> int:
    return html.read_text("utf-8").count('class="chart chart--')


def _charts(count: int) -> str:
    return f" ({count} chart{'s' * (count != 1)})" if count else ""


def page_kinds(site: Path, slug: str) -> list[tuple[str, str]]:
    """(label, path) of every kind of page of one investigation, and the home page."""
    folder = site / slug
    known = {name for _, name in SECTIONS} | {"charts", "data"}
    narrative = sorted(
        p.parent.name
        for p in folder.glob("*/index.html")
        if p.parent.name not in known and p.parent.name != "ro"
    )
    pages = [("home", ""), ("overview", f"{slug}/")]
    if narrative:  # the narrative page with the most charts
        name = max(narrative, key=lambda n: (chart_count(folder / n / "index.html"), n))
        charts = chart_count(folder / name / "index.html")
        details = f"{name}, {_charts(charts)[2:-1]}" if charts else name
        pages.append((f"narrative page ({details})", f"{slug}/{name}/"))
    for label, name in SECTIONS:
        html = folder / name / "index.html"
        if html.exists():
            charts = chart_count(html)
            pages.append((f"{label}{_charts(charts)}", f"{slug}/{name}/"))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument(
        "--port", type=int, default=0, help="serve here: the port of the site's SITE_URL"
    )
    args = parser.parse_args(argv)
    site = Path(args.site)
    slug = next(p.parent.parent.name for p in sorted(site.glob("*/claims/index.html")))
    chart_page = chart_page_of(site)
    kinds = page_kinds(site, slug)
    weights = measure_in_browser(site, kinds, args.port)
    charts = chart_count(site / chart_page / "index.html")
    narrative = [path for label, path in kinds if label.startswith("narrative page")]
    for page in [chart_page, *narrative]:
        if chart_count(site / page / "index.html"):
            weights += common_embeddings(site, page)
    body = (
        "Measured by `python bench/page_weight.py` (part of `python -m bench`) on the built "
        "site: every response Chromium received while the page was scrolled to its end, for the "
        "home page and each kind of page of the shipped investigation. A chart the build drew "
        "as a static picture loads nothing more until the reader reaches for it; the next "
        "column adds what the page loads when the reader points at every chart (plotly.js and "
        "the figures); a chart without a picture draws when scrolled to. Gzip sizes are each "
        "body compressed at level 6, as a static host serves them. The comparison rows embed "
        f"the figures of the page with the most charts ({chart_page}, {charts} charts), and of "
        "the narrative page, with `fig.to_html`, the common way (plotly.js inlined, or from "
        "its CDN as mkdocs-plotly-plugin loads it): every chart interactive on load. "
        "plotly.js is the site's own bundle of exactly the trace types its charts draw "
        "(`./dev` builds it with esbuild, see generator/charts/bundles.py), loaded once per "
        "page; before it, the official basic and full bundles made the data page with every "
        "chart interactive 1,970,357 bytes gzip (1.32x the CDN row).\n\n" + table(weights) + "\n\n"
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}."
    )
    update_section(Path(args.results), "Page weight", body)
    print(table(weights))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
