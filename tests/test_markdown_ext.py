"""The citation, mention and embed syntax, rendered by the real Python-Markdown extension."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.loader import load_investigation
from generator.render.links import Resolver
from generator.render.locale import load_locale
from generator.render.markdown_ext import ExplainerExtension, PageContext

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"


@pytest.fixture(scope="module")
def render():
    investigation, diagnostics = load_investigation(FIXTURE)
    assert not diagnostics
    locale = load_locale(ROOT / "site_config" / "locales", "en")
    resolver = Resolver({investigation.slug: investigation}, "en")
    extension = ExplainerExtension()

    def run(text: str) -> tuple[BeautifulSoup, PageContext]:
        context = PageContext(investigation.slug, resolver, locale, page="test.md")
        extension.page = context
        html = markdown.Markdown(extensions=[extension, "attr_list"]).convert(text)
        return BeautifulSoup(html, "html.parser"), context

    run.investigation = investigation
    return run


def first_source(render) -> str:
    return render.investigation.sources[0].id


def test_citations_are_numbered_in_reading_order_with_a_source_list(render):
    sources = [s.id for s in render.investigation.sources]
    html, context = render(
        f"One [@{sources[1]}]. Two [@{sources[0]}, p. 3]. Again [@{sources[1]}]."
    )
    assert not context.problems
    labels = [a.get_text() for a in html.select("sup.citation a")]
    assert labels == ["[1]", "[2, p. 3]", "[1]"]
    notes = html.select("section.page-sources li")
    assert [li["id"] for li in notes] == ["cite-note-1", "cite-note-2"]
    # the title links to the original, and the entry to its place on the sources page too
    assert notes[0].a["href"] == render.investigation.sources[1].url
    hrefs = [a["href"] for a in notes[0].select("a")]
    assert hrefs[-1] == f"../demo-case/sources/#source-{sources[1]}"
    assert "p. 3" in notes[1].get_text()


def test_citation_hugs_the_preceding_word(render):
    html, _ = render(f"The agency paid [@{first_source(render)}].")
    assert html.p.contents[0] == "The agency paid"


def test_several_sources_in_one_citation(render):
    a, b = (s.id for s in render.investigation.sources[:2])
    html, _ = render(f"Both [@{a}; @{b}, p. 9].")
    assert [x.get_text() for x in html.select("sup.citation a")] == ["[1]", "[2, p. 9]"]


def test_mentions_link_to_anchored_entries(render):
    actor = render.investigation.actors[0]
    html, context = render(f"Ask :actor[{actor.id}] about it.")
    link = html.find("a", class_="mention")
    assert link.get_text() == actor.name
    assert link["href"] == f"../demo-case/actors/#actor-{actor.id}"
    assert not context.problems


def test_unknown_ids_are_reported_not_rendered_as_links(render):
    html, context = render("See :actor[nobody] and [@no-source].")
    assert "unknown actor 'nobody'" in context.problems[0]
    assert any("unknown source 'no-source'" in p for p in context.problems)
    assert not html.select("sup.citation a")


def test_claim_embed_shows_status_and_who_alleges(render):
    claim = next(c for c in render.investigation.claims if c.attributed_to)
    html, _ = render(f"Intro.\n\n::claim[{claim.id}]\n\nAfter.")
    card = html.find("aside", class_="claim-card")
    assert card.find(class_=f"badge--{claim.status}")
    assert card.find("a", href=lambda h: h and h.endswith(f"#claim-{claim.id}"))


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_unsafe_links_lose_their_target(render, target):
    html, _ = render(f"[click]({target})")
    assert not html.find("a", href=True)


def test_images_from_other_hosts_are_not_loaded(render):
    html, _ = render("![tracker](https://tracker.example/pixel.png)")
    assert not html.find("img")
    assert "tracker" in html.get_text()


def test_only_text_with_right_to_left_letters_gets_a_direction_of_its_own(render):
    """On an English page a block of English needs no dir attribute; one with Arabic gets
    dir="auto", and so do the links inside it, so a name is isolated from the line around it."""
    actor = render.investigation.actors[0].id
    html, _ = render(
        f"An English line with :actor[{actor}].\n\n- a list item\n- بيان رسمي and :actor[{actor}]\n"
    )
    english = html.find_all("p")[0]
    assert "dir" not in english.attrs and "dir" not in english.a.attrs
    plain_item, arabic_item = html.find_all("li")
    assert "dir" not in plain_item.attrs
    assert arabic_item["dir"] == "auto" and arabic_item.a["dir"] == "auto"
