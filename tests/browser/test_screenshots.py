"""Screenshots for a person to look at: overview, a chart page and claims; phone and desktop;
light and dark. Written under test-artifacts/browser/ (ignored by git), never compared.

A screenshot of a chart in its failed state would show a reader the fallback, not the chart: each
chart must have drawn, with its SVG and marks, before any picture is taken."""

from __future__ import annotations

import pytest

from tests.browser.browsing import THEMED, draw_charts, settled, switch_palette

WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(site, new_context, artifacts, width):
    phone = width == "phone"
    page = new_context(
        viewport={"width": WIDTHS[width], "height": 812 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
    ).new_page()
    for name, site_page in (
        ("overview", site.overview),
        ("chart-page", site.chart_page),
        ("claims", site.claims),
    ):
        page.goto(site.page_url(site_page))
        reports = draw_charts(page)
        if site_page == site.chart_page:
            assert reports, f"{name} shows no chart"
        problems = [report.drawn_problem() for report in reports]
        assert not any(problems), f"{name}: {[p for p in problems if p]}"
        for palette, scheme in (("light", "default"), ("dark", "slate")):
            switch_palette(page, scheme)
            assert settled(page, THEMED), f"{name}: a chart kept the other palette's background"
            path = artifacts / f"{name}-{width}-{palette}.png"
            page.screenshot(path=path, full_page=True)
            assert path.stat().st_size > 0
