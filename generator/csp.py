"""A Content-Security-Policy for every page, as a <meta> tag (GitHub Pages sets no headers).

Defence in depth behind escaping: even if editor text ever slipped through as markup, the browser
would run no script but the site's own files and the theme's few inline scripts, each allowed by
the sha256 of its exact text. Only scripts written in the theme's templates are allowed: an
inline script in the output that no template contains (which can only come from content) gets no
hash, so it does not run. The hashes are collected over the whole site, because
mkdocs-material's instant navigation keeps the first page's policy while it runs the inline
scripts of the pages a reader moves to.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from generator.parallel import run_all

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json")
_CHARSET = '<meta charset="utf-8">'


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _inline_scripts(html: str) -> list[str]:
    """The bodies of inline scripts that run as JavaScript (not JSON data blocks)."""
    return [
        match["body"]
        for match in _INLINE_SCRIPT.finditer(html)
        if not any(kind in match["attrs"] for kind in _DATA_TYPES)
    ]


def theme_scripts(template_dirs: list[Path]) -> list[re.Pattern[str]]:
    """Each inline script of the theme's templates as a pattern; template values may vary."""
    patterns = []
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            for body in _inline_scripts(template.read_text("utf-8")):
                parts = _JINJA.split(body)
                if sum(len(part.strip()) for part in parts) < 20:
                    continue  # nearly all template: it would match anything
                patterns.append(re.compile("[^\"'<>]*".join(re.escape(p) for p in parts)))
    return patterns


def script_hashes(html: str, allowed: list[re.Pattern[str]]) -> set[str]:
    """CSP hash sources of the page's inline scripts that the theme's templates wrote."""
    hashes = set()
    for body in _inline_scripts(html):
        if any(pattern.fullmatch(body) for pattern in allowed):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def policy(hashes: set[str]) -> str:
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # plotly.js and the theme set inline styles; styles cannot run code.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-src 'none'",
        ]
    )


def with_policy(html: str, content: str) -> str:
    """The page with the policy as the first thing in <head> after its charset."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    if "Content-Security-Policy" in html or _CHARSET not in html:
        return html
    return html.replace(_CHARSET, f"{_CHARSET}\n    {tag}", 1)


def apply_to_site(site_dir: Path, template_dirs: list[Path]) -> int:
    """Add one policy, allowing the theme's inline scripts, to each page; returns pages.

    Pages are read, and then rewritten, on two cores (at 10,000 events the site has 78 MB of
    HTML to read twice and write once)."""
    allowed = theme_scripts(template_dirs)
    pages = sorted(Path(site_dir).rglob("*.html"))
    sizes = [page.stat().st_size for page in pages]
    found = run_all([functools.partial(_page_hashes, page, allowed) for page in pages], sizes)
    content = policy(set().union(*found))
    run_all([functools.partial(_add_policy, page, content) for page in pages], sizes)
    return len(pages)


def _page_hashes(page: Path, allowed: list[re.Pattern[str]]) -> set[str]:
    return script_hashes(page.read_text("utf-8"), allowed)


def _add_policy(page: Path, content: str) -> None:
    page.write_text(with_policy(page.read_text("utf-8"), content), "utf-8")
