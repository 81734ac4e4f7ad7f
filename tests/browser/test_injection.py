"""Hostile content in a real browser: on every page of a site built from payload-laden content,
no injected script runs (no dialog, no script-set flag) and no element carries a handler.

The payloads (tests/injection/hostile.py) put script tags, event handlers, javascript: and data:
URLs, SVG, comments, CDATA and template syntax into every plain-text field and CSV cell; each
alert would open a dialog, which the test records. Charts are drawn too, since their titles,
labels and tables carry payloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser.browsing import Site, draw_charts
from tests.browser.conftest import built_and_served
from tests.injection.hostile import hostile_investigation

# Sets a flag if any injected code ever runs; the payloads call alert(), this catches the rest.
HANDLERS = """() => Array.from(document.querySelectorAll('*')).flatMap((element) =>
  Array.from(element.attributes).filter((a) => a.name.toLowerCase().startsWith('on'))
    .map((a) => element.tagName + '[' + a.name + ']'))"""
SCRIPT_URLS = """() => Array.from(document.querySelectorAll('[href], [src], [action]'))
  .map((e) => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
  .filter((url) => /^\\s*(javascript|data|vbscript):/i.test(url))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("hostile-browser")
    content = work / "content"
    content.mkdir()
    hostile_investigation(content)
    with built_and_served(content, work) as built:
        yield built


def test_no_injected_script_runs_on_any_page(hostile_site: Site, browser):
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("page", lambda page: page.on("dialog", lambda d: dialogs.append(d.message)))
    elsewhere: list[str] = []  # every request that would leave the site (srcset, images...)
    context.route(
        lambda url: urlsplit(url).netloc != hostile_site.host,
        lambda route: (elsewhere.append(route.request.url), route.abort()),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []
    for site_page in hostile_site.pages:
        page.goto(hostile_site.page_url(site_page), wait_until="load")
        if site_page.charts:
            for report in draw_charts(page):
                if report.drawn_problem():
                    problems.append(f"{site_page}: {report.drawn_problem()}")
        for text in page.evaluate(HANDLERS):
            problems.append(f"{site_page}: element with a handler: {text}")
        for url in page.evaluate(SCRIPT_URLS):
            problems.append(f"{site_page}: script URL {url[:40]}")
        # hovering and clicking a chart's marks shows its (hostile) labels
        if site_page.charts:
            page.locator("figure.chart .main-svg").first.hover()
    context.close()
    assert not dialogs, dialogs
    assert not problems, problems[:10]
    assert not elsewhere, elsewhere[:10]
    assert len(hostile_site.pages) >= 10  # both languages, every page kind
