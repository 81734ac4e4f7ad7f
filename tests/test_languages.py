"""Per-story languages: each language tree holds only the stories written in that language.

The session's site (conftest's ``stories_site``) holds the fictional stories of
tests/fixtures/stories, one English-only and one in both languages, beside the shipped ones: the
English-only story must not appear anywhere under /ro/, and every page's language menu and
hreflang links must name that page's own counterparts, relative to the page so that they work
wherever the site is served.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import search_bundle
from generator.model import Investigation, Story
from generator.render.languages import (
    LanguageMap,
    built_languages,
    stories_in,
    unbuilt_languages,
)
from tests.conftest import STORIES_SITE_URL
from tests.sitetools import (
    FIXTURE_STORIES,
    build,
    copy_project,
    html_pages,
    resolve_link,
    site_stories,
    soup,
)

FICTIONAL = FIXTURE_STORIES / "lakeford-water"  # English only
BILINGUAL = FIXTURE_STORIES / "riverton-ferry"  # English and Romanian
SITE_URL = STORIES_SITE_URL


def languages_of(folder: Path) -> list[str]:
    return yaml.safe_load((folder / "story.yml").read_text("utf-8"))["story"]["languages"]


def bilingual_slugs() -> list[str]:
    """Every story of the session's site written in both site languages."""
    return [folder.name for folder in site_stories() if languages_of(folder) == ["en", "ro"]]


def bilingual_slug() -> str:
    return BILINGUAL.name


def _content(work: Path, *stories: Path) -> Path:
    content = work / "content"
    for story in stories:
        shutil.copytree(story, content / story.name)
    return content


@pytest.fixture
def site(stories_site: Path) -> Path:
    return stories_site


def _url_path(site: Path, page: Path) -> str:
    """A page's path from the site's root as its URL names it (``ro/slug/claims/``)."""
    return page.relative_to(site).as_posix().removesuffix("index.html")


def _menu(document) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in document.select(".md-select__list a[hreflang]")}


def _hreflang(document) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in document.find_all("link", rel="alternate", hreflang=True)
    }


def test_the_english_only_story_has_no_romanian_tree(site):
    assert (site / FICTIONAL.name / "index.html").exists()
    assert not (site / "ro" / FICTIONAL.name).exists()
    assert (site / "ro" / bilingual_slug() / "index.html").exists()


def test_no_romanian_page_names_or_links_the_english_only_story(site):
    slug = FICTIONAL.name
    title = soup(site / slug / "index.html").h1.get_text(strip=True)
    found = []
    for page in [*html_pages(site / "ro"), site / "ro" / "404.html"]:
        document = soup(page)
        hrefs = [a.get("href", "") for a in document.find_all(["a", "link"])]
        if any(slug in href for href in hrefs):
            found.append(f"{page}: a link to {slug}")
        if title in document.get_text(" "):
            found.append(f"{page}: its title")
    assert not found, found[:10]
    assert slug not in (site / "ro" / "sitemap.xml").read_text("utf-8")
    records = search_bundle.fragments(site / "ro" / "pagefind")
    assert records and not [r["url"] for r in records if slug in r["url"]]


def test_each_home_lists_the_stories_of_its_language(site):
    def listed(home: Path) -> set[str]:
        cards = soup(home).select("article.investigation-card h2 a:not(.headerlink)")
        return {Path(resolve_link(site, home, a["href"])[0]).parent.name for a in cards}

    assert listed(site / "index.html") == {folder.name for folder in site_stories()}
    assert listed(site / "ro" / "index.html") == set(bilingual_slugs())
    assert FICTIONAL.name not in bilingual_slugs() and bilingual_slug() in bilingual_slugs()


def test_the_romanian_nav_leaves_the_english_only_story_out(site):
    nav = soup(site / "ro" / bilingual_slug() / "index.html").select("nav.md-nav--primary a")
    assert nav and not [a["href"] for a in nav if FICTIONAL.name in a["href"]]
    english = soup(site / bilingual_slug() / "index.html").select("nav.md-nav--primary a")
    assert [a["href"] for a in english if FICTIONAL.name in a["href"]]


@pytest.mark.parametrize("slug", bilingual_slugs())
@pytest.mark.parametrize("language", ["en", "ro"])
def test_a_bilingual_page_links_its_own_counterpart(site, language, slug):
    tree = site if language == "en" else site / "ro"
    pages = [p for p in html_pages(tree / slug)]
    assert len(pages) > 5
    for page in pages:
        path = _url_path(tree, page)
        counterparts = {"en": site / path / "index.html", "ro": site / "ro" / path / "index.html"}
        document = soup(page)
        menu = _menu(document)
        assert set(menu) == {"en", "ro"}, page
        for other, href in menu.items():
            assert not href.startswith(("/", "http:", "https:")), href  # works on any host
            assert resolve_link(site, page, href)[0] == counterparts[other], (page, other, href)
        assert _hreflang(document) == {
            "en": f"{SITE_URL}{path}",
            "ro": f"{SITE_URL}ro/{path}",
        }, page
        assert document.html["lang"] == language
        assert document.select_one("a[aria-current=page][hreflang]")["hreflang"] == language


def test_the_homes_link_each_other(site):
    for home in (site / "index.html", site / "ro" / "index.html"):
        menu = _menu(soup(home))
        assert resolve_link(site, home, menu["en"])[0] == site / "index.html"
        assert resolve_link(site, home, menu["ro"])[0] == site / "ro" / "index.html"


def test_the_english_only_story_offers_no_other_language(site):
    pages = html_pages(site / FICTIONAL.name)
    assert len(pages) > 5
    for page in pages:
        document = soup(page)
        assert document.html["lang"] == "en"
        assert not document.select(".md-select"), page  # nothing to choose: no menu
        assert not _hreflang(document), page
        assert not [a for a in document.find_all("a", href=True) if "/ro/" in a["href"]]


def test_hreflang_links_are_hidden_from_the_themes_sitemap_script(site):
    """The theme fetches 'sitemap.xml' beside every link whose rel is exactly 'alternate': beside
    a page, that file does not exist (a 404 on every page)."""
    page = (site / bilingual_slug() / "index.html").read_text("utf-8")
    links = soup(site / bilingual_slug() / "index.html").find_all("link", hreflang=True)
    assert links and all(link["rel"] == ["alternate"] for link in links)
    assert '<link rel="alternate" hreflang' not in page
    assert '<link rel="alternate " hreflang' in page


def test_a_language_no_story_uses_builds_nothing(tmp_path):
    """Romanian is a site language no story here is written in: no tree, no menu. German is a
    language the story lists and the site does not build: the build says so."""
    content = _content(tmp_path, FICTIONAL)
    story = content / FICTIONAL.name / "story.yml"
    text = story.read_text("utf-8")
    story.write_text(text.replace("  languages: [en]\n", "  languages: [en, de]\n"), "utf-8")
    project = copy_project(tmp_path / "project", content)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        f"story '{FICTIONAL.name}' is written in de, which the site does not build" in result.stderr
    )
    site = tmp_path / "site"
    assert not (site / "ro").exists() and not (site / "de").exists()
    for page in html_pages(site):
        document = soup(page)
        assert not document.select(".md-select") and not _hreflang(document), page


# The map itself, without a build.


def _story(slug: str, languages: list[str]) -> Investigation:
    story = Story(
        title="An example",
        dek="An example.",
        authors=["Example Desk"],
        published="2024-01-01",
        status="published",
        languages=languages,
    )
    return Investigation(slug=slug, root=slug, story=story)


def test_only_the_languages_stories_are_written_in_are_built():
    stories = [_story("only-en", ["en"]), _story("only-de", ["de"])]
    assert built_languages(stories, ["en", "ro", "de"]) == ["en", "de"]
    assert built_languages([_story("only-ro", ["ro"])], ["en", "ro"]) == ["en", "ro"]
    assert [inv.slug for inv in stories_in(stories, "de")] == ["only-de"]


def test_alternates_are_relative_to_the_page_they_are_on():
    stories = [_story("both", ["en", "ro"]), _story("only-en", ["en"])]
    site = LanguageMap(stories, ["en", "ro"], {"en": "English", "ro": "Română"}, "https://x.org")
    on_ro = {a.language: a for a in site.alternates("both/claims/", "ro")}
    assert on_ro["en"].href == "../../../both/claims/"
    assert on_ro["ro"].href == "../../../ro/both/claims/" and on_ro["ro"].current
    assert on_ro["ro"].url == "https://x.org/ro/both/claims/" and on_ro["ro"].name == "Română"
    assert [a.href for a in site.alternates("", "en")] == ["./", "ro/"]
    assert site.alternates("only-en/", "en") == []
    assert site.languages_of("only-en/sources/") == ["en"]


def test_a_story_language_the_site_does_not_build_is_named():
    stories = [_story("both", ["en", "ro"]), _story("german", ["de"]), _story("only-en", ["en"])]
    assert unbuilt_languages(stories, ["en", "ro"]) == {"german": ["de"]}
