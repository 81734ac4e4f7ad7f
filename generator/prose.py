"""The one syntax editors use inside Markdown, and a scanner that finds it with positions.

Syntax (documented in the README):

- ``[@source-id]`` cites a source; ``[@source-id, p. 3]`` adds a locator; ``[@a; @b, p. 3]``
  cites several at once.
- ``:claim[id]``, ``:event[id]``, ``:actor[id]``, ``:source[id]`` mention an item inline and link
  to its entry.
- ``::claim[id]`` or ``::chart[id]`` alone on a line embeds the claim card or the chart.

The checker uses ``scan`` to verify every id before anything is built; the Markdown extension uses
the same patterns to render them, so the two can never disagree about what an editor wrote.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

CITATION = re.compile(r"\[(@[a-z0-9][^\[\]\n]*)\]")
CITE_ITEM = re.compile(r"^@(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\s*(?:,\s*(?P<locator>.+?))?\s*$")
# A colon not preceded by a colon or a letter ("::chart[...]" is an embed, "a:b" no mention).
# The look-behind comes after the colon: a pattern that starts with a literal is searched for
# by a fast scan, and Markdown searches every text of every page for it (at 10,000 events the
# look-behind first made this one search cost seconds).
MENTION = re.compile(r":(?<![:\w]:)(?P<kind>claim|event|actor|source)\[(?P<id>[^\]\n]*)\]")
EMBED = re.compile(r"^::(?P<kind>claim|chart)\[(?P<id>[^\]\n]*)\]\s*$", re.MULTILINE)
RAW_HTML = re.compile(r"<(?![a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*>)[a-zA-Z/!?]")
# A target may hold one level of balanced brackets, as CommonMark allows: [x](javascript:f(1)).
INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
HTML_TAG = re.compile(r"<[^<>\n]{0,40}>?")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>")
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class Token:
    """Something an editor wrote that needs checking: where it starts and what it names."""

    kind: str  # cite, claim, event, actor, source, embed-claim, embed-chart, html, link
    value: str
    offset: int
    locator: str | None = None


def mask_code(text: str) -> str:
    """Blank out code blocks and spans (keeping offsets), so examples in code are not scanned."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def parse_citation(inner: str) -> list[tuple[str, str | None]] | None:
    """``@a; @b, p. 3`` -> [('a', None), ('b', 'p. 3')]; None when it is not a citation."""
    items = []
    for part in inner.split(";"):
        match = CITE_ITEM.match(part.strip())
        if not match:
            return None
        items.append((match["id"], match["locator"]))
    return items


@functools.lru_cache(maxsize=1 << 16)
def unsafe_scheme(target: str) -> str | None:
    """The scheme of a link target when it is not allowed (javascript:, data: ...), else None.

    Kept: every link of every page is asked about, and pages link the same sources and actors
    again and again (at 10,000 events seven lookups in ten were repeats)."""
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    match = SCHEME.match(cleaned)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    if cleaned.startswith("//"):
        return "//"
    return None


def scan(text: str) -> Iterator[Token]:
    """Every citation, mention, embed, raw HTML tag and link target in ``text``, in order."""
    yield from _tokens(text)


@functools.lru_cache(maxsize=1 << 17)
def _tokens(text: str) -> tuple[Token, ...]:
    """Kept: the checks and then the reverse indexes read every text of the content."""
    masked = mask_code(text)
    tokens: list[Token] = []
    for match in CITATION.finditer(masked):
        items = parse_citation(match.group(1))
        if items is None:
            tokens.append(Token("bad-cite", match.group(0), match.start()))
            continue
        for source_id, locator in items:
            tokens.append(Token("cite", source_id, match.start(), locator))
    for match in MENTION.finditer(masked):
        tokens.append(Token(match["kind"], match["id"], match.start()))
    for match in EMBED.finditer(masked):
        tokens.append(Token(f"embed-{match['kind']}", match["id"], match.start()))
    for match in RAW_HTML.finditer(masked):
        tag = HTML_TAG.match(masked, match.start())
        tokens.append(Token("html", tag.group(0) if tag else "<", match.start()))
    for pattern in (INLINE_LINK, REFERENCE_LINK, AUTOLINK):
        for match in pattern.finditer(masked):
            tokens.append(Token("link", match.group(1), match.start(1)))
    # set(): a target like <javascript:x> in a link is found both as a link and as an autolink
    return tuple(sorted(set(tokens), key=lambda token: (token.offset, token.kind, token.value)))


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
