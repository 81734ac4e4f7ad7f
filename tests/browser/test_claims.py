"""The claims page a reader scans: one tap filters it by status or by who says so, it works
without JavaScript, and a link to a claim opens that claim expanded and in view."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.browsing import settled, switch_palette
from tests.browser.test_accessibility import OPTIONS, describe

VISIBLE_CLAIMS = "article.claim:not([hidden])"


def _statuses(page) -> list[str]:
    return page.eval_on_selector_all(VISIBLE_CLAIMS, "els => els.map(e => e.dataset.status)")


def _speakers(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        VISIBLE_CLAIMS, "els => els.map(e => e.dataset.actors.split(' '))"
    )


def test_filters_narrow_the_list_in_one_tap(site, page):
    page.goto(site.page_url(site.claims))
    every = page.locator("article.claim").count()
    assert page.locator(VISIBLE_CLAIMS).count() == every
    assert page.locator("nav.claims-jump").is_hidden()  # the buttons do its job

    status_button = page.locator("[data-filter-status]:not([data-filter-status=''])").nth(1)
    status = status_button.get_attribute("data-filter-status")
    status_button.click()
    shown = _statuses(page)
    assert 0 < len(shown) < every and set(shown) == {status}
    assert status_button.get_attribute("aria-pressed") == "true"
    # a status section left empty hides its heading
    assert page.locator("h2[hidden]").count() > 0

    page.locator("[data-filter-status='']").click()
    actor_button = page.locator("[data-filter-actor]:not([data-filter-actor=''])").first
    actor = actor_button.get_attribute("data-filter-actor")
    actor_button.click()
    said = _speakers(page)
    assert 0 < len(said) < every and all(actor in actors for actors in said)
    count = page.locator("[data-claims-count]").inner_text()
    assert count.startswith(f"{len(said)} ")

    # both at once: a status no claim of the actor has leaves none, and says so
    statuses = set(_statuses(page))
    other = page.locator("[data-filter-status]").evaluate_all(
        "els => els.map(e => e.dataset.filterStatus).filter(s => s)"
    )
    missing = [s for s in other if s not in statuses]
    if missing:
        page.locator(f"[data-filter-status='{missing[0]}']").click()
        assert page.locator(VISIBLE_CLAIMS).count() == 0
        assert page.locator("[data-claims-count]").inner_text().strip()

    page.locator("[data-filter-status='']").click()
    page.locator("[data-filter-actor='']").click()
    assert page.locator(VISIBLE_CLAIMS).count() == every


def test_each_claim_is_a_line_to_scan_with_its_detail_on_demand(site, page):
    page.goto(site.page_url(site.claims))
    claim = page.locator("article.claim").first
    assert claim.locator(".badge").is_visible()
    details = claim.locator("details.claim__more")
    assert details.get_attribute("open") is None
    summary = details.locator("summary").inner_text()
    sources = details.locator("a[href*='#source-']").count()
    assert f"({sources})" in summary
    assert not details.locator("a[href*='#source-']").first.is_visible()
    details.locator("summary").click()
    assert details.locator("a[href*='#source-']").first.is_visible()


@pytest.mark.parametrize("javascript", [False])
def test_without_javascript_the_status_links_do_the_job(site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site.page_url(site.claims))
    assert page.locator("[data-claims-filter]").is_hidden()
    assert page.locator(VISIBLE_CLAIMS).count() == page.locator("article.claim").count()
    links = page.locator("nav.claims-jump a")
    assert links.count() >= 2
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href").lstrip("#")
        assert page.locator(f"h2[id='{target}']").count() == 1, target
    last = links.nth(links.count() - 1)
    last.click()
    heading = page.locator(f"h2[id='{last.get_attribute('href').lstrip('#')}']")
    assert heading.is_visible() and _in_view(page, f"h2[id='{last.get_attribute('href')[1:]}']")
    context.close()


def _in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
    )


def test_a_link_to_a_claim_opens_it_in_view(site, page):
    ids = page.context.new_page()
    ids.goto(site.page_url(site.claims))
    last = ids.locator("article.claim").last.get_attribute("id")
    ids.close()
    page.goto(site.page_url(site.claims) + f"#{last}")
    assert settled(page, "(id) => document.getElementById(id).querySelector('details').open", last)
    assert _in_view(page, f"#{last}")

    # filtered out, then linked: the filter lets go and the claim shows
    page.goto(site.page_url(site.claims))
    first_status = page.locator(f"#{last}").get_attribute("data-status")
    other = page.locator(
        f"[data-filter-status]:not([data-filter-status='']):not([data-filter-status='{first_status}'])"
    ).first
    other.click()
    assert page.locator(f"#{last}").is_hidden()
    page.evaluate(f"location.hash = '{last}'")
    assert settled(page, "(id) => !document.getElementById(id).hidden", last)
    assert _in_view(page, f"#{last}")


def test_a_claim_opens_in_view_after_instant_navigation(site, page):
    """From another page of the story, through the theme's instant navigation (no reload)."""
    page.goto(site.page_url(site.claims))
    target = page.locator("article.claim").nth(3).get_attribute("id")
    page.goto(site.page_url(site.overview))
    page.evaluate("window.__same_document = true")
    page.evaluate(
        """([href]) => { const a = document.createElement('a'); a.href = href;
        a.textContent = 'to the claim'; document.querySelector('article').append(a); }""",
        [site.page_url(site.claims) + f"#{target}"],
    )
    page.get_by_text("to the claim").click()
    opened = (
        "(id) => { const e = document.getElementById(id); "
        "return !!e && e.querySelector('details').open; }"
    )
    assert settled(page, opened, target)
    assert page.evaluate("window.__same_document === true"), "the page was reloaded"
    assert _in_view(page, f"#{target}")


def test_claims_page_axe_clean_with_the_filter_in_use(site, page):
    axe = Axe()
    page.goto(site.page_url(site.claims))
    page.locator("[data-filter-status]:not([data-filter-status=''])").first.click()
    page.locator("article.claim:not([hidden]) details.claim__more summary").first.click()
    problems = []
    for scheme in ("default", "slate"):
        switch_palette(page, scheme)
        results = axe.run(page, options=OPTIONS)
        problems += [describe(f"claims ({scheme})", v) for v in results.response["violations"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_claims_page(site, browser, artifacts, width, scheme):
    """For a person to look at: test-artifacts/browser/claims-<width>-<scheme>.png, and the
    page's height, which the collapsed details keep short."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site.page_url(site.claims))
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"claims-{width}-{scheme}.png")
    height = page.evaluate("document.documentElement.scrollHeight")
    closed = page.locator("details.claim__more:not([open])").count()
    assert closed == page.locator("article.claim").count()
    assert height > 0
    context.close()
