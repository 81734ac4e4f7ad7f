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

import markdown
import pytest
import yaml

from generator.markdown_safety import CONTENT_EXTENSIONS
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from generator.render.markdown_ext import ExplainerExtension, PageContext
from tests.injection.hostile import MARKDOWN_PAYLOADS, hostile_investigation
from tests.sitetools import ROOT, build, copy_project, html_pages, soup

DEMO = ROOT / "tests" / "fixtures" / "valid" / "demo-case"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")
# What a chart's static picture is drawn with: content reaches it only as <text>.
PICTURE_ELEMENTS = {"g", "rect", "circle", "path", "polyline", "line", "text"}


def _test_id(value: object) -> str:
    """A test id without backslashes, which pytest's command line cannot name."""
    return str(value).replace("\\", "(backslash)")


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
    ("text", "message"), MARKDOWN_PAYLOADS, ids=[_test_id(m) for _, m in MARKDOWN_PAYLOADS]
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
    ("text", "message"),
    MARKDOWN_PAYLOADS[:4],
    ids=[_test_id(m) for _, m in MARKDOWN_PAYLOADS[:4]],
)
def test_pages_refuse_html_and_unsafe_links(demo, text, message):
    page = demo / "pages" / "overview.md"
    page.write_text(page.read_text("utf-8") + f"\n{text}\n", "utf-8")
    result = load_and_check(demo)
    matching = [d for d in result.errors if message in d.message]
    assert matching and matching[0].location.path.endswith("overview.md")
    assert matching[0].location.line == len(page.read_text("utf-8").splitlines())


def test_code_spans_show_markup_as_code(demo):
    page = demo / "pages" / "overview.md"
    page.write_text(page.read_text("utf-8") + "\nWrite `<script>` to see it.\n", "utf-8")
    assert not load_and_check(demo).errors
    rendered = render_content("Write `<script>` to see it.")
    assert rendered == "<p>Write <code>&lt;script&gt;</code> to see it.</p>"


def render_content(text: str) -> str:
    """``text`` rendered by the site's Markdown, with the explainer extension and no page."""
    extension = ExplainerExtension()
    extension.page = PageContext(None, None, load_locale(ROOT / "site_config" / "locales", "en"))
    return markdown.Markdown(extensions=[*CONTENT_EXTENSIONS, extension]).convert(text)


def test_the_checks_parse_with_the_extensions_the_site_renders_with():
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_IgnoreTags)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert names == list(CONTENT_EXTENSIONS)
    assert "attr_list" not in names


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !!python/name tags read as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None
)


def test_text_that_reads_as_attribute_lists_stays_visible_text(hostile_site):
    problems = []
    shown = 0
    for page in html_pages(hostile_site):
        document = soup(page)
        name = page.relative_to(hostile_site)
        configs = document.find_all(id="__config")
        if len(configs) > 1 or any(c.name != "script" for c in configs):
            problems.append(f"{name}: content took the theme's id __config")
        problems += [
            f"{name}: <{e.name} style={e['style']!r}>"
            for e in document.find_all(style=True)
            if "fixed" in e["style"]
        ]
        problems += [f"{name}: <{e.name} srcset>" for e in document.find_all(srcset=True)]
        shown += "{onclick=alert('xss-statement-0')}" in document.get_text()
    assert not problems, problems
    assert shown, "the statement's braces are not shown as text anywhere"


@pytest.mark.parametrize(
    ("markdown_text", "kept"),
    [
        ("[a](&#106;avascript:alert(1))", "<span>a</span>"),
        ("[a](java&#9;script:alert(1))", "<span>a</span>"),
        ("![a](/\\evil.example/x.png)", "<span>a</span>"),
        ("![a](https&#58;//evil.example/x.png)", "<span>a</span>"),
        ("[a](https://example.org/)", '<a href="https://example.org/">a</a>'),
        ("![a](/assets/favicon.svg)", '<img alt="a" src="/assets/favicon.svg" />'),
    ],
    ids=_test_id,
)
def test_rendering_reads_link_targets_as_the_browser_does(markdown_text, kept):
    """The second line of defence, for whatever reaches the renderer unchecked."""
    assert render_content(markdown_text) == f"<p>{kept}</p>"


def test_table_alignment_is_a_class_not_a_style():
    html = render_content("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert "style=" not in html
    assert '<td class="align-left">1</td>' in html and '<td class="align-right">3</td>' in html


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("url", "https://example.org/a){style=x}(", "'{'"),
        ("url", "https://example.org/a\n# Injected heading", "'\\n'"),
        ("archive_url", "https://example.org/a b", "' '"),
    ],
    ids=["bracket-and-brace", "line-break", "space"],
)
def test_source_addresses_are_single_plain_urls(demo, field, value, shown):
    sources = yaml.safe_load((demo / "sources.yml").read_text("utf-8"))
    sources["sources"][0][field] = value
    (demo / "sources.yml").write_text(yaml.safe_dump(sources, sort_keys=False), "utf-8")
    (error,) = load_and_check(demo).errors
    assert error.location.path.endswith("sources.yml")
    assert f"is not a single web address: it contains {shown}" in error.message
    line = (demo / "sources.yml").read_text("utf-8").splitlines()[error.location.line - 1]
    assert line.lstrip().startswith(f"{field}:")


def test_addresses_with_brackets_cannot_close_their_link(tmp_path):
    """Brackets are allowed in addresses (Wikipedia's are full of them) and encoded."""
    from generator.render.site import link_target

    target = link_target("https://en.wikipedia.org/wiki/Example_(disambiguation)")
    assert target == "https://en.wikipedia.org/wiki/Example_%28disambiguation%29"
    assert render_content(f"[x]({target}) [@a]") == (
        f'<p><a href="{target}">x</a><sup class="citation"></sup></p>'
    )


@pytest.mark.parametrize("where", ["actors.yml", "pages/overview.md", "data/payments.csv"], ids=str)
@pytest.mark.parametrize("reference", ["&#x202E;", "&#8238;", "&#X202e;"])
def test_direction_overrides_written_as_references_are_refused(demo, where, reference):
    path = demo / where
    target = {
        "actors.yml": "Agency",  # inside the name: '&' may not start a plain YAML value
        "data/payments.csv": "Sample Network",
        "pages/overview.md": "The agency published",
    }[where]
    path.write_text(path.read_text("utf-8").replace(target, reference + target, 1), "utf-8")
    errors = [d for d in load_and_check(demo).errors if "direction control" in d.message]
    assert [d.message for d in errors] == [
        f"text contains an invisible direction control (U+202E) written as '{reference}'"
    ]
    line = path.read_text("utf-8").splitlines()[errors[0].location.line - 1]
    assert line[errors[0].location.column - 1 :].startswith(reference)


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


@pytest.mark.parametrize("heading", ["__config", "__drawer", "_ _search"])
def test_headings_never_take_the_themes_own_ids(heading):
    """The theme finds its configuration, drawer and search by ids starting with '__'; a
    heading with such an id, earlier in the page, would be read in their place."""
    from markdown.extensions.toc import TocExtension

    from generator.render.markdown_ext import slugify

    html = markdown.Markdown(extensions=[TocExtension(slugify=slugify)]).convert(f"## {heading}")
    assert 'id="_' not in html and html.startswith('<h2 id="')
