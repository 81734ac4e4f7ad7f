"""Network charts as a reader sees them, at a phone's and a desktop's width, in the light and
the dark palette: no label covers another, none is cut off at the chart's edge, none is smaller
than 11 px on the phone, and the interactive chart puts nodes and labels where the picture had
them.

Label boxes are measured in the browser (getBoundingClientRect), in the picture a page shows
first and in the plotly.js chart that replaces it when the reader points at it. A screenshot of
each is saved under test-artifacts/browser/ for a person to look at.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.browsing import CHART_TIMEOUT_MS, at_rest, switch_palette
from tests.browser.test_accessibility import TAGS, describe

WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = {"light": "default", "dark": "slate"}  # mkdocs-material's names for them
SMALLEST_FONT_PX = 11
NETWORK = "figure.chart--network"

# The visible labels of a network figure's drawing, as boxes in page pixels with their font
# size in screen pixels: the picture's text (its hidden focus labels left out), or plotly.js's
# annotations.
LABELS = """figure => {
  const canvas = figure.querySelector('.chart__canvas');
  const texts = [...canvas.querySelectorAll(
    'svg.chart__picture .network__labels text, .annotation-text')]
    .filter(text => text.getBoundingClientRect().width > 0);
  return {
    canvas: canvas.getBoundingClientRect().toJSON(),
    labels: texts.map(text => {
      const box = text.getBoundingClientRect();
      const scale = text.getScreenCTM() ? text.getScreenCTM().a : 1;
      return {text: text.textContent, box: box.toJSON(),
              font: parseFloat(getComputedStyle(text).fontSize) * scale};
    }),
  };
}"""

# Node centres in page pixels, by 'trace:point' key: the picture's markers, or plotly.js's points.
NODES = """figure => {
  const canvas = figure.querySelector('.chart__canvas');
  const origin = canvas.getBoundingClientRect();
  const centre = element => {  // relative to the drawing area, which may have scrolled
    const box = element.getBoundingClientRect();
    return [box.x + box.width / 2 - origin.x, box.y + box.height / 2 - origin.y];
  };
  const picture = [...canvas.querySelectorAll('svg.chart__picture')]
    .find(svg => svg.getBoundingClientRect().width > 0);
  if (picture) {
    return [...picture.querySelectorAll('.network__node')].map(
      node => centre(node.querySelector(':scope > g:not(.network__focus) > *')));
  }
  const meta = canvas._fullLayout.meta.network;
  const traces = canvas.querySelectorAll('.scatterlayer .trace');
  const number = key => key.split(':').map(Number);
  const keys = Object.keys(meta.neighbours).sort(  // the picture's order: by trace, then point
    (a, b) => number(a)[0] - number(b)[0] || number(a)[1] - number(b)[1]);
  return keys.map(key => {
    const [trace, point] = key.split(':').map(Number);
    return centre(traces[trace].querySelectorAll('.point')[point]);
  });
}"""


def _problems(measured: dict, phone: bool) -> list[str]:
    """Overlapping labels, labels past the drawing's edge, labels too small on a phone."""
    labels, canvas = measured["labels"], measured["canvas"]
    problems = []
    for index, label in enumerate(labels):
        box = label["box"]
        for other in labels[index + 1 :]:
            them = other["box"]
            across = min(box["right"], them["right"]) - max(box["left"], them["left"])
            down = min(box["bottom"], them["bottom"]) - max(box["top"], them["top"])
            if across > 0.5 and down > 0.5:
                problems.append(f"{label['text']!r} overlaps {other['text']!r}")
        if (
            box["left"] < canvas["left"] - 0.5
            or box["right"] > canvas["right"] + 0.5
            or box["top"] < canvas["top"] - 0.5
            or box["bottom"] > canvas["bottom"] + 0.5
        ):
            problems.append(f"{label['text']!r} is cut off at the chart's edge")
        if phone and label["font"] < SMALLEST_FONT_PX - 0.05:
            problems.append(f"{label['text']!r} is {label['font']:.1f} px")
    return problems


@dataclass
class Measured:
    labels: list[str]  # the labels' texts, sorted, in the light palette
    problems: list[str]


def _measure(page, figure, where: str, phone: bool) -> Measured:
    """The figure's labels checked in the light and in the dark palette (the page's palette
    toggle, as a reader flips it), the light one left on."""
    problems, labels = [], []
    for shade, scheme in (("dark", "slate"), ("light", "default")):
        switch_palette(page, scheme)
        measured = figure.evaluate(LABELS)
        problems += [f"{where} {shade}: {problem}" for problem in _problems(measured, phone)]
        labels = sorted(label["text"] for label in measured["labels"])
    return Measured(labels, problems)


def _shoot(page, figure, stem) -> None:
    """A screenshot in each palette, the light one left on."""
    for shade, scheme in (("dark", "slate"), ("light", "default")):
        switch_palette(page, scheme)
        figure.screenshot(path=f"{stem}-{shade}.png")


def _network_pages(site):
    return [
        page
        for page in site.chart_pages
        if 'class="chart chart--network"' in page.file.read_text("utf-8")
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_network_labels_neither_overlap_nor_are_cut_off(site, new_context, artifacts, width):
    phone = width == "phone"
    page = new_context(viewport={"width": WIDTHS[width], "height": 900}).new_page()
    pages = _network_pages(site)
    assert pages, "no page shows a network chart"
    problems = []
    for site_page in pages:
        page.goto(site.page_url(site_page))
        figures = page.locator(NETWORK)
        for index in range(figures.count()):
            figure = figures.nth(index)
            name = f"{site_page.path.strip('/').replace('/', '_')}-{index}"
            figure.scroll_into_view_if_needed()
            at_rest(page)
            picture = _measure(page, figure, f"{site_page} picture {width}", phone)
            problems += picture.problems
            assert picture.labels, f"{site_page}: the network picture has no label"
            picture_nodes = figure.evaluate(NODES)
            _shoot(page, figure, artifacts / f"network-{name}-{width}-picture")
            figure.locator(".chart__canvas").hover()
            page.wait_for_function(
                "figure => figure.dataset.chartState === 'drawn'",
                arg=figure.element_handle(),
                timeout=CHART_TIMEOUT_MS,
            )
            page.mouse.move(0, 0)
            at_rest(page)
            drawn = _measure(page, figure, f"{site_page} interactive {width}", phone)
            problems += drawn.problems
            if drawn.labels != picture.labels:
                problems.append(f"{site_page} {width}: the interactive chart labels other nodes")
            for before, after in zip(picture_nodes, figure.evaluate(NODES), strict=True):
                if abs(before[0] - after[0]) > 2 or abs(before[1] - after[1]) > 2:
                    problems.append(f"{site_page} {width}: a node moved from {before} to {after}")
                    break
            _shoot(page, figure, artifacts / f"network-{name}-{width}-interactive")
    assert not problems, "\n".join(problems)


def test_a_node_lights_up_its_neighbourhood_on_focus_and_on_hover(site, page):
    """Keyboard focus on a picture's node shows its links and its neighbours' rings and keeps
    the picture; pointing at a node of the interactive chart draws its links and dims the rest."""
    site_page = _network_pages(site)[0]
    page.goto(site.page_url(site_page))
    figure = page.locator(NETWORK).first
    figure.scroll_into_view_if_needed()
    node = figure.locator("svg.chart__picture:visible .network__node").first
    assert node.get_attribute("aria-label"), "a node without a name for screen readers"
    node.focus()
    at_rest(page)
    lit = node.evaluate(
        "node => [...node.querySelectorAll('.network__focus')]"
        ".map(element => getComputedStyle(element).visibility)"
    )
    assert lit and set(lit) == {"visible"}, f"focus does not light the node up: {lit}"
    assert figure.get_attribute("data-chart-state") is None, "focus replaced the picture"
    figure.locator(".chart__canvas").hover(position={"x": 2, "y": 2})
    page.wait_for_function(
        "figure => figure.dataset.chartState === 'drawn'",
        arg=figure.element_handle(),
        timeout=CHART_TIMEOUT_MS,
    )
    canvas = figure.locator(".chart__canvas")
    key = canvas.evaluate(
        "canvas => Object.entries(canvas._fullLayout.meta.network.neighbours)"
        ".find(([key, others]) => others.length)[0]"
    )
    trace, point = (int(part) for part in key.split(":"))
    box = canvas.locator(".scatterlayer .trace").nth(trace).locator(".point").nth(point)
    box.hover(force=True)
    page.wait_for_function(
        "canvas => canvas.data[canvas._fullLayout.meta.network.highlight].x.length > 0",
        arg=canvas.element_handle(),
        timeout=5_000,
    )
    faded = canvas.evaluate(
        "canvas => canvas.data.filter(t => Array.isArray(t.marker && t.marker.opacity))"
        ".flatMap(t => t.marker.opacity).filter(o => o < 1).length"
    )
    assert faded > 0, "the other nodes are not dimmed"


def test_axe_finds_no_violation_in_a_network_picture(site, page):
    """The picture's focusable, named nodes (the suite's page-wide check sees the charts drawn,
    after plotly.js has replaced the pictures)."""
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    problems = []
    for site_page in _network_pages(site)[:2]:
        page.goto(site.page_url(site_page))
        assert page.locator(f"{NETWORK} svg.network-picture").count(), "no network picture"
        results = Axe().run(page, context={"include": [[NETWORK]]}, options=options)
        problems += [describe(str(site_page), v) for v in results.response["violations"]]
    assert not problems, "\n".join(problems)
