"""axe-core finds no violation at all on any page, in the light and in the dark palette."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.browser.browsing import colour_scheme, draw_charts, switch_palette

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}


def describe(page, violation: dict) -> str:
    nodes = violation["nodes"]
    where = "; ".join(" ".join(node["target"]) for node in nodes[:3])
    more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
    why = nodes[0].get("failureSummary", "").replace("\n", " ") if nodes else ""
    return f"{page}: {violation['id']} ({violation['impact']}): {where}{more}. {why}"


def test_axe_finds_no_violation_light_or_dark(site, page):
    axe = Axe()
    problems = []
    for site_page in site.pages:
        page.goto(site.page_url(site_page))
        draw_charts(page)  # the drawn charts are checked too
        first = colour_scheme(page)  # the reader's last choice: it alternates from page to page
        for scheme in (first, "slate" if first == "default" else "default"):
            switch_palette(page, scheme)
            results = axe.run(page, options=OPTIONS)
            problems += [
                describe(f"{site_page} ({scheme})", v) for v in results.response["violations"]
            ]
    assert not problems, "\n".join(problems)
