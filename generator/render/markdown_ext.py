"""The Python-Markdown extension behind the editors' citation, mention and embed syntax.

It turns ``[@source, p. 3]`` into numbered references with a source list at the end of the page,
``:actor[id]`` into links to anchored entries, and ``::claim[id]`` into claim cards. It also
refuses unsafe links and third-party images in whatever Markdown it renders. The syntax itself
is defined in ``generator.prose`` so that checks and rendering read it the same way.
"""

from __future__ import annotations

import functools
import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import toc
from markdown.inlinepatterns import BacktickInlineProcessor, InlineProcessor, LinkInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from generator import evidence
from generator.prose import (
    CITATION,
    EMBED,
    MENTION,
    SuffixTable,
    code_span,
    foreign_image,
    parse_citation,
    unsafe_scheme,
)
from generator.render.links import Resolver, anchor
from generator.render.locale import Locale
from generator.text import pick

CITE_TAG = "sup"
CITE_CLASS = "citation"
# The longest link target with its title that Markdown looks for after '](': Python-Markdown
# reads on to the end of the paragraph when it is not closed (10,000 unclosed '[x](', 39 KB,
# took 49 s to build).
LINK_SCAN = 1_000


def plain_text(text: str) -> AtomicString:
    """Editor text (a name, a title) as an element's text or attribute, shown as written.

    Python-Markdown's serializer leaves '&...;' alone, so '&#x202E;' in a title would reach the
    browser as a real direction control: every '&' is written out as '&amp;' first."""
    return AtomicString(text.replace("&", "&amp;"))


class ChartFigures(Protocol):
    """What the extension asks of the site's charts (generator.charts.embed.ChartSet): the
    figure markup of an embedded chart. Charts come after rendering and use its links and
    locale; the extension names only this, so that ``render`` never imports ``charts``."""

    def element(
        self,
        investigation: str,
        chart_id: str,
        root: str,
        parse_markdown: Callable[[etree.Element, str], None],
        raw_html: Callable[[str], str],
    ) -> etree.Element: ...


@dataclass
class PageContext:
    """What the extension needs to know about the page being rendered."""

    investigation: str | None
    resolver: Resolver | None
    locale: Locale
    page: str = ""
    root: str = ""  # relative path from this page to the site's root, e.g. "../../"
    charts: ChartFigures | None = None
    problems: list[str] = field(default_factory=list)


class _Context:
    """Holder shared by every processor, so the adapter can switch pages between renders."""

    def __init__(self) -> None:
        self.current: PageContext | None = None


class CitationInline(InlineProcessor):
    """``[@id]`` / ``[@id, p. 3]`` / ``[@a; @b]`` → a placeholder numbered later in page order."""

    def __init__(self, holder: _Context):
        super().__init__(CITATION.pattern)
        self.holder = holder

    def handleMatch(self, m, data):
        items = parse_citation(m.group(1))
        if items is None:
            return None, None, None
        element = etree.Element(CITE_TAG, {"class": CITE_CLASS})
        element.set("data-cite", "\x1f".join(f"{i}\x1e{loc or ''}" for i, loc in items))
        return element, m.start(0), m.end(0)


class MentionInline(InlineProcessor):
    """``:actor[id]`` (and claim, event, source) → a link to the item's anchored entry."""

    def __init__(self, holder: _Context):
        super().__init__(MENTION.pattern)
        self.holder = holder

    def handleMatch(self, m, data):
        context = self.holder.current
        kind, item_id = m["kind"], m["id"]
        if context is None or context.resolver is None or context.investigation is None:
            return None, None, None
        if context.resolver.item(context.investigation, kind, item_id) is None:
            context.problems.append(f"{context.page}: unknown {kind} '{item_id}'")
            element = etree.Element("span", {"class": "mention mention--missing"})
            element.text = plain_text(item_id)
            return element, m.start(0), m.end(0)
        element = etree.Element(
            "a",
            {
                "href": context.resolver.url(context.investigation, kind, item_id),
                "class": f"mention mention--{kind}",
            },
        )
        element.text = plain_text(context.resolver.label(context.investigation, kind, item_id))
        return element, m.start(0), m.end(0)


class EmbedBlock(BlockProcessor):
    """``::claim[id]`` and ``::chart[id]`` on a line of their own → a claim card or a figure."""

    def __init__(self, parser, holder: _Context):
        super().__init__(parser)
        self.holder = holder

    def test(self, parent, block):
        # asked of every block of every page: most are not embeds, and say so at once
        return block.startswith("::") and bool(EMBED.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks):
        block = blocks.pop(0)
        first, _, rest = block.partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        match = EMBED.match(first)
        context = self.holder.current
        kind, item_id = match["kind"], match["id"]
        if context is None or context.resolver is None or context.investigation is None:
            return
        item = context.resolver.item(context.investigation, kind, item_id)
        if item is None:
            context.problems.append(f"{context.page}: unknown {kind} '{item_id}'")
            return
        if kind == "chart":
            if context.charts is not None:
                parent.append(
                    context.charts.element(
                        context.investigation,
                        item_id,
                        context.root,
                        self.parser.parseChunk,
                        self.parser.md.htmlStash.store,
                    )
                )
            return
        self._claim_card(parent, item, context)

    def _claim_card(self, parent, claim, context: PageContext) -> None:
        locale, language = context.locale, context.locale.language
        card = etree.SubElement(
            parent, "aside", {"class": f"claim-card claim-card--{claim.status}"}
        )
        header = etree.SubElement(card, "p", {"class": "claim-card__status"})
        badge = etree.SubElement(header, "span", {"class": f"badge badge--{claim.status}"})
        badge.text = AtomicString(locale["statuses"][claim.status])
        names = self._said_by(claim, context)
        if names:
            badge.tail = AtomicString(f" {locale['status_by'][claim.status]} ")
            for index, name in enumerate(names):  # isolated: a right-to-left name stays whole
                isolate = etree.SubElement(header, "bdi")
                isolate.text = plain_text(name)
                isolate.tail = AtomicString(", " if index < len(names) - 1 else "")
        self.parser.parseChunk(card, pick(claim.statement, language))
        more = etree.SubElement(card, "p", {"class": "claim-card__more"})
        link = etree.SubElement(
            more, "a", {"href": context.resolver.url(context.investigation, "claim", claim.id)}
        )
        link.text = AtomicString(locale["words"]["sources"] + " →")

    @staticmethod
    def _said_by(claim, context: PageContext) -> list[str]:
        """Who the badge names: the publishers of a `reported` claim, else its actors."""
        item = functools.partial(context.resolver.item, context.investigation)
        if claim.status == "reported":
            sources, wanted = {}, [ref.id for ref in claim.sources]
            while wanted:  # the cited sources and the originals they reproduce
                source_id = wanted.pop()
                source = None if source_id in sources else item("source", source_id)
                if source is not None:
                    sources[source_id] = source
                    if isinstance(source.reproduces, str):
                        wanted.append(source.reproduces)
            return evidence.reported_by(claim.sources, sources, context.locale.language)
        return [
            context.resolver.label(context.investigation, "actor", a) for a in claim.attributed_to
        ]


class CitationNumbering(Treeprocessor):
    """Numbers citations in reading order and appends the page's own list of sources."""

    def __init__(self, md: Markdown, holder: _Context):
        super().__init__(md)
        self.holder = holder

    def run(self, root):
        context = self.holder.current
        _hug_preceding_text(root)
        numbers: dict[str, int] = {}
        locators: dict[str, list[str]] = {}
        for element in list(root.iter(CITE_TAG)):
            data = element.attrib.pop("data-cite", None)
            if data is None:
                continue
            element.text = None
            for part_index, part in enumerate(data.split("\x1f")):
                source_id, _, locator = part.partition("\x1e")
                known = (
                    context is not None
                    and context.resolver is not None
                    and context.resolver.item(context.investigation or "", "source", source_id)
                    is not None
                    if context and context.investigation
                    else False
                )
                if not known:
                    if context is not None:
                        context.problems.append(f"{context.page}: unknown source '{source_id}'")
                    continue
                number = numbers.setdefault(source_id, len(numbers) + 1)
                if locator and locator not in locators.setdefault(source_id, []):
                    locators[source_id].append(locator)
                if part_index:
                    separator = etree.SubElement(element, "span")
                    separator.text = AtomicString(",")
                link = etree.SubElement(
                    element, "a", {"href": f"#cite-note-{number}", "class": "citation__link"}
                )
                label = context.resolver.label(context.investigation, "source", source_id)
                link.set("title", plain_text(f"{label}{', ' + locator if locator else ''}"))
                link.text = plain_text(f"[{number}{', ' + locator if locator else ''}]")
        if numbers and context is not None:
            self._source_list(root, numbers, locators, context)

    def _source_list(self, root, numbers, locators, context: PageContext) -> None:
        section = etree.SubElement(root, "section", {"class": "page-sources"})
        heading = etree.SubElement(section, "h2", {"id": "sources-cited"})
        heading.text = AtomicString(context.locale["words"]["sources_cited"])
        listing = etree.SubElement(section, "ol")
        for source_id, number in sorted(numbers.items(), key=lambda pair: pair[1]):
            source = context.resolver.item(context.investigation, "source", source_id)
            item = etree.SubElement(listing, "li", {"id": f"cite-note-{number}"})
            item.text = plain_text(f"{pick(source.publisher, context.locale.language)}: ")
            link = etree.SubElement(
                item,
                "a",
                {"href": context.resolver.url(context.investigation, "source", source_id)},
            )
            link.text = plain_text(source.title)
            extra = []
            if source.published:
                extra.append(context.locale.date(source.published))
            extra.extend(locators.get(source_id, []))
            link.tail = plain_text(f" ({'; '.join(extra)})" if extra else "")


def _hug_preceding_text(root) -> None:
    """'dollars [@x].' renders as 'dollars[1].': the reference hugs the word, as in print."""
    for parent in root.iter():
        if parent.find(CITE_TAG) is None:
            continue
        for index, child in enumerate(parent):
            if child.tag == CITE_TAG and "data-cite" in child.attrib:
                if index == 0:
                    parent.text = (parent.text or "").rstrip()
                else:
                    parent[index - 1].tail = (parent[index - 1].tail or "").rstrip()


# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their supplements,
# presentation forms, the historic scripts of the supplementary planes) and the marks RLM/ALM
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"}
)


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

    def __init__(self, md: Markdown, holder: _Context):
        super().__init__(md)
        self.holder = holder

    def run(self, root):
        context = self.holder.current
        everywhere = context is None or context.locale.language in RIGHT_TO_LEFT_LANGUAGES
        if everywhere or _RIGHT_TO_LEFT.search("".join(root.itertext())):
            self._mark(root, everywhere)

    def _mark(self, parent, inherited: bool) -> None:
        for element in parent:
            needed = inherited
            if not needed and element.tag in self.TAGS:
                needed = bool(_RIGHT_TO_LEFT.search("".join(element.itertext())))
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


class ExplainerExtension(Extension):
    """Register with ``markdown_extensions``; set ``.page`` to the current PageContext per page."""

    def __init__(self, **kwargs):
        self.holder = _Context()
        super().__init__(**kwargs)

    @property
    def page(self) -> PageContext | None:
        return self.holder.current

    @page.setter
    def page(self, context: PageContext | None) -> None:
        self.holder.current = context

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(
            LinearBacktick(md.inlinePatterns["backtick"].pattern), "backtick", 190
        )
        brackets = SuffixTable(LinkInlineProcessor._findBracketEnds)
        for name in ("reference", "link", "image_link", "image_reference", "short_reference"):
            processor = md.inlinePatterns[name]
            processor.getText = functools.partial(_link_text, brackets)
            if name in ("link", "image_link"):
                processor.getLink = _bounded(processor.getLink)
        md.inlinePatterns.register(CitationInline(self.holder), "explainer-cite", 176)
        md.inlinePatterns.register(MentionInline(self.holder), "explainer-mention", 175)
        md.parser.blockprocessors.register(
            EmbedBlock(md.parser, self.holder), "explainer-embed", 95
        )
        md.treeprocessors.register(CitationNumbering(md, self.holder), "explainer-cite", 15)
        md.treeprocessors.register(Direction(md, self.holder), "explainer-direction", 10)
        md.treeprocessors.register(LinkSafety(md), "explainer-link-safety", 1)
        md.treeprocessors.register(TableAlignment(md), "explainer-table-alignment", 0.5)


def makeExtension(**kwargs) -> ExplainerExtension:
    return ExplainerExtension(**kwargs)


__all__ = ["ExplainerExtension", "PageContext", "anchor", "slugify"]
