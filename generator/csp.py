"""A Content-Security-Policy for every page, as a <meta> tag (GitHub Pages sets no headers).

Defence in depth behind escaping: even if editor text ever slipped through as markup, the browser
would run no script but the site's own files. The theme's inline scripts are served as files
(site_config/overrides/partials/javascripts/), so ``script-src 'self'`` allows no inline script
at all: no hash, no pattern, nothing an inline script could imitate. JSON data blocks
(``type="application/json"``, ld+json) are data, not scripts, and need nothing.

The policy is the same on every page and for every build (mkdocs-material's instant navigation
keeps the first page's policy while the reader moves on), and goes in first: directly after the
page's ``<meta charset>``, else at the very start of ``<head>``, whatever the page says. A page
with no ``<head>`` stops the build (:class:`PolicyError`); none is ever left without a policy.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from generator.charts.bundles import full_bundle
from generator.parallel import run_all

# The first <head> start tag: nothing a page's content says comes before it.
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
# A charset declaration directly at the start of <head> (only whitespace between).
_CHARSET = re.compile(r"\s*<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)
# Style text that the site's <noscript> in site_config/overrides/main.html holds, exactly.
NOSCRIPT_STYLE = ".md-typeset .chart:not([data-chart-picture]) .chart__canvas{display:none}"
# The full plotly.js bundle injects the stylesheet of its map library (maplibre-gl) as a <style>
# element with this text when it loads; the site draws no map, so only its hash is needed.
_PLOTLY_STYLE = re.compile(
    r'createElement\("style"\);[^;]{0,200}?\.textContent=\'(?P<css>\.maplibregl-[^\'\\]*)\''
)


class PolicyError(Exception):
    """A built page the policy cannot be put into: the build must not publish it."""


def sha256_source(text: str) -> str:
    """The CSP hash source (``'sha256-...'``) allowing exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@functools.cache
def plotly_style_sources() -> tuple[str, ...]:
    """Hashes of the <style> elements plotly.js creates, from the text of the shipped bundles.

    plotly.js creates an empty <style> and fills it through the CSSOM (``insertRule``, which
    CSP does not check), so the hash of the empty text allows its rules and no other text; the
    full bundle also writes maplibre-gl's stylesheet as the text of a <style> element.
    """
    sources = [sha256_source("")]
    found = _PLOTLY_STYLE.search(full_bundle().source.read_text("utf-8"))
    if found:
        sources.append(sha256_source(found["css"]))
    return tuple(sources)


def policy(style_sources: tuple[str, ...] = ()) -> str:
    """The policy: the site's own files only, and inline <style> only by the exact text."""
    elements = " ".join(["'self'", sha256_source(NOSCRIPT_STYLE), *style_sources])
    return "; ".join(
        [
            "default-src 'self'",
            # Pagefind's search runs WebAssembly compiled from the site's own files
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            f"style-src-elem {elements}",
            # No style attribute written in a page: neither the theme nor plotly.js needs one
            # (both set styles through the CSSOM, which the policy does not govern); a chart's
            # drawing area keeps its height with a spacer, and a table's alignment is a class.
            "style-src-attr 'none'",
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


def meta_tag(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def with_policy(html: str, content: str) -> str:
    """The page with the policy first in <head>: after its charset if that comes first.

    Nothing in the page is consulted but the position of its <head>; a page that carries a
    policy of its own keeps it after ours (browsers enforce every policy, so it can only
    restrict further)."""
    head = _HEAD.search(html)
    if head is None:
        raise PolicyError("the page has no <head> to put the Content-Security-Policy in")
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    return f"{html[:at]}\n    {meta_tag(content)}{html[at:]}"


def apply_to_site(site_dir: Path) -> int:
    """Add the policy to every page of the built site; returns how many pages.

    Pages are read and rewritten on two cores (at 10,000 events the site has 78 MB of HTML)."""
    content = policy(plotly_style_sources())
    pages = sorted(Path(site_dir).rglob("*.html"))
    sizes = [page.stat().st_size for page in pages]
    run_all([functools.partial(_add_policy, page, content) for page in pages], sizes)
    return len(pages)


def _add_policy(page: Path, content: str) -> None:
    try:
        page.write_text(with_policy(page.read_text("utf-8"), content), "utf-8")
    except PolicyError as error:
        raise PolicyError(f"{page}: {error}") from None
