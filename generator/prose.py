"""The one syntax editors use inside Markdown, and a scanner that finds it with positions.

Syntax (documented in the README):

- ``[@source-id]`` cites a source; ``[@source-id, p. 3]`` adds a locator; ``[@a; @b, p. 3]``
  cites several at once.
- ``:claim[id]``, ``:event[id]``, ``:actor[id]``, ``:source[id]``, ``:case[id]`` mention an
  item inline and link to its entry.
- ``::claim[id]`` or ``::chart[id]`` alone on a line embeds the claim card or the chart.

The checker uses ``scan`` to verify every id before anything is built; the Markdown extension uses
the same patterns to render them, so the two can never disagree about what an editor wrote.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Lengths are bounded so that every scan is linear: an unclosed '[@' or ':actor[' must not make
# each later one read to the end of the line again (32,000 of them took 40 s to check).
# An id of over 100 characters (none is written that long) and a bracket of citations of over
# 1,000 are text, not syntax.
CITATION = re.compile(r"\[(@[a-z0-9][^\[\]\n]{0,1000})\]")
CITE_ITEM = re.compile(r"^@(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\s*(?:,\s*(?P<locator>.+?))?\s*$")
# A colon not preceded by a colon or a letter ("::chart[...]" is an embed, "a:b" no mention).
# The look-behind comes after the colon: a pattern that starts with a literal is searched for
# by a fast scan, and Markdown searches every text of every page for it (at 10,000 events the
# look-behind first made this one search cost seconds).
MENTION = re.compile(
    r":(?<![:\w]:)(?P<kind>claim|event|actor|source|case)\[(?P<id>[^\]\n]{0,100})\]"
)
EMBED = re.compile(r"^::(?P<kind>claim|chart)\[(?P<id>[^\]\n]{0,100})\][ \t]*$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_BACKTICKS = re.compile(r"(?<!\\)`")
_ANY_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Token:
    """Something an editor wrote that needs checking: where it starts and what it names."""

    kind: str  # cite, bad-cite, claim, event, actor, source, embed-claim, embed-chart
    value: str
    offset: int
    locator: str | None = None


def mask_code(text: str) -> str:
    """Blank out code spans (keeping offsets), so examples in code are not scanned.

    In one pass, as the site's Python-Markdown reads them: spans pair within a paragraph
    (``code_span``) and never cross a blank line. The site has no fenced code blocks (no
    ``fenced_code`` extension): a line of three backticks is the start of a span like any
    other, and the citations after it are shown, so they are checked."""
    chars = list(text)
    for start, end in _code_ranges(text):
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def _code_ranges(text: str) -> Iterator[tuple[int, int]]:
    paragraph_start = 0
    for blank in _BLANK_LINE.finditer(text):
        yield from _span_ranges(text, paragraph_start, blank.start())
        paragraph_start = blank.end()
    yield from _span_ranges(text, paragraph_start, len(text))


def _span_ranges(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    paragraph = text[start:end]
    position = 0
    while (match := _BACKTICKS.search(paragraph, position)) is not None:
        begin = match.start()
        content, closing = code_span(paragraph, begin)
        if closing is None:
            position = content  # Python-Markdown goes on from there
            continue
        length = content - begin
        yield start + begin, start + closing + length
        position = closing + length


class _Runs:
    """The runs of backticks of one text: by length, and the longest from each run on."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.by_length: dict[int, list[int]] = {}
        lengths = []
        for match in _ANY_BACKTICKS.finditer(text):
            length = match.end() - match.start()
            self.starts.append(match.start())
            self.by_length.setdefault(length, []).append(match.start())
            lengths.append(length)
        # longest[i]: the longest run from run i on, and where its first occurrence starts
        self.longest: list[tuple[int, int]] = [(0, -1)] * (len(lengths) + 1)
        for index in range(len(lengths) - 1, -1, -1):
            after = self.longest[index + 1]
            mine = (lengths[index], self.starts[index])
            self.longest[index] = mine if mine[0] >= after[0] else after


class SuffixTable:
    """A table worked out once for a text and kept while Markdown works through the text.

    Python-Markdown replaces each thing it finds by a placeholder and searches on in the
    rest, which is unchanged: a table of what lies ahead (where a bracket closes, where the
    runs of backticks are) stays right for the rest, shifted, so it is not worked out again
    for every match (that made a paragraph of 1,000 links take 7 s)."""

    def __init__(self, build):
        self.build = build
        self.text: str | None = None
        self.table = None

    def get(self, text: str, begin: int) -> tuple[Any, int]:
        """The table, and how far positions in ``text`` are shifted in it."""
        if self.text is not None:
            shift = len(self.text) - len(text)
            if shift >= 0 and self.text.endswith(text[begin:]):
                return self.table, shift
        self.text, self.table = text, self.build(text)
        return self.table, 0


_RUNS = SuffixTable(_Runs)


def code_span(text: str, begin: int) -> tuple[int, int | None]:
    """Where the code span opened by the backticks at ``begin`` has its content:
    (start, end), or (where to search on, None) when nothing closes it.

    Python-Markdown's own pairing (``BacktickInlineProcessor.find_code_spans``): a closing
    run of as many backticks, else the longest shorter run after it, with the opening
    shortened to match; found with a table of runs instead of reading on to the end of the
    text for every opening."""
    runs, shift = _RUNS.get(text, begin)
    end = begin
    while end < len(text) and text[end] == "`":
        end += 1
    ticks = end - begin
    first = bisect.bisect_left(runs.starts, end + shift)
    same = runs.by_length.get(ticks, [])
    exact = bisect.bisect_left(same, end + shift)
    if exact < len(same):
        return end, same[exact] - shift
    longest, where = runs.longest[first]
    if 0 < longest < ticks:
        return end - (ticks - longest), where - shift
    return end + ticks, None


def parse_citation(inner: str) -> list[tuple[str, str | None]] | None:
    """``@a; @b, p. 3`` -> [('a', None), ('b', 'p. 3')]; None when it is not a citation."""
    items = []
    for part in inner.split(";"):
        match = CITE_ITEM.match(part.strip())
        if not match:
            return None
        items.append((match["id"], match["locator"]))
    return items


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def link_target(target: str) -> str:
    """A link target as a browser reads it: entities decoded (``&#106;avascript:``,
    ``https&colon;``), invisible characters dropped (``java&#9;script:``) and backslashes
    read as slashes (``/\\evil.example`` is ``//evil.example``)."""
    return _INVISIBLE.sub("", html.unescape(target)).replace("\\", "/")


@functools.lru_cache(maxsize=1 << 16)
def unsafe_scheme(target: str) -> str | None:
    """Why a link target is not allowed (its scheme, or '//' for another host without
    one), else None.

    Kept: every link of every page is asked about, and pages link the same sources and actors
    again and again (at 10,000 events seven lookups in ten were repeats)."""
    cleaned = link_target(target)
    match = _SCHEME.match(cleaned)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    if cleaned.startswith("//"):
        return "//"
    return None


def foreign_image(src: str) -> bool:
    """Whether an image would be fetched from anywhere but this site (or not be an image)."""
    cleaned = link_target(src)
    return bool(_SCHEME.match(cleaned)) or cleaned.startswith("//")


def scan(text: str) -> Iterator[Token]:
    """Every citation, mention and embed in ``text``, in order.

    Raw HTML, attribute lists and link targets are not scanned for here: they are read from
    what the Markdown parser makes of the text (generator.markdown_safety)."""
    yield from _tokens(text)


@functools.lru_cache(maxsize=1 << 17)
def _tokens(text: str) -> tuple[Token, ...]:
    """Kept: the checks and then the reverse indexes read every text of the content."""
    masked = mask_code(text) if "`" in text else text
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
    return tuple(sorted(tokens, key=lambda token: (token.offset, token.kind, token.value)))


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
