"""A line chart of values dated only to a month, a year or a range, as a reader's browser shows
it: the interactive chart names months in the page's language, keeps every year's tick at
375 px, and draws each period as a bar across it, as the picture does. Screenshots of the chart
at both widths go to test-artifacts/browser/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.browsing import CHART_TIMEOUT_MS, Site, draw_charts
from tests.browser.conftest import built_and_served
from tests.test_uncertain_dates import STORY, harbour_story

MONTHLY = {
    "data/monthly.csv": "period,tonnes\n2024-01,10\n2024-02-10,14\n2024-03,12\n2024-05,18\n",
}


@pytest.fixture(scope="module")
def harbour_site(tmp_path_factory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("line-dates")
    folder = harbour_story(_mkdir(work / "content" / "example-harbour"))
    (folder / "data" / "monthly.csv").write_text(MONTHLY["data/monthly.csv"], "utf-8")
    datasets = STORY["datasets.yml"] + (
        "  - id: monthly\n    file: data/monthly.csv\n"
        "    title: {en: Monthly, ro: Lunar}\n"
        "    description: {en: Fictional monthly tonnage., ro: Tonaj lunar fictiv.}\n"
        "    columns:\n      - {name: period, type: date}\n      - {name: tonnes, type: number}\n"
        "    sources: [harbour-log]\n"
    )
    (folder / "datasets.yml").write_text(datasets, "utf-8")
    charts = STORY["charts.yml"] + (
        "  - id: monthly-line\n    type: line\n    dataset: monthly\n    x: period\n"
        "    y: tonnes\n    title: {en: Monthly, ro: Lunar}\n"
        "    description: {en: Fictional monthly tonnage., ro: Tonaj lunar fictiv.}\n"
        "    sources: [harbour-log]\n"
    )
    (folder / "charts.yml").write_text(charts, "utf-8")
    with built_and_served(work / "content", work) as built:
        yield built


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _ticks(page, chart: str) -> list[str]:
    return page.evaluate(
        "(id) => Array.from(document.querySelectorAll(`#chart-${id} .xtick text`))"
        ".map((t) => t.textContent)",
        chart,
    )


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (375, "dark")])
def test_the_interactive_line_names_months_in_romanian_and_ticks_every_year(
    harbour_site, browser, artifacts, width, scheme
):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(harbour_site.url + "ro/example-harbour/data/")
    reports = draw_charts(page)
    assert all(report.state == "drawn" for report in reports), reports
    assert _ticks(page, "tonnage-line") == ["2016", "2017", "2018", "2019", "2020", "2021"]
    # the month over its year: 'ian' and 2024 in one tick, then the months alone
    # (May 2024 is known only as a month: its bar reaches June)
    assert _ticks(page, "monthly-line") == ["ian2024", "feb", "mar", "apr", "mai", "iun"]
    legend = page.locator("#chart-tonnage-line .legendtext").all_text_contents()
    assert legend == ["Bară: dată cunoscută doar ca perioadă"]
    page.locator("#chart-tonnage-line").screenshot(
        path=str(artifacts / f"line-dates-ro-{width}-{scheme}.png"), timeout=CHART_TIMEOUT_MS
    )
    context.close()
