"""Narrative prose cites at every factual sentence: find the sentences that do not.

A reader of a narrative page should be able to trace every statement of fact to its source. This
module finds, in the body of a page under ``pages/``, each sentence that *states a fact a reader
would want sourced* and carries no citation, so that the checker can warn about it (an error under
``--strict``).

What states a fact (the "triggers"):

- **a date**: a day and month ("26 November", "noiembrie 2024", "November 26, 2024"), a month
  and year, a numeric date ("7.12.2024", "2024-12-07", "7/12/2024"), a year ("2024", "1990s"),
  or an English month name alone ("in March"; "May" only beside a number, since "May" also begins
  sentences as a verb) or a Romanian one ("în decembrie"; "mai" and "august" only beside a
  number: they also mean "more" and "august"). Month names are known in English and Romanian,
  the languages the interface has; in any other language a date is found by its digits;
- **a number**: digits, with their separators and decimals ("1,183", "2.68%", "EUR 1 million",
  "3rd"); digits inside a word or code ("#cg11", "G4Media", "COVID-19", "IP/24/6487") are part of
  a name, not a number;
- **a named actor**: an actor's ``name``, ``short_name`` and ``aliases`` in any of the story's
  languages, matched as whole words and with their case (so "AUR" the party is not "aur", gold);
  a name written ``Long Name (ABBR)`` also counts as ``Long Name`` and as ``ABBR``, as prose
  shortens it; and every ``:actor[id]`` mention.

Number words and ordinal words ("two", "third") do not count: "one of", "at first" and "the
second round" would flood a page with warnings for no sourced fact. Relative dates ("two days
later", "on Friday") do not count either: they lean on a dated sentence nearby.

What is cited:

- a sentence with a citation ``[@source-id]`` in it, or right after its closing punctuation
  ("... in 2024. [@a]"), and a malformed citation too (it has its own error);
- a sentence with a ``:claim[id]`` or ``:source[id]`` mention: a claim has sources of its own, and
  a source named inline is a citation in words;
- a line that embeds a claim or a chart (``::claim[id]``): an embedded claim carries its own
  sources, a chart its source line;
- a **list item** (with its continuation lines) or a **table row** is one unit: a citation
  anywhere in it covers all of it, as "**26 November 2024.** The regulator asked ... [@a]" reads as
  one entry.

An ``:event[id]`` mention neither cites nor states a fact: it is shown as the event's title, and
the event's sources date the event, not what the sentence says about it.

Only the body of a page is read: its front matter (title, description) and the Markdown fields of
the YAML files are not narrative prose (claims, events and relations carry their own sources).

What is not read at all: headings (ATX "#" and setext), a table's header row, code spans and
indented code, link text and targets, images, bare addresses, and mention ids. Quotations are read
like any text (whoever is quoted still needs a source), and a sentence is not split inside double
quotes (“...”, „...”, "..."), so "She said “It is over. We lost.” [@a]" is one cited sentence.

Sentences end at ``.``, ``!``, ``?`` or ``…`` followed by a space and a capital letter, a digit, a
quote or markup; not after an abbreviation ("e.g.", "Dr.", "No. 3", "p. 4"), an initial ("J.
Smith") or a word with a dot inside ("U.S."), and never inside a number ("2.5", "7.12.2024"),
since no space follows that dot.

Everything is found with regular expressions whose repetitions are bounded, then matched up with
sorted lists and ``bisect``, so the time is linear in the page's length.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Location, Severity
from generator.model import Actor, Page
from generator.prose import CITATION, EMBED, MENTION, mask_code

HINT = (
    "cite the source that supports it: [@source-id]; or embed the claim it states with ::claim[id]"
)
EXCERPT_LENGTH = 60

_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_EN_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_RO_MONTHS = (
    "[Ii]anuarie|[Ff]ebruarie|[Mm]artie|[Aa]prilie|[Mm]ai|[Ii]unie|[Ii]ulie|[Aa]ugust"
    "|[Ss]eptembrie|[Oo]ctombrie|[Nn]oiembrie|[Dd]ecembrie"
)
_MONTH = rf"(?:{_EN_MONTHS}|{_EN_SHORT}|{_RO_MONTHS})"
_DAY_RANGE = r"\d{1,2}(?:\s?[–-]\s?\d{1,2})?"
# Each pattern is tried only where a number or a month name starts (see ``_dates``): one big
# alternation searched at every position of a page took a second per megabyte.
DATE = re.compile(
    "|".join(
        (
            rf"{_DAY_RANGE}\s+{_MONTH}(?:\s+\d{{4}})?(?!\w)",  # 26 November 2024
            rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?(?!\w)",  # November 26, 2024
            rf"{_MONTH}\s+\d{{4}}(?!\w)",  # November 2024
            r"\d{1,2}[./]\d{1,2}[./]\d{2,4}(?!\w)",  # 7.12.2024, 7/12/2024
            r"\d{4}-\d{2}-\d{2}(?!\w)",  # 2024-12-07
            r"(?:1[89]|20)\d{2}s?(?![\w.,]?\d)",  # 2024, 1990s, 2022–2024
            r"(?:January|February|March|April|June|July|August|September|October|November"
            r"|December)(?!\w)",
            r"(?:ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie"
            r"|noiembrie|decembrie)(?!\w)",
        )
    )
)
# Where a date may start: a pattern that begins with a set of first characters is searched for
# quickly; whether a word or number starts there is asked after.
_DATE_START = re.compile(rf"\d+|\b(?=[JFMASONDjfmasondIi]){_MONTH}")
# Digits not attached to a word (#cg11, G4Media, COVID-19, IP/24/6487 are names and codes).
NUMBER = re.compile(r"(?<![\w#@/\\-])\d{1,30}(?:[.,]\d{1,30}){0,10}(?:st|nd|rd|th|s)?(?!\w)")

# Markup whose text is not a statement: blanked (keeping offsets) before anything is read.
_IMAGE_OR_LINK = re.compile(
    r"!?\[[^\[\]\n]{0,1000}\](?:\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,200}\])"
    r"|\[\^[^\[\]\n]{0,200}\]"  # footnote reference
)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]{1,1000}\]:[ \t]*\S[^\n]*$", re.MULTILINE)
_ADDRESS = re.compile(r"<?(?:https?://|mailto:|www\.)[^\s<>]{0,2000}>?")

_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|:)[ \t]+(?=\S)")
_QUOTE_MARKERS = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+", re.MULTILINE)
_QUOTE_PREFIX = re.compile(r"(?:[ \t]{0,3}>[ \t]?)*")
_TABLE_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_INDENTED = re.compile(r"(?: {4}|\t)")
# The first characters that can begin a quotation marker, a line that breaks a block, a marker.
_MAY_QUOTE = frozenset(" \t>")
_MAY_BREAK = frozenset(":#=-*_")
_MAY_MARK = frozenset("-*+:0123456789")

# A sentence may end here: closing punctuation, then closing quotes or markup, then a space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]*_]{0,5}(?=\s)")
_NEXT_START = re.compile(r"\s{1,1000}([\"'“„‘«(\[*_]*)(\S)")
_WORD_BEFORE = re.compile(r"(\S{1,40})$")
_WORD = re.compile(r"\w+")
# Words whose dot does not end a sentence (English and Romanian titles, months, references).
_ABBREVIATION_WORDS = (
    "e.g i.e etc vs cf al approx ca dr mr mrs ms prof st jr sr gen col lt sen rep gov inc ltd co "
    "corp dept est fig jan feb mar apr jun jul aug sep sept oct nov dec mt ave blvd dl dna dlui "
    "dnei nr art alin lit pct str jud"
)
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# Abbreviations that end a sentence unless a number follows ("No. 3", "p. 4", "pp. 3–5").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "p", "pp", "vol", "ch", "sec", "par"})
_OPENING_QUOTES = "“„«"
MENTION_MARK = "\ue000"  # stands for a mention's text: not a letter, digit or space
_CLOSING_QUOTES = "”»"
_QUOTE_CHARS = re.compile('["“„«”»]')
_NOT_A_LINE_BREAK = re.compile(r"[^\n]")


@dataclass(frozen=True)
class Trigger:
    """What makes a sentence factual: where, which kind, and the words an editor will find."""

    offset: int
    kind: str  # date, number, actor
    text: str


@dataclass(frozen=True)
class Finding:
    """An uncited factual sentence, list item or table row."""

    offset: int  # where the sentence starts
    end: int  # where the next one starts
    unit: str  # sentence, list item, table row
    first: Trigger  # the first fact in it: what the message names
    kinds: frozenset[str]  # every kind of fact in it


@dataclass
class _Marked:
    """The page with everything that is not a statement blanked, and what was found doing so."""

    text: str
    cited: list[int]  # offsets of citations and of claim and source mentions
    actors: list[Trigger]  # :actor[id] mentions


@dataclass
class _Unit:
    kind: str  # paragraph, list item, table row
    start: int
    end: int


# --- Names ---------------------------------------------------------------------------------------


def actor_names(actors: Iterable[Actor]) -> tuple[tuple[str, str], ...]:
    """(id, name) for every way the story writes each actor's name, in every language."""
    names: list[tuple[str, str]] = []
    for actor in actors:
        values: list[str] = []
        for field in ("name", "short_name"):
            value = getattr(actor, field, None)
            if isinstance(value, dict):
                values.extend(value.values())
            elif isinstance(value, str):
                values.append(value)
        values.extend(getattr(actor, "aliases", None) or ())
        for value in values:
            for form in _forms(value):
                names.append((actor.id, form))
    return tuple(names)


def _forms(name: str) -> Iterator[str]:
    """A name as prose writes it: 'Central Electoral Bureau (BEC)' is also each of its parts."""
    parts = [name]
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name.strip())
    if match:
        parts.extend(match.groups())
    for part in parts:
        # '#hashtag' is found as 'hashtag'; a closing bracket stays, a full stop does not
        stripped = re.sub(r"^\W+", "", part).rstrip(" .,;:!?")
        if len(stripped) >= 2:
            yield stripped


class _NameIndex:
    """Names by their first word, longest first, and a pattern that finds those words."""

    def __init__(self, names: tuple[tuple[str, str], ...]):
        self.by_first: dict[str, list[str]] = {}
        for _, name in names:
            first = _WORD.match(name)
            if first is None:
                continue
            bucket = self.by_first.setdefault(first.group(0), [])
            if name not in bucket:
                bucket.append(name)
        for bucket in self.by_first.values():
            bucket.sort(key=len, reverse=True)
        self.name_of = {actor_id: name for actor_id, name in reversed(names)}
        # searched for as one pattern: a Python loop over every word took a second per megabyte
        words = sorted(self.by_first, key=len, reverse=True)
        self.first_words = re.compile("|".join(map(re.escape, words))) if words else None

    def find(self, text: str) -> Iterator[Trigger]:
        if self.first_words is None:
            return
        for word in self.first_words.finditer(text):
            start = word.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            for name in self.by_first[word.group(0)]:
                end = start + len(name)
                if text.startswith(name, start) and not (
                    end < len(text) and (text[end].isalnum() or text[end] == "_")
                ):
                    yield Trigger(start, "actor", name)
                    break


@functools.lru_cache(maxsize=16)
def _index(names: tuple[tuple[str, str], ...]) -> _NameIndex:
    """Kept: every page of a story asks for the same names."""
    return _NameIndex(names)


# --- Reading the page ----------------------------------------------------------------------------


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, fill) span filled, line breaks kept: in one pass, as
    a list of a million characters edited one by one took a quarter of a second."""
    pieces, position = [], 0
    for start, end, fill in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue  # inside a span already filled
        pieces.append(text[position:start])
        pieces.append(_NOT_A_LINE_BREAK.sub(fill, text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _mark(text: str, names: _NameIndex) -> _Marked:
    """Blank what is not a statement, noting citations and mentions on the way."""
    masked = mask_code(text) if "`" in text else text
    cited: list[int] = []
    mentioned: list[Trigger] = []
    spans = []
    for match in CITATION.finditer(masked):
        cited.append(match.start())
        spans.append((match.start(), match.end(), " "))
    for match in MENTION.finditer(masked):
        if match["kind"] in ("claim", "source"):
            cited.append(match.start())
        elif match["kind"] == "actor":
            shown = names.name_of.get(match["id"], match["id"])
            mentioned.append(Trigger(match.start(), "actor", shown))
        # a mention is shown as words: it may begin a sentence, and is not blank space
        spans.append((match.start(), match.end(), MENTION_MARK))
    masked = _replace(masked, spans)
    spans = [
        (match.start(), match.end(), " ")
        for pattern in (_IMAGE_OR_LINK, _LINK_DEFINITION, _ADDRESS, _QUOTE_MARKERS)
        for match in pattern.finditer(masked)
    ]
    return _Marked(_replace(masked, spans), sorted(cited), mentioned)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _units(text: str) -> list[_Unit]:
    """Paragraphs, list items and table rows, with headings, embeds and code left out.

    Read from the text as written (a blanked mention at the start of a line is no indent).
    A line is tried against a pattern only when its first character could start one: a page
    of a quarter of a million list items took seconds otherwise."""
    units: list[_Unit] = []
    current: _Unit | None = None
    lines = list(_lines(text))
    in_list = table = False
    for number, (offset, line) in enumerate(lines):
        if line[:1] in _MAY_QUOTE:
            quoted = _QUOTE_PREFIX.match(line).end()
            offset, line = offset + quoted, line[quoted:]
        end = offset + len(line)
        first = line.lstrip()[:1]
        if not first:
            current, table = None, False
            continue
        if first in _MAY_BREAK and _breaks(line, first, current):
            if first in "=-" and current is not None and _SETEXT_UNDERLINE.match(line):
                _drop_last_line(units, current, text)  # the line above is a heading
            current = None
            continue
        if (
            "|" in line
            and current is None
            and not table
            and number + 1 < len(lines)
            and _TABLE_SEPARATOR.match(lines[number + 1][1])
        ):
            table = True  # the header row: column labels, not statements
            continue
        if table:
            if not _TABLE_SEPARATOR.match(line):
                units.append(_Unit("table row", offset, end))
            continue
        code = current is None and not in_list and line[:1] in " \t" and _INDENTED.match(line)
        marker = _LIST_MARKER.match(line) if first in _MAY_MARK else None
        if marker is not None and not code:
            if first == ":" and current is not None:
                current.kind, current.end = "list item", end  # a definition joins its term
                continue
            current = _Unit("list item", offset + marker.end(), end)
            units.append(current)
            in_list = True
            continue
        if code:
            continue
        if current is None:
            current = _Unit("paragraph", offset, end)
            units.append(current)
            in_list = in_list and bool(_INDENTED.match(line))
        else:
            current.end = end
    return units


def _breaks(line: str, first: str, current: _Unit | None) -> bool:
    """Whether a line ends the block before it and says nothing: an embed, a heading, a
    setext underline or a thematic break."""
    if first == ":":
        return EMBED.fullmatch(line) is not None
    if first == "#":
        return _ATX_HEADING.match(line) is not None
    paragraph = current is not None and current.kind == "paragraph"
    if first in "=-" and paragraph and _SETEXT_UNDERLINE.match(line):
        return True
    return first in "-*_" and _THEMATIC_BREAK.match(line) is not None


def _drop_last_line(units: list[_Unit], unit: _Unit, masked: str) -> None:
    last_break = masked.rfind("\n", unit.start, unit.end)
    if last_break == -1:
        units.remove(unit)
    else:
        unit.end = last_break


def _sentences(masked: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph; each runs on to where the next begins."""
    begin = start
    quotes = _QuoteDepth(masked, begin, end)
    for match in _SENTENCE_END.finditer(masked, begin, end):
        following = _NEXT_START.match(masked, match.end(), end)
        if following is None:
            continue
        if not _ends_sentence(masked, match, following) or quotes.inside(match.start()):
            continue
        next_start = following.start(1)
        yield begin, next_start
        begin = next_start
    if begin < end and masked[begin:end].strip():
        yield begin, end


def _ends_sentence(masked: str, end: re.Match[str], following: re.Match[str]) -> bool:
    first = following.group(2)
    if not (first.isupper() or first.isdigit() or first == MENTION_MARK or following.group(1)):
        return False
    if not end.group(0).startswith("."):
        return True
    word = _WORD_BEFORE.search(masked, max(0, end.start() - 40), end.start())
    if word is None:
        return True
    token = word.group(1).lstrip("(\"'“„‘«*_[").lower()
    if "." in token or (len(token) == 1 and token.isalpha()) or token in ABBREVIATIONS:
        return False
    return not (token in NUMBER_ABBREVIATIONS and first.isdigit())


class _QuoteDepth:
    """Whether a place in a paragraph is inside double quotes, read once from left to right."""

    def __init__(self, text: str, start: int, end: int):
        self.marks = _QUOTE_CHARS.finditer(text, start, end)
        self.mark = next(self.marks, None)
        self.depth = self.straight = 0

    def inside(self, offset: int) -> bool:
        while self.mark is not None and self.mark.start() < offset:
            quote = self.mark.group()
            if quote == '"':
                self.straight ^= 1
            elif quote in _OPENING_QUOTES:
                self.depth += 1
            else:
                self.depth = max(0, self.depth - 1)
            self.mark = next(self.marks, None)
        return self.depth > 0 or self.straight == 1


# --- The rule ------------------------------------------------------------------------------------


def _dates(masked: str) -> Iterator[Trigger]:
    position = 0
    while (start := _DATE_START.search(masked, position)) is not None:
        before = masked[start.start() - 1] if start.start() else " "
        date = None
        if not (before.isalnum() or before in "_.,"):
            date = DATE.match(masked, start.start())
        if date is None:
            position = start.end()
            continue
        yield Trigger(date.start(), "date", date.group(0))
        position = date.end()


def _triggers(masked: str, names: _NameIndex, mentioned: list[Trigger]) -> list[Trigger]:
    dates = list(_dates(masked))
    date_ends = [m.offset + len(m.text) for m in dates]
    numbers = []
    for match in NUMBER.finditer(masked):
        index = bisect.bisect_right(date_ends, match.start())
        if index < len(dates) and dates[index].offset <= match.start():
            continue  # part of a date
        numbers.append(Trigger(match.start(), "number", match.group(0)))
    found = [*dates, *numbers, *names.find(masked), *mentioned]
    return sorted(found, key=lambda trigger: trigger.offset)


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    index = bisect.bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end


def findings(text: str, names: tuple[tuple[str, str], ...] = ()) -> list[Finding]:
    """Every uncited sentence, list item or table row of ``text`` that states a fact."""
    index = _index(names)
    marked = _mark(text, index)
    triggers = _triggers(marked.text, index, marked.actors)
    offsets = [trigger.offset for trigger in triggers]
    results: list[Finding] = []
    for unit in _units(text):
        if unit.kind == "paragraph":
            pieces = [("sentence", *span) for span in _sentences(marked.text, unit.start, unit.end)]
        else:
            pieces = [(unit.kind, unit.start, unit.end)]
        for kind, start, end in pieces:
            if _any_between(marked.cited, start, end):
                continue
            first = bisect.bisect_left(offsets, start)
            last = bisect.bisect_left(offsets, end)
            if first == last:
                continue
            inside = triggers[first:last]
            begin = start + len(text[start:end]) - len(text[start:end].lstrip())
            results.append(Finding(begin, end, kind, inside[0], frozenset(t.kind for t in inside)))
    return results


def excerpt(text: str, offset: int, end: int) -> str:
    """The start of a sentence as the editor wrote it, on one line and cut at a word."""
    words = " ".join(text[offset : min(end, offset + EXCERPT_LENGTH * 3)].split())
    if len(words) <= EXCERPT_LENGTH:
        return words
    cut = words[:EXCERPT_LENGTH].rsplit(" ", 1)[0]
    return cut + "…"


_STATES = {"date": "states a date", "number": "states a number", "actor": "names an actor"}


def check_page(
    page: Page, actors: Iterable[Actor], place: Callable[[int], Location]
) -> list[Diagnostic]:
    """A warning at each uncited factual sentence of a narrative page."""
    diagnostics = []
    for finding in findings(page.body, actor_names(actors)):
        what = f"{_STATES[finding.first.kind]} ('{finding.first.text}')"
        diagnostics.append(
            Diagnostic(
                place(finding.offset),
                f"page '{page.slug}': uncited {finding.unit} {what}: "
                f"'{excerpt(page.body, finding.offset, finding.end)}'",
                HINT,
                Severity.WARNING,
            )
        )
    return diagnostics
