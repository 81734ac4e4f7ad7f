"""Editors' Markdown as text other tools can show: plain words, mentions named, and the sources
as links to where they are published.

Exported files leave the site, so nothing in them may depend on its pages: citations
(``[@id]``) become a list of the sources' own addresses, mentions (``:claim[id]``) the name of
what they mention, and the rest plain text, HTML-escaped where the format holds HTML.
"""

from __future__ import annotations

import html
import re

from generator.model import Investigation, SourceRef
from generator.prose import CITATION, MENTION
from generator.render.links import plain
from generator.text import pick

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Markdown syntax, removed so that only the words are left; unlike the site's meta-tag text
# ('plain'), a '#' or '_' inside a word stays: '#echilibrusiverticalitate' is a quoted hashtag.
_SYNTAX = (
    (re.compile(r"\s{0,10}" + CITATION.pattern), ""),
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),
    (re.compile(r"^[ ]{0,3}(?:#{1,6}[ \t]+|>[ ]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", re.M), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`+"), ""),
    (re.compile(r"\s+"), " "),
)


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_KEPT = 0xE000  # escaped characters wait in the private use area while the syntax is removed
_RESTORE = re.compile("[\ue000-\ue0ff]")


def words(markdown: str) -> str:
    """One paragraph of Markdown as its words; backslash-escaped characters kept as written."""
    markdown = _ESCAPED.sub(lambda m: chr(_KEPT + ord(m[1])), markdown)
    for pattern, replacement in _SYNTAX:
        markdown = pattern.sub(replacement, markdown)
    return _RESTORE.sub(lambda m: chr(ord(m[0]) - _KEPT), markdown).strip()


def mention_label(investigation: Investigation, kind: str, item_id: str, language: str) -> str:
    """What a mention names: an actor's name, an event's or a case's title, a claim's statement
    (short), a source's publisher; the id itself where the item is missing."""
    items = {
        "actor": investigation.actors,
        "event": investigation.events,
        "claim": investigation.claims,
        "source": investigation.sources,
        "case": investigation.cases,
    }[kind]
    item = next((candidate for candidate in items if candidate.id == item_id), None)
    if item is None:
        return item_id
    if kind == "actor":
        return pick(item.name, language)
    if kind in ("event", "case"):
        return pick(item.title, language)
    if kind == "source":
        return pick(item.publisher, language)
    return plain(pick(item.statement, language), 90)


def plain_text(investigation: Investigation, markdown: str, language: str) -> str:
    """Markdown reduced to its words, with mentions replaced by what they name (a bare
    ``plain`` would leave the id: 'sri dormant accounts')."""
    named = MENTION.sub(
        lambda m: mention_label(investigation, m["kind"], m["id"], language), markdown
    )
    return "\n\n".join(text for part in _PARAGRAPH_BREAK.split(named) if (text := words(part)))


def html_text(
    investigation: Investigation, markdown: str, refs: list[SourceRef], language: str, word: str
) -> str:
    """Paragraphs of escaped plain text, then ``word`` ('Sources') and links to the sources."""
    paragraphs = [
        f"<p>{html.escape(text, quote=False)}</p>"
        for text in plain_text(investigation, markdown, language).split("\n\n")
        if text
    ]
    links = source_links(investigation, refs, language)
    if links:
        paragraphs.append(f"<p>{html.escape(word)}: {'; '.join(links)}</p>")
    return "".join(paragraphs)


def source_links(investigation: Investigation, refs: list[SourceRef], language: str) -> list[str]:
    """An HTML link per cited source (publisher: title), in the order cited, each once."""
    by_id = investigation.by_id("sources")
    links, seen = [], set()
    for ref in refs:
        source = by_id.get(ref.id)
        if source is None or source.id in seen:
            continue
        seen.add(source.id)
        label = pick(source.publisher, language) + (f": {source.title}" if source.title else "")
        links.append(
            f'<a href="{html.escape(source.url, quote=True)}">{html.escape(label, quote=False)}</a>'
        )
    return links
