"""Hostile content cannot become markup or code: it is refused, or it is shown as text.

The browser half of this proof (no dialog, no injected handler in a real Chromium) is
tests/browser/test_injection.py; this half reads the built HTML with a parser.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.pipeline import load_and_check
from tests.injection.hostile import MARKDOWN_PAYLOADS, hostile_investigation
from tests.sitetools import ROOT, build, copy_project, html_pages, soup

DEMO = ROOT / "tests" / "fixtures" / "valid" / "demo-case"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")
# What a chart's static picture is drawn with: content reaches it only as <text>.
PICTURE_ELEMENTS = {"g", "rect", "circle", "path", "polyline", "line", "text"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    content = folder / "content"
    content.mkdir()
    hostile_investigation(content)
    project = copy_project(folder / "project", content)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_no_element_carries_an_event_handler(hostile_site):
    handlers = [
        f"{page.relative_to(hostile_site)}: <{element.name} {name}>"
        for page in html_pages(hostile_site)
        for element in soup(page).find_all(True)
        for name in element.attrs
        if name.lower().startswith("on")
    ]
    assert not handlers, handlers[:10]


def test_no_injected_element_script_or_link(hostile_site):
    problems = []
    quoted = 0  # pictures that show hostile text (as text): the check below has work to do
    for page in html_pages(hostile_site):
        document = soup(page)
        for picture in document.select("svg.chart__picture"):  # quotes content as text only
            problems += [
                f"{page.relative_to(hostile_site)}: <{e.name}> in a chart's picture"
                for e in picture.find_all(True)
                if e.name not in PICTURE_ELEMENTS
                or any("xss" in str(value) for value in e.attrs.values())
            ]
            quoted += "xss" in picture.get_text()
            picture.decompose()
        for element in document.find_all(["script", "iframe", "img", "svg", "object", "embed"]):
            text = element.get_text() + " ".join(str(v) for v in element.attrs.values())
            data_block = element.name == "script" and element.get("type") in (
                "application/ld+json",
                "application/json",
            )
            if data_block and "<" in element.get_text():
                problems.append(f"{page.relative_to(hostile_site)}: '<' in a JSON block")
            elif "xss" in text and not data_block:
                problems.append(f"{page.relative_to(hostile_site)}: injected <{element.name}>")
        for element in document.find_all(True):
            for name in URL_ATTRIBUTES:
                value = str(element.get(name, "")).strip().lower()
                if value.startswith("#"):
                    continue  # a heading's own anchor, made from its (escaped) text
                if value.startswith(("javascript:", "data:", "vbscript:")) or "xss" in value:
                    problems.append(f"{page.relative_to(hostile_site)}: {name}={value[:40]}")
    assert not problems, problems[:10]
    assert quoted, "no chart picture quotes the hostile content: the check proves nothing"


def test_hostile_text_is_shown_as_the_text_it_is(hostile_site):
    overview = soup(hostile_site / "demo-case" / "index.html")
    visible = overview.find("article").get_text(" ")
    story = yaml.safe_load(
        (hostile_site.parent / "content" / "demo-case" / "story.yml").read_text("utf-8")
    )["story"]
    assert story["dek"] in visible and "xss-story-dek" in story["dek"]
    assert overview.find("meta", attrs={"name": "description"})["content"] == story["dek"]
    assert overview.title.get_text().startswith(story["title"]["en"])
    actors = soup(hostile_site / "demo-case" / "actors" / "index.html").find("article")
    assert "{{ 7*7 }} {% if true %}xss-actor-role-0{% endif %}" in actors.get_text(" ")
    chart_table = soup(hostile_site / "demo-case" / "data" / "index.html").select_one(
        "figure.chart table"
    )
    assert "[click xss-column-month](javascript:alert('xss-column-month'))" in (
        chart_table.find("th").get_text()
    )
    download = (hostile_site / "demo-case" / "data" / "payments.csv").read_text("utf-8")
    assert "<script>alert('xss-csv')</script>" in download


def test_figure_json_keeps_hostile_text_as_escaped_text(hostile_site):
    for figure in (hostile_site / "demo-case" / "charts").glob("*.json"):
        text = figure.read_text("utf-8")
        data = json.loads(text)
        assert "<script" not in text and "<img" not in text, figure.name
        assert data["data"], figure.name


def test_csv_downloads_neutralise_spreadsheet_formulas(hostile_site):
    for path in (hostile_site / "demo-case").rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text("utf-8"))):
            for cell in row:
                assert not cell.startswith("=HYPERLINK"), path.name
    rows = list(
        csv.reader(
            io.StringIO((hostile_site / "demo-case" / "data" / "payments.csv").read_text("utf-8"))
        )
    )
    assert '\'=HYPERLINK("http://evil.example")' in [row[1] for row in rows]


@pytest.fixture()
def demo(tmp_path) -> Path:
    case = tmp_path / "demo-case"
    shutil.copytree(DEMO, case)
    return case


@pytest.mark.parametrize(
    ("text", "message"), MARKDOWN_PAYLOADS, ids=[m for _, m in MARKDOWN_PAYLOADS]
)
def test_markdown_fields_refuse_html_and_unsafe_links(demo, text, message):
    claims = yaml.safe_load((demo / "claims.yml").read_text("utf-8"))
    claims["claims"][0]["statement"] = text
    (demo / "claims.yml").write_text(yaml.safe_dump(claims, sort_keys=False), "utf-8")
    result = load_and_check(demo)
    matching = [d for d in result.errors if message in d.message]
    assert matching, [str(d) for d in result.errors]
    assert matching[0].location.path.endswith("claims.yml")
    line = (demo / "claims.yml").read_text("utf-8").splitlines()[matching[0].location.line - 1]
    assert "statement" in line or text.split()[0][:6] in line


@pytest.mark.parametrize(
    ("text", "message"), MARKDOWN_PAYLOADS[:4], ids=[m for _, m in MARKDOWN_PAYLOADS[:4]]
)
def test_pages_refuse_html_and_unsafe_links(demo, text, message):
    page = demo / "pages" / "overview.md"
    page.write_text(page.read_text("utf-8") + f"\n{text}\n", "utf-8")
    result = load_and_check(demo)
    matching = [d for d in result.errors if message in d.message]
    assert matching and matching[0].location.path.endswith("overview.md")
    assert matching[0].location.line == len(page.read_text("utf-8").splitlines())


def test_code_spans_show_markup_as_code(demo, tmp_path):
    page = demo / "pages" / "overview.md"
    page.write_text(page.read_text("utf-8") + "\nWrite `<script>` to see it.\n", "utf-8")
    assert not load_and_check(demo).errors


@pytest.mark.parametrize("bad_id", ["<script>", 'a" onmouseover="x', "javascript:alert(1)"])
def test_ids_are_slugs_only(demo, bad_id):
    claims = yaml.safe_load((demo / "claims.yml").read_text("utf-8"))
    claims["claims"][0]["id"] = bad_id
    (demo / "claims.yml").write_text(yaml.safe_dump(claims, sort_keys=False), "utf-8")
    result = load_and_check(demo)
    assert any(f"'{bad_id}' is not a valid id" in d.message for d in result.errors)


@pytest.mark.parametrize("where", ["actors.yml", "data/payments.csv", "pages/overview.md"])
def test_direction_overrides_are_refused_at_their_place(demo, where):
    path = demo / where
    text = path.read_text("utf-8")
    target = {
        "actors.yml": "Example Agency",
        "data/payments.csv": "Sample Network",
        "pages/overview.md": "The agency published",
    }[where]
    path.write_text(text.replace(target, "\u202e" + target, 1), "utf-8")
    result = load_and_check(demo)
    (error,) = [d for d in result.errors if "direction control" in d.message]
    assert error.message == "text contains an invisible direction control (U+202E)"
    assert error.location.path.endswith(where)
    line = path.read_text("utf-8").splitlines()[error.location.line - 1]
    assert line[error.location.column - 1] == "\u202e"
