"""The editors' page-dependent syntax, written out: citations, mentions and embeds as HTML.

``[@source]`` is numbered per page with the page's own list of sources at its end,
``:actor[id]`` becomes a link to the actor's entry, ``::claim[id]`` and ``::chart[id]`` become a
claim card and a figure. What each of them says depends on the page (its numbering, its place in
the site) and on the whole site (every item's address and name), so it is written here, once,
by the core: a page leaves this stage as plain Markdown with a little trusted HTML, which any
MkDocs-compatible builder turns into the same page, with no plugin and no page context.

Links written here are relative to the page (``../claims/#claim-x``) as MkDocs would make them,
since no builder rewrites links inside HTML. Everything the editors wrote is escaped on the way.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator import evidence
from generator.prose import CITATION, EMBED, MENTION, mask_code, parse_citation
from generator.render.links import Resolver
from generator.render.locale import Locale
from generator.text import pick


class ChartFigures(Protocol):
    """What a page asks of the site's charts (generator.charts.embed.ChartSet): the figure
    markup of an embedded chart. Charts come after rendering and use its links and locale;
    this stage names only this, so that ``render`` never imports ``charts``."""

    def element(
        self,
        investigation: str,
        chart_id: str,
        root: str,
        parse_markdown: Callable[[etree.Element, str], None],
        raw_html: Callable[[str], str],
    ) -> etree.Element: ...


# What an editor's text is written with inside the trusted HTML: Markdown specials escaped
# (text between inline tags is still Markdown), then HTML.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
# re.M: it is matched from the start of any line, and without it '^' holds only at the text's
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]|^[ \t]*\|", re.M)
# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their supplements,
# presentation forms, the historic scripts of the supplementary planes) and the marks RLM/ALM
RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"}
)


def page_url(path: str) -> str:
    """The address of a docs page below the site's root, as MkDocs' directory URLs write it:
    ``slug/claims.md`` is ``slug/claims/``, ``slug/index.md`` is ``slug/``."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative_url(target: str, from_url: str) -> str:
    """``target`` (an address below the site's root) as seen from the page at ``from_url``:
    MkDocs' own rule (``mkdocs.utils.get_relative_url``), so both front ends agree."""
    base = [part for part in from_url.split("/") if part]
    dest = [part for part in target.split("/") if part]
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return relative + "/" if target.endswith("/") else relative


def site_link(href: str, from_url: str) -> str:
    """A docs-root link (``/slug/claims.md#claim-x``, ``/slug/charts/x.csv``) relative to the
    page; any other link as it is."""
    if not href.startswith("/") or href.startswith("//"):
        return href
    path, hash_, fragment = href[1:].partition("#")
    return relative_url(page_url(path), from_url) + hash_ + fragment


def escape_text(text: str) -> str:
    """Editor text as Markdown text between inline tags: shown as written, never syntax."""
    return html.escape(_MARKDOWN_SPECIALS.sub(r"\\\1", text), quote=False).replace("\n", " ")


def attribute(text: str) -> str:
    """An attribute value escaped as Markdown's serializer escapes the elements it writes."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


class _SiteLinks(Treeprocessor):
    """Docs-root links in a fragment made relative to its page, as MkDocs does for the rest."""

    def __init__(self, md: Markdown, from_url: str):
        super().__init__(md)
        self.from_url = from_url

    def run(self, root):
        for link in root.iter("a"):
            if "href" in link.attrib:
                link.set("href", site_link(link.get("href"), self.from_url))


@dataclass
class PageContext:
    """What writing out one page needs to know: where it is, and the site it is part of."""

    investigation: str | None
    resolver: Resolver | None
    locale: Locale
    page: str = ""  # the docs path, e.g. "slug/claims.md"
    root: str | None = None  # from the page to the site's root, e.g. "../../"; else from page
    charts: ChartFigures | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return page_url(self.page)

    @property
    def site_root(self) -> str:
        return self.root if self.root is not None else "../" * self.url.count("/")

    def known(self, kind: str, item_id: str):
        if self.resolver is None or self.investigation is None:
            return None
        return self.resolver.item(self.investigation, kind, item_id)

    def link(self, kind: str, item_id: str) -> str:
        return site_link(self.resolver.url(self.investigation, kind, item_id), self.url)


class _Citations:
    """The numbering of one page's citations, in reading order."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.locators: dict[str, list[str]] = {}

    def number(self, source_id: str, locator: str | None) -> int:
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        if locator and locator not in self.locators.setdefault(source_id, []):
            self.locators[source_id].append(locator)
        return number


def _escaped(text: str, offset: int) -> bool:
    """Whether the character at ``offset`` follows an odd run of backslashes (``\\[@x]``)."""
    count = 0
    while offset - count > 0 and text[offset - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _starts_block(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t")
    return not before.strip() or before.endswith("\n\n") or re.search(r"\n[ \t]*\n$", before)


def _surroundings(text: str, start: int, end: int) -> str:
    """The text whose direction a link at ``start`` takes: its list item or table row, else its
    paragraph (the block the browser sets as a whole)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if _LIST_ITEM.match(text, line_start):
        return text[line_start:line_end]
    before = text.rfind("\n\n", 0, start)  # read back to the blank line, not from the start
    after = _BLANK_LINE.search(text, end)
    return text[before + 1 if before >= 0 else 0 : after.start() if after else len(text)]


class PageWriter:
    """Writes out one page's syntax; one per page, since citation numbers are the page's."""

    def __init__(self, context: PageContext):
        self.context = context
        self.citations = _Citations()
        self.language = context.locale.language
        self.ends_with_block = False  # whether the text just written out ends with an embed
        self.directed = False  # whether the text being written out has right-to-left letters

    def expand(self, markdown: str) -> str:
        """The page's Markdown with every citation, mention and embed written out, and its
        list of sources cited at the end; front matter is left as it is."""
        head = _FRONT_MATTER.match(markdown)
        front, body = (head.group(0), markdown[head.end() :]) if head else ("", markdown)
        body = self.expand_text(body, blocks=True)
        if self.citations.numbers:
            if not self.ends_with_block:
                body = body.rstrip("\n") + "\n\n"
            body += self._source_list() + "\n"
        return front + body

    def expand_text(self, text: str, blocks: bool = False) -> str:
        """``text`` with its syntax written out; embeds only where ``blocks`` allows them."""
        self.ends_with_block = False
        if "[" not in text:
            return text
        outer = self.directed  # an embed's text is written out in the middle of its page's
        # whether any link here may need a direction: most pages have no right-to-left letter
        self.directed = self.language in RIGHT_TO_LEFT_LANGUAGES or bool(RIGHT_TO_LEFT.search(text))
        masked = mask_code(text) if "`" in text else text
        found = [(m.start(), m.end(), "cite", m) for m in CITATION.finditer(masked)]
        found += [(m.start(), m.end(), "mention", m) for m in MENTION.finditer(masked)]
        if blocks:
            found += [
                (m.start(), m.end(), "embed", m)
                for m in EMBED.finditer(masked)
                if _starts_block(masked, m.start())
            ]
        found.sort(key=lambda item: item[0])
        out: list[str] = []
        position = 0
        block_end = -1  # where the text after the last embed starts
        for start, end, kind, match in found:
            if start < position or _escaped(text, start):
                continue
            if kind == "cite":
                written = self._citation(text, match, start, end)
                if written is None:
                    continue
                out.append(text[position:start].rstrip(" \t"))  # '[1]' hugs its word
            else:
                out.append(text[position:start])
                if kind == "mention":
                    written = self._mention(match, text, start, end)
                else:
                    # the blank lines after it too: Markdown writes the block's end with the
                    # line that follows, as it did when the embed was an element
                    end = _BLANK_LINES.match(text, end).end()
                    # and no blank line between blocks: Markdown would write one more
                    before = "" if start == block_end else "\n\n"
                    written = f"{before}{self._embed(match['kind'], match['id'])}\n"
                    block_end = end
            out.append(written)
            position = end
        out.append(text[position:])
        self.ends_with_block = block_end == len(text)
        self.directed = outer
        return "".join(out)

    def _directed(self, text: str, start: int, end: int, own: str = "") -> str:
        """``dir="auto"`` where the renderer's Direction would set it on a link: in a block
        with right-to-left letters, or on a page in a right-to-left language."""
        if not self.directed and not RIGHT_TO_LEFT.search(own):
            return ""
        if self.language in RIGHT_TO_LEFT_LANGUAGES or RIGHT_TO_LEFT.search(
            _surroundings(text, start, end) + own
        ):
            return ' dir="auto"'
        return ""

    def _citation(self, text: str, match: re.Match, start: int, end: int) -> str | None:
        items = parse_citation(match.group(1))
        if items is None:
            return None
        context = self.context
        direction = self._directed(text, start, end)
        numbered = []
        for source_id, locator in items:
            if context.known("source", source_id) is None:
                context.problems.append(f"{context.page}: unknown source '{source_id}'")
                continue
            numbered.append((self.citations.number(source_id, locator), source_id, locator))
        links = []
        # numbered in reading order, shown in ascending order: [1],[3],[4], never [3],[1],[4]
        for number, source_id, locator in sorted(numbered, key=lambda cited: cited[0]):
            label = context.resolver.label(context.investigation, "source", source_id)
            suffix = f", {locator}" if locator else ""
            # attributes in Markdown's own (lexical) order, as if it had written the element
            links.append(
                f'<a class="citation__link"{direction} href="#cite-note-{number}"'
                f' title="{attribute(label + suffix)}">'
                f"{escape_text(f'[{number}{suffix}]')}</a>"
            )
        return f'<sup class="citation">{"<span>,</span>".join(links)}</sup>'

    def _mention(self, match: re.Match, text: str, start: int, end: int) -> str:
        context, kind, item_id = self.context, match["kind"], match["id"]
        if context.resolver is None or context.investigation is None:
            return match.group(0)
        if context.known(kind, item_id) is None:
            context.problems.append(f"{context.page}: unknown {kind} '{item_id}'")
            return f'<span class="mention mention--missing">{escape_text(item_id)}</span>'
        label = context.resolver.label(context.investigation, kind, item_id)
        return (
            f'<a class="mention mention--{kind}"{self._directed(text, start, end, label)}'
            f' href="{attribute(context.link(kind, item_id))}">{escape_text(label)}</a>'
        )

    def _embed(self, kind: str, item_id: str) -> str:
        context = self.context
        item = context.known(kind, item_id)
        if context.resolver is None or context.investigation is None:
            return ""
        if item is None:
            context.problems.append(f"{context.page}: unknown {kind} '{item_id}'")
            return ""
        if kind == "chart":
            if context.charts is None:
                return ""
            return self._fragment(
                lambda md, root: root.append(
                    context.charts.element(
                        context.investigation,
                        item_id,
                        context.site_root,
                        functools.partial(self._parse, md),
                        md.htmlStash.store,
                    )
                )
            )
        return self._fragment(lambda md, root: self._claim_card(md, root, item))

    def _parse(self, md: Markdown, parent: etree.Element, text: str) -> None:
        """Editor Markdown inside an embed: its own citations share the page's numbers."""
        md.parser.parseChunk(parent, self.expand_text(text))

    def _claim_card(self, md: Markdown, parent: etree.Element, claim) -> None:
        locale = self.context.locale
        card = etree.SubElement(
            parent, "aside", {"class": f"claim-card claim-card--{claim.status}"}
        )
        header = etree.SubElement(card, "p", {"class": "claim-card__status"})
        badge = etree.SubElement(header, "span", {"class": f"badge badge--{claim.status}"})
        badge.text = AtomicString(locale["statuses"][claim.status])
        names = self._said_by(claim)
        last = badge
        if names:
            badge.tail = AtomicString(f" {locale['status_by'][claim.status]} ")
            for index, name in enumerate(names):  # isolated: a right-to-left name stays whole
                last = etree.SubElement(header, "bdi")
                last.text = _plain(name)
                last.tail = AtomicString(", " if index < len(names) - 1 else "")
        for publisher in self._according_to(claim):  # a source's own finding
            last.tail = AtomicString((last.tail or "") + ("; " if last is not badge else " "))
            before, _, after = locale["according_to"].partition("{publisher}")
            last = etree.SubElement(header, "span")
            last.text = AtomicString(before)
            isolate = etree.SubElement(last, "bdi")
            isolate.text = _plain(publisher)
            isolate.tail = AtomicString(after)
        disagreement = self._disagreement(claim)
        if disagreement:
            line = etree.SubElement(card, "p", {"class": "claim-card__disagreement"})
            line.text = _plain(disagreement)
        self._parse(md, card, pick(claim.statement, self.language))
        more = etree.SubElement(card, "p", {"class": "claim-card__more"})
        link = etree.SubElement(more, "a", {"href": self.context.link("claim", claim.id)})
        link.text = AtomicString(locale["words"]["sources"] + " →")

    def _said_by(self, claim) -> list[str]:
        """Who the badge names: the publishers of a `reported` claim, else its actors."""
        context = self.context
        if claim.status == "reported":
            sources, wanted = {}, [ref.id for ref in claim.sources]
            while wanted:  # the cited sources and the originals they reproduce
                source_id = wanted.pop()
                source = None if source_id in sources else context.known("source", source_id)
                if source is not None:
                    sources[source_id] = source
                    if isinstance(source.reproduces, str):
                        wanted.append(source.reproduces)
            return evidence.reported_by(claim.sources, sources, self.language)
        return [
            context.resolver.label(context.investigation, "actor", a)
            for a in claim.attributed_to
            if context.known("actor", a) is not None
        ]

    def _according_to(self, claim) -> list[str]:
        """The publishers of the sources a claim is attributed to (generator.attribution: an
        id is an actor first, then a source)."""
        if claim.status == "reported":
            return []
        context = self.context
        return [
            pick(source.publisher, self.language)
            for a in claim.attributed_to
            if context.known("actor", a) is None
            and (source := context.known("source", a)) is not None
        ]

    def _disagreement(self, claim) -> str:
        """'Sources disagree: A: ...; B: ...' in words, for the claim card."""
        context, entries = self.context, []
        for entry in getattr(claim, "disagreement", None) or ():
            source = context.known("source", entry.source)
            if source is not None:
                publisher = pick(source.publisher, self.language)
                entries.append(f"{publisher}: {pick(entry.says, self.language)}")
        if not entries:
            return ""
        return f"{context.locale['sources_disagree']}: {'; '.join(entries)}"

    def _source_list(self) -> str:
        """The page's sources, numbered as cited: a section whose heading joins the page's
        table of contents (``markdown="1"``), with a list written here."""
        context = self.context
        words = context.locale["words"]

        def build(md: Markdown, root: etree.Element) -> None:
            listing = etree.SubElement(root, "ol")
            numbers = self.citations.numbers
            for source_id, number in sorted(numbers.items(), key=lambda pair: pair[1]):
                source = context.known("source", source_id)
                item = etree.SubElement(listing, "li", {"id": f"cite-note-{number}"})
                self._source_entry(item, source)

        return (
            '<section class="page-sources" markdown="1">\n'
            f'<h2 id="sources-cited" markdown="1">{escape_text(words["sources_cited"])}</h2>\n'
            f"{self._fragment(build)}\n</section>"
        )

    def _source_entry(self, item: etree.Element, source) -> None:
        """One entry of the page's sources: its title links to the original, then its archived
        copy where there is one and its entry on the sources page (what cites it, its notes),
        so that the original is one click from the citation."""
        context, words = self.context, self.context.locale["words"]
        item.text = _plain(f"{pick(source.publisher, self.language)}: ")
        link = etree.SubElement(item, "a", {"class": "page-sources__original", "href": source.url})
        link.text = _plain(source.title or f"({context.locale['words']['untitled']})")
        extra = [context.locale.date(source.published)] if source.published else []
        extra.extend(self.citations.locators.get(source.id, []))
        link.tail = _plain(f" ({'; '.join(extra)})" if extra else "")
        more = [(words["archive"], source.archive_url, "page-sources__archive")]
        more.append((words["overview_source_entry"], context.link("source", source.id), ""))
        for label, href, kind in more:
            if not href:
                continue
            separator = etree.SubElement(item, "span", {"class": "page-sources__sep"})
            separator.text = AtomicString(" · ")
            attributes = {"href": href} | ({"class": kind} if kind else {})
            extra_link = etree.SubElement(item, "a", attributes)
            extra_link.text = _plain(label)

    def _fragment(self, build: Callable[[Markdown, etree.Element], None]) -> str:
        """HTML made from elements, as the page's own Markdown would write them."""
        md = _fragment_markdown(self.language)
        md.reset()
        md.treeprocessors.register(_SiteLinks(md, self.context.url), "explainer-site-links", 2)
        root = etree.Element("div")
        build(md, root)
        for processor in md.treeprocessors:
            replaced = processor.run(root)
            if replaced is not None:
                root = replaced
        output = md.serializer(root)
        output = output[output.index("<div>") + len("<div>") : output.rindex("</div>")].strip()
        for processor in md.postprocessors:
            output = processor.run(output)
        return output.strip()


def _plain(text: str) -> AtomicString:
    """Editor text as an element's text: Python-Markdown's serializer leaves '&...;' alone."""
    return AtomicString(text.replace("&", "&amp;"))


@functools.lru_cache(maxsize=8)
def _fragment_markdown(language: str) -> Markdown:
    from generator.render.markdown_ext import ExplainerExtension  # the page's own rules

    return Markdown(
        extensions=["md_in_html", "tables", "def_list", ExplainerExtension(language=language)]
    )


def expand_page(markdown: str, context: PageContext) -> str:
    """One page, written out (see the module's docstring); problems go to ``context``."""
    return PageWriter(context).expand(markdown)
