"""The site's own scripts and style sheets as served: without their comments and indentation.

The files in site_config/docs/assets are written to be read, one comment for every few lines;
every page loads them, and their comments made up a third of what they weigh gzipped. Only what
cannot change a script's or a style sheet's meaning goes: whole comment lines and blocks,
indentation and blank lines. Line breaks stay (a script's statements may end at them), and a
file that holds a text running over several lines (a JavaScript template literal) keeps its
indentation. Files already minified (``*.min.js``, ``*.min.css``) are left as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "site_config" / "docs" / "assets"
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def own_files() -> list[str]:
    """The paths, below the site's root, of the scripts and style sheets site_config ships."""
    return sorted(
        path.relative_to(ASSETS.parent).as_posix()
        for pattern in ("javascripts/*.js", "stylesheets/*.css")
        for path in ASSETS.glob(pattern)
        if ".min." not in path.name
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def minify_js(text: str) -> str:
    """Whole-line ``//`` comments and ``/* */`` blocks that end a line dropped, each line
    unindented. A file with a template literal over several lines is left unchanged."""
    if any(line.count("`") % 2 for line in text.splitlines()):
        return text
    out: list[str] = []
    in_block = False
    for line in _lines(text):
        if in_block:
            in_block = not line.endswith("*/")
            continue
        if line.startswith("/*") and "*/" not in line[2:]:
            in_block = True
            continue
        if line.startswith("//") or (line.startswith("/*") and line.endswith("*/")) or not line:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def minify_css(text: str) -> str:
    """Comments dropped, each line unindented, blank lines gone; a style sheet with a comment's
    opening inside a quoted text is left unchanged."""
    if re.search(r"[\"'][^\"'\n]*/\*", text):
        return text
    return "\n".join(line for line in _lines(_CSS_COMMENT.sub("", text)) if line) + "\n"


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
