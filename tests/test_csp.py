"""The policy allows the theme's inline scripts by hash, and nothing content could inject."""

from __future__ import annotations

from pathlib import Path

from generator.csp import apply_to_site, script_hashes, theme_scripts

THEME = '<script>var base=new URL("{{ base_url }}"),x=document.querySelector("[data-x]")</script>'
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var base=new URL("../.."),x=document.querySelector("[data-x]")</script>
<title><script>alert(1)</script></title></head><body>
<script type="application/ld+json">{"a": 1}</script></body></html>"""


def test_only_the_theme_scripts_get_a_hash(tmp_path: Path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "base.html").write_text(THEME, "utf-8")
    allowed = theme_scripts([tmp_path / "theme"])
    assert len(script_hashes(PAGE, allowed)) == 1
    assert script_hashes("<script>alert(1)</script>", allowed) == set()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE, "utf-8")
    assert apply_to_site(site, [tmp_path / "theme"]) == 1
    html = (site / "index.html").read_text("utf-8")
    assert html.count("Content-Security-Policy") == 1
    assert html.index("Content-Security-Policy") < html.index("<title>")
    assert html.count("'sha256-") == 1
