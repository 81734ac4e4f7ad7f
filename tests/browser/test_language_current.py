"""The language menu shows which language the reader is in: bold, a tick and a bar on the
current language (not colour alone), in light and dark, on a phone and a desktop.

Pictures of the open menu go to test-artifacts/browser/language-current-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.new_story import create_story
from tests.browser.browsing import Site, settled
from tests.browser.conftest import ARTIFACTS, built_and_served

# The menu fades in: a picture taken before the end of the fade shows it half transparent.
OPENED = "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'"
STYLE = """link => {
  const own = getComputedStyle(link), tick = getComputedStyle(link, '::before');
  return {weight: own.fontWeight, tick: tick.content, bar: own.boxShadow};
}"""


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("language-current")
    create_story(work / "content", "example-bridge", ["en", "ro"])
    with built_and_served(work / "content", work) as site:
        yield site


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_current_language_is_marked_beyond_colour(browser, bilingual, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 700}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(bilingual.page_url("ro/example-bridge/"))
        page.hover(".md-select button")
        assert settled(page, OPENED), "the language menu did not open"
        current = page.locator(".md-select__link[aria-current=page]")
        other = page.locator(".md-select__link:not([aria-current])")
        assert current.count() == 1 and other.count() == 1
        assert current.get_attribute("hreflang") == "ro"
        marked, plain = current.evaluate(STYLE), other.evaluate(STYLE)
        assert marked["weight"] == "700" and plain["weight"] != "700"
        assert "✓" in marked["tick"] and plain["tick"] in ("none", "normal")
        assert marked["bar"] != "none" and plain["bar"] == "none"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"language-current-{width}-{scheme}.png"))
    finally:
        context.close()
