"""Charts from YAML specs: each type, each bad spec, the furniture and the bytes they produce."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.charts.embed import ChartSet, plotted_csv
from generator.charts.figures import build_chart, figure_json
from generator.charts.items import drawn_dates, drawn_items
from generator.charts.plotting import HOVER_LINE
from generator.charts.types.bar import date_category
from generator.dates import PartialDate
from generator.model import Event, SourceRef
from generator.pipeline import load_and_check
from generator.render.links import Resolver
from generator.render.locale import load_locale
from tests.sitetools import build, copy_project, soup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"
LOCALE = load_locale(ROOT / "site_config" / "locales", "en")
ROMANIAN = load_locale(ROOT / "site_config" / "locales", "ro")
HEADER = "# yaml-language-server: $schema=../../../../schema/charts.schema.json\n"

CHARTS = [
    {
        "id": "amounts",
        "type": "bar",
        "dataset": "payments",
        "x": "month",
        "y": "amount",
        "highlight": ["2024-06"],
        "title": "Amounts",
        "subtitle": "By month",
        "description": "Three bars, June highlighted.",
        "notes": "Fictional [@agency-report-2024].",
        "sources": ["agency-report-2024"],
    },
    {
        "id": "paid-in-usd",
        "type": "flow",
        "derived_from": "relations",
        "currency": "USD",
        "title": "Paid",
        "description": "The alleged payment, in US dollars.",
    },
    {
        "id": "by-recipient",
        "type": "bar",
        "dataset": "payments",
        "x": "month",
        "y": "amount",
        "series": "recipient",
        "title": "By recipient",
        "description": "One bar per recipient.",
    },
    {
        "id": "agency-lane",
        "type": "timeline",
        "derived_from": "events",
        "groups": ["agency"],
        "title": "Agency lane",
        "description": "Only the agency's events.",
    },
    {
        "id": "amounts-across",
        "type": "bar",
        "dataset": "payments",
        "x": "recipient",
        "y": ["amount", "transfers"],
        "orientation": "horizontal",
        "title": "Across",
        "description": "Grouped horizontal bars.",
    },
    {
        "id": "amounts-line",
        "type": "line",
        "dataset": "payments",
        "x": "month",
        "y": "amount",
        "title": "Line",
        "description": "A line over three months.",
    },
    {
        "id": "events-lanes",
        "type": "timeline",
        "derived_from": "events",
        "title": "When",
        "description": "Two events in two lanes.",
    },
    {
        "id": "who-paid",
        "type": "network",
        "derived_from": "relations",
        "title": "Who paid whom",
        "description": "One alleged payment.",
    },
    {
        "id": "money-flow",
        "type": "flow",
        "dataset": "flows",
        "source_column": "payer",
        "target_column": "payee",
        "value_column": "usd",
        "title": "Flow",
        "description": "Money from the agency to the network.",
    },
]
FLOWS_DATASET = {
    "id": "flows",
    "file": "data/flows.csv",
    "title": "Flows",
    "description": "Who paid whom.",
    "columns": [
        {"name": "payer", "type": "string"},
        {"name": "payee", "type": "string"},
        {"name": "usd", "type": "number", "unit": "USD"},
    ],
    "sources": ["agency-report-2024"],
}


def write_case(folder: Path, charts: list[dict]) -> Path:
    """The demo investigation with the given charts and a flows dataset."""
    case = folder / "demo-case"
    shutil.copytree(FIXTURE, case)
    datasets = yaml.safe_load((case / "datasets.yml").read_text("utf-8"))
    datasets["datasets"].append(FLOWS_DATASET)
    (case / "datasets.yml").write_text(yaml.safe_dump(datasets, sort_keys=False), "utf-8")
    (case / "data" / "flows.csv").write_text(
        "payer,payee,usd\nExample Agency,Sample Network,1000.5\nSample Network,Influencers,400\n",
        "utf-8",
    )
    existing = yaml.safe_load((case / "charts.yml").read_text("utf-8"))["charts"]
    (case / "charts.yml").write_text(
        HEADER + yaml.safe_dump({"charts": charts + existing}, sort_keys=False), "utf-8"
    )
    return case


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    case = write_case(tmp_path_factory.mktemp("charts"), CHARTS)
    result = load_and_check(case)
    assert not result.errors, [str(d) for d in result.errors]
    investigation = result.investigations[0]
    return investigation, {chart.id: chart for chart in investigation.charts}


def one_line(texts) -> tuple[str, ...]:
    """Hover texts as one line each: they are broken into lines that fit a phone's screen."""
    return tuple(text.replace("\n", " ") for text in texts)


def built(loaded, chart_id):
    investigation, charts = loaded
    return build_chart(charts[chart_id], investigation, LOCALE)


def test_vertical_bar_highlights_the_named_bar(loaded):
    chart = built(loaded, "amounts")
    (trace,) = chart.figure.data
    # a month shown as a month (the editor highlights it as written in the data: 2024-06)
    assert list(trace.x) == ["Apr 2024", "May 2024", "Jun 2024"]
    assert list(trace.y) == [200, 300.25, 500.25]
    assert trace.marker.opacity[2] == 1 and trace.marker.opacity[0] < 1
    assert trace.marker.color[2] != trace.marker.color[0]


def test_few_bars_carry_their_values_in_the_page_number_format(loaded):
    """Value labels beyond each bar, written as the page's language writes numbers, with room
    left on the value axis for the longest one."""
    english = built(loaded, "amounts").figure
    (trace,) = english.data
    assert list(trace.text) == ["200", "300.25", "500.25"]
    assert trace.textposition == "outside" and trace.cliponaxis is False
    assert english.layout.yaxis.range[1] > 500.25
    investigation, charts = loaded
    (romanian,) = build_chart(charts["amounts"], investigation, ROMANIAN).figure.data
    assert list(romanian.text) == ["200", "300,25", "500,25"]
    assert list(romanian.x) == ["apr. 2024", "mai 2024", "iun. 2024"]


def test_a_day_category_is_a_date_in_the_page_language():
    day = PartialDate.parse("2023-07-28")
    assert date_category(day, LOCALE) == "28 Jul 2023"
    assert date_category(day, ROMANIAN) == "28 iul. 2023"
    assert date_category(PartialDate.parse("2023"), ROMANIAN) == "2023"


def test_grouped_horizontal_bars_one_trace_per_value_column(loaded):
    chart = built(loaded, "amounts-across")
    assert [t.orientation for t in chart.figure.data] == ["h", "h"]
    assert chart.figure.layout.barmode == "group"
    assert list(chart.figure.data[1].x) == [2, 3, None]
    assert chart.figure.layout.yaxis.autorange == "reversed"


def test_line_has_dates_on_its_axis_and_a_month_only_value_in_the_middle_of_its_month(loaded):
    chart = built(loaded, "amounts-line")
    (line,) = [t for t in chart.figure.data if t.mode == "lines+markers"]
    # the dataset gives months only: never pinned to the 1st, drawn across the month
    assert list(line.x) == ["2024-04-16", "2024-05-16 12:00", "2024-06-16"]
    span = next(t for t in chart.figure.data if t.mode == "lines" and t.x[0] is not None)
    assert list(span.x)[:3] == ["2024-04-01", "2024-05-01", None]


def test_timeline_is_honest_about_precision_and_links_to_events(loaded):
    chart = built(loaded, "events-lanes")
    link = "demo-case/timeline/#event-report-published"
    span = next(t for t in chart.figure.data if t.type == "bar" and link in t.customdata)
    # 'report-published' is known only to the month: drawn as the whole of March 2024
    assert span.name == LOCALE["words"]["timeline_period"]
    index = list(span.customdata).index(link)
    assert span.base[index] == "2024-03-01"
    assert span.x[index] == 31 * 86_400_000
    lanes = {note.text for note in chart.figure.layout.annotations}
    assert "agency" in lanes
    assert all("/timeline/#event-" in link for t in chart.figure.data for link in t.customdata)


def test_network_draws_alleged_links_dashed_and_says_so(loaded):
    chart = built(loaded, "who-paid")
    edges = [t for t in chart.figure.data if t.mode == "lines" and t.x]
    assert [e.line.dash for e in edges] == ["dash"]
    assert edges[0].name == "Reported, alleged or disputed link"
    hover = next(t for t in chart.figure.data if t.mode == "markers" and t.hovertext)
    assert one_line(hover.hovertext) == (
        "Example Agency → paid → Sample Network (alleged): USD 1,000.5",
    )
    nodes = [t for t in chart.figure.data if t.mode == "markers" and t.marker.symbol]
    assert {t.name for t in nodes} == {"Agencies and authorities", "Campaigns"}
    legend = [entry.label for entry in chart.legend]
    assert legend == ["Reported, alleged or disputed link", *(t.name for t in nodes)]


def test_flow_is_a_sankey_of_the_dataset(loaded):
    chart = built(loaded, "money-flow")
    (sankey,) = chart.figure.data
    assert sankey.type == "sankey"
    assert list(sankey.node.label) == ["Example Agency", "Sample Network", "Influencers"]
    assert list(sankey.link.value) == [1000.5, 400]


def test_series_column_gives_one_bar_per_value(loaded):
    chart = built(loaded, "by-recipient")
    assert [t.name for t in chart.figure.data] == ["Sample Network", "Sample Network, Ltd"]
    assert list(chart.figure.data[0].y) == [200, None, 500.25]
    assert chart.data.columns == ["month", "recipient", "amount"]


def test_timeline_can_show_only_some_lanes(loaded):
    chart = built(loaded, "agency-lane")
    lanes = {note.text for note in chart.figure.layout.annotations}
    assert lanes == {"agency"}
    assert [row[3] for row in chart.data.rows] == ["The agency publishes its annual report"]


def test_flow_of_relations_shows_amounts_in_one_currency(loaded):
    chart = built(loaded, "paid-in-usd")
    (sankey,) = chart.figure.data
    assert list(sankey.node.label) == ["Example Agency", "Sample Network"]
    assert list(sankey.link.value) == [1000.5]
    assert "alleged" in sankey.link.label[0]
    # a click follows a mark's customdata (the loader script): a link's words are not an address
    assert sankey.link.customdata is None
    assert chart.data.rows[0][3:6] == [1000.5, "USD", "alleged"]


def test_figure_json_has_no_template_no_ids_and_is_stable(loaded):
    first = figure_json(built(loaded, "amounts").figure)
    again = figure_json(built(loaded, "amounts").figure)
    assert first == again
    data = json.loads(first)
    assert "template" not in data["layout"]
    assert '"uid"' not in first


def test_csv_download_is_exactly_the_plotted_rows(loaded):
    chart = built(loaded, "amounts-across")
    rows = list(csv.reader(io.StringIO(plotted_csv(chart))))
    assert rows == [
        ["recipient", "amount", "transfers"],
        ["Sample Network", "200", "2"],
        ["Sample Network, Ltd", "300.25", "3"],
        ["Sample Network", "500.25", ""],
    ]


def test_figure_carries_full_furniture(loaded):
    investigation, _ = loaded
    resolver = Resolver({investigation.slug: investigation}, "en")
    charts = ChartSet.build([investigation], LOCALE, resolver)
    figure = charts.element(
        investigation.slug, "amounts", "../../", lambda parent, text: None, lambda html: "stashed"
    )
    assert figure.find("figcaption/span[@class='chart__title']").text == "Amounts"
    assert figure.find("figcaption/span[@class='chart__subtitle']").text == "By month"
    canvas = figure.find("div[@class='chart__canvas']")
    assert canvas.get("role") == "img"
    description = figure.find("p[@class='chart__description']")
    assert description.text == "Three bars, June highlighted."
    assert canvas.get("aria-describedby") == description.get("id")
    assert (
        figure.find("p[@class='chart__source']/a")
        .get("href")
        .endswith("#source-agency-report-2024")
    )
    assert len(figure.findall("details/div/table/tbody/tr")) == 3
    assert figure.find("p[@class='chart__download']/a").get("href").endswith("amounts.csv")
    assert figure.get("data-chart-src") == "../../demo-case/charts/amounts.json"


BAD_SPECS = [
    (
        {"y": "amout"},
        "chart 'amounts': dataset 'payments' has no column 'amout'",
        "did you mean 'amount'?",
    ),
    (
        {"y": "recipient"},
        "chart 'amounts': column 'recipient' is string, but 'y' of a bar chart "
        "must be integer or number",
        "choose another column or change the chart type",
    ),
    (
        {"dataset": "paymnts"},
        "chart 'amounts' refers to unknown dataset 'paymnts'",
        "did you mean 'payments'?",
    ),
    (
        {"type": "timeline"},
        "chart 'amounts': a timeline chart is derived from events",
        "write 'derived_from: events' and no dataset",
    ),
    (
        {"highlight": ["2024-07"]},
        "chart 'amounts': nothing to highlight: no 'month' is '2024-07'",
        None,
    ),
    (
        {"series": "amount"},
        "chart 'amounts': column 'amount' is number, but 'series' of a bar chart must be "
        "string or date or integer",
        None,
    ),
    (
        {"groups": ["agency"]},
        "chart 'amounts': only a timeline chart selects lanes with 'groups'",
        "remove 'groups'",
    ),
]


@pytest.mark.parametrize(
    ("change", "message", "hint"),
    BAD_SPECS,
    ids=[
        "unknown-column",
        "wrong-type",
        "unknown-dataset",
        "derived",
        "highlight",
        "series",
        "groups",
    ],
)
def test_bad_spec_is_an_error_at_its_line(tmp_path, change, message, hint):
    spec = {**CHARTS[0], **change}
    case = write_case(tmp_path, [spec])
    result = load_and_check(case)
    matching = [d for d in result.errors if d.message == message]
    assert matching, [str(d) for d in result.errors]
    diagnostic = matching[0]
    assert diagnostic.hint == hint or (hint is None and diagnostic.hint)
    lines = (case / "charts.yml").read_text("utf-8").splitlines()
    key, value = next(iter(change.items()))
    value = value[0] if isinstance(value, list) else value
    line = lines[diagnostic.location.line - 1]
    assert line.lstrip(" -").startswith(key) or line.strip(" -") == value, line
    assert diagnostic.location.path.endswith("charts.yml")


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chartsite")
    content = folder / "content"
    content.mkdir()
    write_case(content, CHARTS)
    project = copy_project(folder / "project", content)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_built_data_page_shows_every_chart_with_its_files(chart_site):
    page = soup(chart_site / "demo-case" / "data" / "index.html")
    figures = page.select("figure.chart")
    assert {f"chart-{c['id']}" for c in CHARTS} <= {f["id"] for f in figures}
    for figure in figures:
        source = figure["data-chart-src"]
        assert (chart_site / "demo-case" / "data" / source).resolve().is_file()
        assert (chart_site / "demo-case" / "data" / figure["data-plotly-src"]).resolve().is_file()
        csv_link = figure.select_one(".chart__download a")["href"]
        assert (chart_site / "demo-case" / "data" / csv_link).resolve().is_file()
        assert figure.select_one(".chart__description").get_text(strip=True)
        assert figure.select("details.chart__data table tbody tr")


def test_timeline_and_network_pages_carry_their_charts(chart_site):
    assert soup(chart_site / "demo-case" / "timeline" / "index.html").select_one(
        "figure#chart-events-lanes"
    )
    assert soup(chart_site / "demo-case" / "actors" / "index.html").select_one(
        "figure#chart-who-paid"
    )


def test_pages_without_charts_do_not_load_plotly(chart_site):
    for page in ("claims", "sources", "methodology"):
        html = (chart_site / "demo-case" / page / "index.html").read_text("utf-8")
        assert "plotly" not in html.lower(), page
    for script in soup(chart_site / "demo-case" / "data" / "index.html").find_all("script"):
        assert "plotly" not in (script.get("src") or ""), "plotly.js must load lazily"


def test_smallest_plotly_bundle_that_draws_the_chart(loaded, tmp_path):
    from generator.charts.bundles import BASIC_PACKAGE_FILE, NPM_FOLDER, basic_bundle, bundle_for

    assert basic_bundle(tmp_path) is None  # not installed: every chart uses the full bundle
    assert bundle_for(built(loaded, "amounts").figure, None).name == "full"
    installed = tmp_path / NPM_FOLDER / BASIC_PACKAGE_FILE
    installed.parent.mkdir(parents=True)
    installed.write_text("/* plotly.js basic */")
    basic = basic_bundle(tmp_path)
    for chart_id in ("amounts", "amounts-line", "events-lanes", "who-paid"):
        assert bundle_for(built(loaded, chart_id).figure, basic).name == "basic", chart_id
    assert bundle_for(built(loaded, "money-flow").figure, basic).name == "full"  # a sankey


def test_large_networks_skip_the_quadratic_layout():
    from generator.charts.layout import FORCE_LIMIT, force_layout

    nodes = [f"actor-{i}" for i in range(FORCE_LIMIT + 1)]
    positions = force_layout(nodes, [(nodes[i], nodes[i + 1]) for i in range(len(nodes) - 1)])
    radii = {round((x * x + y * y) ** 0.5, 2) for x, y in positions.values()}
    assert radii == {1.0}  # the starting circle, not an iterated layout
    small = force_layout(nodes[:10], [(nodes[0], nodes[1])])
    assert len({round((x * x + y * y) ** 0.5, 2) for x, y in small.values()}) > 1


# --- editor text reaches plotly.js as text ----------------------------------------------------

LINK = '<a href="https://evil.example/plotly">CLICKME</a>'
MARKUP = {
    "cell": f"Alice {LINK}",
    "payer": "<b>Bold payer</b>",
    "actor": 'Sample <span style="color:red">Network</span>',
    "lane": '<a href="https://evil.example/lane">Lane</a> & <i>more</i>',
    "label": "Amount <b>in</b> &amp; out",
}
LIVE_MARKUP = ("<a", "<b>", "<span", "<i>")


@pytest.fixture(scope="module")
def hostile_charts(tmp_path_factory):
    """The chart fixtures with HTML in a CSV cell, a column label, an actor's name and a lane."""
    case = write_case(tmp_path_factory.mktemp("hostile-charts"), CHARTS)
    payments = case / "data" / "payments.csv"
    payments.write_text(
        payments.read_text("utf-8").replace(
            '"Sample Network, Ltd"', '"' + MARKUP["cell"].replace('"', '""') + '"'
        ),
        "utf-8",
    )
    flows = case / "data" / "flows.csv"
    flows.write_text(
        flows.read_text("utf-8").replace("Example Agency,", f"{MARKUP['payer']},"), "utf-8"
    )
    datasets = yaml.safe_load((case / "datasets.yml").read_text("utf-8"))
    datasets["datasets"][0]["columns"][2]["label"] = MARKUP["label"]
    (case / "datasets.yml").write_text(yaml.safe_dump(datasets, sort_keys=False), "utf-8")
    actors = yaml.safe_load((case / "actors.yml").read_text("utf-8"))
    actors["actors"][1]["name"] = MARKUP["actor"]
    (case / "actors.yml").write_text(yaml.safe_dump(actors, sort_keys=False), "utf-8")
    story = yaml.safe_load((case / "story.yml").read_text("utf-8"))
    story["story"]["lanes"] = {"agency": MARKUP["lane"]}
    (case / "story.yml").write_text(yaml.safe_dump(story, sort_keys=False), "utf-8")
    result = load_and_check(case)
    assert not result.errors, [str(d) for d in result.errors]
    investigation = result.investigations[0]
    return investigation, {chart.id: chart for chart in investigation.charts}


def strings(value, key=""):
    """(key, text) of every string in a figure's JSON."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)


@pytest.mark.parametrize("chart_id", [chart["id"] for chart in CHARTS])
def test_html_in_content_reaches_plotly_as_escaped_text(hostile_charts, chart_id):
    text = figure_json(built(hostile_charts, chart_id).figure)
    shown = [
        # a hover text's line breaks are the code's own <br> (see plotting.hover_lines)
        value.replace("<br>", " ") if key in ("hovertext", "label") else value
        for key, value in strings(json.loads(text))
        if not key.endswith("template")
    ]
    for value in shown:
        assert not any(tag in value for tag in LIVE_MARKUP), (chart_id, value)
        assert "<" not in value and ">" not in value, (chart_id, value)
    for key, value in strings(json.loads(text)):
        if key.endswith("template"):  # written by the code; editor text only by reference
            assert not any(tag in value for tag in LIVE_MARKUP), (chart_id, value)


def test_every_kind_of_editor_text_is_escaped_once(hostile_charts):
    """What plotly.js decodes (&lt; &gt; &amp;) gives back exactly what the editor wrote."""
    everything = "\n".join(
        value
        for chart in CHARTS
        for _, value in strings(json.loads(figure_json(built(hostile_charts, chart["id"]).figure)))
    )
    for written in (MARKUP["cell"], MARKUP["payer"], MARKUP["actor"], MARKUP["lane"]):
        escaped = written.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in everything, written
    assert "Amount &lt;b&gt;in&lt;/b&gt; &amp;amp; out (USD)" in everything


def test_the_picture_shows_editor_html_as_literal_text(hostile_charts):
    from tests.test_chart_pictures import pictures, texts

    bar = pictures(built(hostile_charts, "by-recipient").figure)["wide"]
    assert MARKUP["cell"] in texts(bar)
    flow = pictures(built(hostile_charts, "money-flow").figure)["wide"]
    assert MARKUP["payer"] in texts(flow)
    lanes = pictures(built(hostile_charts, "events-lanes").figure)["wide"]
    assert MARKUP["lane"] in texts(lanes)
    line = pictures(built(hostile_charts, "amounts-line").figure)["wide"]
    assert "Amount <b>in</b> &amp; out (USD)" in texts(line)
    for svg in (bar, flow, lanes, line):
        assert not [e for e in svg.iter() if e.tag in ("a", "b", "span", "i", "foreignObject")]


# --- CSV downloads: no cell a spreadsheet would run -------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example")',
    '\uff1dHYPERLINK("http://evil.example")',  # fullwidth =
    "\uff0b1+1",  # fullwidth +
    "\uff0d1+1",  # fullwidth -
    "\uff20SUM(A1)",  # fullwidth @
    "\u200b=1+1",  # zero-width space first
    "\u200c=1+1",
    "\u200d=1+1",
    "\u2060=1+1",  # word joiner
    "\ufeff=1+1",  # byte order mark
    "\r=1+1",
    "\n=1+1",
    " =1+1",
    "\u00a0=1+1",
    "\u00a0\u200b\uff1d1+1",
    "\t=1+1",
    "-1+1",
    "@SUM(A1)",
]


@pytest.mark.parametrize("cell", FORMULAS, ids=[repr(f[:3]) for f in FORMULAS])
def test_a_cell_a_spreadsheet_could_run_is_written_as_text(cell):
    from generator.render.downloads import csv_text

    text = csv_text(["name", "amount"], [[cell, -5]])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [
        "'" + cell.replace("\r", "\n"),
        "-5",
    ]  # a lone CR would split the row  # numbers stay numbers, negative ones too


@pytest.mark.parametrize("cell", ["Sample Network", "1-2", "Café", "\u00a0plain", "\u200bword", ""])
def test_ordinary_text_is_written_as_it_is(cell):
    from generator.render.downloads import csv_text

    rows = list(csv.reader(io.StringIO(csv_text(["name"], [[cell]]))))
    assert rows[1] == [cell]


def test_dataset_and_chart_downloads_neutralise_a_fullwidth_formula(tmp_path):
    from generator.render.downloads import dataset_csv

    case = write_case(tmp_path, CHARTS)
    payments = case / "data" / "payments.csv"
    formula = '\u200b\uff1dHYPERLINK(""http://evil.example"")'
    payments.write_text(
        payments.read_text("utf-8").replace('"Sample Network, Ltd"', f'"{formula}"'), "utf-8"
    )
    result = load_and_check(case)
    investigation = result.investigations[0]
    charts = {chart.id: chart for chart in investigation.charts}
    written = '\u200b\uff1dHYPERLINK("http://evil.example")'
    dataset_rows = list(csv.reader(io.StringIO(dataset_csv(investigation.datasets[0]))))
    assert [row[1] for row in dataset_rows[1:]] == [
        "Sample Network",
        "'" + written,
        "Sample Network",
    ]
    chart = build_chart(charts["by-recipient"], investigation, LOCALE)
    chart_rows = list(csv.reader(io.StringIO(plotted_csv(chart))))
    assert "'" + written in [row[1] for row in chart_rows]


# --- flow layout: linear in nodes and links ---------------------------------------------------


def test_a_large_circle_of_flows_is_found_and_a_long_chain_laid_out():
    """Thousands of links, round in a circle or in one long chain (the old column search took
    44 s for 1,000 circular links; bench/ measures, this asserts the answers)."""
    from generator.charts.flow_layout import columns, flow_layout

    count = 5_000
    ring_sources, ring_targets = list(range(count)), [(n + 1) % count for n in range(count)]
    assert columns(count, ring_sources, ring_targets) is None
    assert flow_layout(count, ring_sources, ring_targets, [1] * count, 600, 14) is None
    # a circle at the end of a long chain is still a circle
    chain_sources = [*range(count - 1), count - 1]
    chain_targets = [*range(1, count), count - 3]
    assert columns(count, chain_sources, chain_targets) is None
    assert columns(count, list(range(count - 1)), list(range(1, count))) == list(range(count))
    # a wide layered flow: every node of a layer feeds every node of the next
    layers, width = 40, 25
    sources, targets = [], []
    for layer in range(layers - 1):
        for a in range(width):
            for b in range(width):
                sources.append(layer * width + a)
                targets.append((layer + 1) * width + b)
    placed = columns(layers * width, sources, targets)
    assert placed == [node // width for node in range(layers * width)]


def test_sinks_sit_in_the_last_column_and_sources_in_the_first():
    from generator.charts.flow_layout import columns

    # 0 → 1 → 2 → 3, and 0 → 4 (a sink) and 5 → 3: the sink moves to the last column
    assert columns(6, [0, 1, 2, 0, 5], [1, 2, 3, 4, 3]) == [0, 1, 2, 3, 3, 0]
    assert columns(2, [0], [0]) is None  # a link to itself is a circle
    assert columns(0, [], []) == []


def test_a_reported_relation_names_its_publisher_on_the_network_and_the_flow(loaded):
    """A 'reported' relation is attributed to no actor: the charts name who reported it, the
    publisher of its source, as its entry on Who's who does, never a bare 'by'."""
    investigation, charts = loaded
    (relation,) = investigation.relations
    reported = relation.model_copy(
        update={
            "status": "reported",
            "attributed_to": [],
            "sources": [SourceRef(id="example-news-2024-11-30")],
        }
    )
    case = investigation.model_copy(update={"relations": [reported]})
    network = build_chart(charts["who-paid"], case, LOCALE)
    hover = next(t for t in network.figure.data if t.mode == "markers" and t.hovertext)
    assert one_line(hover.hovertext) == (
        "Example Agency → paid → Sample Network (reported by Example News): USD 1,000.5",
    )
    row = dict(zip(network.data.columns, network.data.rows[0], strict=True))
    assert (row["status"], row["attributed_to"]) == ("reported", "Example News")
    assert network.data.labels[network.data.columns.index("attributed_to")] == "By"
    flow = build_chart(charts["paid-in-usd"], case, LOCALE)
    (sankey,) = flow.figure.data
    assert one_line(sankey.link.label)[0].endswith(", reported by Example News")
    assert flow.data.rows[0][5:7] == ["reported", "Example News"]
    # the alleged relation as written keeps its actor
    alleged = build_chart(charts["paid-in-usd"], investigation, LOCALE)
    assert one_line(alleged.figure.data[0].link.label)[0].endswith(", alleged (by Test Inspector)")


SAME_DAY_EVENTS = [
    {
        "id": f"same-day-{n}",
        "date": "2024-11-24",
        "title": f"Fictional event {n} on one day",
        "group": "agency",
        "sources": ["agency-report-2024" if n else "example-news-2024-11-30"],
    }
    for n in range(3)
] + [
    {
        "id": "alleged-visit",
        "date": "2024-11-26",
        "title": "A visit someone alleges",
        "group": "agency",
        "status": "alleged",
        "attributed_to": ["test-inspector"],
        "sources": ["agency-statement"],
    },
    {
        "id": "hearings-week",
        "date": "2024-12-02/2024-12-06",
        "title": "Fictional hearings over one week",
        "group": "agency",
        "sources": ["agency-report-2024"],
    },
]


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """The demo investigation with three events on one day and an alleged one in one lane."""
    case = write_case(tmp_path_factory.mktemp("crowded"), CHARTS)
    events = yaml.safe_load((case / "events.yml").read_text("utf-8"))
    events["events"] += SAME_DAY_EVENTS
    (case / "events.yml").write_text(yaml.safe_dump(events, sort_keys=False), "utf-8")
    result = load_and_check(case)
    assert not result.errors, [str(d) for d in result.errors]
    investigation = result.investigations[0]
    return investigation, {chart.id: chart for chart in investigation.charts}


def _rows_by_event(figure) -> dict[str, float]:
    return {
        link.rpartition("#event-")[2]: row
        for trace in figure.data
        if trace.customdata  # the legend's entry for hollow marks draws nothing
        for link, row in zip(trace.customdata, trace.y, strict=True)
    }


def test_timeline_stacks_events_of_one_day_in_one_lane(crowded):
    """Three events on one day are on three rows of their lane, under the lane's name."""
    chart = built(crowded, "events-lanes")
    rows = _rows_by_event(chart.figure)
    same_day = [rows[f"same-day-{n}"] for n in range(3)]
    assert len(set(same_day)) == 3
    (head,) = [a.y for a in chart.figure.layout.annotations if a.text == "agency"]
    assert all(row > head for row in same_day)  # the lane's name is above its events


def test_timeline_draws_unconfirmed_events_hollow_with_a_legend_entry(crowded):
    chart = built(crowded, "events-lanes")
    words = LOCALE["words"]
    hollow = [t for t in chart.figure.data if t.marker.color == "rgba(0,0,0,0)"]
    drawn_hollow = {link.rpartition("#event-")[2] for t in hollow for link in t.customdata or ()}
    # one publisher's report and an alleged event; the others' sources confirm them
    assert drawn_hollow == {"same-day-0", "alleged-visit"}
    legend = [t.name for t in chart.figure.data if t.showlegend is not False]
    assert words["timeline_unconfirmed"] in legend
    hover = {text for t in hollow for text in one_line(t.hovertext or ())}
    assert "26 November 2024: A visit someone alleges (Alleged)" in hover
    assert "24 November 2024: Fictional event 0 on one day (Reported)" in hover
    status = [row[4] for row in chart.data.rows if row[3] == "A visit someone alleges"]
    assert status == ["Alleged"]


def test_timeline_tells_periods_of_known_days_from_month_or_year_ones(crowded):
    chart = built(crowded, "events-lanes")
    words = LOCALE["words"]
    names = {
        link.rpartition("#event-")[2]: trace.name
        for trace in chart.figure.data
        for link in trace.customdata or ()
    }
    assert names["inspection"] == words["timeline_days"]  # 24 Nov 21:00 to 25 Nov 2024
    assert names["report-published"] == words["timeline_period"]  # March 2024
    legend = [t.name for t in chart.figure.data if t.showlegend is not False]
    assert words["timeline_days"] in legend and words["timeline_period"] in legend


def test_a_range_of_exact_days_written_as_the_date_is_a_period_of_known_days(crowded):
    """'2024-12-02/2024-12-06' as an event's date is a bar from its first day to its last, under
    the legend of known days: not a dot on its first day, not a month-or-year period."""
    chart = built(crowded, "events-lanes")
    words = LOCALE["words"]
    (trace,) = [
        t
        for t in chart.figure.data
        if any(link.endswith("#event-hearings-week") for link in t.customdata or ())
    ]
    assert trace.type == "bar" and trace.name == words["timeline_days"]
    index = [link.rpartition("#event-")[2] for link in trace.customdata].index("hearings-week")
    assert trace.base[index] == "2024-12-02"
    assert trace.x[index] >= 4 * 86_400_000  # at least to its last day (and a visible width)


def test_the_source_line_and_the_range_check_read_the_events_the_timeline_draws(crowded):
    """One rule picks a timeline's events: the figure draws exactly the events whose sources
    the source line names and whose dates the description's range is checked against, a
    range's last day included."""
    investigation, charts = crowded
    timelines = [chart for chart in charts.values() if chart.derived_from == "events"]
    assert timelines
    for chart in timelines:
        figure = build_chart(chart, investigation, LOCALE).figure
        linked = {
            link.rpartition("#event-")[2]
            for trace in figure.data
            for link in trace.customdata or ()
            if "#event-" in link
        }
        events = [item for item in drawn_items(chart, investigation) if isinstance(item, Event)]
        assert linked == {event.id for event in events}, chart.id
        if any(event.id == "hearings-week" for event in events):
            assert PartialDate.parse("2024-12-06") in drawn_dates(chart, investigation)


def test_a_network_hover_label_fits_a_phone_screen(loaded):
    """plotly.js draws a hover text on one line however long: a node's name and role and a
    link's words are broken into short lines, which its JSON gives plotly.js as <br>."""
    chart = built(loaded, "who-paid")
    hovers = [text for trace in chart.figure.data for text in trace.hovertext or ()]
    assert hovers and any("\n" in text for text in hovers)
    assert all(len(line) <= HOVER_LINE for text in hovers for line in text.split("\n"))
    spec = json.loads(figure_json(chart.figure))
    texts = [text for trace in spec["data"] for text in trace.get("hovertext") or ()]
    assert any("<br>" in text for text in texts) and not any("\n" in text for text in texts)


def test_axis_titles_are_drawn_at_the_size_the_picture_draws_them():
    """plotly.js draws an axis title 1.2 times the page's size by default: centred under a
    phone's narrow plotting area, a bar chart's value title ran past the screen's edge, where
    the picture, at 13 px, kept it inside."""
    from generator.charts.picture import FONT
    from generator.charts.theme import house_template

    layout = house_template().layout
    assert layout.xaxis.title.font.size == layout.yaxis.title.font.size == FONT
