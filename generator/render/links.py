"""Where every item lives on the site, and what a link to it says.

Items are anchored entries on section pages (one page per section, not per item), so a link is a
page plus an anchor. Links are written as docs-root paths (``/slug/claims.md#claim-x``); MkDocs
validates them and makes them relative, so a broken anchor fails a strict build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import ENTITY_KINDS, Investigation
from generator.prose import CITATION, MENTION
from generator.text import pick

# an item's kind by its singular name ('claim'), as links and anchors name it
KINDS = {kind.name: kind.key for kind in ENTITY_KINDS if kind.has_ids}
# the section page that lists each kind's entries (charts and datasets: the data page)
SECTION_OF_KIND = {kind.name: kind.section for kind in ENTITY_KINDS if kind.has_ids}


def anchor(kind: str, item_id: str) -> str:
    return f"{kind}-{item_id}"


def page_path(investigation_slug: str, section: str) -> str:
    """The docs-relative Markdown path of a section page (``index`` is the overview)."""
    return f"{investigation_slug}/{section}.md"


def plain(markdown_text: str, limit: int | None = None) -> str:
    """Markdown reduced to plain words (for link text, descriptions and meta tags)."""
    text = re.sub(r"\s{0,10}" + CITATION.pattern, "", markdown_text)
    text = MENTION.sub(lambda m: m["id"].replace("-", " "), text)
    # each part ends at the next bracket of its kind, so no '[' or '(' is read past twice
    text = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text)
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", text)
    text = re.sub(r"[*_`>#]+", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return text


@dataclass
class Resolver:
    """Finds the URL and the link text of any item of any investigation, in one language."""

    investigations: dict[str, Investigation]
    language: str
    untitled: str = "untitled"  # a source's label when it shows no title (``title_shown``)
    _by_id: dict[tuple[str, str], dict] = field(default_factory=dict, repr=False)
    # (investigation, kind, id) -> the part page of a long section that lists the item
    _parts: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False)
    _labels: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False)

    def place(self, investigation: str, kind: str, item_id: str, section_page: str) -> None:
        """Record that the item is listed on ``section_page`` (a part of a long section)."""
        self._parts[(investigation, kind, item_id)] = section_page

    def item(self, investigation: str, kind: str, item_id: str):
        """The item with that id (indexed once per kind: pages look items up thousands of times)."""
        key = (investigation, kind)
        if key not in self._by_id:
            items = getattr(self.investigations[investigation], KINDS[kind])
            self._by_id[key] = {}
            for item in items:
                self._by_id[key].setdefault(item.id, item)
        return self._by_id[key].get(item_id)

    def url(self, investigation: str, kind: str, item_id: str) -> str:
        page = self._parts.get((investigation, kind, item_id))
        if page is None:
            page = page_path(investigation, SECTION_OF_KIND[kind])
        return f"/{page}#{anchor(kind, item_id)}"

    def site_url(self, investigation: str, kind: str, item_id: str) -> str:
        """The item's address relative to the site's root, as a browser follows it (charts'
        click-through): ``slug/timeline/#event-x`` for the docs path ``slug/timeline.md``."""
        page, _, fragment = self.url(investigation, kind, item_id).lstrip("/").partition("#")
        return f"{page.removesuffix('.md')}/#{fragment}"

    def label(self, investigation: str, kind: str, item_id: str) -> str:
        """The link text; kept, since a source or an actor is named on many pages."""
        key = (investigation, kind, item_id)
        if key not in self._labels:
            self._labels[key] = self._label(investigation, kind, item_id)
        return self._labels[key]

    def _label(self, investigation: str, kind: str, item_id: str) -> str:
        item = self.item(investigation, kind, item_id)
        if item is None:
            return item_id
        if kind == "actor":
            return pick(item.name, self.language)
        if kind == "source":
            publisher = pick(item.publisher, self.language)
            return f"{publisher}: {item.title}" if item.title else f"{publisher} ({self.untitled})"
        if kind == "event":
            return pick(item.title, self.language)
        if kind == "claim":
            return plain(pick(item.statement, self.language), 90)
        if kind == "relation":
            what = pick(item.label, self.language) if item.label else item.kind.replace("-", " ")
            origin = self.label(investigation, "actor", item.from_)
            return f"{origin} → {what} → {self.label(investigation, 'actor', item.to)}"
        return pick(
            getattr(item, "title", None) or getattr(item, "label", None) or item_id, self.language
        )
