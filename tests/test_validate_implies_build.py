"""What ``validate --strict`` passes, the build builds.

An editor runs ``python -m generator validate --strict`` before publishing; a story it passes
that then crashes the build (a blank date cell once reached a line chart's sort and stopped the
build with a TypeError naming no file) sends the editor to a traceback instead of a line of
their CSV. The property test below generates small stories from the fictional lakeford-water
fixture: datasets with blank and malformed cells, dates of every precision, extreme numbers and
long texts, charts of every type drawing them, events with qualified and open dates, relations
with extreme amounts in two currencies. For each: when the strict check finds errors, each one
reads ``path:line:column`` at a file of the story; when it finds none, the core build renders
every page, chart, picture and download of the site's tree without raising.

The core build runs in-process (``SiteBuild``, without MkDocs, which only converts the tree);
one case goes through the real build command end to end. Examples are derandomized and few, so
the file takes well under a minute; ``EXPLAINER_FUZZ=20`` runs twenty times as many.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.charts.figures import build_chart
from generator.diagnostics import Diagnostic
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from generator.site_build import SiteBuild
from tests.sitetools import FIXTURE_STORIES, ROOT, build, copy_project, soup

FUZZ = int(os.environ.get("EXPLAINER_FUZZ", "1"))
EXAMPLES = 12 * FUZZ
BASE = FIXTURE_STORIES / "lakeford-water"
LOCALES = ROOT / "site_config" / "locales"
DIAGNOSTIC_LINE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): \S")
OUTCOMES: Counter[str] = Counter()  # how the examples ended: the property must see both sides

# The generated dataset: one column of each kind a chart can draw.
COLUMNS = {"d": "date", "i": "integer", "n": "number", "s": "string", "t": "string"}
LONG = "A fictional payer with a long name, " * 12
DATE_CELLS = st.sampled_from(
    [
        *("2024", "2024-03", "2024-03-05", "2024-03-05T21:00", "2025-12", "1999", "2024-02-29"),
        *("about 2024", "before 2024-03", "2023-11/2024-02"),
    ]
)
BAD_DATE_CELLS = st.sampled_from(
    ["2024-13", "2024-03/2023-11", "about 2024/2025", "March 2024", "x", "unknown"]
)
NUMBER_CELLS = st.sampled_from(
    ["0", "-5", "1e15", "1000000000000000", "3.14159265358979", "-0.000001", "250000", "12.5"]
)
BAD_NUMBER_CELLS = st.sampled_from(["abc", "1,000", "nan", "--1"])
INTEGER_CELLS = st.sampled_from(["0", "-3", "7", "1000000000000000", "2024"])
TEXT_CELLS = st.sampled_from(
    ["Example Agency", "Example Supplier", "Sample Bank", LONG, 'A "quoted", name', "Two\nlines"]
)
GOOD = {"d": DATE_CELLS, "i": INTEGER_CELLS, "n": NUMBER_CELLS, "s": TEXT_CELLS, "t": TEXT_CELLS}
BAD = {"d": BAD_DATE_CELLS, "i": st.just("2.5"), "n": BAD_NUMBER_CELLS}

EVENT_DATES = st.sampled_from(
    [
        *("2024", "2024-05", "2024-05-17", "2024-05-17T09:30", "2023-11"),
        *("about 2023", "before 2024-03", "after 2024-06-01", "2023-11/2024-02", "unknown"),
    ]
)
AMOUNTS = st.sampled_from([0, -40000, 1e15, 1_000_000_000_000_000, 0.001, 123.456789, 250000])
ACTORS = ["lakeford-council", "sample-pipes", "example-audit-office", "lakeford-gazette"]


@dataclass
class Story:
    """The files a generated story replaces in its copy of the fixture."""

    csv_rows: list[list[str]]
    charts: list[dict]
    events: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)


@st.composite
def cells(draw, column: str, damage: str) -> str:
    """A cell: what the column holds, or in a damaged story now and then blank or malformed."""
    if damage == "blank" and draw(st.integers(0, 4)) == 0:
        return ""
    if damage == "malformed" and column in BAD and draw(st.integers(0, 4)) == 0:
        return draw(BAD[column])
    return draw(GOOD[column])


@st.composite
def charts(draw) -> list[dict]:
    """One to four charts of any type; the first keeps the id the fixture's page embeds."""
    specs = draw(st.lists(st.sampled_from(CHART_KINDS), min_size=1, max_size=4))
    made = []
    for index, kind in enumerate(specs):
        spec = {"id": "payments-by-quarter" if index == 0 else f"chart-{index}", **draw(kind)}
        spec.update(title="A fictional chart", description="A chart of fictional figures.")
        if "dataset" in spec:
            spec["sources"] = ["audit-report-2025"]
        made.append(spec)
    return made


Y_CHOICES = st.sampled_from(["n", "i", ["n", "i"]])
CHART_KINDS = [
    st.fixed_dictionaries(
        {
            "type": st.just("line"),
            "dataset": st.just("payments"),
            "x": st.sampled_from(["d", "i", "n"]),
            "y": Y_CHOICES,
        },
        optional={"series": st.just("s")},
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("bar"),
            "dataset": st.just("payments"),
            "x": st.sampled_from(["s", "d", "i"]),
            "y": Y_CHOICES,
        },
        optional={
            "series": st.just("t"),
            "orientation": st.sampled_from(["vertical", "horizontal"]),
            "highlight": st.lists(st.sampled_from(["Example Agency", "2024"]), max_size=1),
        },
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("flow"),
            "dataset": st.just("payments"),
            "source_column": st.just("s"),
            "target_column": st.just("t"),
            "value_column": st.sampled_from(["n", "i"]),
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("flow"),
            "derived_from": st.just("relations"),
            "currency": st.sampled_from(["USD", "EUR", "GBP"]),
        }
    ),
    st.fixed_dictionaries(
        {"type": st.just("timeline"), "derived_from": st.just("events")},
        optional={"groups": st.lists(st.sampled_from(["council", "press"]), max_size=2)},
    ),
    st.fixed_dictionaries({"type": st.just("network"), "derived_from": st.just("relations")}),
]


@st.composite
def events(draw) -> list[dict]:
    """Events added to the fixture's, with dates of every precision, qualified and open."""
    made = []
    for index in range(draw(st.integers(0, 3))):
        event = {
            "id": f"generated-event-{index}",
            "date": draw(EVENT_DATES),
            "title": draw(st.sampled_from(["Something fictional happens", LONG])),
            "group": draw(st.sampled_from(["council", "press", "court"])),
            "sources": ["audit-report-2025"],
        }
        if draw(st.booleans()):
            event["end"] = draw(EVENT_DATES)
        made.append(event)
    return made


@st.composite
def relations(draw) -> list[dict]:
    """Relations added to the fixture's, with extreme amounts in one of two currencies."""
    made = []
    for index in range(draw(st.integers(0, 3))):
        source, target = draw(st.permutations(ACTORS))[:2]
        relation = {
            "id": f"generated-relation-{index}",
            "from": source,
            "to": target,
            "kind": "paid",
            "date": "2024",
            "status": "confirmed",
            "sources": ["audit-report-2025"],
        }
        if draw(st.booleans()):
            relation["amount"] = {
                "value": draw(AMOUNTS),
                "currency": draw(st.sampled_from(["USD", "EUR"])),
            }
        made.append(relation)
    return made


@st.composite
def stories(draw) -> Story:
    damage = draw(st.sampled_from(["none", "none", "blank", "malformed"]))
    row = st.tuples(*(cells(column, damage) for column in COLUMNS)).map(list)
    rows = draw(st.lists(row, max_size=6))
    return Story(rows, draw(charts()), draw(events()), draw(relations()))


def write_story(story: Story, folder: Path) -> Path:
    """A copy of the fixture with the generated files in it."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(BASE, folder)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerows([list(COLUMNS), *story.csv_rows])
    (folder / "data" / "payments.csv").write_text(text.getvalue(), encoding="utf-8")
    dataset = yaml.safe_load((folder / "datasets.yml").read_text(encoding="utf-8"))
    dataset["datasets"][0]["columns"] = [{"name": n, "type": t} for n, t in COLUMNS.items()]
    _dump(folder / "datasets.yml", dataset)
    _dump(folder / "charts.yml", {"charts": story.charts})
    for name, added in (("events", story.events), ("relations", story.relations)):
        document = yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))
        document[name].extend(added)
        _dump(folder / f"{name}.yml", document)
    return folder


class _Dumper(yaml.SafeDumper):
    """Writes a value drawn twice out twice: content files refuse YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(path: Path, document: dict) -> None:
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, "utf-8")


def assert_located(diagnostics: list[Diagnostic], story: Path) -> None:
    """Each diagnostic reads 'path:line:column: message' at a line of a file of the story."""
    for diagnostic in diagnostics:
        line = str(diagnostic)
        assert DIAGNOSTIC_LINE.match(line), line
        path = Path(diagnostic.location.path)
        path = path if path.is_absolute() else Path.cwd() / path
        assert path.resolve().is_relative_to(story.resolve()) and path.is_file(), line
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        assert diagnostic.location.line <= len(lines) + 1, line


def build_tree(story: Path) -> int:
    """The core build of one language, every file of its tree made; returns how many."""
    site = SiteBuild.load(story, ROOT / "site_config", ["en"], strict=True, project_dir=ROOT)
    tree = site.tree("en")
    try:
        made = [tree.content(path) for path in tree.paths()]
    finally:
        tree.finish()
    assert made
    return len(made)


MIXED = Story(
    [
        ["2024", "0", "0", "Example Agency", "Example Supplier"],
        ["2024-03", "-3", "-5", "Sample Bank", "Example Supplier"],
        ["2024-03-05", "1000000000000000", "1e15", LONG, 'A "quoted", name'],
        ["2024-03-05T21:00", "7", "3.14159265358979", "Two\nlines", "Example Agency"],
    ],
    [
        {"id": "payments-by-quarter", "type": "line", "dataset": "payments", "x": "d", "y": "n"},
        {"id": "chart-1", "type": "bar", "dataset": "payments", "x": "d", "y": ["n", "i"]},
        {"id": "chart-2", "type": "timeline", "derived_from": "events"},
        {"id": "chart-3", "type": "network", "derived_from": "relations"},
    ],
    [{"id": "e", "date": "about 2023", "title": "T", "group": "press", "sources": ["x"]}],
)
BLANK_DATE = Story(
    [["2024-03", "1", "40000", "Example Agency", "Example Supplier"], ["", "2", "70000", "A", "B"]],
    [{"id": "payments-by-quarter", "type": "line", "dataset": "payments", "x": "d", "y": "n"}],
)


def _with_furniture(story: Story) -> Story:
    """A copy of an example story with the words and sources a generated chart or event has."""
    story = copy.deepcopy(story)
    for spec in story.charts:
        spec.update(title="A fictional chart", description="A chart of fictional figures.")
        if "dataset" in spec:
            spec["sources"] = ["audit-report-2025"]
    for event in story.events:
        event["sources"] = ["audit-report-2025"]
    return story


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@example(_with_furniture(MIXED))
@example(_with_furniture(BLANK_DATE))
@given(stories())
def test_what_validate_passes_the_core_builds(tmp_path_factory, story: Story):
    folder = write_story(story, tmp_path_factory.getbasetemp() / "validate-implies-build" / "s")
    result = load_and_check(folder, strict=True)
    if result.errors:
        OUTCOMES["refused"] += 1
        assert_located(result.diagnostics, folder)
        return
    OUTCOMES["built"] += 1
    assert build_tree(folder) > 0


def test_the_property_saw_stories_refused_and_built():
    """The generated stories reach both sides, or the property would hold of nothing."""
    if not OUTCOMES:
        pytest.skip("runs after the property test, in the same session")
    assert OUTCOMES["refused"] > 0 and OUTCOMES["built"] > 0, OUTCOMES


def test_a_blank_date_in_a_line_chart_is_refused_at_its_cell(tmp_path):
    """The crash this file exists for: the blank date is an error at its CSV line, not a
    TypeError in the build."""
    folder = write_story(_with_furniture(BLANK_DATE), tmp_path / "s")
    result = load_and_check(folder, strict=True)
    lines = [str(d).replace(str(folder) + os.sep, "") for d in result.errors]
    assert lines == [
        "data/payments.csv:3:1: blank cell in column 'd', which chart 'payments-by-quarter' "
        "draws as its dates (a point needs its date: write the date its source gives, or take "
        "the row out)"
    ]


def test_a_blank_cell_no_chart_draws_is_allowed(tmp_path):
    """A dataset may leave a cell blank that no chart needs: only the chart's columns must be
    filled in."""
    story = _with_furniture(BLANK_DATE)
    story.charts[0]["x"] = "i"
    folder = write_story(story, tmp_path / "s")
    assert not load_and_check(folder, strict=True).errors
    assert build_tree(folder) > 0


def test_the_real_build_refuses_a_blank_date_with_its_line_and_builds_mixed_dates(tmp_path):
    """End to end through the build command (MkDocs included): the blank date stops the build
    with its CSV line and no traceback; mixed precisions and extreme values build a site whose
    chart table shows them."""
    (tmp_path / "empty").mkdir()
    project = copy_project(tmp_path / "project", content=tmp_path / "empty")
    write_story(_with_furniture(BLANK_DATE), project / "content" / "lakeford-water")
    refused = build(project, tmp_path / "site-refused")
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr + refused.stdout
    assert "lakeford-water/data/payments.csv:3:1: blank cell in column 'd'" in (
        refused.stderr + refused.stdout
    )
    write_story(_with_furniture(MIXED), project / "content" / "lakeford-water")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    page = soup(tmp_path / "site" / "lakeford-water" / "data" / "index.html")
    figure = page.select_one("figure#chart-payments-by-quarter")
    assert figure is not None and figure.select_one("svg") is not None  # its static picture
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in figure.select("tbody tr")]
    # each date as precise as its cell, in date order; the extreme values as numbers
    assert [row[0] for row in rows] == ["2024", "2024-03", "2024-03-05", "2024-03-05T21:00"]
    assert [row[1] for row in rows][:3] == ["0", "-5", "1,000,000,000,000,000"]


def test_a_blank_value_is_a_gap_in_its_line_and_a_blank_in_its_table(tmp_path):
    """A row may not know every figure: a blank value is no point on its line (the line breaks
    there) and a blank cell of the chart's table, never a zero, and validate lets it pass."""
    story = _with_furniture(BLANK_DATE)
    story.csv_rows = [
        ["2024-01", "1", "40000", "A", "B"],
        ["2024-02", "", "70000", "A", "B"],
        ["2024-03", "3", "", "A", "B"],
    ]
    story.charts[0]["y"] = ["n", "i"]
    folder = write_story(story, tmp_path / "s")
    result = load_and_check(folder, strict=True)
    assert not result.errors, [str(d) for d in result.errors]
    (investigation,) = result.investigations
    built = build_chart(investigation.charts[0], investigation, load_locale(LOCALES, "en"))
    lines = [trace for trace in built.figure.data if trace.mode == "lines+markers"]
    assert [list(trace.y) for trace in lines] == [[40000, 70000, None], [1, None, 3]]
    # the months are drawn across, as bars with the same gaps (generator/charts/types/line.py)
    spans = [trace for trace in built.figure.data if trace.mode == "lines" and trace.x[0]]
    assert [list(trace.y) for trace in spans] == [
        [40000, 40000, None, 70000, 70000, None],
        [1, 1, None, 3, 3, None],
    ]
    assert built.data.rows[2] == ["2024-03", None, 3]
