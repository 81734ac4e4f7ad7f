"""The HTML the renderer's extension writes for claim cards, charts, the page's source list and
heading ids, read exactly as a reader's browser gets it (see bench/MUTATION.md).

The site-building tests check these pages too, but they run ``python -m generator`` in another
process, which the mutation run cannot see; these render in-process, with the real
Python-Markdown and the site's extensions, from a fictional story.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.charts.embed import ChartSet
from generator.loader import load_investigation
from generator.markdown_safety import CONTENT_EXTENSIONS
from generator.render.links import Resolver
from generator.render.locale import load_locale
from generator.render.markdown_ext import ExplainerExtension, PageContext, slugify

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"

EXTRA_ACTOR = """
  - id: smith-partners
    name: Smith & Partners
    kind: organisation
    role: A fictional firm that repeated the claim.
"""
EXTRA_CLAIM = """
  - id: two-voices
    statement:
      en: Two voices say the payment was made.
      ro: Două voci spun că plata a fost făcută.
    status: alleged
    attributed_to: [test-inspector, smith-partners]
    sources: [agency-statement]
  - id: wire-story
    statement: A wire service reported the payments.
    status: reported
    sources: [local-copy]
  - id: wire-and-copy
    statement: The payments were reported twice, by one wire.
    status: reported
    sources: [local-copy, wire-original, local-copy, no-such-source]
"""
EXTRA_SOURCE = """
  - id: wire-original
    title: Agency payments questioned
    publisher:
      en: Example Wire
      ro: Agenția Exemplu
    url: https://wire.example.org/agency
    published: 2024-12-01
    kind: news-report
    language: en
  - id: local-copy
    title: Agency payments questioned (wire)
    publisher: Local Example Daily
    url: https://daily.example.org/agency
    published: 2024-12-02
    kind: news-report
    language: en
    reproduces: wire-original
  - id: undated-note
    title: Notes &sect; minutes
    publisher: Example Archive & Library
    url: https://example.org/notes
    kind: primary-document
    language: en
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The demo case, with a claim two actors make and a source with no date."""
    folder = tmp_path_factory.mktemp("story") / "demo-case"
    shutil.copytree(FIXTURE, folder)
    for name, extra in (
        ("actors.yml", EXTRA_ACTOR),
        ("claims.yml", EXTRA_CLAIM),
        ("sources.yml", EXTRA_SOURCE),
    ):
        path = folder / name
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + extra, "utf-8")
    investigation, diagnostics = load_investigation(folder)
    assert not diagnostics
    return investigation


def page_renderer(investigation, language: str, charts: bool = False):
    locale = load_locale(ROOT / "site_config" / "locales", language)
    resolver = Resolver({investigation.slug: investigation}, language)
    chart_set = ChartSet.build([investigation], locale, resolver) if charts else None

    def render(text: str) -> tuple[str, list[str]]:
        extension = ExplainerExtension()
        extension.page = PageContext(
            investigation.slug, resolver, locale, page="test.md", root="../", charts=chart_set
        )
        md = markdown.Markdown(
            extensions=[*CONTENT_EXTENSIONS, extension],
            extension_configs={"toc": {"slugify": slugify}},  # as mkdocs.yml sets it
        )
        html = addresses_from_the_root(md.convert(text))
        render.contents = [(token["id"], token["name"]) for token in md.toc_tokens]
        return html, extension.page.problems

    return render


_ADDRESS = re.compile(r'href="(?:\.\./|/)([^"#]*?)(?:\.md)?#')


def addresses_from_the_root(html: str) -> str:
    """Links to the story's pages as addresses from the site's root ('demo-case/claims/#x'),
    whether the page writes them from the site's root in docs form ('/demo-case/claims.md#x')
    or relative to the page ('../demo-case/claims/#x'): the same page and place either way."""
    return _ADDRESS.sub(lambda m: f'href="{m[1].removesuffix("/")}/#', html)


CARD_EN = (
    '<aside class="claim-card claim-card--alleged">\n'
    '<p class="claim-card__status"><span class="badge badge--alleged">Alleged</span> by '
    "<bdi>Test Inspector</bdi>, <bdi>Smith &amp; Partners</bdi></p>\n"
    "<p>Two voices say the payment was made.</p>\n"
    '<p class="claim-card__more"><a href="demo-case/claims/#claim-two-voices">Sources →</a>'
    "</p>\n</aside>"
)


def test_a_claim_card_names_each_actor_once_separated_by_commas(story):
    html, problems = page_renderer(story, "en")("Intro.\n\n::claim[two-voices]\nAfter.")
    assert problems == []
    assert html == f"<p>Intro.</p>\n{CARD_EN}\n<p>After.</p>"


def test_a_claim_card_is_written_in_the_page_language(story):
    html, _ = page_renderer(story, "ro")("::claim[two-voices]")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".claim-card__status").get_text() == (
        "Acuzație formulată de Test Inspector, Smith & Partners"
    )
    assert soup.select("aside > p")[1].get_text() == "Două voci spun că plata a fost făcută."
    assert soup.select_one(".claim-card__more a").get_text() == "Surse →"


def test_a_claim_card_with_one_actor_has_no_comma(story):
    html, _ = page_renderer(story, "en")("::claim[agency-denies]")
    assert '<span class="badge badge--denied">Denied</span> by <bdi>Example Agency</bdi></p>' in (
        html
    )


def test_a_claim_without_actors_shows_its_status_alone(story):
    html, _ = page_renderer(story, "en")("::claim[report-exists]")
    assert (
        '<p class="claim-card__status"><span class="badge badge--confirmed">Confirmed</span></p>'
    ) in html


def test_text_on_the_lines_after_an_embed_stays_in_its_order(story):
    html, _ = page_renderer(story, "en")("::claim[report-exists]\nFirst.\nSecond.\n\nThird.")
    soup = BeautifulSoup(html, "html.parser")
    assert [p.get_text() for p in soup.find_all("p", recursive=False)] == [
        "First.\nSecond.",
        "Third.",
    ]
    assert soup.contents[0].name == "aside"


@pytest.mark.parametrize("kind", ["claim", "chart"])
def test_an_unknown_embed_is_reported_with_its_page_and_left_out(story, kind):
    html, problems = page_renderer(story, "en")(f"Intro.\n\n::{kind}[nothing-here]\n\nEnd.")
    assert problems == [f"test.md: unknown {kind} 'nothing-here'"]
    assert html == "<p>Intro.</p>\n<p>End.</p>"


def test_a_chart_embed_becomes_its_figure_between_the_texts_around_it(story):
    html, problems = page_renderer(story, "en", charts=True)(
        "Intro.\n\n::chart[payments-by-month]\nAfter."
    )
    assert problems == []
    soup = BeautifulSoup(html, "html.parser")
    assert [element.name for element in soup.find_all(recursive=False)] == ["p", "figure", "p"]
    figure = soup.figure
    assert figure["id"] == "chart-payments-by-month"
    assert figure["data-chart-src"] == "../demo-case/charts/payments-by-month.json"
    assert figure.select_one(".chart__title").get_text() == "Payments by month"
    assert figure.select_one(".chart__source a")["href"] == (
        "demo-case/sources/#source-agency-report-2024"
    )
    assert [td.get_text() for td in figure.select("tbody td")] == [
        "2024-04",
        "200",
        "2024-05",
        "300.25",
        "2024-06",
        "500.25",
    ]
    # the chart's own data table is stashed HTML: it must not be left as a placeholder
    assert "\x02" not in html and "klzzwxh" not in html


def test_a_chart_embed_without_the_charts_renders_nothing(story):
    html, problems = page_renderer(story, "en")("Intro.\n\n::chart[payments-by-month]")
    assert (html, problems) == ("<p>Intro.</p>", [])


SOURCES_EN = (
    '<section class="page-sources">\n'
    '<h2 id="sources-cited">Sources cited on this page</h2>\n'
    "<ol>\n"
    '<li id="cite-note-1">Example Archive &amp; Library: '
    '<a class="page-sources__original" href="https://example.org/notes">'
    "Notes &amp;sect; minutes</a>"
    '<span class="page-sources__sep"> · </span>'
    '<a href="demo-case/sources/#source-undated-note">about this source</a></li>\n'
    '<li id="cite-note-2">Example Agency: '
    '<a class="page-sources__original" href="https://example.org/report-2024.pdf">'
    "Annual report 2024</a> (March 2024; p. 3; p. 7)"
    '<span class="page-sources__sep"> · </span>'
    '<a class="page-sources__archive" href="https://archive.example.org/report-2024.pdf">'
    "archived copy</a>"
    '<span class="page-sources__sep"> · </span>'
    '<a href="demo-case/sources/#source-agency-report-2024">about this source</a></li>\n'
    '<li id="cite-note-3">Example News: '
    '<a class="page-sources__original" href="https://news.example.org/2024/11/30/agency">'
    "Agency money reached influencers, report says</a> (30 November 2024, 09:15)"
    '<span class="page-sources__sep"> · </span>'
    '<a href="demo-case/sources/#source-example-news-2024-11-30">about this source</a></li>\n'
    "</ol>\n"
    "</section>"
)


def test_the_source_list_names_publisher_title_date_and_pages_in_citation_order(story):
    html, problems = page_renderer(story, "en")(
        "A [@undated-note]. B [@agency-report-2024, p. 3]. C [@example-news-2024-11-30]. "
        "D [@agency-report-2024, p. 7]. E [@agency-report-2024, p. 3]."
    )
    assert problems == []
    assert html.endswith(SOURCES_EN)


def test_the_source_list_is_in_the_page_language_and_in_its_contents(story):
    render = page_renderer(story, "ro")
    html, _ = render("## Intro\n\nA [@agency-report-2024, p. 3]. B [@wire-original].")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#sources-cited").get_text() == "Sursele citate pe această pagină"
    assert soup.select_one("#cite-note-1").get_text() == (
        "Example Agency: Annual report 2024 (martie 2024; p. 3) · copie arhivată"
        " · despre această sursă"
    )
    assert soup.select_one("#cite-note-2").get_text().startswith("Agenția Exemplu: ")
    assert render.contents == [
        ("intro", "Intro"),
        ("sources-cited", "Sursele citate pe această pagină"),
    ]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("__config", "config"),
        ("Trailing_", "trailing_"),
        ("Plăți și contracte", "plati-si-contracte"),
        # no Latin letter or digit: a hash of the words, ten hex digits, not '_1'
        ("Привет мир", "h-" + hashlib.sha256("Привет мир".encode()).hexdigest()[:10]),
    ],
    ids=["underscores", "trailing", "romanian", "cyrillic"],  # ASCII: mutmut names them
)
def test_heading_ids_are_ascii_never_start_with_an_underscore_and_do_not_move(
    story, heading, anchor
):
    html, _ = page_renderer(story, "en")(f"## {heading}\n\nText.")
    assert BeautifulSoup(html, "html.parser").h2["id"] == anchor
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", anchor)


@pytest.mark.parametrize(
    ("claim", "language", "status"),
    [
        # a copy is shown as reported by the publisher of what it copies
        ("wire-story", "en", "Reported by Example Wire"),
        ("wire-story", "ro", "Relatat de Agenția Exemplu"),
        # the copy and its original are one publisher, named once; an unknown id is passed over
        ("wire-and-copy", "en", "Reported by Example Wire"),
    ],
    ids=["copy", "copy-in-romanian", "copy-and-original"],
)
def test_a_reported_claim_names_the_publisher_of_the_original(story, claim, language, status):
    html, _ = page_renderer(story, language)(f"::claim[{claim}]")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".claim-card__status").get_text() == status
    assert [b.get_text() for b in soup.select(".claim-card__status bdi")] == [
        status.split(" ", 2)[2]
    ]


MENTIONS_EN = (
    '<p>Ask <a class="mention mention--actor" href="demo-case/actors/#actor-test-inspector">'
    "Test Inspector</a> about "
    '<a class="mention mention--claim" href="demo-case/claims/#claim-report-exists">'
    "The agency published its annual report.</a>, "
    '<a class="mention mention--event" href="demo-case/timeline/#event-report-published">'
    "The agency publishes its annual report</a> and "
    '<a class="mention mention--source" href="demo-case/sources/#source-agency-statement">'
    "Example Agency: Statement on the report</a>; not "
    '<span class="mention mention--missing">nobody</span>.</p>'
)


def test_mentions_become_links_named_by_their_item_and_an_unknown_one_stays_its_id(story):
    html, problems = page_renderer(story, "en")(
        "Ask :actor[test-inspector] about :claim[report-exists], :event[report-published] and "
        ":source[agency-statement]; not :actor[nobody]."
    )
    assert html == MENTIONS_EN
    assert problems == ["test.md: unknown actor 'nobody'"]


def test_outside_a_story_mentions_stay_as_written_and_embeds_show_nothing(story):
    """A page of the site that belongs to no story (investigation None) has no items to link."""
    locale = load_locale(ROOT / "site_config" / "locales", "en")
    extension = ExplainerExtension()
    extension.page = PageContext(None, Resolver({story.slug: story}, "en"), locale, page="t.md")
    md = markdown.Markdown(extensions=[*CONTENT_EXTENSIONS, extension])
    html = md.convert("Ask :actor[test-inspector].\n\n::claim[report-exists]")
    assert html == "<p>Ask :actor[test-inspector].</p>"
    assert extension.page.problems == []


def test_a_citation_becomes_a_numbered_link_in_place_of_all_its_text(story):
    html, _ = page_renderer(story, "en")(
        "Paid [@agency-report-2024, p. 3]; denied [@agency-statement; @agency-report-2024]."
    )
    first_paragraph = html.split("\n", 1)[0]
    assert first_paragraph == (
        '<p>Paid<sup class="citation"><a class="citation__link" href="#cite-note-1" '
        'title="Example Agency: Annual report 2024, p. 3">[1, p. 3]</a></sup>; denied'
        '<sup class="citation"><a class="citation__link" href="#cite-note-1" '
        'title="Example Agency: Annual report 2024">[1]</a><span>,</span>'
        '<a class="citation__link" href="#cite-note-2" '
        'title="Example Agency: Statement on the report">[2]</a></sup>.</p>'
    )


@pytest.mark.parametrize(
    ("text", "problems", "html"),
    [
        # only a line of its own is an embed; anything after it on the line makes it text
        ("::claim[report-exists] and more", [], "<p>::claim[report-exists] and more</p>"),
        ("::note[report-exists]", [], "<p>::note[report-exists]</p>"),
        # an id with a space is read whole, and named whole when it is unknown
        ("::claim[two words]", ["test.md: unknown claim 'two words'"], ""),
    ],
    ids=["more-on-the-line", "unknown-kind", "id-with-a-space"],
)
def test_only_a_whole_line_is_an_embed(story, text, problems, html):
    assert page_renderer(story, "en")(text) == (html, problems)


LINK_TEXTS = [
    "*a* [b](https://example.org/b) **c** [d](https://example.org/d) `e` [f](https://example.org/f)",
    "[a [b] c](https://example.org/1) and *x* [d [e [f]]](https://example.org/2)",
    "`x` [one](https://example.org/1) [two](https://example.org/2 'T') [three [3]",
    "**[bold link](https://example.org/)** then [plain](https://example.org/p) [open",
]


@pytest.mark.parametrize("text", LINK_TEXTS, ids=["after-emphasis", "nested", "title", "open"])
def test_link_texts_are_read_as_python_markdown_reads_them(story, text):
    """The site keeps where each bracket closes across one paragraph's matches; the links and
    their texts are Python-Markdown's own."""

    def links(html: str) -> list[tuple[str, str]]:
        soup = BeautifulSoup(html, "html.parser")
        return [(a.get("href"), a.get_text()) for a in soup.find_all("a")]

    html, _ = page_renderer(story, "en")(text)
    assert links(html) == links(markdown.markdown(text))
    assert BeautifulSoup(html, "html.parser").get_text() == (
        BeautifulSoup(markdown.markdown(text), "html.parser").get_text()
    )
