"""The site's own scripts and style sheets are served smaller, and mean what they meant."""

from __future__ import annotations

import shutil
import subprocess

from generator.minify import ASSETS, minify_css, minify_js, minify_site, own_files


def test_comments_and_indentation_go_and_the_code_stays():
    script = "/**\n * Why.\n */\nfunction f(a) {\n  // a comment\n  return a / 2; // gone\n\n}\n"
    assert minify_js(script) == "function f(a){return a/2;}"
    sheet = '/* why */\n.a {\n  color: red; /* inline */\n}\n\n.b::after { content: "x"; }\n'
    assert minify_css(sheet) == '.a{color:red}.b::after{content:"x"}'


def test_strings_regular_expressions_and_notices_keep_their_meaning():
    script = 'var u = "https://a.example/*x*/"; var r = /\\/\\/+/g; var t = `one\n  // two`;\n'
    small = minify_js(script)
    assert '"https://a.example/*x*/"' in small and "/\\/\\/+/g" in small
    assert "`one\n  // two`" in small
    assert minify_js("/*! licence */\nvar a = 1;\n").startswith("/*! licence */")
    sheet = '.a::after { content: "/* not a comment */"; background: url("x.svg#a") }\n'
    assert '"/* not a comment */"' in minify_css(sheet)


def test_every_own_file_is_smaller_and_every_script_still_parses(tmp_path):
    node = shutil.which("node")
    files = own_files()
    assert "assets/javascripts/charts.js" in files and "assets/stylesheets/explainer.css" in files
    for relative in files:
        source = ASSETS.parent / relative
        for tree in (tmp_path, tmp_path / "ro"):
            (tree / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, tree / relative)
    assert minify_site(tmp_path) == 2 * len(files)
    for relative in files:
        small = tmp_path / "ro" / relative
        assert small.stat().st_size < (ASSETS.parent / relative).stat().st_size, relative
        if relative.endswith(".js") and node:
            check = subprocess.run([node, "--check", str(small)], capture_output=True, text=True)
            assert check.returncode == 0, f"{relative}: {check.stderr}"
