"""The content model, defined once.

Everything downstream (checks, pages, charts, the JSON download, the editors' JSON Schemas) reads
these classes. Models validate shape and single values; rules that span items (references,
editorial rules) live in ``generator.checks`` so that one run can report all of them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
)
from pydantic_core import PydanticCustomError

from generator.dates import PartialDate
from generator.diagnostics import Location
from generator.text import LANGUAGE_PATTERN, Markdown, Name, Text

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not _SLUG.match(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens",
            {"value": value},
        )
    return value


# What an address cannot hold as written: spaces and controls (a line break would end the link
# and start a heading on the page), and the characters RFC 3986 leaves out of URLs altogether.
_NOT_IN_URL = re.compile(
    r'[\x00-\x20\x7f-\x9f"<>\\^`{|}'
    r"\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]"
)


def _web_url(value: Any) -> Any:
    if isinstance(value, str):
        if bad := _NOT_IN_URL.search(value):
            raise PydanticCustomError(
                "url_character",
                "'{value}' is not a single web address: it contains {character}; "
                "write spaces as %20 and other such characters percent-encoded",
                {"value": value, "character": repr(bad.group())},
            )
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PydanticCustomError(
                "url_scheme",
                "'{value}' is not a web address: only http:// and https:// URLs are allowed",
                {"value": value},
            )
    return value


Id = Annotated[
    str, AfterValidator(_slug), Field(min_length=1, json_schema_extra={"pattern": SLUG_PATTERN})
]
WebUrl = Annotated[
    str, AfterValidator(_web_url), Field(json_schema_extra={"pattern": r"^https?://\S+$"})
]
Language = Annotated[str, Field(pattern=LANGUAGE_PATTERN)]

Status = Literal[
    "confirmed", "reported", "alleged", "disputed", "denied", "unverified", "retracted"
]
StoryStatus = Literal["developing", "published", "updated", "archived"]
SourceKind = Literal[
    "primary-document",
    "official-statement",
    "news-report",
    "research",
    "social-post",
    "court-legal",
    "blog",
    "newsletter",
    "reference-work",
    "republished-release",
    "machine-translation",
    "aggregator-copy",
]
ActorKind = Literal[
    "person",
    "organisation",
    "platform",
    "agency",
    "account",
    "channel",
    "campaign",
]
ColumnType = Literal["string", "integer", "number", "date", "boolean"]
ChartType = Literal["bar", "line", "timeline", "network", "flow"]
DerivedSource = Literal["events", "relations"]


class Entity(BaseModel):
    """A model read from a content file; remembers where each of its values was written."""

    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)
    _origin: Any = PrivateAttr(default=None)

    def at(self, *path: str | int) -> Location:
        """Where ``path`` (a field, a list index ...) inside this item was written."""
        document, base = self._origin
        return document.where((*base, *path))


class SourceRef(Entity):
    """A citation: the source's id and an optional locator such as a page or a timestamp."""

    id: Id
    locator: str | None = Field(default=None, description="Page, paragraph or time, e.g. 'p. 3'.")


def _source_ref(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


# json_schema_input_type: editors' schemas must accept the short form `sources: [id]` too
SourceRefs = list[
    Annotated[SourceRef, BeforeValidator(_source_ref, json_schema_input_type=Id | SourceRef)]
]


class Correction(Entity):
    date: PartialDate
    text: Markdown


class Story(Entity):
    title: Text
    dek: Text = Field(description="One-line summary shown under the title.")
    authors: list[Name] = Field(min_length=1)
    published: PartialDate
    updated: PartialDate | None = None
    status: StoryStatus
    languages: list[Language] = Field(
        default_factory=lambda: ["en"],
        description="Languages every text must be written in; the first is the default.",
    )
    key_findings: list[Id] = Field(default_factory=list, description="Claim ids.")
    lanes: dict[str, Text] = Field(
        default_factory=dict,
        description="Reader-facing names of the event groups (timeline lanes).",
    )
    methodology: Markdown | None = Field(
        default=None, description="How sources were chosen and claims classified."
    )
    corrections: list[Correction] = Field(default_factory=list)


class Original(Entity):
    """The original a source reproduces when that original is not itself cited (an AP story
    carried by a local site): independence is judged on its publisher, not the copy's."""

    publisher: Name = Field(description="Who published the original, e.g. Associated Press.")
    url: WebUrl | None = Field(default=None, description="Where the original is, if known.")


class Source(Entity):
    id: Id
    title: str = Field(min_length=1, description="The title as published, in its language.")
    publisher: Name = Field(
        description="Who published it; translate qualifiers such as '(via ...)' per language."
    )
    url: WebUrl
    published: PartialDate | None = None
    updated: PartialDate | None = Field(
        default=None, description="When it was last updated, as it says."
    )
    kind: SourceKind
    language: Language
    reproduces: Id | Original | None = Field(
        default=None,
        description="What this source is a copy of: the id of a cited source, or "
        "{publisher: ..., url: ...} for an original not cited itself.",
    )
    archive_url: WebUrl | None = None
    note: Text | None = None


class Claim(Entity):
    id: Id
    statement: Markdown
    status: Status
    attributed_to: list[Id] = Field(
        default_factory=list, description="Actors who make the claim; required unless confirmed."
    )
    confidence: Text | None = Field(default=None, description="As the source states it.")
    sources: SourceRefs = Field(default_factory=list)
    actors: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    rebuttals: list[Id] = Field(default_factory=list, description="Claims that answer this one.")
    note: Markdown | None = None


class Event(Entity):
    id: Id
    date: PartialDate
    end: PartialDate | None = None
    title: Text
    body: Markdown | None = None
    group: Id = Field(description="The timeline lane, e.g. 'election' or 'eu'.")
    actors: list[Id] = Field(default_factory=list)
    claims: list[Id] = Field(default_factory=list)
    sources: SourceRefs = Field(default_factory=list)


class Actor(Entity):
    id: Id
    name: Name = Field(description="The actor's name; translate it when it is a description.")
    kind: ActorKind
    role: Text
    country: str | None = Field(
        default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166 two-letter code."
    )
    aliases: list[str] = Field(default_factory=list)
    sources: SourceRefs = Field(default_factory=list)


class Amount(Entity):
    value: float
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD.")


class Relation(Entity):
    id: Id
    from_: Id = Field(alias="from")
    to: Id
    kind: Id = Field(description="What links them: paid, recruited, promoted, investigated ...")
    label: Text | None = None
    amount: Amount | None = None
    date: PartialDate | None = None
    end: PartialDate | None = None
    status: Status
    attributed_to: list[Id] = Field(default_factory=list)
    description: Markdown | None = None
    claims: list[Id] = Field(default_factory=list)
    sources: SourceRefs = Field(default_factory=list)


class Column(Entity):
    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    type: ColumnType
    label: Text | None = None
    unit: str | None = None
    description: Text | None = None
    values: dict[str, Text] = Field(
        default_factory=dict,
        description="How to show some cell values to readers, e.g. {runoff: {en: Runoff, ro: "
        "Turul al doilea}}.",
    )


class Dataset(Entity):
    id: Id
    file: str = Field(pattern=r"^[A-Za-z0-9_./-]+\.csv$", description="CSV path in this folder.")
    title: Text
    description: Markdown
    columns: list[Column] = Field(min_length=1)
    sources: SourceRefs = Field(default_factory=list)
    notes: Markdown | None = None
    _rows: list[dict[str, Any]] = PrivateAttr(default_factory=list)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The CSV rows, typed by the column descriptions (filled by the loader)."""
        return self._rows


class Chart(Entity):
    id: Id
    type: ChartType
    dataset: Id | None = None
    derived_from: DerivedSource | None = None
    title: Text
    subtitle: Text | None = None
    description: Text = Field(description="The text alternative read by screen readers.")
    notes: Markdown | None = None
    sources: SourceRefs = Field(default_factory=list)
    x: str | None = None
    y: list[str] | str | None = None
    series: str | None = Field(
        default=None, description="bar/line: one bar or line per value of this column."
    )
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="flow derived from relations: only amounts in this currency.",
    )
    groups: list[Id] = Field(
        default_factory=list, description="timeline: only these lanes (event groups)."
    )
    orientation: Literal["vertical", "horizontal"] = "vertical"
    highlight: list[str] = Field(default_factory=list)
    source_column: str | None = Field(default=None, description="flow: where money goes from.")
    target_column: str | None = Field(default=None, description="flow: where it goes to.")
    value_column: str | None = Field(default=None, description="flow: how much.")


class Page(Entity):
    """A narrative page: front matter plus Markdown prose (``pages/*.md``)."""

    slug: Id
    language: str | None = None
    title: str = Field(min_length=1)
    description: str | None = None
    order: int = 100
    body: str = ""
    body_line: int = Field(default=1, exclude=True)
    path: str = Field(default="", exclude=True)


# One model per file kind: these are what the JSON Schemas describe.
class StoryFile(Entity):
    story: Story


class SourcesFile(Entity):
    sources: list[Source]


class ClaimsFile(Entity):
    claims: list[Claim]


class EventsFile(Entity):
    events: list[Event]


class ActorsFile(Entity):
    actors: list[Actor]


class RelationsFile(Entity):
    relations: list[Relation]


class DatasetsFile(Entity):
    datasets: list[Dataset]


class ChartsFile(Entity):
    charts: list[Chart]


class PageFrontMatter(Entity):
    title: str = Field(min_length=1)
    description: str | None = None
    order: int = 100


FILE_MODELS: dict[str, type[Entity]] = {
    "story": StoryFile,
    "sources": SourcesFile,
    "claims": ClaimsFile,
    "events": EventsFile,
    "actors": ActorsFile,
    "relations": RelationsFile,
    "datasets": DatasetsFile,
    "charts": ChartsFile,
}


class Investigation(BaseModel):
    """One investigation, as loaded: pure data, ready for checks and rendering."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    slug: str
    root: str
    story: Story | None = None
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)
    # content files that failed to load, in full or in part (file name -> path as shown): the
    # checks still run on what loaded, but do not report what only the failure explains
    incomplete: dict[str, str] = Field(default_factory=dict, exclude=True)

    def counts(self) -> dict[str, int]:
        return {
            kind: len(getattr(self, kind))
            for kind in (
                "sources",
                "claims",
                "events",
                "actors",
                "relations",
                "datasets",
                "charts",
                "pages",
            )
        }
