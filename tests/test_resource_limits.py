"""Content that would exhaust the build machine or the reader's phone is refused at the place
it crosses a limit (generator/limits.py), with a hint saying what to add up or split.

The sizes here are just past each limit; how long the build took at larger ones is measured
and written down in generator/limits.py, never asserted as a time in a test.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from generator.limits import (
    LIMITS,
    MAX_CELL_CHARS,
    MAX_DATASET_COLUMNS,
    MAX_DATASET_ROWS,
    MAX_FRIENDLY_YAML_CHARS,
    MAX_GRAPH_LINKS,
    MAX_YAML_DEPTH,
)
from generator.yaml_source import parse_yaml
from tests.conftest import VALID_CASE
from tests.sitetools import build, copy_project

HEADER = "month,recipient,amount,transfers,disclosed\n"
ROW_HINT = "(add the rows up (by month, by region, by kind) or split the dataset in two)"


def write_rows(demo, count: int) -> None:
    rows = "".join(
        f"2024-{1 + n % 12:02d},Recipient {n % 50},{n}.5,{n % 9},true\n" for n in range(count)
    )
    demo.write("data/payments.csv", HEADER + rows)


def test_every_limit_says_why_it_has_its_value():
    assert len({limit.name for limit in LIMITS}) == len(LIMITS)
    for limit in LIMITS:
        assert limit.value >= 0 and limit.unit and len(limit.why) > 40, limit.name


# --- datasets -----------------------------------------------------------------------------------


def test_a_dataset_at_the_row_limit_loads(demo, validate):
    write_rows(demo, MAX_DATASET_ROWS)
    outcome = validate(demo.path)
    assert outcome.lines == []
    assert len(outcome.investigation.datasets[0].rows) == MAX_DATASET_ROWS


def test_one_row_past_the_limit_is_refused_at_its_line(demo, validate):
    write_rows(demo, MAX_DATASET_ROWS + 5)
    assert validate(demo.path).lines == [
        f"data/payments.csv:{MAX_DATASET_ROWS + 2}:1: dataset 'payments' has more than "
        f"{MAX_DATASET_ROWS:,} rows {ROW_HINT}"
    ]


def test_a_cell_past_the_length_limit_is_refused_at_its_cell(demo, validate):
    demo.replace("data/payments.csv", "2024-04,Sample Network,", f"2024-04,{'w' * 12_000},")
    assert validate(demo.path).lines == [
        f"data/payments.csv:2:9: '{'w' * 40}…' in column 'recipient' is 12,000 characters long, "
        f"more than the limit of {MAX_CELL_CHARS:,} (a cell holds a value; keep long text in "
        "the dataset's description)"
    ]


def test_a_dataset_of_too_many_columns_is_refused_at_the_first_one_past(demo, validate):
    datasets = yaml.safe_load(demo.read("datasets.yml"))
    extra = [{"name": f"c{n}", "type": "integer"} for n in range(MAX_DATASET_COLUMNS)]
    datasets["datasets"][0]["columns"] += extra
    demo.write("datasets.yml", yaml.safe_dump(datasets, sort_keys=False))
    first_past = f"name: c{MAX_DATASET_COLUMNS - 5}"  # the demo describes five of its own
    text = demo.read("datasets.yml").splitlines()
    line = next(n for n, row in enumerate(text, 1) if row.strip() == f"- {first_past}")
    column = text[line - 1].index("name") + 1
    assert validate(demo.path).lines == [
        f"datasets.yml:{line}:{column}: dataset 'payments' describes "
        f"{5 + MAX_DATASET_COLUMNS} columns, more than the limit of {MAX_DATASET_COLUMNS} "
        "(split it into datasets of the columns each chart needs)"
    ]


def test_the_build_refuses_a_dataset_past_the_row_limit(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(VALID_CASE, content / "demo-case")
    rows = "".join(f"2024-04,Recipient {n},{n},1,true\n" for n in range(MAX_DATASET_ROWS + 1))
    (content / "demo-case" / "data" / "payments.csv").write_text(HEADER + rows, "utf-8")
    project = copy_project(tmp_path / "project", content)
    result = build(project, project / "site")
    assert result.returncode == 1
    assert (
        f"content/demo-case/data/payments.csv:{MAX_DATASET_ROWS + 2}:1: dataset 'payments' has "
        f"more than {MAX_DATASET_ROWS:,} rows"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


# --- network and flow charts --------------------------------------------------------------------

FLOWS = {
    "id": "flows",
    "file": "data/flows.csv",
    "title": "Flows",
    "description": "Who paid whom, fictional.",
    "columns": [
        {"name": "payer", "type": "string"},
        {"name": "payee", "type": "string"},
        {"name": "usd", "type": "number"},
    ],
    "sources": ["agency-report-2024"],
}
FLOW_CHART = {
    "id": "money-flow",
    "type": "flow",
    "dataset": "flows",
    "source_column": "payer",
    "target_column": "payee",
    "value_column": "usd",
    "title": "Flow",
    "description": "Money between fictional accounts.",
}


def add_flow(demo, links: int) -> None:
    datasets = yaml.safe_load(demo.read("datasets.yml"))
    datasets["datasets"].append(FLOWS)
    demo.write("datasets.yml", yaml.safe_dump(datasets, sort_keys=False))
    charts = yaml.safe_load(demo.read("charts.yml"))
    charts["charts"].append(FLOW_CHART)
    demo.write("charts.yml", yaml.safe_dump(charts, sort_keys=False))
    rows = "".join(f"Account {n % 3000},Account {3000 + n % 4000},{n}\n" for n in range(links))
    demo.write("data/flows.csv", "payer,payee,usd\n" + rows)


def chart_line(demo, key: str) -> int:
    lines = demo.read("charts.yml").splitlines()
    start = lines.index("- id: money-flow")
    return next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith(key)) + 1


def test_a_flow_chart_past_the_link_limit_is_refused_at_its_dataset(demo, validate):
    add_flow(demo, MAX_GRAPH_LINKS + 1)
    line = chart_line(demo, "dataset:")
    assert validate(demo.path).lines == [
        f"charts.yml:{line}:12: chart 'money-flow' would draw 7,000 nodes and "
        f"{MAX_GRAPH_LINKS + 1:,} links, more than the limit of 10,000 nodes and "
        f"{MAX_GRAPH_LINKS:,} links (chart a dataset that adds the rows up (by kind, by country, "
        "by month) instead of every one)"
    ]


def test_a_flow_chart_at_the_link_limit_is_built(demo, validate):
    add_flow(demo, MAX_GRAPH_LINKS)
    assert validate(demo.path).lines == []


def test_a_network_past_the_limit_is_refused_at_derived_from(demo, validate, monkeypatch):
    """Past the limit for the demo's one relation: the same check as for 15,001 relations."""
    monkeypatch.setattr("generator.charts.spec.MAX_GRAPH_LINKS", 0)
    charts = yaml.safe_load(demo.read("charts.yml"))
    charts["charts"].append(
        {
            "id": "who-paid",
            "type": "network",
            "derived_from": "relations",
            "title": "Who paid whom",
            "description": "One fictional payment.",
        }
    )
    demo.write("charts.yml", yaml.safe_dump(charts, sort_keys=False))
    (line,) = validate(demo.path).lines
    assert "chart 'who-paid' would draw 2 nodes and 1 links, more than the limit" in line
    assert "adds the relations up" in line
    row = demo.read("charts.yml").splitlines()[int(line.split(":")[1]) - 1]
    assert row.strip() == "derived_from: relations"


# --- YAML -----------------------------------------------------------------------------------------


def test_a_fifteen_megabyte_line_with_an_unclosed_quote_is_a_clean_error():
    text = 'claims: "' + "y" * (15 * 2**20) + "\n"
    document, errors = parse_yaml(text, "claims.yml")
    assert document is None
    assert [str(error) for error in errors] == [
        "claims.yml:1:9: YAML syntax error: this quoted text is never closed "
        "(add the closing quote; inside '...' write a quote as '')"
    ]


def test_a_large_file_with_a_syntax_error_is_told_in_libyamls_words_at_its_line():
    """Two megabytes of values in an unclosed bracket: the Python parser, asked again for its
    friendlier words, took 28 s over them (libyaml a fraction of a second)."""
    text = "claims: [" + "a, " * (2**21 // 3) + "a\nnext: 1\n"
    assert len(text) > MAX_FRIENDLY_YAML_CHARS
    document, errors = parse_yaml(text, "claims.yml")
    assert document is None
    assert [str(error) for error in errors] == [
        "claims.yml:2:5: YAML syntax error: did not find expected ',' or ']' (while parsing a "
        "flow sequence) (check indentation, colons and quotes on this line or the one before)"
    ]


def test_a_fifteen_megabyte_line_of_text_is_read():
    document, errors = parse_yaml("claims: " + "x" * (15 * 2**20) + "\n", "claims.yml")
    assert errors == [] and len(document.data["claims"]) == 15 * 2**20


@pytest.mark.parametrize(
    "text",
    [
        "claims: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
        "claims:\n  - " + "[" * 5_000 + "]" * 5_000 + "\n",
        "claims: " + "{a: [" * 2_500 + "]}" * 2_500 + "\n",
    ],
    ids=["closed-braces", "closed-brackets-in-a-list", "mixed"],
)
def test_deep_closed_flow_nesting_is_refused(text):
    document, errors = parse_yaml(text, "claims.yml")
    assert document is None
    (error,) = errors
    assert f"nested more than {MAX_YAML_DEPTH} levels deep (flatten the structure)" in str(error)


def test_aliases_are_refused_even_when_many_anchors_are_set():
    anchors = ", ".join(f"&a{n} x" for n in range(10_000))
    _, errors = parse_yaml(f"claims: [{anchors}]\nagain: *a9999\n", "claims.yml")
    assert [str(error) for error in errors] == [
        "claims.yml:2:8: YAML syntax error: aliases ('*name') are not supported "
        "(write the value out again)"
    ]
