"""The HTML the renderer's extension writes for claim cards, charts, the page's source list and
heading ids, read exactly as a reader's browser gets it (see bench/MUTATION.md).

The site-building tests check these pages too, but they run ``python -m generator`` in another
process, which the mutation run cannot see; these render in-process, with the real
Python-Markdown and the site's extensions, from a fictional story.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils import get_relative_url

from generator.charts.embed import ChartSet
from generator.loader import load_investigation
from generator.markdown_safety import CONTENT_EXTENSIONS
from generator.render.expand import expand_page, page_url, relative_url, site_link
from generator.render.links import Resolver
from generator.render.locale import load_locale
from generator.render.markdown_ext import Direction, ExplainerExtension, PageContext, slugify

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"

EXTRA_ACTOR = """
  - id: smith-partners
    name: Smith & Partners
    kind: organisation
    role: A fictional firm that repeated the claim.
  - id: arabic-office
    name: مكتب المثال
    kind: organisation
    role: A fictional office whose name is written in Arabic.
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
  - id: news-finding
    statement: The payments went to influencers.
    status: alleged
    attributed_to: [example-news-2024-11-30]
    sources: [example-news-2024-11-30]
  - id: inspector-and-news
    statement: The inspector and a newspaper say the same.
    status: alleged
    attributed_to: [test-inspector, example-news-2024-11-30]
    sources: [example-news-2024-11-30, agency-statement]
  - id: totals-differ
    statement: The sources give different totals.
    status: disputed
    sources: [agency-report-2024, example-news-2024-11-30]
    disagreement:
      - source: agency-report-2024
        says: 1,000 payments
      - source: example-news-2024-11-30
        says:
          en: 1,200 payments
          ro: 1.200 de plăți
  - id: wire-finding
    statement: The wire found the payments.
    status: alleged
    attributed_to: [wire-original]
    sources: [wire-original]
  - id: wire-differs
    statement: The wire and the agency give different totals.
    status: disputed
    sources: [wire-original, agency-report-2024]
    disagreement:
      - source: wire-original
        says: 1,200 payments
      - source: agency-report-2024
        says: 1,000 payments
  - id: reported-with-attribution
    statement: A wire service reported the payments, attributed anyway.
    status: reported
    attributed_to: [wire-original]
    sources: [local-copy]
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
  - id: untitled-post
    title_shown: false
    publisher: Example Forum
    url: https://forum.example.org/post/1
    published: 2024-10-01
    kind: social-post
    language: en
  - id: example-agency
    title: A source whose id is also an actor's
    publisher: Example Agency Press Office
    url: https://example.org/press
    published: 2024-02
    kind: official-statement
    language: en
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The demo case, with a claim two actors make, a source with no date, copies of a wire
    story, an actor named in Arabic, claims that are a source's own finding or on which the
    sources disagree, and a source shown without a title."""
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


# The page-dependent syntax, as generator.render.expand writes it out (since 8902df6).


def page_context(story, language: str = "en", **kwargs) -> PageContext:
    locale = load_locale(ROOT / "site_config" / "locales", language)
    if "rtl" in kwargs:  # the English words on a page in a right-to-left language
        locale = dataclasses.replace(locale, language=kwargs.pop("rtl"))
    resolver = Resolver({story.slug: story}, locale.language)
    kwargs.setdefault("page", "demo-case/findings.md")
    return PageContext(story.slug, resolver, locale, **kwargs)


def render_page(page: PageContext, text: str) -> str:
    """The page as the site renders it, links exactly as the page carries them."""
    extension = ExplainerExtension()
    extension.page = page
    return markdown.Markdown(extensions=[*CONTENT_EXTENSIONS, extension]).convert(text)


def parsed(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# -- where links lead from the page -------------------------------------------------------------

PAGES = ["", "demo-case/", "demo-case/claims/", "ro/demo-case/claims/", "demo-case/ro/sources/"]


@pytest.mark.parametrize("target", PAGES, ids=["root", "story", "claims", "ro-claims", "ro-src"])
@pytest.mark.parametrize("page", PAGES, ids=["root", "story", "claims", "ro-claims", "ro-src"])
def test_a_link_between_pages_is_written_as_mkdocs_writes_it(page, target):
    assert relative_url(target, page) == get_relative_url(target, page)


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("demo-case/claims.md", "demo-case/claims/"),
        ("demo-case/index.md", "demo-case/"),
        ("index.md", ""),
        ("demo-case/reindex.md", "demo-case/reindex/"),
        ("demo-case/charts/x.csv", "demo-case/charts/x.csv"),
    ],
    ids=["page", "story-index", "site-index", "ends-in-index", "file"],
)
def test_a_docs_page_has_the_address_mkdocs_gives_it(path, url):
    assert page_url(path) == url


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("/demo-case/claims.md#claim-x", "../claims/#claim-x"),
        ("/demo-case/findings.md#top", "./#top"),
        ("/demo-case/charts/x.csv", "../charts/x.csv"),
        ("/demo-case/index.md", "../"),
        ("https://example.org/a", "https://example.org/a"),
        ("//example.org/a", "//example.org/a"),
        ("#cite-note-1", "#cite-note-1"),
    ],
    ids=["item", "same-page", "file", "story-index", "absolute", "other-host", "fragment"],
)
def test_a_site_link_is_written_relative_to_its_page_and_other_links_as_they_are(href, written):
    assert site_link(href, "demo-case/findings/") == written


def test_a_claim_card_links_to_its_entry_relative_to_the_page(story):
    html = render_page(page_context(story), "::claim[report-exists]")
    assert parsed(html).select_one(".claim-card__more a")["href"] == (
        "../claims/#claim-report-exists"
    )


def test_a_chart_finds_its_data_from_the_page_at_any_depth(story):
    locale = load_locale(ROOT / "site_config" / "locales", "en")
    resolver = Resolver({story.slug: story}, "en")
    charts = ChartSet.build([story], locale, resolver)
    html = render_page(page_context(story, charts=charts), "::chart[payments-by-month]")
    assert parsed(html).figure["data-chart-src"] == "../../demo-case/charts/payments-by-month.json"
    html = render_page(page_context(story, charts=charts, root="./"), "::chart[payments-by-month]")
    assert parsed(html).figure["data-chart-src"] == "./demo-case/charts/payments-by-month.json"


# -- what a claim card says ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "language", "status", "names"),
    [
        ("news-finding", "en", "Alleged according to Example News", ["Example News"]),
        (
            "inspector-and-news",
            "en",
            "Alleged by Test Inspector; according to Example News",
            ["Test Inspector", "Example News"],
        ),
        (
            "inspector-and-news",
            "ro",
            "Acuzație formulată de Test Inspector; potrivit Example News",
            ["Test Inspector", "Example News"],
        ),
        # the publisher's name in the page's language
        ("wire-finding", "ro", "Acuzație potrivit Agenția Exemplu", ["Agenția Exemplu"]),
        # a reported claim names the publisher of its sources, never 'according to'
        ("reported-with-attribution", "en", "Reported by Example Wire", ["Example Wire"]),
    ],
    ids=["source", "actor-and-source", "actor-and-source-ro", "in-romanian", "reported"],
)
def test_a_claim_that_is_a_sources_own_finding_names_its_publisher(
    story, claim, language, status, names
):
    html = render_page(page_context(story, language), f"::claim[{claim}]")
    header = parsed(html).select_one(".claim-card__status")
    assert header.get_text() == status
    # each name isolated, so a right-to-left name stays whole
    assert [bdi.get_text() for bdi in header.select("bdi")] == names


def test_a_sources_own_finding_is_written_as_one_phrase_with_the_publisher_isolated(story):
    html = render_page(page_context(story), "::claim[news-finding]")
    assert (
        '<p class="claim-card__status"><span class="badge badge--alleged">Alleged</span> '
        "<span>according to <bdi>Example News</bdi></span></p>"
    ) in html


def test_a_card_whose_sources_disagree_says_what_each_one_gives(story):
    html = render_page(page_context(story), "::claim[totals-differ]")
    assert (
        '<p class="claim-card__disagreement">Sources disagree: Example Agency: 1,000 payments; '
        "Example News: 1,200 payments</p>"
    ) in html
    card = parsed(html).select_one("aside")
    assert card.select_one(".claim-card__disagreement").get_text() == (
        "Sources disagree: Example Agency: 1,000 payments; Example News: 1,200 payments"
    )
    html = render_page(page_context(story, "ro"), "::claim[totals-differ]")
    assert parsed(html).select_one(".claim-card__disagreement").get_text() == (
        "Sursele se contrazic: Example Agency: 1,000 payments; Example News: 1.200 de plăți"
    )


def test_a_disagreement_names_each_publisher_in_the_page_language(story):
    html = render_page(page_context(story, "ro"), "::claim[wire-differs]")
    assert parsed(html).select_one(".claim-card__disagreement").get_text() == (
        "Sursele se contrazic: Agenția Exemplu: 1,200 payments; Example Agency: 1,000 payments"
    )


def test_an_id_that_names_an_actor_and_a_source_is_the_actor(story):
    html = render_page(page_context(story), "::claim[agency-denies]")
    assert parsed(html).select_one(".claim-card__status").get_text() == "Denied by Example Agency"


def test_a_card_without_disagreement_has_no_such_line(story):
    html = render_page(page_context(story), "::claim[agency-denies]")
    assert not parsed(html).select(".claim-card__disagreement")


def test_a_source_without_a_title_is_listed_as_untitled(story):
    html = render_page(page_context(story), "A post [@untitled-post].")
    entry = parsed(html).select_one("#cite-note-1")
    assert entry.get_text() == "Example Forum: (untitled) (1 October 2024) · about this source"


# -- which links get a direction of their own ---------------------------------------------------

ARABIC = "بيان رسمي"


def directions(html: str) -> list[tuple[str, str | None]]:
    """Each link the page writes out, with its direction."""
    return [(a.get_text(), a.get("dir")) for a in parsed(html).find_all("a")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph: the whole of it, the lines before and after the link
        (f":actor[test-inspector] first.\n\n{ARABIC}", [("Test Inspector", None)]),
        (f":actor[test-inspector] first\n{ARABIC}", [("Test Inspector", "auto")]),
        (f"{ARABIC}\n\nThen :actor[test-inspector].", [("Test Inspector", None)]),
        (f"{ARABIC}\nThen :actor[test-inspector].", [("Test Inspector", "auto")]),
        (f"{ARABIC}\n \nThen :actor[test-inspector].", [("Test Inspector", None)]),
        # a list item or a table row: that line alone
        (f"- {ARABIC}\n- item :actor[test-inspector]", [("Test Inspector", None)]),
        (f"- item :actor[test-inspector]\n- {ARABIC}", [("Test Inspector", None)]),
        (f"1. {ARABIC} :actor[test-inspector]\n2. item", [("Test Inspector", "auto")]),
        (
            f"| a | b |\n| --- | --- |\n| {ARABIC} | x |\n| y | :actor[test-inspector] |",
            [("Test Inspector", None)],
        ),
        (
            f"| a | b |\n| --- | --- |\n| {ARABIC} | :actor[test-inspector] |\n| y | z |",
            [("Test Inspector", "auto")],
        ),
        # a name written right to left is isolated wherever it is
        ("Named :actor[arabic-office] here.", [("مكتب المثال", "auto")]),
        # a citation in a right-to-left paragraph
        (f"{ARABIC} [@agency-statement].", [("[1]", "auto"), ("Statement on the report", None)]),
    ],
    ids=[
        "paragraph-after",
        "line-after",
        "paragraph-before",
        "line-before",
        "blank-line-with-space",
        "list-item-before",
        "list-item-after",
        "same-list-item",
        "other-row",
        "same-row",
        "own-name",
        "citation",
    ],
)
def test_a_link_gets_a_direction_where_its_block_has_right_to_left_letters(story, text, expected):
    links = directions(render_page(page_context(story), text))
    assert [link for link in links if link[0] != "about this source"] == expected


def test_on_a_right_to_left_page_every_link_gets_a_direction(story):
    html = render_page(
        page_context(story, rtl="ar"), "See :actor[test-inspector] [@agency-statement]."
    )
    assert directions(html.split("<section", 1)[0]) == [
        ("Test Inspector", "auto"),
        ("[1]", "auto"),
    ]


def test_the_text_after_an_embed_keeps_the_direction_of_its_page(story):
    """A card's statement is written out in the middle of the page; the links after it are
    still in a page with right-to-left letters."""
    html = render_page(
        page_context(story),
        f"::claim[agency-paid-network]\n\n{ARABIC} :actor[test-inspector].",
    )
    assert ("Test Inspector", "auto") in directions(html)


# -- what is syntax and what is text ------------------------------------------------------------


def test_a_citation_after_a_backslash_is_text_and_after_two_it_is_a_citation(story):
    html = render_page(
        page_context(story), "One \\[@agency-statement]. Two \\\\[@agency-statement]."
    )
    paragraph = parsed(html).p
    assert paragraph.get_text() == "One [@agency-statement]. Two \\[1]."
    assert len(parsed(html).select("#cite-note-1")) == 1


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("Intro.\n::claim[report-exists]", 0),
        ("Intro.\n\n::claim[report-exists]", 1),
        ("Intro.\n \t\n::claim[report-exists]", 1),
        ("  ::claim[report-exists]", 0),
    ],
    ids=["in-a-paragraph", "after-a-blank-line", "after-a-line-of-spaces", "indented-is-text"],
)
def test_an_embed_is_a_block_only_after_a_blank_line(story, text, cards):
    html = render_page(page_context(story), text)
    assert len(parsed(html).select("aside.claim-card")) == cards
    assert ("::claim[report-exists]" in html) == (cards == 0)


def test_consecutive_embeds_and_a_source_list_after_them_are_blocks_of_their_own(story):
    html = render_page(
        page_context(story),
        "Paid [@agency-report-2024].\n\n::claim[report-exists]\n\n::claim[agency-denies]",
    )
    tree = parsed(html)
    assert [element.name for element in tree.find_all(recursive=False)] == [
        "p",
        "aside",
        "aside",
        "section",
    ]
    assert "<p></p>" not in html
    # written out as the page's own Markdown writes blocks: no blank line between them
    written = expand_page(
        "::claim[report-exists]\n\n::claim[agency-denies]\n\n[@agency-report-2024]",
        page_context(story),
    )
    assert "</aside>\n<aside" in written and "</aside>\n<sup" in written


def test_front_matter_is_left_as_written_and_the_sources_follow_the_body(story):
    page = page_context(story)
    written = expand_page("---\ntitle: A [@x]\n---\nPaid [@agency-report-2024].", page)
    assert written.startswith("---\ntitle: A [@x]\n---\nPaid<sup")
    assert "\n\n<section" in written and written.endswith("</section>\n")
    assert page.problems == []


def test_a_page_without_citations_is_written_out_unchanged(story):
    text = "No syntax here.\n\n- a list\n"
    assert expand_page(text, page_context(story)) == text


# The safety rules every page is converted with (generator.render.markdown_ext).

# Every element a browser sets as a whole (and a link, isolated within its line)
DIRECTED = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"]
DIRECTED += ["blockquote", "figcaption", "caption", "summary", "a"]


def directed(language: str, build) -> etree.Element:
    """A tree made by ``build(root)``, after the renderer's Direction has run over it."""
    root = etree.Element("div")
    build(root)
    Direction(markdown.Markdown(), language).run(root)
    return root


@pytest.mark.parametrize("tag", DIRECTED)
def test_each_block_with_right_to_left_letters_gets_a_direction_and_no_other_element(tag):
    def build(root):
        etree.SubElement(root, tag).text = ARABIC
        etree.SubElement(root, "div").text = ARABIC  # a wrapper: the blocks in it are set
        etree.SubElement(root, tag).text = "English"

    block, wrapper, english = directed("en", build)
    assert (block.get("dir"), wrapper.get("dir"), english.get("dir")) == ("auto", None, None)


def test_the_blocks_and_links_inside_a_directed_block_get_a_direction_too():
    def build(root):
        quote = etree.SubElement(root, "blockquote")
        etree.SubElement(quote, "p").text = "English"
        line = etree.SubElement(quote, "p")
        line.text = ARABIC
        etree.SubElement(line, "a", {"href": "#x"}).text = "English name"
        etree.SubElement(line, "span").text = "English"
        etree.SubElement(root, "p").text = "English after"

    root = directed("en", build)
    quote, after = root
    assert quote.get("dir") == "auto"
    assert [element.get("dir") for element in quote.iter()] == [
        "auto",
        "auto",
        "auto",
        "auto",
        None,
    ]
    assert after.get("dir") is None


def test_a_direction_the_page_set_is_kept():
    def build(root):
        etree.SubElement(root, "p", {"dir": "rtl"}).text = ARABIC

    assert directed("en", build)[0].get("dir") == "rtl"


@pytest.mark.parametrize("language", ["", "ar", "he"], ids=["unknown", "arabic", "hebrew"])
def test_on_a_right_to_left_page_or_one_of_unknown_language_every_block_gets_a_direction(language):
    def build(root):
        etree.SubElement(root, "p").text = "English"
        etree.SubElement(root, "div").text = "English"

    paragraph, wrapper = directed(language, build)
    assert (paragraph.get("dir"), wrapper.get("dir")) == ("auto", None)
    assert directed("ro", build)[0].get("dir") is None


def test_a_paragraph_holding_only_stashed_html_gets_no_direction():
    """Markdown swaps such a paragraph for the stashed HTML as a whole; with an attribute, the
    page would carry the paragraph around it."""
    stashed = markdown.util.HTML_PLACEHOLDER % 0

    def build(root):
        etree.SubElement(root, "p").text = stashed
        with_more = etree.SubElement(root, "p")
        with_more.text = stashed
        etree.SubElement(with_more, "em").text = "more"
        etree.SubElement(root, "p").text = stashed + " and text"
        etree.SubElement(root, "li").text = stashed

    assert [element.get("dir") for element in directed("", build)] == [
        None,
        "auto",
        "auto",
        "auto",
    ]


def test_a_page_with_stashed_html_keeps_it_whole_in_every_direction(story):
    html = render_page(page_context(story, rtl="ar"), '<p class="x">kept</p>\n\nText.')
    assert html == '<p class="x">kept</p>\n\n<p dir="auto">Text.</p>'


def test_table_alignment_is_written_as_classes_not_styles(story):
    html = render_page(
        page_context(story), "| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |"
    )
    table = parsed(html)
    assert "style" not in html
    assert [cell.get("class") for cell in table.select("th")] == [
        ["align-left"],
        ["align-right"],
        ["align-center"],
        None,
    ]
    assert [cell.get("class") for cell in table.select("td")] == [
        ["align-left"],
        ["align-right"],
        ["align-center"],
        None,
    ]


def test_an_unsafe_link_keeps_its_text_and_a_foreign_image_becomes_its_words_in_place(story):
    html = render_page(
        page_context(story),
        "Go [click *here*](javascript:alert(1)) now; before "
        "![a & b](https://tracker.example/p.png) after ![own](/assets/x.png) end.",
    )
    assert html == (
        "<p>Go <span>click <em>here</em></span> now; before <span>a &amp; b</span> after "
        '<img alt="own" src="/assets/x.png" /> end.</p>'
    )


@pytest.mark.parametrize(
    ("length", "linked"), [(960, True), (1_000, False)], ids=["within-reach", "past-reach"]
)
def test_a_link_target_is_read_up_to_its_reach(story, length, linked):
    target = "https://example.org/" + "a" * length
    html = render_page(page_context(story), f"[x]({target}) and [y](https://example.org/y)")
    links = [a["href"] for a in parsed(html).find_all("a")]
    assert links == ([target] if linked else []) + ["https://example.org/y"]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("\n- item :actor[test-inspector]\n- بيان", None),
        ("- item :actor[test-inspector] ب", "auto"),
        ("بيان intro\n- item :actor[test-inspector]", None),
        ("One.\n\nبيان\n\nThen :actor[test-inspector].", None),
        ("ب then :actor[test-inspector]", "auto"),
        ("بيان then :actor[test-inspector]", "auto"),
    ],
    ids=[
        "list-after-a-newline",
        "last-letter-of-the-item",
        "list-item-after-a-line",
        "two-paragraphs-before",
        "first-letter-of-the-text",
        "nothing-after",
    ],
)
def test_a_written_out_link_reads_its_own_line_or_paragraph_to_both_ends(story, text, direction):
    """The page's text as the build writes it out, whatever it starts or ends with."""
    written = expand_page(text, page_context(story))
    assert [a.get("dir") for a in parsed(written).find_all("a")] == [direction]
