"""The content model, defined once.

Everything downstream (checks, pages, charts, the JSON download, the editors' JSON Schemas) reads
these classes. Models validate shape and single values; rules that span items (references,
editorial rules) live in ``generator.checks`` so that one run can report all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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

from generator.dates import PartialDate, own_date
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
    "company",
    "platform",
    "agency",
    "account",
    "channel",
    "campaign",
    "news-outlet",
    "website",
]
AmountQualifier = Literal["about", "at-least", "more-than", "up-to"]
# What an amount is. The first seven are money that moved from one end of a relation to the
# other (generator/money.py); the rest are sums that did not move: a balance claimed or never
# there, a loss alleged, a value put on something.
AmountKind = Literal[
    "payment",
    "transfer",
    "fee",
    "fine",
    "loan",
    "investment",
    "purchase-price",
    "claimed-balance",
    "fictitious-balance",
    "alleged-loss",
    "valuation",
]
ColumnType = Literal["string", "integer", "number", "date", "boolean"]
ChartType = Literal["bar", "line", "timeline", "network", "flow"]
DerivedSource = Literal["events", "relations"]
CaseRole = Literal[
    "accused",
    "suspect",
    "defendant",
    "plaintiff",
    "prosecutor",
    "regulator",
    "claimant",
    "respondent",
    "victim",
    "witness",
]
StageKind = Literal[
    "investigation",
    "charged",
    "indicted",
    "indictment-admitted",
    "trial-opened",
    "verdict",
    "appeal",
    "final-judgment",
    "dropped",
    "settled",
]
Outcome = Literal["convicted", "acquitted"]


class Entity(BaseModel):
    """A model read from a content file; remembers where each of its values was written."""

    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)
    _origin: Any = PrivateAttr(default=None)

    def at(self, *path: str | int) -> Location:
        """Where ``path`` (a field, a list index ...) inside this item was written."""
        document, base = self._origin
        return document.where((*base, *path))


class SourceRef(Entity):
    """A citation: the source's id, an optional locator such as a page or a timestamp, and the
    words quoted from it."""

    id: Id = Field(description="The id of a source in sources.yml.")
    locator: str | None = Field(default=None, description="Page, paragraph or time, e.g. 'p. 3'.")
    quote: Text | None = Field(
        default=None,
        description="A short phrase quoted from the source, as shown to readers (translated "
        "where the page's language needs it); shown with the item's sources.",
    )
    quote_language: Language | None = Field(
        default=None,
        description="The language the quoted words were first said or written in, e.g. 'ro': "
        "readers of another language see 'translated from Romanian'. Only with 'quote'.",
    )


def _source_ref(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


# json_schema_input_type: editors' schemas must accept the short form `sources: [id]` too
SourceRefs = list[
    Annotated[SourceRef, BeforeValidator(_source_ref, json_schema_input_type=Id | SourceRef)]
]


# the newsroom's own dates: one date each (see dates.own_date)
OwnDate = Annotated[PartialDate, AfterValidator(own_date)]


class Correction(Entity):
    date: OwnDate = Field(description="When the correction was made.")
    text: Markdown = Field(description="What was wrong and what the page says now.")


class Story(Entity):
    title: Text = Field(description="The investigation's title.")
    dek: Text = Field(description="One-line summary shown under the title.")
    authors: list[Name] = Field(min_length=1, description="The byline: people or a desk.")
    published: OwnDate = Field(description="When the investigation was first published.")
    updated: OwnDate | None = Field(
        default=None, description="When it was last updated, if it has been."
    )
    status: StoryStatus = Field(description="Where the story stands, shown to readers.")
    languages: list[Language] = Field(
        default_factory=lambda: ["en"],
        description="Languages every text must be written in; the first is the default.",
    )
    key_findings: list[Id] = Field(
        default_factory=list,
        description="Claim ids of the key findings, shown on the overview in this order.",
    )
    key_events: list[Id] | None = Field(
        default=None,
        description="Event ids of the turning points shown on the overview's compact timeline, "
        "in date order. Left out, the overview shows the events the key findings are about; "
        "with none, the first and the last event. Every event stays on the Timeline page.",
    )
    lanes: dict[str, Text] = Field(
        default_factory=dict,
        description="Reader-facing names of the event groups (timeline lanes).",
    )
    methodology: Markdown | None = Field(
        default=None, description="How sources were chosen and claims classified."
    )
    corrections: list[Correction] = Field(
        default_factory=list, description="Dated corrections, listed on the methodology page."
    )


class Original(Entity):
    """The original a source reproduces when that original is not itself cited (an AP story
    carried by a local site): independence is judged on its publisher, not the copy's."""

    publisher: Name = Field(description="Who published the original, e.g. Associated Press.")
    url: WebUrl | None = Field(default=None, description="Where the original is, if known.")


class Source(Entity):
    id: Id = Field(description="How items and pages cite it: [@id].")
    title: str | None = Field(
        default=None,
        min_length=1,
        description="The title as published, in its language. Required unless 'title_shown' is "
        "false.",
    )
    title_shown: bool = Field(
        default=True,
        description="false when the source shows no title (or it could not be seen): leave "
        "'title' out; readers see the publisher and the date, marked as untitled.",
    )
    publisher: Name = Field(
        description="Who published it; translate qualifiers such as '(via ...)' per language."
    )
    url: WebUrl = Field(description="Where the source is published.")
    published: PartialDate | None = Field(
        default=None,
        description="When it was published, as it says; leave it out if it gives none.",
    )
    updated: PartialDate | None = Field(
        default=None, description="When it was last updated, as it says."
    )
    kind: SourceKind = Field(
        description="What the source is; decides which statuses it can support."
    )
    language: Language = Field(description="The language the source is written in.")
    reproduces: Id | Original | None = Field(
        default=None,
        description="What this source is a copy of: the id of a cited source, or "
        "{publisher: ..., url: ...} for an original not cited itself.",
    )
    archive_url: WebUrl | None = Field(
        default=None, description="A copy in a web archive, in case the original changes or goes."
    )
    note: Text | None = Field(
        default=None,
        description="Shown under the source in the bibliography, e.g. what it is cited for.",
    )


class OtherDate(Entity):
    """Another date some of the sources give for the same event or claim: both are kept, and
    readers see that the sources differ."""

    date: PartialDate = Field(
        description="The date these sources give, in any form a date takes (2021-03, "
        "'about 2010', 2021-03/2021-06)."
    )
    sources: SourceRefs = Field(
        min_length=1, description="The sources that give this date: at least one."
    )
    note: Text | None = Field(
        default=None, description="Shown beside the date: why the sources may differ."
    )


OtherDates = list[OtherDate]


class Disagreement(Entity):
    """What one source says where the sources of a `disputed` item disagree."""

    source: Id = Field(description="The id of a source, also cited in the item's 'sources'.")
    says: Text = Field(description="What this source gives, e.g. '1,057 accounts'.")


# Read by the checks, the pages and the key reference: attribution names an actor or a source.
ATTRIBUTION = "actors or sources"
ATTRIBUTED_TO_HELP = (
    "Who makes the statement: actor ids, or source ids for a publication's own finding (shown "
    "as 'according to <publisher>'). Required unless the status is confirmed or reported, or "
    "the item is disputed with a 'disagreement'."
)
DISAGREEMENT_HELP = (
    "Only with status 'disputed': where the sources disagree, what each says, as "
    "[{source: id, says: ...}, ...]: at least two entries from at least two different sources, "
    "each also in 'sources'. Then 'attributed_to' is not needed."
)


class Claim(Entity):
    id: Id = Field(description="How pages and other items refer to the claim.")
    statement: Markdown = Field(description="The claim in one or two sentences, with citations.")
    status: Status = Field(description="What the cited sources support (see the statuses).")
    attributed_to: list[Id] = Field(default_factory=list, description=ATTRIBUTED_TO_HELP)
    disagreement: list[Disagreement] = Field(default_factory=list, description=DISAGREEMENT_HELP)
    confidence: Text | None = Field(default=None, description="As the source states it.")
    date: PartialDate | None = Field(
        default=None,
        description="When what the claim states took place, as its sources give it, in any "
        "form a date takes ('2021-03', 'about 2010', '2021-03/2021-06'); shown with the claim.",
    )
    other_dates: OtherDates = Field(
        default_factory=list,
        description="Other dates some sources give for it: readers see 'Sources differ on the "
        "date' with each date and its sources.",
    )
    sources: SourceRefs = Field(
        default_factory=list, description="What supports the claim: at least one source."
    )
    actors: list[Id] = Field(
        default_factory=list, description="Actor ids: whom the claim concerns."
    )
    events: list[Id] = Field(default_factory=list, description="Event ids the claim is about.")
    rebuttals: list[Id] = Field(
        default_factory=list,
        description="Claim ids of claims that answer this one, such as denials.",
    )
    note: Markdown | None = Field(
        default=None, description="Shown with the claim: context a reader needs to weigh it."
    )


class Event(Entity):
    id: Id = Field(description="How pages and other items refer to the event.")
    date: PartialDate = Field(
        description="When it happened, or began: 2024-11-24, 2024-11, 'about 2010', a range "
        "'2021-03/2021-06' (somewhere between the two) or 'unknown' (listed apart, not drawn)."
    )
    end: PartialDate | None = Field(default=None, description="When it ended, for a period.")
    other_dates: OtherDates = Field(
        default_factory=list,
        description="Other dates some sources give for it: readers see 'Sources differ on the "
        "date' with each date and its sources.",
    )
    title: Text = Field(description="What happened, in a line.")
    body: Markdown | None = Field(default=None, description="More about it, with citations.")
    group: Id = Field(description="The timeline lane, e.g. 'election' or 'eu'.")
    actors: list[Id] = Field(default_factory=list, description="Actor ids: who took part.")
    claims: list[Id] = Field(default_factory=list, description="Claim ids about the event.")
    status: Status | None = Field(
        default=None,
        description="What the cited sources support, as for claims. Leave it out and the event "
        "shows what its sources support ('confirmed' or 'reported'); give it when the event is "
        "only alleged, disputed, denied, unverified or retracted. The timeline draws every event "
        "that is not confirmed as a hollow marker and badges it.",
    )
    attributed_to: list[Id] = Field(
        default_factory=list,
        description="Who says it happened: actor ids, or source ids for a publication's own "
        "finding (shown as 'according to <publisher>'). Required with a status other than "
        "confirmed or reported.",
    )
    sources: SourceRefs = Field(
        default_factory=list, description="What records the event: at least one source."
    )


class Actor(Entity):
    id: Id = Field(description="How other items and pages refer to the actor.")
    name: Name = Field(description="The actor's name; translate it when it is a description.")
    kind: ActorKind = Field(description="What the actor is; who's who groups actors by kind.")
    role: Text = Field(description="Who they are in this story, in a line.")
    country: str | None = Field(
        default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166 two-letter code."
    )
    short_name: Name | None = Field(
        default=None,
        description="A shorter name for charts, where a long name would not fit a node, bar or "
        "lane, such as an acronym; the full name stays in hover "
        "text, chart tables and Who's who.",
    )
    aliases: list[str] = Field(
        default_factory=list, description="Other spellings and names, shown with the actor."
    )
    sources: SourceRefs = Field(
        default_factory=list, description="Sources for who the actor is, if needed."
    )


class Amount(Entity):
    value: float = Field(description="The amount, a plain number: 381000.")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD.")
    qualifier: AmountQualifier | None = Field(
        default=None,
        description="How exact the sources give the amount: 'about', 'at-least', 'more-than' or "
        "'up-to'; leave it out when the amount is exact. Shown as 'about USD 381,000'.",
    )
    kind: AmountKind = Field(
        default="payment",
        description="What the amount is. Money that moved: payment (the default), transfer, "
        "fee, fine, loan, investment, purchase-price; flow charts draw these, from the payer to "
        "the other end. Money that did not move: claimed-balance, fictitious-balance, "
        "alleged-loss, valuation; shown on the relation as what it is ('alleged loss: about EUR "
        "1,900,000,000'), never drawn as a flow.",
    )
    paid_by: Id | None = Field(
        default=None,
        description="Money that moved: the actor id of the end that paid, the relation's 'from' "
        "(the default) or its 'to'; the other end received it. Not for money that did not move.",
    )


class Relation(Entity):
    id: Id = Field(description="How pages and other items refer to the relation.")
    from_: Id = Field(alias="from", description="Actor id: who acts (who paid, who promoted).")
    to: Id = Field(description="Actor id: who is acted on (who was paid, promoted).")
    kind: Id = Field(description="What links them: paid, recruited, promoted, investigated ...")
    label: Text | None = Field(default=None, description="The words on the link; else the kind.")
    amount: Amount | None = Field(
        default=None,
        description="A sum of money the relation is about: paid (see its 'kind' and 'paid_by'), "
        "or alleged, claimed or valued.",
    )
    date: PartialDate | None = Field(default=None, description="When, or when it began.")
    end: PartialDate | None = Field(default=None, description="When it ended, for a period.")
    status: Status = Field(description="What the cited sources support (see the statuses).")
    attributed_to: list[Id] = Field(default_factory=list, description=ATTRIBUTED_TO_HELP)
    disagreement: list[Disagreement] = Field(default_factory=list, description=DISAGREEMENT_HELP)
    confidence: Text | None = Field(
        default=None,
        description="As the source states it, e.g. 'high confidence'; shown beside the status.",
    )
    description: Markdown | None = Field(
        default=None, description="More about the link, with citations."
    )
    claims: list[Id] = Field(default_factory=list, description="Claim ids about the relation.")
    sources: SourceRefs = Field(
        default_factory=list, description="What supports it: at least one source."
    )


class Column(Entity):
    name: str = Field(
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="The column's name in the CSV header."
    )
    type: ColumnType = Field(description="What every cell of the column holds.")
    label: Text | None = Field(default=None, description="The name readers see; else the name.")
    unit: str | None = Field(default=None, description="The unit of the values, e.g. % or votes.")
    description: Text | None = Field(default=None, description="What the column holds.")
    values: dict[str, Text] = Field(
        default_factory=dict,
        description="How to show some cell values to readers, e.g. {runoff: {en: Runoff, ro: "
        "Turul al doilea}}.",
    )


class Dataset(Entity):
    id: Id = Field(description="How charts refer to the dataset.")
    file: str = Field(pattern=r"^[A-Za-z0-9_./-]+\.csv$", description="CSV path in this folder.")
    title: Text = Field(description="The dataset's name on the data page.")
    description: Markdown = Field(description="What the numbers are and where they come from.")
    columns: list[Column] = Field(min_length=1, description="Every column of the CSV file.")
    sources: SourceRefs = Field(
        default_factory=list, description="Where the numbers come from: at least one source."
    )
    notes: Markdown | None = Field(
        default=None, description="Caveats: what is left out, how it was cleaned."
    )
    _rows: list[dict[str, Any]] = PrivateAttr(default_factory=list)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The CSV rows, typed by the column descriptions (filled by the loader)."""
        return self._rows


class Chart(Entity):
    id: Id = Field(description="How pages embed the chart: ::chart[id].")
    type: ChartType = Field(description="How the chart draws its data.")
    dataset: Id | None = Field(
        default=None, description="bar, line, flow: the id of the dataset it draws."
    )
    derived_from: DerivedSource | None = Field(
        default=None, description="timeline: events; network, flow: relations."
    )
    title: Text = Field(description="The headline above the chart.")
    subtitle: Text | None = Field(default=None, description="A line saying what is drawn.")
    description: Text = Field(description="The text alternative read by screen readers.")
    notes: Markdown | None = Field(default=None, description="Caveats shown under the chart.")
    sources: SourceRefs = Field(
        default_factory=list, description="The source line; by default the dataset's sources."
    )
    x: str | None = Field(
        default=None, description="bar: the column of categories; line: the column of dates."
    )
    y: list[str] | str | None = Field(
        default=None, description="bar, line: the column of values, or a list of several."
    )
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
    orientation: Literal["vertical", "horizontal"] = Field(
        default="vertical", description="bar: vertical or horizontal bars."
    )
    highlight: list[str] = Field(
        default_factory=list, description="bar: values of x drawn in the accent colour."
    )
    source_column: str | None = Field(default=None, description="flow: where money goes from.")
    target_column: str | None = Field(default=None, description="flow: where it goes to.")
    value_column: str | None = Field(default=None, description="flow: how much.")


class CaseParty(Entity):
    """Someone a case is about or brought by, with the charges they face (FtM CourtCaseParty)."""

    actor: Id = Field(description="Actor id: who takes part in the case.")
    role: CaseRole = Field(
        description="Their part in it. The stages concern every accused, suspect and defendant "
        "unless a stage names its own parties."
    )
    charges: list[Text] = Field(
        default_factory=list,
        description="What they are charged with or accused of, as the court or authority words "
        "it; one entry per charge.",
    )


class CaseStage(Entity):
    """A dated step of the proceedings; the parties' legal standing is derived from these."""

    stage: StageKind = Field(description="What happened in the proceedings.")
    date: PartialDate = Field(description="When it happened.")
    parties: list[Id] = Field(
        default_factory=list,
        description="Actor ids: whom the stage concerns, each a party of the case. Left out: "
        "every accused, suspect and defendant.",
    )
    outcome: Outcome | None = Field(
        default=None,
        description="verdict and final-judgment only (and required there): 'convicted' or "
        "'acquitted'.",
    )
    note: Markdown | None = Field(default=None, description="More about the stage, with citations.")
    sources: SourceRefs = Field(
        default_factory=list, description="What records the stage: at least one source."
    )


class Case(Entity):
    """Legal proceedings before a court or an authority (FtM CourtCase)."""

    id: Id = Field(description="How pages and other items refer to the case.")
    title: Text = Field(description="The case's name as readers see it.")
    court: Text = Field(description="The court or authority that hears it.")
    reference: str | None = Field(
        default=None, min_length=1, description="The case number, as the court writes it."
    )
    parties: list[CaseParty] = Field(
        min_length=1, description="Who takes part: each an actor with a role."
    )
    stages: list[CaseStage] = Field(
        min_length=1, description="The proceedings' steps, each dated and sourced."
    )
    sources: SourceRefs = Field(
        default_factory=list, description="What records the case: at least one source."
    )


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


class CasesFile(Entity):
    cases: list[Case]


class DatasetsFile(Entity):
    datasets: list[Dataset]


class ChartsFile(Entity):
    charts: list[Chart]


class PageFrontMatter(Entity):
    title: str = Field(min_length=1, description="The page's title and its name in the menu.")
    description: str | None = Field(
        default=None, description="One line for search results and link previews."
    )
    order: int = Field(
        default=100, description="Place in the menu: lower comes first; equal ones by file name."
    )


@dataclass(frozen=True)
class EntityKind:
    """One kind of content item, as every stage needs to know it.

    The loader reads its file, the checks resolve its references and apply its rules, links
    find its entries and pages list them, all from this record: a new kind of content is a
    model, a file model, an ``Investigation`` field and one row of ``ENTITY_KINDS``, plus the
    code that is its own (its section page, its rules).
    """

    key: str  # plural: its file (claims.yml), the file's top key, the Investigation field
    name: str  # singular: in messages, anchors (#claim-x), links and the prose syntax
    model: type[Entity]
    file_model: type[Entity] | None  # None: not a YAML file (pages are pages/*.md)
    has_ids: bool = True
    sourced: bool = False  # nothing unsourced is published: must cite at least one source
    # field -> the kind (key) each id written in it names, e.g. actors -> actors; ATTRIBUTION
    # for attributed_to, whose ids name an actor or a source (generator.attribution)
    references: tuple[tuple[str, str], ...] = ()
    section: str | None = None  # the page that lists its entries (by its address)
    # where its items come in a 'cited by' or 'mentioned in' list; None: they are never there
    backlink_order: int | None = None

    @property
    def attributed(self) -> bool:
        """It has a status and says who alleges it (an allegation names who makes it)."""
        return {"status", "attributed_to"} <= self.model.model_fields.keys()

    @property
    def dated(self) -> bool:
        """It has a date and may have an end (which must not come before the date)."""
        return {"date", "end"} <= self.model.model_fields.keys()


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        "sources",
        "source",
        Source,
        SourcesFile,
        references=(("reproduces", "sources"),),
        section="sources",
    ),
    EntityKind(
        "claims",
        "claim",
        Claim,
        ClaimsFile,
        sourced=True,
        references=(
            ("sources", "sources"),
            ("attributed_to", ATTRIBUTION),
            ("actors", "actors"),
            ("events", "events"),
            ("rebuttals", "claims"),
        ),
        section="claims",
        backlink_order=0,
    ),
    EntityKind(
        "events",
        "event",
        Event,
        EventsFile,
        sourced=True,
        references=(
            ("sources", "sources"),
            ("actors", "actors"),
            ("claims", "claims"),
            ("attributed_to", ATTRIBUTION),
        ),
        section="timeline",
        backlink_order=1,
    ),
    EntityKind(
        "actors",
        "actor",
        Actor,
        ActorsFile,
        references=(("sources", "sources"),),
        section="actors",
        backlink_order=3,
    ),
    EntityKind(
        "relations",
        "relation",
        Relation,
        RelationsFile,
        sourced=True,
        references=(
            ("from_", "actors"),
            ("to", "actors"),
            ("sources", "sources"),
            ("attributed_to", ATTRIBUTION),
            ("claims", "claims"),
        ),
        section="actors",
        backlink_order=2,
    ),
    EntityKind(
        "cases",
        "case",
        Case,
        CasesFile,
        sourced=True,
        references=(
            ("sources", "sources"),
            ("parties.actor", "actors"),
            ("stages.parties", "actors"),
            ("stages.sources", "sources"),
        ),
        section="cases",
        backlink_order=6,
    ),
    EntityKind(
        "datasets",
        "dataset",
        Dataset,
        DatasetsFile,
        sourced=True,
        references=(("sources", "sources"),),
        section="data",
        backlink_order=4,
    ),
    EntityKind(
        "charts",
        "chart",
        Chart,
        ChartsFile,
        references=(("dataset", "datasets"), ("sources", "sources")),
        section="data",
        backlink_order=5,
    ),
    EntityKind("pages", "page", Page, None, has_ids=False),
)
KINDS: dict[str, EntityKind] = {kind.key: kind for kind in ENTITY_KINDS}
KINDS_BY_NAME: dict[str, EntityKind] = {kind.name: kind for kind in ENTITY_KINDS}
_KIND_OF_MODEL: dict[type, EntityKind] = {kind.model: kind for kind in ENTITY_KINDS}


def kind_of(item: Entity) -> EntityKind:
    """The kind of a loaded item (an Actor is an 'actor')."""
    return _KIND_OF_MODEL[type(item)]


# The content files, story.yml first: what the loader reads and the JSON Schemas describe.
FILE_MODELS: dict[str, type[Entity]] = {
    "story": StoryFile,
    **{kind.key: kind.file_model for kind in ENTITY_KINDS if kind.file_model is not None},
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
    cases: list[Case] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)
    # content files that failed to load, in full or in part (file name -> path as shown): the
    # checks still run on what loaded, but do not report what only the failure explains
    incomplete: dict[str, str] = Field(default_factory=dict, exclude=True)
    _by_id: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    def by_id(self, key: str) -> dict[str, Any]:
        """The items of one kind (``"sources"``, ``"actors"``…) by id, made once: exports and
        charts look items up for every claim, event and relation, and a dict made per lookup
        made a 10,000-event story's build quadratic. Made again if items were added since."""
        items = getattr(self, key)
        found = self._by_id.get(key)
        if found is None or len(found) != len(items):
            found = self._by_id[key] = {item.id: item for item in items}
        return found

    def counts(self) -> dict[str, int]:
        return {kind.key: len(getattr(self, kind.key)) for kind in ENTITY_KINDS}
