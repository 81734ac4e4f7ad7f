"""The Python-Markdown extension every page is converted with: the content-safety rules.

It refuses unsafe links and third-party images in whatever Markdown it renders, writes table
alignment as classes, gives right-to-left text a direction, and bounds Markdown's own scans so
that no text takes long to read. None of this depends on the page: the page-dependent syntax
(citations, mentions, embeds) is written out before, by ``generator.render.expand``, so any
builder that reads ``markdown_extensions`` builds the same page. Configure the page's language
(``language: ro``), which sets where text needs a direction of its own.

Set ``.page`` to a :class:`PageContext` to convert Markdown that still holds the editors'
syntax (a preview, a test): it is then written out first, by the same code as in a build.
"""

from __future__ import annotations

import functools
import hashlib
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions import toc
from markdown.inlinepatterns import BacktickInlineProcessor, LinkInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from generator.prose import SuffixTable, code_span, foreign_image, unsafe_scheme
from generator.render.expand import (
    RIGHT_TO_LEFT,
    RIGHT_TO_LEFT_LANGUAGES,
    ChartFigures,
    PageContext,
    expand_page,
)
from generator.render.links import anchor

# The longest link target with its title that Markdown looks for after '](': Python-Markdown
# reads on to the end of the paragraph when it is not closed (10,000 unclosed '[x](', 39 KB,
# took 49 s to build).
LINK_SCAN = 1_000


def plain_text(text: str) -> AtomicString:
    """Editor text (a name, a title) as an element's text or attribute, shown as written.

    Python-Markdown's serializer leaves '&...;' alone, so '&#x202E;' in a title would reach the
    browser as a real direction control: every '&' is written out as '&amp;' first."""
    return AtomicString(text.replace("&", "&amp;"))


class Direction(Treeprocessor):
    """``dir="auto"`` on every block of text and every link that needs it, as GitHub renders
    Markdown.

    The browser then gives each paragraph, heading, list item and table cell the direction of
    its first letter, so Arabic text runs right to left on an English page, and a name in a
    link is isolated: an Arabic name at the start of a line does not turn the line around.
    On a page in a left-to-right language a block without a right-to-left letter would come
    out the same without it, so only blocks with one get it, with all the blocks and links
    inside them (on every element, it was most of the bytes the generator adds to a page).
    """

    TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"})
    TAGS |= {"blockquote", "figcaption", "caption", "summary", "a"}

    def __init__(self, md: Markdown, language: str):
        super().__init__(md)
        self.language = language

    def run(self, root):
        everywhere = not self.language or self.language in RIGHT_TO_LEFT_LANGUAGES
        if everywhere or RIGHT_TO_LEFT.search("".join(root.itertext())):
            self._mark(root, everywhere)

    def _mark(self, parent, inherited: bool) -> None:
        for element in parent:
            needed = inherited
            if not needed and element.tag in self.TAGS:
                needed = bool(RIGHT_TO_LEFT.search("".join(element.itertext())))
            wanted = needed and element.tag in self.TAGS and "dir" not in element.attrib
            if wanted and not (element.tag == "p" and _raw_html_block(element)):
                element.set("dir", "auto")
            self._mark(element, needed)


def _raw_html_block(paragraph) -> bool:
    """A paragraph that only holds the placeholder of a block of raw HTML (a template's
    ``<p class="dek">``). Markdown swaps ``<p>placeholder</p>`` for the HTML as a whole; with an
    attribute the wrapper would stay, and the page would carry a <p> inside a <p>."""
    return not len(paragraph) and bool(HTML_PLACEHOLDER_RE.fullmatch(paragraph.text or ""))


def slugify(value: str, separator: str) -> str:
    """Heading ids, always ASCII: Python-Markdown's ('Călin Georgescu' → 'calin-georgescu'),
    or for a heading without Latin letters or digits (Cyrillic, Arabic) one made from a hash
    of its text, so it does not change when headings are added before it, as '_1' would."""
    # never '__config' or '__drawer': the theme finds its own elements by ids that start so
    slug = toc.slugify(value, separator).lstrip("_")
    if slug:
        return slug
    return f"h{separator}{hashlib.sha256(value.strip().encode()).hexdigest()[:10]}"


def as_written(md: Markdown, value: str) -> str:
    """A link target or image source as the page will carry it. Until Markdown's last stage the
    tree holds a placeholder for each backslash escape: '/\\\\evil.example' there is not yet
    '/\\evil.example', which a browser reads as '//evil.example', another host."""
    return md.treeprocessors["unescape"].unescape(value)


class LinkSafety(Treeprocessor):
    """Drops links with unsafe targets and images from other hosts, whatever produced them.

    The checks refuse such content before anything is built; this is the second line, and it
    reads a target as the browser will (entities decoded, backslashes as slashes)."""

    def run(self, root):
        for link in root.iter("a"):
            if unsafe_scheme(as_written(self.md, link.get("href", ""))):
                link.tag = "span"  # its text stays; nothing to click
                link.attrib.clear()
        foreign = [
            image
            for image in root.iter("img")
            if foreign_image(as_written(self.md, image.get("src", "")))
        ]
        if not foreign:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        for image in foreign:
            replacement = etree.Element("span")
            replacement.text = plain_text(image.get("alt", ""))
            replacement.tail = image.tail
            parent = parents[image]
            index = list(parent).index(image)
            parent.remove(image)
            parent.insert(index, replacement)


class TableAlignment(Treeprocessor):
    """A column's alignment as a class: the site's policy refuses style attributes, and
    Python-Markdown's tables write ``style="text-align: right;"``."""

    def run(self, root):
        for cell in (*root.iter("th"), *root.iter("td")):
            style = cell.attrib.pop("style", "")
            if style.startswith("text-align: "):
                cell.set("class", f"align-{style[12:].rstrip('; ')}")


class LinearBacktick(BacktickInlineProcessor):
    """Code spans found in one pass (generator.prose.code_span), as Python-Markdown pairs
    them; its own search reads to the end of the paragraph for every unpaired run of
    backticks (runs of 1 to 499 backticks took 5 s)."""

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        return code_span(text, start)


def _link_text(brackets: SuffixTable, data: str, index: int) -> tuple[str, int, bool]:
    """Python-Markdown's ``getText``, with where each bracket closes kept across matches."""
    ends, shift = brackets.get(data, index)
    end = ends[index + shift]
    if end is None:
        return data[index:], len(data), False
    return data[index : end - shift - 1], end - shift, True


def _bounded(method):
    """A link processor's scan for the end of a link's target, stopped LINK_SCAN characters
    on: a target that long is text."""

    def scan(data: str, index: int):
        if data.find(")", index, index + LINK_SCAN) < 0:
            return "", None, index, False  # nothing can close it: no need to read it through
        return method(data[: index + LINK_SCAN], index)

    return scan


class PageSyntax(Preprocessor):
    """Writes out the page's citations, mentions and embeds before Markdown reads it."""

    def __init__(self, md: Markdown, extension: ExplainerExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        context = self.extension.page
        if context is None:
            return lines
        return expand_page("\n".join(lines), context).split("\n")


class ExplainerExtension(Extension):
    """The safety rules of every page (``language``: the page's); set ``.page`` to write out
    the editors' syntax too, as a build does before."""

    def __init__(self, **kwargs):
        self.config = {"language": ["", "the page's language (right-to-left or not)"]}
        self.page: PageContext | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        language = self.getConfig("language") or (self.page.locale.language if self.page else "")
        md.preprocessors.register(PageSyntax(md, self), "explainer-page-syntax", 25)
        md.inlinePatterns.register(
            LinearBacktick(md.inlinePatterns["backtick"].pattern), "backtick", 190
        )
        brackets = SuffixTable(LinkInlineProcessor._findBracketEnds)
        for name in ("reference", "link", "image_link", "image_reference", "short_reference"):
            processor = md.inlinePatterns[name]
            processor.getText = functools.partial(_link_text, brackets)
            if name in ("link", "image_link"):
                processor.getLink = _bounded(processor.getLink)
        md.treeprocessors.register(Direction(md, language), "explainer-direction", 10)
        md.treeprocessors.register(LinkSafety(md), "explainer-link-safety", 1)
        md.treeprocessors.register(TableAlignment(md), "explainer-table-alignment", 0.5)


def makeExtension(**kwargs) -> ExplainerExtension:
    return ExplainerExtension(**kwargs)


__all__ = ["ChartFigures", "ExplainerExtension", "PageContext", "anchor", "slugify"]
