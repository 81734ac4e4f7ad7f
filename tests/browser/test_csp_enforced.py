"""The Content-Security-Policy as Chromium enforces it: nothing the site itself does is refused
(on any page, with charts drawn, the palette switched, search opened, an in-site click), and an
inline script copying the theme's own text is refused and does not run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import material
import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.browsing import Site, colour_scheme, draw_charts, settled, switch_palette

# Every violation the page reports, kept by the page (init scripts run outside the policy).
RECORD = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
  [event.effectiveDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" ")));
(function frame() {  // the colour scheme of the first frame that paints the body
  requestAnimationFrame(() => {
    if (document.body) window.__firstScheme = document.body.getAttribute("data-md-color-scheme");
    else frame();
  });
})();"""
VIOLATIONS = "() => window.__violations || []"
THEME = Path(material.__file__).parent / "templates"


@pytest.fixture
def recorded(context: BrowserContext) -> BrowserContext:
    context.add_init_script(RECORD)
    return context


def test_no_page_reports_a_violation(site: Site, recorded: BrowserContext):
    page = recorded.new_page()
    problems = []
    for site_page in site.pages:
        page.goto(site.page_url(site_page), wait_until="load")
        draw_charts(page)  # plotly.js adds its styles when it draws
        page.wait_for_load_state("networkidle")
        problems += [f"{site_page}: {violation}" for violation in page.evaluate(VIOLATIONS)]
    assert len(site.pages) >= 10
    assert not problems, "\n".join(problems)


def test_the_theme_works_under_the_policy(site: Site, recorded: BrowserContext):
    """Palette, search, an interactive chart and an in-site click, with nothing refused."""
    page = recorded.new_page()
    page.goto(site.page_url(site.chart_page))
    start = colour_scheme(page)
    other = "slate" if start == "default" else "default"
    switch_palette(page, other)
    assert colour_scheme(page) == other

    reports = draw_charts(page)
    assert reports and not [r.drawn_problem() for r in reports if r.drawn_problem()]
    hovered = hover_a_mark(page)
    assert hovered, "pointing at a chart's mark shows no hover label"

    # search: Pagefind's WebAssembly runs under the policy ('wasm-unsafe-eval' and nothing more)
    page.locator(".explainer-search .md-search__input").click()
    page.locator(".explainer-search .md-search__input").press_sequentially(
        search_word(site), delay=20
    )
    assert settled(
        page,
        "() => document.querySelectorAll('.explainer-search .md-search-result__item').length > 0",
        None,
        10_000,
    ), "search shows no result"
    page.keyboard.press("Escape")

    page.evaluate("window.__noReload = true")
    in_site = "main a[href$='claims/']:visible, .md-nav a[href$='claims/']:visible"
    page.locator(in_site).first.click()
    page.wait_for_url(site.page_url(site.claims))
    assert page.evaluate("window.__noReload === true"), "the click reloaded the page"
    assert colour_scheme(page) == other, "the palette did not survive the navigation"
    assert page.evaluate(VIOLATIONS) == []

    # A new page load applies the stored palette before its body is first painted.
    page.goto(site.page_url(site.overview))
    assert page.evaluate("() => window.__firstScheme") == other


def hover_a_mark(page: Page) -> bool:
    figure = page.locator("figure.chart[data-chart-state=drawn]").first
    figure.scroll_into_view_if_needed()
    marks = figure.locator("g.trace path, g.trace .point path, g.sankey rect")
    for index in range(min(marks.count(), 8)):
        box = marks.nth(index).bounding_box()
        if not box or box["width"] < 2 or box["height"] < 2:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        if settled(page, "() => document.querySelector('.hoverlayer .hovertext') !== null"):
            return True
    return False


def search_word(site: Site) -> str:
    """A word of the first investigation's overview title, which search always indexes."""
    title = page_title(site.overview.file)
    return max(re.findall(r"[^\W\d_]{4,}", title), key=len)


def page_title(file: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", file.read_text("utf-8"), re.S)
    assert found, f"{file} has no <h1>"
    return re.sub(r"<[^>]+>", "", found[1])


def theme_redirect_script(target: str) -> str:
    """mkdocs-material's own redirect script (templates/redirect.html), sent to ``target``."""
    template = (THEME / "redirect.html").read_text("utf-8")
    script = re.search(r"<script>.*?</script>", template, re.S)[0]
    assert "{{ page.meta.location }}" in script
    return script.replace("{{ page.meta.location }}", target)


def theme_base_script(base: str) -> str:
    """mkdocs-material's first inline script (partials/javascripts/base.html) as it renders it,
    with a flag that shows whether it ran."""
    template = (THEME / "partials" / "javascripts" / "base.html").read_text("utf-8")
    script = re.search(r"<script>.*?</script>", template, re.S)[0]
    script = script.replace("{{ config.extra.scope | d(base_url) }}", base)
    return script.replace("</script>", ",window.__injected=(window.__injected||0)+1</script>")


@pytest.fixture
def probe(site: Site) -> Iterator[str]:
    """A copy of a built page with three inline scripts added: the theme's redirect script in
    <head>, its first script in the content container (where instant navigation re-runs
    scripts) and at the end of <body>. Removed afterwards."""
    original = site.chart_page.file
    copy = original.with_name("csp-probe.html")
    html = original.read_text("utf-8")
    base = "../" * (site.chart_page.path.count("/"))
    html = html.replace("</head>", theme_redirect_script(base + "404.html") + "</head>", 1)
    container = '<div class="md-container" data-md-component="container">'
    assert html.count(container) == 1
    html = html.replace(container, container + theme_base_script(base), 1)
    html = html.replace("</body>", theme_base_script(base) + "</body>", 1)
    copy.write_text(html, "utf-8")
    try:
        yield site.page_url(site.chart_page.path + "csp-probe.html")
    finally:
        copy.unlink()


def test_an_inline_script_copying_the_themes_does_not_run(probe: str, recorded: BrowserContext):
    page = recorded.new_page()
    page.goto(probe, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.url == probe, "the injected redirect script ran"
    assert page.evaluate("() => window.__injected === undefined"), "an injected script ran"
    refused = [v for v in page.evaluate(VIOLATIONS) if v.startswith("script-src-elem inline")]
    assert len(refused) == 3, page.evaluate(VIOLATIONS)
    # The site's own scripts still ran: the theme's helpers and the charts' loader.
    assert page.evaluate("() => typeof __md_get === 'function' && document$ !== undefined")
    assert page.locator("figure.chart[data-chart-src]").count() > 0
