"""Every page gets the one policy, first in <head>, whatever the page says; the policy lets no
inline script run (the theme's own are files) and no inline style element but exact texts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.charts.bundles import full_bundle
from generator.csp import (
    NOSCRIPT_STYLE,
    PolicyError,
    apply_to_site,
    plotly_style_sources,
    policy,
    sha256_source,
    with_policy,
)
from tests.sitetools import ROOT, build, copy_project, soup

NAME = "Content-Security-Policy Working Group"
PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="description" content="About the {name}">
    <title>{name} - Investigative explainers</title>
  </head>
  <body><p>The {name} said: Content-Security-Policy.</p>{extra}</body>
</html>"""
# The theme's redirect page script (material/templates/redirect.html), pointed elsewhere.
MIMIC = (
    '<script>window.location.replace(["https://elsewhere.example/",'
    'window.location.search,window.location.hash].join(""))</script>'
)


def directives(content: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in content.split(";") if part.strip()}


def policies(html: str) -> list[BeautifulSoup]:
    document = BeautifulSoup(html, "html.parser")
    return document.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})


def head_elements(html: str) -> list:
    return BeautifulSoup(html, "html.parser").head.find_all(True, recursive=False)


def built(tmp_path: Path, html: str) -> str:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text(html, "utf-8")
    assert apply_to_site(site) == 1
    return (site / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "extra",
    [
        "",  # the name in the title, the description attribute and the text
        '<meta http-equiv="Content-Security-Policy" content="script-src *">',
        "<pre>&lt;meta http-equiv=&quot;Content-Security-Policy&quot;&gt;</pre>",
    ],
)
def test_a_page_that_names_the_policy_still_gets_it_first(tmp_path: Path, extra: str):
    html = built(tmp_path, PAGE.format(name=NAME, extra=extra))
    head = head_elements(html)
    assert head[0].get("charset") == "utf-8"
    assert head[1].get("http-equiv") == "Content-Security-Policy"
    assert head[1]["content"] == policy(plotly_style_sources())
    assert len(policies(html)) == (2 if "content=" in extra else 1)


def test_a_page_without_charset_gets_the_policy_at_the_start_of_head(tmp_path: Path):
    page = PAGE.format(name=NAME, extra="").replace('<meta charset="utf-8">', "")
    head = head_elements(built(tmp_path, page))
    assert head[0].get("http-equiv") == "Content-Security-Policy"


def test_a_policy_placed_later_by_a_page_cannot_come_before_ours():
    """A charset meta that is not the first thing in <head> is not waited for."""
    page = PAGE.format(name=NAME, extra="").replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="script-src *">\n'
        '    <meta charset="utf-8">',
    )
    head = head_elements(with_policy(page, "script-src 'self'"))
    assert head[0]["content"] == "script-src 'self'"


def test_a_page_without_head_stops_the_build(tmp_path: Path):
    with pytest.raises(PolicyError, match=r"index\.html: the page has no <head>"):
        built(tmp_path, "<p>Content-Security-Policy</p>")


def test_no_inline_script_is_allowed_not_even_the_themes_own(tmp_path: Path):
    """A script copying the theme's redirect pattern gets no hash; neither does the theme's
    own text (the theme's scripts are files), nor anything else: script-src is 'self' (and
    'wasm-unsafe-eval', which lets the site's own search compile its WebAssembly, no script)."""
    theme = MIMIC.replace("https://elsewhere.example/", "../")
    html = built(tmp_path, PAGE.format(name="Test Inspector", extra=MIMIC + theme))
    (meta,) = policies(html)
    script_src = directives(meta["content"])["script-src"]
    assert script_src == ["'self'", "'wasm-unsafe-eval'"]
    assert "sha256" not in meta["content"].split("style-src")[0]


def test_the_policy_allows_nothing_inline():
    rules = directives(policy(plotly_style_sources()))
    assert rules["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert rules["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in rules["style-src-elem"]
    assert rules["style-src-attr"] == ["'none'"]
    assert rules["img-src"] == ["'self'", "data:"]
    for name in ("object-src", "frame-src"):
        assert rules[name] == ["'none'"]
    for name in ("base-uri", "form-action", "default-src", "connect-src", "worker-src"):
        assert rules[name] == ["'self'"]
    assert not [s for values in rules.values() for s in values if re.search(r"https?:|\*", s)]


def test_inline_styles_are_allowed_by_exact_text_only():
    """The <noscript> style of main.html, plotly.js's empty <style> (filled through the CSSOM),
    and the map stylesheet the full plotly.js bundle writes: each by the hash of its text."""
    elements = directives(policy(plotly_style_sources()))["style-src-elem"]
    main = (ROOT / "site_config" / "overrides" / "main.html").read_text("utf-8")
    assert f"<noscript><style>{NOSCRIPT_STYLE}</style></noscript>" in main
    assert sha256_source(NOSCRIPT_STYLE) in elements
    assert sha256_source("") in elements
    bundle = full_bundle().source.read_text("utf-8")
    written = re.findall(r"textContent='(\.maplibregl-[^']*)'", bundle)
    assert len(written) == 1, "plotly.js writes its map stylesheet differently: see csp.py"
    assert sha256_source(written[0]) in elements
    assert len(elements) == 4  # 'self' and those three


def test_the_policy_is_the_same_on_every_build(tmp_path: Path):
    page = PAGE.format(name=NAME, extra="")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert built(tmp_path / "a", page) == built(tmp_path / "b", page)


@pytest.fixture(scope="module")
def named_site(tmp_path_factory) -> Path:
    """The demo investigation with an actor named like the policy, built for real."""
    folder = tmp_path_factory.mktemp("csp-name")
    content = folder / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", content)
    actors = content / "demo-case" / "actors.yml"
    text = actors.read_text("utf-8")
    assert text.count("name: Example Agency") == 1
    actors.write_text(text.replace("name: Example Agency", f"name: {NAME}"), "utf-8")
    project = copy_project(folder / "project", content)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_every_built_page_naming_the_policy_has_exactly_one_first_in_head(named_site: Path):
    pages = sorted(named_site.rglob("*.html"))
    naming = [page for page in pages if NAME in soup(page).get_text()]
    assert len(naming) >= 4, f"the actor's name shows on {len(naming)} pages only"
    for page in pages:
        html = page.read_text("utf-8")
        metas = policies(html)
        assert len(metas) == 1, page
        head = head_elements(html)
        assert head[0].get("charset") == "utf-8", page
        assert head[1].get("http-equiv") == "Content-Security-Policy", page
        assert head[1]["content"] == policy(plotly_style_sources()), page


def test_no_built_page_writes_a_style_attribute(named_site: Path):
    """The policy refuses them all (style-src-attr 'none'): any one would be a broken style."""
    styled = [
        f"{page.relative_to(named_site)}: <{element.name} style={element['style']!r}>"
        for page in sorted(named_site.rglob("*.html"))
        for element in soup(page).find_all(style=True)
    ]
    assert not styled, styled[:5]
    data = soup(named_site / "demo-case" / "data" / "index.html")
    assert data.select(".chart__canvas svg"), "no chart picture or spacer keeps a chart's height"
