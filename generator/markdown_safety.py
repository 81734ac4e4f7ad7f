"""What an editor's Markdown may become on a page, read from what the site's parser makes of it.

A pattern over the text and the parser disagree at the edges (a code span across a blank line
hid a script from the old patterns), so the text is parsed by the same Python-Markdown, with the
same extensions, that renders it, and the result is held to an allow-list: no raw HTML at all,
entities that stand for visible characters only, links to http(s), mailto or this site, images
from this site only, and a nesting depth the page's later stages can walk. The site has no
attribute lists (``attr_list``), so ``{onclick=...}`` after a text stays text.

Before parsing, three limits keep the parser's own work linear in the text; each was chosen
from measurements on this project's 2-core machine (see ``LIMITS``).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from generator.hidden_characters import DIRECTION_CONTROLS
from generator.prose import foreign_image, unsafe_scheme

# The extensions the site renders content with (mkdocs.yml's markdown_extensions, and the
# explainer extension the plugin adds); a test keeps the two lists equal.
CONTENT_EXTENSIONS = ("toc", "md_in_html", "tables", "def_list")

MAX_TEXT = 2_000_000
"""Characters in one Markdown text (a page's body, a claim's statement): some 300,000 words,
where the largest shipped page has under 10,000 characters. Markdown renders 1 MB of prose
in 3.3 s and 2 MB in 6.8 s here."""
MAX_LINKS = 2_000
"""Link openings ('](') in one text. Python-Markdown reads up to 1,000 characters ahead for
each one that does not close (10,000 unclosed '[x](' in 39 KB took 49 s to build before that
bound; with it, 9,000 that half-close took 3 s, so 2,000 cost under a second)."""
MAX_TAG_OPENINGS = 64
"""'<' followed by a letter, '/', '!' or '?' in one text. None may be raw HTML; autolinks
(<https://...>) and code count too. Python's HTML parser, which Markdown runs over the whole
text, reads from each one to the next '>' (48,000 '<a:' took 76 s)."""
TAG_REACH = 2_000
"""How far the next '>' may be from such a '<'. Past it the text is refused: it is no tag
(an unclosed one is shown as text), and the HTML parser would read word after word as its
attributes (60 of them before 500 KB of prose took 5.4 s)."""
MAX_DEPTH = 32
"""Levels of nested Markdown (emphasis in emphasis, quotes in quotes, lists in lists). The
table of contents walks headings recursively: 2,000 nested '*' crashed the build."""

LIMITS = {
    "characters in a Markdown text": MAX_TEXT,
    "characters from a '<' to its '>' in a Markdown text": TAG_REACH,
    "link openings '](' in a Markdown text": MAX_LINKS,
    "'<' that could open an HTML tag in a Markdown text": MAX_TAG_OPENINGS,
    "levels of nesting in a Markdown text": MAX_DEPTH,
}

HTML_HINT = "use Markdown syntax; to show a '<' write '&lt;' or put it in `code`"
LINK_HINT = "links may be http://, https://, mailto: or a path on this site"
IMAGE_HINT = "images must be files of this site, e.g. /assets/map.png"

_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
_LINK_OPENING = re.compile(r"\]\(")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Nothing in a text without these characters can become HTML, an entity, a link or an image,
# nor nest deeper than _nesting_bound allows.
_NEEDS_PARSING = re.compile(r"[<>&{}\\]|\][ \t]?[(\[:]|\n {8}|\t")
# What could open a list or a definition: lists nest on one line too ('- - - x' is three lists
# deep), definitions in lines indented by four spaces.
_LIST_MARKER = re.compile(r"(?<!\S)(?:[-+*:]|[0-9]+[.)])(?=\s|$)")
_BLOCK_LEVELS = 8
"""Levels a text without _NEEDS_PARSING's characters reaches besides its lists, definitions
and emphasis: a table (4) and the block around it; a random search over such texts found no
more than 6, and 8 leaves a margin."""
# Invisible characters an entity must not stand for: direction controls, other format
# characters and C0/C1 controls (a tab and a line break are written as themselves).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060-\u2064\ufeff]")


@dataclass(frozen=True)
class Problem:
    """Something the text may not do: where (an offset into the text), what and the fix."""

    offset: int
    message: str
    hint: str


class _Read(Treeprocessor):
    """Reads the tree as the inline stage left it, before the site's own clean-up changes
    it: its link targets, image sources and depth."""

    def run(self, root):
        from generator.render.markdown_ext import as_written

        self.md.explainer_targets = [
            (
                element.tag,
                as_written(self.md, element.get("href" if element.tag == "a" else "src", "")),
            )
            for element in root.iter()
            if element.tag in ("a", "img")
        ]
        self.md.explainer_depth = _depth(root)


@functools.cache
def _parser() -> Markdown:
    # the renderer's own extension, imported when a text first needs parsing: it brings in the
    # chart modules, which a run over plain texts never needs
    from generator.render.markdown_ext import ExplainerExtension

    md = Markdown(extensions=[*CONTENT_EXTENSIONS, ExplainerExtension()])
    md.treeprocessors.register(_Read(md), "explainer-read", 2)  # before link safety (1)
    return md


def problems(text: str) -> list[Problem]:
    """Every way ``text`` breaks the allow-list, in order."""
    found = _over_limits(text)
    if found:
        return found  # not parsed: parsing it is the cost the limits bound
    if not text.strip():
        return []  # Markdown renders it as nothing, and runs none of its stages over it
    if not _NEEDS_PARSING.search(text) and _nesting_bound(text) <= MAX_DEPTH:
        return []
    md = _parser()
    md.reset()
    try:
        md.convert(text)
    except RecursionError:
        return [_too_deep(None)]
    found.extend(_raw_html(md, _Finder(text)))
    found.extend(dict.fromkeys(_links(md, _Finder(text))))  # a reference used as a link: once
    if md.explainer_depth > MAX_DEPTH:
        found.append(_too_deep(md.explainer_depth))
    return sorted(found, key=lambda problem: problem.offset)


def _nesting_bound(text: str) -> int:
    """How deep a text without _NEEDS_PARSING's characters can nest, counted generously: two
    levels for each list or definition marker (a list and its item), one for each pair of '*'
    or '_'."""
    emphasis = text.count("*") + text.count("_")
    return 2 * len(_LIST_MARKER.findall(text)) + emphasis // 2 + _BLOCK_LEVELS


def _over_limits(text: str) -> list[Problem]:
    if len(text) > MAX_TEXT:
        return [
            Problem(
                0,
                f"text is {len(text):,} characters long; the limit is {MAX_TEXT:,}",
                "split it into several pages",
            )
        ]
    found = []
    for count, match in enumerate(_LINK_OPENING.finditer(text), 1):
        if count > MAX_LINKS:
            found.append(
                Problem(
                    match.start(),
                    f"more than {MAX_LINKS:,} link openings ']('",
                    "split the text into several pages",
                )
            )
            break
    for count, match in enumerate(_TAG_OPENING.finditer(text), 1):
        if count > MAX_TAG_OPENINGS:
            found.append(
                Problem(
                    match.start(),
                    f"more than {MAX_TAG_OPENINGS} '<' followed by a letter",
                    HTML_HINT,
                )
            )
            break
        if text.find(">", match.end(), match.end() + TAG_REACH) < 0:
            found.append(
                Problem(
                    match.start(),
                    f"'<' opens an HTML tag that is not closed within {TAG_REACH:,} characters",
                    "write '&lt;' for a '<' that starts no tag, or put it in `code` with a '>'",
                )
            )
            break
    return found


def _too_deep(depth: int | None) -> Problem:
    levels = f"{depth} levels deep" if depth else "too deeply"
    return Problem(
        0,
        f"Markdown nests {levels}; the limit is {MAX_DEPTH}",
        "flatten the nested emphasis, quotes or lists",
    )


class _Finder:
    """Finds what the parser reports in the text, in order, to give it a line and column."""

    def __init__(self, text: str):
        self.text = text
        self.cursor = 0

    def find(self, fragment: str) -> int:
        at = self.text.find(fragment, self.cursor)
        if at < 0:
            at = self.text.find(fragment)
        if at < 0:
            return self.cursor
        self.cursor = at + len(fragment)
        return at


def _raw_html(md: Markdown, finder: _Finder) -> Iterator[Problem]:
    """Raw HTML (all of it is refused) and entities that stand for invisible characters."""
    for block in md.htmlStash.rawHtmlBlocks:
        # a block whose Markdown is parsed (md_in_html) leaves an empty or parsed one: it is
        # named from the text
        written = block.strip() if isinstance(block, str) else ""
        offset = finder.find(written or "<")
        if _ENTITY.fullmatch(written):
            character = html.unescape(block)  # direction controls: generator.hidden_characters
            if _INVISIBLE.search(character) and not DIRECTION_CONTROLS.search(character):
                yield Problem(
                    offset,
                    f"'{block}' stands for an invisible character (U+{ord(character[0]):04X})",
                    "remove it, or write the character it stands for if it must be there",
                )
            continue
        tag = _first_tag(written or finder.text[offset : offset + TAG_REACH])
        yield Problem(offset, f"raw HTML is not allowed ('{tag}')", HTML_HINT)


def _first_tag(fragment: str) -> str:
    """'<script>' of a block '<script>...</script>': what an editor looks for in the text."""
    first = fragment.strip().split("\n", 1)[0] or fragment
    if first.startswith("<!--"):
        return first[: first.find("-->") + 3] if "-->" in first else first[:40]
    return first[: first.find(">") + 1] if ">" in first else first[:40]


def _links(md: Markdown, finder: _Finder) -> Iterator[Problem]:
    """Link targets and image sources as the browser will read them."""
    for tag, target in md.explainer_targets:
        if tag == "a" and unsafe_scheme(target):
            yield Problem(finder.find(target), f"link target '{target}' is not allowed", LINK_HINT)
        elif tag == "img" and foreign_image(target):
            yield Problem(finder.find(target), f"image '{target}' is not on this site", IMAGE_HINT)
    for target, _title in md.references.values():
        if unsafe_scheme(target):
            yield Problem(finder.find(target), f"link target '{target}' is not allowed", LINK_HINT)


def _depth(root) -> int:
    """How deep the tree goes, walked without recursion."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest
