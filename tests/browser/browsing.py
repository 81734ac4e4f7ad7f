"""What the browser tests share: the built site's pages, a network and console recorder, and
helpers that draw every chart on a page and report what each one looks like."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.sitetools import soup

# Long enough for plotly.js (up to 4.8 MB) to load and parse on a busy two-core machine.
CHART_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class SitePage:
    """One HTML page of the built site: its URL path (``slug/claims/``) and its charts' ids."""

    path: str
    file: Path
    charts: tuple[str, ...]

    def __str__(self) -> str:
        return "/" + self.path


@dataclass
class Site:
    """The built site as the server on 127.0.0.1 exposes it."""

    url: str
    folder: Path
    investigations: list[str]
    pages: list[SitePage] = field(default_factory=list)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    def page_url(self, page: SitePage | str) -> str:
        return urljoin(self.url, page.path if isinstance(page, SitePage) else page)

    def find(self, path: str) -> SitePage:
        return next(page for page in self.pages if page.path == path)

    @property
    def chart_pages(self) -> list[SitePage]:
        return [page for page in self.pages if page.charts]

    @property
    def overview(self) -> SitePage:
        """The first investigation's overview: where a reader usually lands."""
        return self.find(f"{self.investigations[0]}/")

    def overview_of(self, page: SitePage) -> SitePage:
        """The overview of the page's investigation, in the page's language (``ro/slug/``)."""
        parts = page.path.split("/")
        slug = next(i for i, part in enumerate(parts) if part in self.investigations)
        return self.find("/".join(parts[: slug + 1]) + "/")

    @property
    def claims(self) -> SitePage:
        return self.find(f"{self.investigations[0]}/claims/")

    @property
    def chart_page(self) -> SitePage:
        """The first page (in the sitemap's order) of the first investigation with a chart,
        past its overview, which leaves its timeline's picture to the Timeline page on a phone."""
        own = [
            p
            for p in self.chart_pages
            if p.path.startswith(f"{self.investigations[0]}/")
            and p.path != f"{self.investigations[0]}/"
        ]
        assert own, "the investigation has no page with a chart"
        return own[0]

    @classmethod
    def read(cls, url: str, folder: Path, investigations: list[str]) -> Site:
        """Every HTML page of the built site, in the sitemaps' order, then the others (404)."""
        order = [
            urlsplit(loc).path.lstrip("/")
            for sitemap in sorted(folder.rglob("sitemap.xml"))  # one per language
            for loc in re.findall(r"<loc>(.*?)</loc>", sitemap.read_text(encoding="utf-8"))
        ]
        pages = []
        for file in sorted(folder.rglob("*.html")):
            relative = file.relative_to(folder).as_posix()
            path = relative.removesuffix("index.html") if file.name == "index.html" else relative
            charts = tuple(
                figure["id"] for figure in soup(file).select("figure.chart[data-chart-src]")
            )
            pages.append(SitePage(path, file, charts))

        def position(page: SitePage) -> tuple[int, str]:
            return (order.index(page.path) if page.path in order else len(order), page.path)

        return cls(url, folder, investigations, sorted(pages, key=position))


class Recorder:
    """Everything the browser asked for and complained about, in one browser context."""

    def __init__(self, context: BrowserContext, site: Site):
        self.site = site
        self.hosts: dict[str, str] = {}  # host -> first URL requested from it
        self.problems: list[str] = []
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfailed", self._failed)
        context.on("console", self._console)
        context.on("page", self._page)
        for page in context.pages:
            self._page(page)

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        host = parts.netloc or parts.scheme
        self.hosts.setdefault(host, request.url)
        if host != self.site.host:
            self.problems.append(f"request to another host: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def _failed(self, request) -> None:
        # Aborted: cancelled by the browser, as when the test moves on to the next page while a
        # request is in flight (a missing file still shows as its HTTP status).
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed ({request.failure}): {request.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.problems.append(f"console error: {message.text} [{where}]")

    def _page(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def foreign_hosts(self) -> dict[str, str]:
        return {host: url for host, url in self.hosts.items() if host != self.site.host}

    def take(self) -> list[str]:
        """The problems seen since the last call."""
        problems, self.problems = self.problems, []
        return problems


# A chart's state as a reader sees it: drawn or not, how many marks, where, in which colours.
_CHART_REPORT = r"""
(figure) => {
  const canvas = figure.querySelector(".chart__canvas");
  const svgs = canvas ? Array.from(canvas.querySelectorAll("svg.main-svg")) : [];
  const svg = svgs[0] || null;
  const marks = canvas ? Array.from(canvas.querySelectorAll(
      "g.trace path, g.sankey path, g.sankey rect"))
    .filter((mark) => {
      if (mark.matches("path") && !/[1-9]/.test(mark.getAttribute("d") || "")) return false;
      const box = mark.getBBox();
      return box.width > 0 || box.height > 0;
    }).length : 0;
  const box = figure.getBoundingClientRect();
  const drawn = svgs.map((element) => element.getBoundingClientRect());
  // the first text a reader sees: flows and networks hide Plotly's own labels (fully
  // transparent) and write the names as annotations, which Plotly puts in its upper layer
  const seen = (text) => {
    const style = getComputedStyle(text);
    return Number(style.fillOpacity) > 0 && !/^rgba\(.*,\s*0\)$/.test(style.fill);
  };
  const label = svgs.flatMap((layer) => [...layer.querySelectorAll("text")]).find(seen) || null;
  return {
    id: figure.id,
    state: figure.dataset.chartState || "",
    svg: Boolean(svg),
    marks: marks,
    figure_left: box.left,
    figure_right: box.right,
    drawing_left: drawn.length ? Math.min(...drawn.map((r) => r.left)) : box.left,
    drawing_right: drawn.length ? Math.max(...drawn.map((r) => r.right)) : box.right,
    viewport: document.documentElement.clientWidth,
    background: svg ? getComputedStyle(svg).backgroundColor : "",
    text: label ? getComputedStyle(label).fill : "",
    page_background: getComputedStyle(document.body).backgroundColor,
    page_text: getComputedStyle(figure).color,
  };
}
"""


@dataclass
class ChartReport:
    id: str
    state: str
    svg: bool
    marks: int
    figure_left: float
    figure_right: float
    drawing_left: float
    drawing_right: float
    viewport: float
    background: str
    text: str
    page_background: str
    page_text: str

    def drawn_problem(self) -> str | None:
        if self.state != "drawn":
            return f"#{self.id} did not draw (state {self.state or 'untouched'!r})"
        if not self.svg:
            return f"#{self.id} has no SVG"
        if self.marks == 0:
            return f"#{self.id} has an SVG but no marks"
        return None

    def colour_problem(self) -> str | None:
        if rgb(self.background) != rgb(self.page_background):
            return f"#{self.id} background {self.background} != page {self.page_background}"
        if rgb(self.text) != rgb(self.page_text):
            return f"#{self.id} text {self.text} != page text {self.page_text}"
        return None

    def overflow_problem(self) -> str | None:
        if (
            self.drawing_left < self.figure_left - 0.5
            or self.drawing_right > self.figure_right + 0.5
        ):
            return (
                f"#{self.id} drawing spans {self.drawing_left:.0f}-{self.drawing_right:.0f} px, "
                f"its figure {self.figure_left:.0f}-{self.figure_right:.0f} px"
            )
        if self.figure_right > self.viewport + 0.5:
            return f"#{self.id} figure ends at {self.figure_right:.0f} px, past {self.viewport} px"
        return None


def rgb(colour: str) -> tuple[int, ...]:
    """The red, green and blue of a computed CSS colour (``rgb(...)`` or ``rgba(...)``)."""
    numbers = re.findall(r"[\d.]+", colour)
    return tuple(round(float(n)) for n in numbers[:3])


SHOWN_CHARTS = "figure.chart[data-chart-src]:visible"


def chart_reports(page: Page) -> list[ChartReport]:
    figures = page.locator(SHOWN_CHARTS)
    return [ChartReport(**figures.nth(i).evaluate(_CHART_REPORT)) for i in range(figures.count())]


def draw_charts(page: Page) -> list[ChartReport]:
    """Scroll each chart into view and point at it, as a reader would, and wait until it has
    drawn or failed (a chart shown as its static picture draws when the reader points at it).
    A chart the page does not show at this width (the overview's timeline on a phone) is none a
    reader can reach."""
    figures = page.locator(SHOWN_CHARTS)
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        figure.locator(".chart__canvas").hover()
        page.wait_for_function(
            "figure => ['drawn', 'failed'].includes(figure.dataset.chartState)",
            arg=figure.element_handle(),
            timeout=CHART_TIMEOUT_MS,
        )
    page.evaluate("window.scrollTo(0, 0)")
    at_rest(page)  # back at the top, the header swaps the page title for the site's, fading
    return chart_reports(page)


def at_rest(page: Page) -> None:
    """Wait until the page has reacted to what was just done (two frames) and no transition
    or animation runs: a colour caught mid-fade is not the colour a reader sees."""
    page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    page.wait_for_function(
        "() => document.getAnimations().every((animation) => animation.playState !== 'running')"
    )


# True once every drawn chart has the page's background (the loader re-themes charts when the
# reader switches the palette).
THEMED = """() => Array.from(document.querySelectorAll("figure.chart .svg-container svg.main-svg"))
  .filter((svg) => svg === svg.parentElement.querySelector("svg.main-svg"))  // the drawing's own
  .every((svg) => getComputedStyle(svg).backgroundColor
                  === getComputedStyle(document.body).backgroundColor)"""


def colour_scheme(page: Page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def switch_palette(page: Page, scheme: str) -> None:
    """Click the header's palette toggle (as a reader does) until the page shows ``scheme``."""
    for _ in range(3):  # one click per palette the toggle cycles through
        if colour_scheme(page) == scheme:
            return
        before = colour_scheme(page)
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(
            "before => document.body.getAttribute('data-md-color-scheme') !== before", arg=before
        )
    assert colour_scheme(page) == scheme, f"the palette toggle never reached {scheme!r}"
    at_rest(page)  # colours fade from one palette to the other


def settled(page: Page, condition: str, arg=None, timeout_ms: float = 5_000) -> bool:
    """Wait until a JavaScript function returns true; False (not an exception) if it never does.

    Always a function (``"() => ..."``), never a bare expression: Playwright evaluates those with
    ``eval``, which the site's Content-Security-Policy (rightly) refuses.
    """
    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        return False
    return True
