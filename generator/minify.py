"""The site's own scripts and style sheets as served: without their comments and indentation.

The files in site_config/docs/assets are written to be read, one comment for every few lines;
every page loads them, and their comments made up a third of what they weigh gzipped. Only what
cannot change a script's or a style sheet's meaning goes, by rjsmin and rcssmin (well-kept
minifiers that parse strings, regular expressions and ``url()``, rather than rules of our own).
Files already minified (``*.min.js``, ``*.min.css``) are left as they are.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path(__file__).resolve().parents[1] / "site_config" / "docs" / "assets"


def own_files() -> list[str]:
    """The paths, below the site's root, of the scripts and style sheets site_config ships."""
    return sorted(
        path.relative_to(ASSETS.parent).as_posix()
        for pattern in ("javascripts/*.js", "stylesheets/*.css")
        for path in ASSETS.glob(pattern)
        if ".min." not in path.name
    )


def minify_js(text: str) -> str:
    """rjsmin's minifying, which knows strings, regular expressions and template literals; a
    ``/*! … */`` notice (a licence) stays."""
    return rjsmin.jsmin(text, keep_bang_comments=True)


def minify_css(text: str) -> str:
    """rcssmin's minifying, which knows strings and ``url()``; a ``/*! … */`` notice stays."""
    return rcssmin.cssmin(text, keep_bang_comments=True)


def minify_site(site_dir: Path) -> int:
    """Minify site_config's own scripts and style sheets in every language's tree of a built
    site; returns how many files were rewritten."""
    count = 0
    for relative in own_files():
        for path in sorted(Path(site_dir).rglob(relative)):
            text = path.read_text("utf-8")
            small = minify_js(text) if path.suffix == ".js" else minify_css(text)
            if small != text:
                path.write_text(small, "utf-8")
                count += 1
    return count
