"""Screenshots for a person to look at: overview, a chart page and claims; phone and desktop;
light and dark. Written under test-artifacts/browser/ (ignored by git), never compared."""

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
        draw_charts(page)
        for palette, scheme in (("light", "default"), ("dark", "slate")):
            switch_palette(page, scheme)
            settled(page, THEMED)
            path = artifacts / f"{name}-{width}-{palette}.png"
            page.screenshot(path=path, full_page=True)
            assert path.stat().st_size > 0
