"""The overview as a reader first meets it: on a 375 px phone it is at most 4,000 px tall (it
was 8,196 px with the whole chronology on it), its status summary is above the fold, and every
key finding can be reached. Screenshots at 1280 and 375 px, light and dark, for a person to
look at."""

from __future__ import annotations

import pytest

from tests.sitetools import SHIPPED, story_folders

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
TALLEST = 4000  # px at 375 px wide: half the overview's height before it summarised first
SHIPPED_STORIES = [folder.name for folder in story_folders(SHIPPED)]


@pytest.mark.parametrize("language", ["", "ro/"])
@pytest.mark.parametrize("story", SHIPPED_STORIES)
def test_the_shipped_overview_on_a_phone_is_short_and_summarises_first(
    site, new_context, story, language
):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(site.page_url(f"{language}{story}/"), wait_until="networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= TALLEST, f"the overview is {height} px tall at 375 px"
    summary = page.locator("nav.overview-summary").bounding_box()
    assert summary["y"] + summary["height"] <= PHONE["height"], "the summary is below the fold"
    for card in page.locator(".overview-findings .finding").all():  # swiped into view
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_screenshots_of_the_overview(site, new_context, artifacts, viewport, scheme):
    story = SHIPPED_STORIES[0]
    page = new_context(viewport=viewport, color_scheme=scheme).new_page()
    page.goto(site.page_url(f"{story}/"), wait_until="networkidle")
    path = artifacts / f"overview-{story}-{viewport['width']}-{scheme}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
