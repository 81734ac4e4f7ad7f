"""On a 375 px wide phone nothing scrolls sideways and every chart fits its figure."""

from __future__ import annotations

import pytest

from tests.browser.browsing import draw_charts

PHONE = {"width": 375, "height": 812}

# null when the page fits; otherwise its widths and a few of the elements that stick out.
SIDEWAYS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const name = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + (typeof element.className === "string" && element.className.trim()
       ? "." + element.className.trim().split(/\\s+/).join(".") : "");
  const wide = Array.from(document.querySelectorAll("body *"))
    .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
    .map(name);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def test_no_page_scrolls_sideways_and_charts_fit(site, phone):
    problems = []
    for site_page in site.pages:
        phone.goto(site.page_url(site_page))
        reports = draw_charts(phone)
        problems += [f"{site_page}: {r.drawn_problem()}" for r in reports if r.drawn_problem()]
        problems += [
            f"{site_page}: {r.overflow_problem()}" for r in reports if r.overflow_problem()
        ]
        sideways = phone.evaluate(SIDEWAYS)
        if sideways:
            problems.append(
                f"{site_page}: scrolls sideways ({sideways['scroll']} px in "
                f"{sideways['client']} px), e.g. {', '.join(sideways['wide']) or '?'}"
            )
    assert not problems, "\n".join(problems)
