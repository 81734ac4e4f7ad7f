"""Without JavaScript every page still shows its text, tables, links, each chart's data and
its picture (where the build drew one)."""

from __future__ import annotations

import pytest

# Everything in the content that carries text or a link and that a reader cannot see.
INVISIBLE = """() => {
  const content = document.querySelector(".md-content");
  if (!content) return ["no .md-content"];
  const selector = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, table, th, td, figcaption, a[href]";
  return Array.from(content.querySelectorAll(selector))
    .filter((element) => !element.closest(".chart__canvas"))
    // the overview's timeline picture leaves its sources, data and download to the Timeline
    // page, which the line under it links (explainer.css, .overview-timeline)
    .filter((element) => !element.closest(
      ".overview-timeline :is(.chart__source, .chart__data, .chart__download, .chart__embed)"))
    .filter((element) => {  // what a closed <details> hides until the reader opens it
      const details = element.closest("details:not([open])");
      return !details || element.closest("summary");
    })
    .filter((element) => element.textContent.trim() && !element.checkVisibility())
    .map((element) => element.tagName.toLowerCase() + ": "
                      + element.textContent.trim().slice(0, 60));
}"""


@pytest.fixture
def page_without_js(new_context):
    return new_context(java_script_enabled=False).new_page()


def _in_overview_timeline(page, chart_id: str) -> bool:
    return page.locator(f".overview-timeline figure#{chart_id}").count() > 0


def test_every_page_reads_without_javascript(site, page_without_js):
    page = page_without_js
    problems = []
    for site_page in site.pages:
        page.goto(site.page_url(site_page))
        assert "no-js" in page.evaluate("document.documentElement.className"), "JavaScript ran"
        if not page.locator(".md-content h1").first.is_visible():
            problems.append(f"{site_page}: no visible heading")
        # the overview shows the timeline's picture only: its data is on the Timeline page
        charts = [c for c in site_page.charts if not _in_overview_timeline(page, c)]
        for chart_id in charts:  # a native <details>: opens without JavaScript
            summary = page.locator(f"figure#{chart_id} details.chart__data > summary")
            if summary.count():
                summary.click()
        problems += [f"{site_page}: invisible {what}" for what in page.evaluate(INVISIBLE)]
        for chart_id in charts:
            figure = page.locator(f"figure#{chart_id}")
            description = figure.locator(".chart__description")
            if not (description.is_visible() and description.inner_text().strip()):
                problems.append(f"{site_page}: #{chart_id} shows no description")
            rows = figure.locator("details.chart__data table tbody tr")
            if not (rows.count() and rows.first.is_visible()):
                problems.append(f"{site_page}: #{chart_id} shows no data table")
            canvas = figure.locator(".chart__canvas")
            if figure.get_attribute("data-chart-picture") is None:
                if canvas.is_visible():
                    problems.append(f"{site_page}: #{chart_id} shows an empty drawing area")
            elif canvas.locator("svg.chart__picture:visible").count() != 1:
                problems.append(f"{site_page}: #{chart_id} does not show one picture")
    assert not problems, "\n".join(problems)
