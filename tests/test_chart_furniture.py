"""A chart's furniture cannot contradict its data: a date range in its description is checked
against the dates it draws, and its source line names the sources it rests on, once each."""

from __future__ import annotations

import shutil
from collections import Counter

from generator.charts.embed import ChartSet
from generator.diagnostics import Severity
from generator.pipeline import load_and_check
from generator.render.links import Resolver
from generator.render.locale import load_locale
from generator.text import pick
from tests.sitetools import ROOT, SHIPPED

LOCALE = load_locale(ROOT / "site_config" / "locales", "en")
SHIPPED_RANGE = "from June 2024 to March 2026"


def _with_description(tmp_path, old: str, new: str):
    content = tmp_path / "content"
    shutil.copytree(SHIPPED, content)
    charts = content / "romania-2024" / "charts.yml"
    text = charts.read_text("utf-8")
    assert old in text
    charts.write_text(text.replace(old, new, 1), "utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return load_and_check(content), line


def test_a_range_the_data_does_not_show_is_a_warning_at_its_line(tmp_path):
    result, line = _with_description(tmp_path, SHIPPED_RANGE, "from June 2024 to February 2026")
    (warning,) = [d for d in result.diagnostics if "February 2026" in d.message]
    assert warning.severity is Severity.WARNING
    assert str(warning).startswith(f"content/romania-2024/charts.yml:{line}:") or (
        f"charts.yml:{line}:" in str(warning)
    )
    assert "runs from June 2024 to March 2026" in warning.message
    assert "June 2024 to March 2026" in warning.hint


def test_a_range_in_another_language_is_checked_too(tmp_path):
    result, _ = _with_description(
        tmp_path, "din iunie 2024 până în martie 2026", "din iulie 2024 până în martie 2026"
    )
    assert [d for d in result.diagnostics if "iulie 2024" in d.message]


def test_the_shipped_story_says_the_range_its_data_shows():
    result = load_and_check(SHIPPED)
    assert not [d for d in result.diagnostics if "the data it draws runs" in d.message]


def test_the_source_line_names_each_publisher_once_and_links_every_source():
    investigation = load_and_check(SHIPPED).investigations[0]
    resolver = Resolver({investigation.slug: investigation}, "en")
    charts = ChartSet.build([investigation], LOCALE, resolver)
    for chart in investigation.charts:
        figure = charts.element(
            investigation.slug, chart.id, "../", lambda parent, text: None, lambda html: ""
        )
        line = figure.find("p[@class='chart__source']")
        text = "".join(line.itertext())
        assert "the sources of each item" not in text, chart.id
        links = line.findall("a")
        assert links and all("/sources.md#source-" in a.get("href") for a in links), chart.id
        hrefs = [a.get("href") for a in links]
        assert len(hrefs) == len(set(hrefs)), chart.id  # each source once
        sources = {source.id: source for source in investigation.sources}
        linked = [sources[href.split("#source-", 1)[1]] for href in hrefs]
        named = text.split(": ", 1)[1].split("; ")
        assert len(named) == len({pick(source.publisher, "en") for source in linked}), chart.id
        assert Counter(named).most_common(1)[0][1] == 1, chart.id
