"""The timeline as a reader sees it, picture and interactive chart, at 1280 and 375 px: no two
event marks overlap, no label is cut off, labels are at least 11 px on a phone.

Measured on the shipped story, on the fictional fixture and on a fictional 25-year timeline
written here (dense last years, events on the same day, periods of known days, dates known only
to the month or year, before/after/about dates, events that are not confirmed). A screenshot of
each chart, light and dark, goes to test-artifacts/browser/ for a person to look at; the
checks hold in both palettes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.browsing import CHART_TIMEOUT_MS, Site, at_rest, switch_palette
from tests.browser.conftest import built_and_served, gathered
from tests.sitetools import FIXTURE_STORIES, SHIPPED, story_folders

LONG = "example-harbour"
MIN_FONT_PX = 11
PHONE, WIDE = 375, 1280

# A fictional story: the lakeford-water fixture's sources, actors and lanes, 25 years of events.
LANES = ("council", "audit", "press")


def _event(number: int, date: str, lane: str, end: str | None = None, status: bool = False):
    lines = [
        f"  - id: event-{number:03d}",
        f"    date: {date}",
        *([f"    end: {end}"] if end else []),
        f"    title: Fictional event {number} of the harbour's {lane} lane",
        f"    group: {lane}",
    ]
    if status:
        lines += ["    status: unverified", "    attributed_to: [resident-account]"]
    source = "gazette-2025-01-15" if number % 3 == 0 else "council-minutes-2024-02"
    lines.append(f"    sources: [{source}]")
    return "\n".join(lines)


def long_events() -> str:
    """Sparse years 2000-2019, busy years 2020-2025, with every kind of date and mark."""
    entries: list[tuple[str, str | None]] = []
    for year in range(2000, 2020):
        entries += [(f"{year}-{(year % 12) + 1:02d}-{(year % 27) + 1:02d}", None)]
        if year % 3 == 0:
            entries.append((f"{year}", None))  # known only to the year
        if year % 4 == 1:
            entries.append((f"{year}-03-01", f"{year}-05-20"))  # a period of known days
        if year % 5 == 2:
            entries.append((f"about {year}-06", None))
    for year in range(2020, 2026):
        for month in range(1, 13, 2):
            entries.append((f"{year}-{month:02d}-{(month * 3) % 28 + 1:02d}", None))
        entries.append((f"{year}-04", None))  # known only to the month
        entries.append((f"{year}-09-10", f"{year}-09-30"))
    entries += [("2023-05-04", None)] * 4  # four events on one day in one lane
    entries += [("before 2024-02-01", None), ("after 2021-10-15", None)]
    lines = []
    for number, (date, end) in enumerate(entries):
        lane = "press" if date == "2023-05-04" else LANES[number % len(LANES)]
        lines.append(_event(number, date, lane, end, status=number % 4 == 0))
    return "\n".join(lines) + "\n"


def write_long_story(folder: Path) -> None:
    shutil.copytree(FIXTURE_STORIES / "lakeford-water", folder)
    events = (folder / "events.yml").read_text(encoding="utf-8")  # claims cite its events
    (folder / "events.yml").write_text(events.rstrip("\n") + "\n" + long_events(), encoding="utf-8")
    story = (folder / "story.yml").read_text(encoding="utf-8")
    story = story.replace(
        "Lakeford's water meters: a contract, an audit and a denial",
        "Example Harbour: twenty-five years of a fictional port",
    )
    (folder / "story.yml").write_text(story, encoding="utf-8")
    charts = (folder / "charts.yml").read_text(encoding="utf-8")
    charts = charts.replace(
        "from the council vote in February 2024 to the Gazette's correction in February 2025",
        "over twenty-five years, from September 2000 to November 2025",
    )
    (folder / "charts.yml").write_text(charts, encoding="utf-8")


@pytest.fixture(scope="module")
def timelines(tmp_path_factory) -> Iterator[Site]:
    """The fixture story, the shipped ones and the 25-year story, built and served."""
    work = tmp_path_factory.mktemp("timelines")
    stories = [FIXTURE_STORIES / "lakeford-water", *story_folders(SHIPPED)]
    content = gathered(stories, work / "content")
    write_long_story(content / LONG)
    with built_and_served(content, work) as built:
        yield built


# What a reader sees of one timeline chart: each event mark's box and each label's box, font
# size and the box it must stay inside, for the static picture or the interactive chart.
MEASURE = """(figure) => {
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const picture = [...figure.querySelectorAll("svg.chart__picture")].find(shown);
  if (picture && figure.dataset.chartState !== "drawn") {
    const scale = picture.getBoundingClientRect().width / picture.viewBox.baseVal.width;
    const marks = [...picture.querySelectorAll("g.marks circle, g.marks path, g.marks rect")]
      .filter(shown).map((e) => box(e.getBoundingClientRect()));
    const labels = [...picture.querySelectorAll("text")].filter(shown).map((e) => ({
      text: e.textContent, box: box(e.getBoundingClientRect()),
      size: parseFloat(getComputedStyle(e).fontSize) * scale,
    }));
    return {kind: "picture", frame: box(picture.getBoundingClientRect()), marks, labels};
  }
  const svg = figure.querySelector(".main-svg");
  const marks = [...figure.querySelectorAll(".scatterlayer path.point, .barlayer path")]
    .filter(shown).map((e) => box(e.getBoundingClientRect()));
  const labels = [...figure.querySelectorAll(".main-svg text, .infolayer text")]
    .filter((e) => shown(e) && e.textContent.trim() && !e.closest(".hoverlayer"))
    .map((e) => ({text: e.textContent, box: box(e.getBoundingClientRect()),
                  size: parseFloat(getComputedStyle(e).fontSize)}));
  return {kind: "interactive", frame: box(svg.getBoundingClientRect()), marks, labels};
}"""


def _overlap(a: dict, b: dict) -> float:
    """How far two boxes overlap, in pixels along the shorter of the two directions."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return min(width, height)


def problems_in(measured: dict, width: int) -> list[str]:
    found = []
    marks = measured["marks"]
    assert marks, f"{measured['kind']}: no event marks found"
    for i, a in enumerate(marks):
        for b in marks[i + 1 :]:
            if _overlap(a, b) > 0.5:
                found.append(f"{measured['kind']}: marks overlap at {a} and {b}")
    frame = measured["frame"]
    for label in measured["labels"]:
        inside = (
            label["box"]["left"] >= frame["left"] - 0.5
            and label["box"]["right"] <= frame["right"] + 0.5
        )
        if not inside:
            found.append(f"{measured['kind']}: label {label['text']!r} is cut off")
        if width == PHONE and label["size"] < MIN_FONT_PX - 0.05:
            found.append(f"{measured['kind']}: label {label['text']!r} is {label['size']:.1f} px")
    return found


def _measured(page, figure, name: str, artifacts: Path, width: int, kind: str) -> list[str]:
    """The figure's problems in the dark and in the light palette (the page's toggle, as a
    reader flips it), with a screenshot of each; the light palette left on."""
    found = []
    for shade, scheme in (("dark", "slate"), ("light", "default")):
        switch_palette(page, scheme)
        measured = figure.element_handle().evaluate(MEASURE)
        assert measured["kind"] == kind, f"{name}: no {kind} drawing"
        found += [f"{shade}: {problem}" for problem in problems_in(measured, width)]
        figure.screenshot(path=str(artifacts / f"{name}-{shade}.png"))
    return found


@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_timeline_marks_never_overlap_and_labels_stay_readable(
    timelines, browser, artifacts, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    try:
        for story in timelines.investigations:
            page.goto(timelines.page_url(f"{story}/timeline/"))
            figure = page.locator("figure.chart").first
            figure.scroll_into_view_if_needed()
            at_rest(page)
            name = f"timeline-{story}-picture-{width}"
            found = _measured(page, figure, name, artifacts, width, "picture")
            problems += [f"{story} {width}px {p}" for p in found]
            figure.locator(".chart__canvas").hover()
            page.wait_for_function(
                "figure => figure.dataset.chartState === 'drawn'",
                arg=figure.element_handle(),
                timeout=CHART_TIMEOUT_MS,
            )
            page.mouse.move(0, 0)  # no hover label in the way
            at_rest(page)
            name = f"timeline-{story}-interactive-{width}"
            found = _measured(page, figure, name, artifacts, width, "interactive")
            problems += [f"{story} {width}px {p}" for p in found]
    finally:
        context.close()
    assert not problems, "\n".join(problems[:30])
