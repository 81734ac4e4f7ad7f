"""The site's own plotly.js bundle in the browser: it draws every chart type, and a page whose
charts the reader makes interactive, one after the other, loads it exactly once.

The site is built here with the project's bundle cache (``./dev`` builds the bundle there), from
the fictional story that has every chart type and the shipped story.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.charts.bundles import SITE, site_bundle, site_traces
from tests.browser.browsing import Site, draw_charts
from tests.browser.conftest import browser_stories, gathered
from tests.sitetools import ROOT, build, copy_project
from tests.support.serve import serve

PLOTLY_REQUESTS = """() => performance.getEntriesByType("resource")
  .filter((entry) => /\\/plotly[^/]*\\.js$/.test(entry.name)).map((entry) => entry.name)"""
STATES = """() => Array.from(document.querySelectorAll("figure.chart[data-chart-src]"))
  .map((figure) => [figure.id, figure.dataset.chartState || ""])"""


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory) -> Iterator[Site]:
    if site_bundle(ROOT) is None:
        pytest.skip("./dev has not built the site's plotly.js bundle (npm missing?)")
    work = tmp_path_factory.mktemp("bundle")
    project = copy_project(work / "project", gathered(browser_stories(), work / "content"))
    (project / ".cache").symlink_to(ROOT / ".cache")
    folder = work / "site"
    with serve(folder) as url:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", url)
            result = build(project, folder)
        assert result.returncode == 0, result.stdout + result.stderr
        investigations = sorted(p.parent.name for p in (work / "content").glob("*/story.yml"))
        yield Site.read(url, folder, investigations)


def test_the_bundle_registers_every_trace_the_chart_types_draw(bundled_site, page):
    page.goto(bundled_site.page_url(bundled_site.overview))
    page.add_script_tag(url=bundled_site.page_url(SITE))
    registered = set(page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)"))
    assert set(site_traces()) <= registered
    assert not registered & {"pie", "scattergeo", "scatter3d", "choropleth"}  # nothing more
    # of plotly.js's components, those the figures use (lane names and labels, the timeline's
    # rules, legend, hover), not the sliders, menus, images or range sliders no chart has
    layout = set(
        page.evaluate("() => Object.keys(Plotly.PlotSchema.get().layout.layoutAttributes)")
    )
    assert {"annotations", "shapes", "legend", "hoverlabel"} <= layout
    assert not layout & {"sliders", "updatemenus", "images", "selections"}


def test_every_chart_draws_and_a_page_loads_the_one_bundle_once(bundled_site, page):
    problems = []
    for site_page in bundled_site.chart_pages:
        page.goto(bundled_site.page_url(site_page))
        draw_charts(page)
        failed = [id_ for id_, state in page.evaluate(STATES) if state != "drawn"]
        if failed:
            problems.append(f"{site_page}: not drawn: {failed}")
        loaded = page.evaluate(PLOTLY_REQUESTS)
        if len(loaded) != 1 or not loaded[0].endswith("/" + SITE):
            problems.append(f"{site_page}: plotly.js requests {loaded}")
    assert not problems, "\n".join(problems)
