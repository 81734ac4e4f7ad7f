"""Both languages of the site: every page of a story in each of its languages, the reader's
language throughout, hreflang. Checked on the session's site (conftest's ``stories_site``): the
fictional stories, one of them bilingual, beside the shipped ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.pipeline import load_and_check
from tests.sitetools import FIXTURE_STORIES, ROOT, html_pages, site_stories, soup

LOCALES = ROOT / "site_config" / "locales"


def site_languages() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    for line in config.splitlines():
        if line.strip().startswith("languages:"):
            return [x.strip() for x in line.split("[", 1)[1].split("]")[0].split(",")]
    return ["en"]


def leaves(words, prefix=""):
    if isinstance(words, dict):
        for key, value in words.items():
            yield from leaves(value, f"{prefix}{key}.")
    elif isinstance(words, list):
        for value in words:
            yield from leaves(value, prefix)
    else:
        yield prefix.rstrip("."), str(words)


def story_languages(folder: Path) -> list[str]:
    story = yaml.safe_load((folder / "story.yml").read_text("utf-8"))["story"]
    return story.get("languages", site_languages()[:1])


@pytest.fixture
def site(stories_site: Path) -> Path:
    return stories_site


def test_the_site_is_built_in_english_and_romanian():
    assert site_languages() == ["en", "ro"]


def test_a_story_in_both_languages_is_built():
    assert any(len(story_languages(folder)) > 1 for folder in site_stories())


@pytest.mark.parametrize("folder", site_stories(), ids=lambda p: p.name)
def test_every_page_of_a_story_exists_in_each_of_its_languages(site, folder):
    default, *others = site_languages()
    assert story_languages(folder)[0] == default
    pages = {p.relative_to(site / folder.name).as_posix() for p in html_pages(site / folder.name)}
    assert pages
    for language in others:
        tree = site / language / folder.name
        translated = {p.relative_to(tree).as_posix() for p in html_pages(tree)}
        assert translated == (pages if language in story_languages(folder) else set()), language


@pytest.mark.parametrize("language", site_languages()[1:])
def test_pages_declare_their_language_and_link_their_translations(site, language):
    for page in html_pages(site / language):
        document = soup(page)
        assert document.html["lang"] == language
        path = page.relative_to(site / language).as_posix().removesuffix("index.html")
        # hreflang in <head>: this same page in each language
        alternates = {
            link["hreflang"]: link["href"]
            for link in document.head.find_all("link", rel="alternate", hreflang=True)
        }
        assert set(alternates) == set(site_languages())
        assert alternates[language].endswith(f"/{language}/{path}")
        assert alternates["en"].endswith(f"/{path}") and f"/{language}/" not in alternates["en"]
        # the language menu: the same page in each language, without JavaScript too
        menu = {a["hreflang"]: a["href"] for a in document.select(".md-select__list a[hreflang]")}
        assert set(menu) == set(site_languages())
        assert menu[language].endswith(f"/{language}/{path}")
        assert menu["en"].endswith(f"/{path}") and f"/{language}/" not in menu["en"]


@pytest.mark.parametrize("language", site_languages()[1:])
def test_no_english_interface_words_under_a_translation(site, language):
    """A reader of /ro/ meets no interface label left in English (badges, headings, labels)."""
    english = dict(leaves(yaml.safe_load((LOCALES / "en.yml").read_text("utf-8"))))
    translated = dict(leaves(yaml.safe_load((LOCALES / f"{language}.yml").read_text("utf-8"))))
    romanian_words = set(translated.values())  # 'Date' and 'Data' are words in both
    english_only = {
        text
        for key, text in english.items()
        if translated.get(key) != text and text not in romanian_words and "{" not in text
    }
    found = []
    for page in html_pages(site / language):
        document = soup(page)
        for element in document.select(
            "h1, h2, h3, .badge, strong, summary, .md-nav__link, figcaption span, "
            ".chart__source, .chart__download a, th"
        ):
            text = element.get_text(" ", strip=True).rstrip(":")
            if text in english_only:
                found.append(f"{page.relative_to(site)}: {text}")
    assert not found, found[:20]


def test_a_missing_translation_is_an_error_under_strict(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "demo-case", case)
    story = case / "story.yml"
    text = story.read_text("utf-8").replace("story:\n", "story:\n  languages: [en, ro]\n", 1)
    story.write_text(text, "utf-8")
    claims = case / "claims.yml"
    lines = claims.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("statement:"))
    lines[index] = lines[index].split("statement:")[0] + "statement: {en: Only English here.}"
    claims.write_text("\n".join(lines) + "\n", "utf-8")
    relaxed = load_and_check(case)
    strict = load_and_check(case, strict=True)
    languages = yaml.safe_load(text)["story"]["languages"]
    missing = [lang for lang in languages if lang != "en"]
    assert missing, "the fixture story must have a second language"
    message = f"'statement' has no '{missing[0]}' text"
    assert not relaxed.errors and any(message in d.message for d in relaxed.warnings)
    at_statement = [
        d
        for d in strict.errors
        if message in d.message
        and d.location.path.endswith("claims.yml")
        and d.location.line == index + 1
    ]
    assert len(at_statement) == 1
    assert at_statement[0].hint == "write it as {en: ..., ro: ...}"


def test_a_page_missing_a_language_is_reported_at_its_file(tmp_path):
    case = tmp_path / "riverton-ferry"
    shutil.copytree(FIXTURE_STORIES / "riverton-ferry", case)
    translated = sorted((case / "pages").glob("*.ro.md"))
    assert translated, "the bilingual fixture's pages come in Romanian too"
    translated[0].unlink()
    slug = translated[0].name.removesuffix(".ro.md")
    result = load_and_check(case, strict=True)
    (error,) = result.errors
    assert str(error).endswith(
        f"pages/{slug}.md:1:1: page '{slug}' has no 'ro' version (add pages/{slug}.ro.md)"
    )
