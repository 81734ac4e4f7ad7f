"""Every page talks only to its own host and loads without a single error, favicon included."""

from __future__ import annotations

from tests.browser.browsing import Recorder, draw_charts


def test_no_request_leaves_the_host_and_nothing_errs(site, context):
    recorder = Recorder(context, site)
    page = context.new_page()
    problems = []
    for site_page in site.pages:
        page.goto(site.page_url(site_page))
        draw_charts(page)  # plotly.js, the figures and their template are requests too
        page.wait_for_load_state("networkidle")  # late requests: search index, favicon
        icons = page.eval_on_selector_all("link[rel~=icon]", "links => links.map(l => l.href)")
        assert icons, f"{site_page}: no favicon link"
        for icon in icons:
            response = page.request.get(icon)
            if not response.ok:
                problems.append(f"{site_page}: favicon {icon} answers HTTP {response.status}")
        problems += [f"{site_page}: {problem}" for problem in recorder.take()]
    assert not recorder.foreign_hosts(), "\n".join(
        [f"requests left {site.host}: {recorder.foreign_hosts()}", *problems]
    )
    assert not problems, "\n".join(problems)
