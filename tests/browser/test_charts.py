"""Every chart draws: on a full page load, after instant navigation, and in the dark palette."""

from __future__ import annotations

from tests.browser.browsing import (
    CHART_TIMEOUT_MS,
    THEMED,
    Recorder,
    at_rest,
    chart_reports,
    draw_charts,
    settled,
    switch_palette,
)
from tests.sitetools import soup

DRAWN = "figure => ['drawn', 'failed'].includes(figure.dataset.chartState)"


def test_every_chart_draws_and_follows_the_palette_toggle(site, page):
    """On a full page load each chart draws once scrolled into view, in the page's colours; a
    click on the palette toggle re-themes it (background and text) without a reload."""
    assert site.chart_pages, "the site has no chart at all"
    problems = []
    for site_page in site.chart_pages:
        page.goto(site.page_url(site_page))
        switch_palette(page, "default")
        reports = draw_charts(page)
        assert [report.id for report in reports] == list(site_page.charts)
        problems += [f"{site_page}: {r.drawn_problem()}" for r in reports if r.drawn_problem()]
        light = {report.id: report for report in reports if not report.drawn_problem()}
        problems += [
            f"{site_page} light: {r.colour_problem()}" for r in light.values() if r.colour_problem()
        ]
        switch_palette(page, "slate")
        settled(page, THEMED, timeout_ms=5_000)  # a failure is reported with the colours below
        dark = chart_reports(page)
        for report in dark:
            if report.id not in light:
                continue
            problem = report.colour_problem()
            if problem:
                problems.append(f"{site_page} dark: {problem}")
            elif report.background == light[report.id].background:
                problems.append(f"{site_page} dark: #{report.id} kept its light background")
        switch_palette(page, "default")
    assert not problems, "\n".join(problems)


def test_charts_draw_after_instant_navigation_from_the_overview(site, context):
    recorder = Recorder(context, site)
    page = context.new_page()
    problems = []
    # a chart's own page (charts/<id>/, for other sites' iframes) is no page of the menu
    for site_page in [p for p in site.chart_pages if "/charts/" not in p.path]:
        page.goto(site.page_url(site.overview_of(site_page)))
        # Survives an instant navigation, not a page load; so does the old content's element.
        page.evaluate(
            "window.__explainerNoReload = true; window.__explainerOldContainer ="
            " document.querySelector('[data-md-component=container]')"
        )
        target = site.page_url(site_page)
        # A link a reader can click: in the page's text if there is one, else in the navigation.
        link = page.locator(".md-content a[href]:visible, .md-nav a[href]:visible")
        hrefs = link.evaluate_all("links => links.map(link => link.href)")
        assert target in hrefs, f"no visible link from the overview to {site_page}"
        link.nth(hrefs.index(target)).click()
        page.wait_for_url(target)
        # Material updates the address first, then swaps in the new page's content.
        settled(
            page,
            "() => document.querySelector('[data-md-component=container]')"
            " !== window.__explainerOldContainer",
        )
        assert page.evaluate("window.__explainerNoReload === true"), (
            f"{site_page}: the click reloaded the page (instant navigation did not happen)"
        )
        reports = draw_charts(page)
        assert [report.id for report in reports] == list(site_page.charts)
        problems += [f"{site_page}: {r.drawn_problem()}" for r in reports if r.drawn_problem()]
        problems += [f"{site_page}: {problem}" for problem in recorder.take()]
    assert not problems, "\n".join(problems)


# Layout shifts from the first paint on, recorded before any of the page's scripts run.
RECORD_SHIFTS = """
window.__explainerShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__explainerShifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });
"""

HEIGHTS = """() => Array.from(document.querySelectorAll("figure.chart[data-chart-src]"))
  .map((figure) => [figure.id, figure.dataset.chartState || "",
                    figure.querySelector(".chart__canvas").getBoundingClientRect().height])"""

PLOTLY_AFTER_LOAD = """() => {
  const [navigation] = performance.getEntriesByType("navigation");
  return performance.getEntriesByType("resource")
    .filter((entry) => /\\/plotly[^/]*\\.js$/.test(entry.name))
    .map((entry) => [entry.name, entry.startTime, navigation.loadEventEnd]);
}"""


def test_charts_draw_after_the_text_into_the_room_kept_for_them(site, context):
    """plotly.js is requested only after the page has loaded, and each chart's drawing area has
    its final height before it draws: drawing the charts moves no text (no layout shift)."""
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    own = [p for p in site.chart_pages if p.path.startswith(f"{site.investigations[0]}/")]
    problems = []
    for site_page in own:
        page.goto(site.page_url(site_page))
        before = {i: height for i, state, height in page.evaluate(HEIGHTS) if state != "drawn"}
        draw_charts(page)
        for id_, _, height in page.evaluate(HEIGHTS):
            if id_ in before and abs(before[id_] - height) > 1:
                problems.append(
                    f"{site_page}: #{id_} kept {before[id_]:.0f} px, drew {height:.0f} px"
                )
        shift = sum(page.evaluate("window.__explainerShifts"))
        if shift > 0.01:
            problems.append(f"{site_page}: layout shift {shift:.3f}")
        for name, start, loaded in page.evaluate(PLOTLY_AFTER_LOAD):
            if start < loaded:
                problems.append(f"{site_page}: {name} requested at {start:.0f} ms, before load")
    assert not problems, "\n".join(problems)


PLOTLY_REQUESTS = """() => performance.getEntriesByType("resource")
  .filter((entry) => /\\/plotly[^/]*\\.js$/.test(entry.name)).map((entry) => entry.name)"""

PICTURES = """() => Array.from(document.querySelectorAll("figure.chart[data-chart-picture]"))
  .map((figure) => [figure.id, figure.dataset.chartState || "",
    Array.from(figure.querySelectorAll("svg.chart__picture"))
      .filter((svg) => svg.checkVisibility()).map((svg) => svg.querySelectorAll("rect, circle,"
        + " path, polyline").length)])"""


def test_a_chart_shows_its_picture_and_loads_plotly_when_the_reader_reaches_for_it(site, page):
    """Scrolled past, a pictured chart shows one visible picture with marks and fetches no
    chart code; a pointer over it, or keyboard focus inside its figure, draws the real one."""
    pictured = [
        p for p in site.chart_pages if soup(p.file).select("figure.chart[data-chart-picture]")
    ]
    assert pictured, "no chart of the site has a static picture"
    problems = []
    for site_page in pictured:
        page.goto(site.page_url(site_page))
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_load_state("load")
        at_rest(page)
        for id_, state, visible in page.evaluate(PICTURES):
            if state or len(visible) != 1 or not visible[0]:
                problems.append(f"{site_page}: #{id_} state {state!r}, visible pictures {visible}")
        only_pictures = len(page.evaluate(PICTURES)) == len(site_page.charts)
        if only_pictures and page.evaluate(PLOTLY_REQUESTS):
            problems.append(f"{site_page}: plotly.js loaded before any chart was reached for")
        first, *others = page.evaluate(PICTURES)
        page.locator(f"#{first[0]} .chart__canvas").hover()
        reached = [first[0]]
        if others:
            page.locator(f"#{others[0][0]} a[href]").first.focus()
            reached.append(others[0][0])
        for id_ in reached:
            figure = page.locator(f"#{id_}")
            if not settled(page, DRAWN, figure.element_handle(), timeout_ms=CHART_TIMEOUT_MS):
                problems.append(f"{site_page}: #{id_} did not draw when reached for")
            elif figure.locator("svg.chart__picture").count():
                problems.append(f"{site_page}: #{id_} drew but kept its picture")
    assert not problems, "\n".join(problems)
