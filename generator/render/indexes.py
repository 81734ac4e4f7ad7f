"""Reverse indexes: what cites each source, what mentions each actor, what answers each claim.

Readers follow evidence both ways ("which claims rest on this document?"), so the sources and
who's who pages need these; they are computed once per investigation, in content order.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import ENTITY_KINDS, Investigation, SourceRef
from generator.prose import scan
from generator.text import pick


@dataclass(frozen=True)
class Backlink:
    kind: str  # claim, event, relation, actor, dataset, chart, page
    item_id: str


Links = dict[Backlink, None]  # an ordered set: each item once, in content order


@dataclass
class Indexes:
    cited_by: dict[str, Links] = field(default_factory=lambda: defaultdict(dict))
    mentioned_in: dict[str, Links] = field(default_factory=lambda: defaultdict(dict))
    answers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    relations_of: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))


def _add(index: dict[str, Links], key: str, link: Backlink) -> None:
    index[key][link] = None  # a list's membership test made popular sources quadratic


# the kinds whose items cite sources and mention actors, in the order they are listed under
# 'cited by' and 'mentioned in' (narrative pages come last)
BACKLINK_KINDS = sorted(
    (kind for kind in ENTITY_KINDS if kind.backlink_order is not None),
    key=lambda kind: kind.backlink_order,
)
_PROSE_FIELDS = ("statement", "body", "description", "note", "notes")


@functools.cache
def _prose_fields(model: type) -> tuple[str, ...]:
    """The model's fields that may hold prose (asking a pydantic object for a field it lacks is
    slow: it looks for a private attribute first)."""
    return tuple(name for name in _PROSE_FIELDS if name in model.model_fields)


def _markdown_texts(item) -> list[str]:
    texts = []
    for name in _prose_fields(type(item)):
        value = getattr(item, name, None)
        if value is not None and not isinstance(value, SourceRef):
            texts.append(value if isinstance(value, str) else "\n".join(value.values()))
    return texts


def build_indexes(investigation: Investigation) -> Indexes:
    indexes = Indexes()
    for kind, items in ((kind.name, getattr(investigation, kind.key)) for kind in BACKLINK_KINDS):
        for item in items:
            link = Backlink(kind, item.id)
            for ref in getattr(item, "sources", []):
                _add(indexes.cited_by, ref.id, link)
            for name in ("attributed_to", "actors"):
                for actor_id in getattr(item, name, []) if kind != "actor" else []:
                    _add(indexes.mentioned_in, actor_id, link)
            for text in _markdown_texts(item):
                for token in scan(text):
                    if token.kind in ("cite", "source"):
                        _add(indexes.cited_by, token.value, link)
                    elif token.kind == "actor" and kind != "actor":
                        _add(indexes.mentioned_in, token.value, link)
    for case in investigation.cases:  # its parties and its stages' sources, nested in it
        link = Backlink("case", case.id)
        for party in case.parties:
            _add(indexes.mentioned_in, party.actor, link)
        for stage in case.stages:
            for ref in stage.sources:
                _add(indexes.cited_by, ref.id, link)
            for text in _markdown_texts(stage):
                for token in scan(text):
                    if token.kind in ("cite", "source"):
                        _add(indexes.cited_by, token.value, link)
                    elif token.kind == "actor":
                        _add(indexes.mentioned_in, token.value, link)
    for relation in investigation.relations:
        for actor_id in (relation.from_, relation.to):
            _add(indexes.mentioned_in, actor_id, Backlink("relation", relation.id))
            indexes.relations_of[actor_id][relation.id] = None
    for claim in investigation.claims:
        for answered in claim.rebuttals:
            indexes.answers[answered].append(claim.id)
    for page in investigation.pages:
        link = Backlink("page", page.slug)
        for token in scan(page.body):
            if token.kind in ("cite", "source"):
                _add(indexes.cited_by, token.value, link)
            elif token.kind == "actor":
                _add(indexes.mentioned_in, token.value, link)
    return indexes


def page_title(investigation: Investigation, slug: str, language: str) -> str:
    """A narrative page's title in ``language`` (its translation when there is one)."""
    pages = [p for p in investigation.pages if p.slug == slug]
    chosen = next((p for p in pages if p.language == language), None) or next(
        (p for p in pages if p.language is None), pages[0] if pages else None
    )
    return chosen.title if chosen else slug


__all__ = ["Backlink", "Indexes", "build_indexes", "page_title", "pick"]
