"""A flow chart's amounts are on the picture and on the interactive chart that replaces it, in
the page's format, and no name or amount covers another, at 1280 and 375 px, light and dark.

The story is the fictional one of tests/test_money.py. Pictures go to
test-artifacts/browser/flow-amounts-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.browsing import Site
from tests.browser.conftest import ARTIFACTS, built_and_served
from tests.test_money import write_story

AMOUNTS = {"EUR 200,000", "EUR 50,000", "EUR 12,000"}
NAMES = {"Example Bank", "Example Agency", "Northwind Audit", "Example Regulator"}
# The boxes of the texts drawn in one chart, as the browser lays them out.
BOXES = """(root, selector) => [...root.querySelectorAll(selector)]
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => { const r = t.getBoundingClientRect();
              return {text: t.textContent, left: r.left, top: r.top, right: r.right,
                      bottom: r.bottom, size: parseFloat(getComputedStyle(t).fontSize)}; })"""


@pytest.fixture(scope="module")
def money(tmp_path_factory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("flow-amounts")
    (work / "content").mkdir()
    write_story(work / "content")
    with built_and_served(work / "content", work) as site:
        yield site


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap by more than a pixel each way."""
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_amounts_are_on_the_picture_and_the_interactive_chart(browser, money, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(money.page_url("demo-case/data/"))
        figure = page.locator("#chart-money-moved")
        figure.scroll_into_view_if_needed()
        canvas = figure.locator(".chart__canvas")
        picture = canvas.evaluate(BOXES, ".chart__picture text")
        assert {box["text"] for box in picture} >= AMOUNTS
        assert {box["text"] for box in picture} >= NAMES
        assert _overlapping([b for b in picture if b["text"] in AMOUNTS | NAMES]) == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        canvas.screenshot(path=str(ARTIFACTS / f"flow-amounts-picture-{width}-{scheme}.png"))
        canvas.hover()
        figure.locator(".js-plotly-plot .annotation-text").first.wait_for(timeout=30_000)
        page.mouse.move(0, 0)
        drawn = canvas.evaluate(BOXES, ".js-plotly-plot .annotation-text")
        assert {box["text"] for box in drawn} == AMOUNTS | NAMES
        assert _overlapping(drawn) == []
        assert min(box["size"] for box in drawn) >= 11
        canvas.screenshot(path=str(ARTIFACTS / f"flow-amounts-interactive-{width}-{scheme}.png"))
    finally:
        context.close()
