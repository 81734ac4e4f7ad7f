"""The language menu in a browser, on a site served at another address than the one it was built
for: switching language lands on the same page in the other language, on the same host and port,
with no console error and no request to any other host; with and without JavaScript.

Screenshots of the menu (a bilingual page, the English-only story) go to test-artifacts/browser/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest

from tests.browser.browsing import Recorder, Site, settled, switch_palette
from tests.sitetools import FIXTURE_STORIES, build, copy_project, story_folders
from tests.support.serve import serve

# The fictional stories: one in English only (lakeford-water), one in both languages.
FICTIONAL = FIXTURE_STORIES / "lakeford-water"
BILINGUAL = FIXTURE_STORIES / "riverton-ferry"
# The address the site is built for: nothing listens there. Links must not lead to it.
PUBLISHED_AT = "http://127.0.0.1:9/explainers/"
WIDTHS = {"phone": 375, "desktop": 1280}
# The menu fades in: a picture taken before the end of the fade shows it half transparent.
OPENED = "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'"


def _bilingual() -> str:
    return BILINGUAL.name


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Iterator[Site]:
    """The fictional stories, bilingual and English-only, built for PUBLISHED_AT, served on a
    free port of 127.0.0.1."""
    work = tmp_path_factory.mktemp("languages-browser")
    content = work / "content"
    for story in story_folders(FIXTURE_STORIES):
        shutil.copytree(story, content / story.name)
    project = copy_project(work / "project", content)
    folder = work / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", PUBLISHED_AT)
        result = build(project, folder)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(folder) as url:
        yield Site.read(url, folder, sorted(p.parent.name for p in content.glob("*/story.yml")))


def _choose(page, language: str) -> None:
    """Open the header's language menu as a reader does and pick ``language``."""
    page.locator(".md-header .md-select > button").hover()
    with page.expect_navigation():
        page.locator(f".md-select__link[hreflang={language}]").click()


def test_switching_language_lands_on_the_counterpart_on_the_same_port(elsewhere, context):
    recorder = Recorder(context, elsewhere)
    page = context.new_page()
    path = f"{_bilingual()}/claims/"
    page.goto(elsewhere.page_url(path))
    _choose(page, "ro")
    assert page.url == urljoin(elsewhere.url, f"ro/{path}")
    assert page.locator("html").get_attribute("lang") == "ro"
    page.wait_for_load_state("networkidle")
    _choose(page, "en")
    assert page.url == urljoin(elsewhere.url, path)
    page.wait_for_load_state("networkidle")
    assert not recorder.foreign_hosts(), recorder.foreign_hosts()
    assert not recorder.take()


def test_the_menu_works_without_javascript(elsewhere, browser):
    context = browser.new_context(java_script_enabled=False)
    recorder = Recorder(context, elsewhere)
    page = context.new_page()
    home = _bilingual() + "/"
    page.goto(elsewhere.page_url(home))
    _choose(page, "ro")
    assert page.url == urljoin(elsewhere.url, f"ro/{home}")
    assert not recorder.foreign_hosts() and not recorder.take()
    context.close()


def test_no_page_fetches_a_sitemap_beside_a_page(elsewhere, context):
    """The theme's language script would fetch 'sitemap.xml' beside each hreflang link; every
    page of both trees loads without a failed request, the English-only story's included."""
    recorder = Recorder(context, elsewhere)
    page = context.new_page()
    sampled = [
        p
        for p in elsewhere.pages
        if p.path.count("/") <= 2 and p.path.endswith("/")  # 404.html names the address built for
    ]
    assert any(p.path.startswith(FICTIONAL.name) for p in sampled)
    problems = []
    for site_page in sampled:
        page.goto(elsewhere.page_url(site_page))
        page.wait_for_load_state("networkidle")
        problems += [f"{site_page}: {problem}" for problem in recorder.take()]
    assert not recorder.foreign_hosts(), recorder.foreign_hosts()
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_language_menu(elsewhere, new_context, artifacts, width):
    phone = width == "phone"
    page = new_context(
        viewport={"width": WIDTHS[width], "height": 812 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
    ).new_page()
    for name, path in (("bilingual", f"{_bilingual()}/"), ("english-only", f"{FICTIONAL.name}/")):
        page.goto(elsewhere.page_url(path))
        menu = page.locator(".md-header .md-select > button")
        assert menu.count() == (1 if name == "bilingual" else 0), name
        for palette, scheme in (("light", "default"), ("dark", "slate")):
            switch_palette(page, scheme)
            if menu.count():
                menu.hover()
                page.locator(".md-select__link[hreflang=ro]").wait_for(state="visible")
                assert settled(page, OPENED), "the menu did not finish opening"
            shot = artifacts / f"language-menu-{name}-{width}-{palette}.png"
            page.screenshot(path=shot)
            assert shot.stat().st_size > 0
