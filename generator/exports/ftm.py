"""Actors and relations as FollowTheMoney entities, one JSON object per line.

FollowTheMoney (the model behind OCCRP's Aleph) is how research groups exchange people,
organisations and the money and links between them. Each entity is built with the
``followthemoney`` package, so every property is one its schema has and every link points to an
entity of the range it allows. Ids are ``<story>-<item id>``: the same content gives the same
lines.

Actors, by kind (FollowTheMoney has no schema for the last four; the closest is chosen):

- person → Person; agency → PublicBody; organisation, platform, news-outlet → Organization
  (no kind says that an organisation is a company, so none is made a Company);
- account, channel → UserAccount (its ``username`` is the name; a channel is an account that
  publishes); website → Organization (whoever runs it; FtM has no website entity);
  campaign → Project ("an activity carried out by a group of participants").

Relations: where money moved (an amount whose ``kind`` is payment, transfer, fee, fine,
investment or purchase-price; see generator/money.py), a Payment from the payer (``paid_by``,
else ``from``) to the beneficiary, its ``purpose`` the relation's words and the amount's kind; a
``loan`` is a Debt instead (creditor: who lent, debtor: who borrowed), since what FtM records of
a loan is that it is owed back. Amounts that did not move (claimed-balance, fictitious-balance,
alleged-loss, valuation) have no FtM schema: the relation is an UnknownLink and its
``summary`` says what the amount is ('alleged loss: about EUR 1,900,000'). Otherwise
Membership (``member-of``), Ownership (``owns``), and UnknownLink, with the relation's kind as
its ``role``, for every other link and wherever the two ends are not of the schemata
FollowTheMoney allows there (an account cannot be a payer: a payment by an account is a link
with role ``paid`` and its amount). Dates are ISO
prefixes at the date's precision; a qualified date ('after 2023-10-07') keeps its prefix and
says the qualifier in ``summary``, as FtM dates have none. Status, attribution and confidence go
into ``summary`` (and ``status`` where the schema has one); sources into ``sourceUrl`` and
``publisher``.

Cases (cases.yml): a CourtCase (``court``, ``caseNumber``; ``fileDate`` the first stage's date;
``closeDate`` once every party's part is closed by a final judgment, dropped charges or a
settlement; ``status`` the last stage, in the story's words), and one CourtCaseParty per party
whose actor FtM allows as a party (a legal entity, not an account or a campaign), with its
``role``, its charges as ``description`` and its derived standing as ``status``.
"""

from __future__ import annotations

import json
from typing import Any

from generator import legal
from generator.dates import PartialDate
from generator.exports.prose import plain_text
from generator.model import Actor, Case, Investigation, Relation, SourceRef
from generator.money import beneficiary, moved, payer
from generator.render.locale import Locale
from generator.text import pick

FILE_NAME = "data/{slug}.ftm.json"
ACTOR_SCHEMA = {
    "person": "Person",
    "agency": "PublicBody",
    "organisation": "Organization",
    "company": "Company",
    "platform": "Organization",
    "news-outlet": "Organization",
    "website": "Organization",
    "account": "UserAccount",
    "channel": "UserAccount",
    "campaign": "Project",
}
_MONEY_SCHEMATA = {"Payment", "Debt"}  # their ends are the payer and the beneficiary
_MEMBERSHIP_KINDS = {"member-of", "member", "membership", "joined"}
_OWNERSHIP_KINDS = {"owns", "owner-of", "owned", "ownership"}


def entity_id(investigation: Investigation, item_id: str) -> str:
    return f"{investigation.slug}-{item_id}"


def _sources(investigation: Investigation, refs: list[SourceRef]) -> list:
    by_id = investigation.by_id("sources")
    return [by_id[ref.id] for ref in refs if ref.id in by_id]


def _add_sources(proxy, investigation: Investigation, refs: list[SourceRef], language: str):
    for source in _sources(investigation, refs):
        proxy.add("sourceUrl", source.url)
        proxy.add("publisher", pick(source.publisher, language))


def actor_entity(model, investigation: Investigation, actor: Actor, language: str):
    schema = ACTOR_SCHEMA[actor.kind]
    proxy = model.make_entity(schema)
    proxy.id = entity_id(investigation, actor.id)
    name = pick(actor.name, language)
    proxy.add("username" if schema == "UserAccount" else "name", name)
    if schema != "UserAccount":
        proxy.add("alias", actor.aliases)
        if actor.short_name:
            proxy.add(
                "abbreviation" if schema != "Project" else "alias", pick(actor.short_name, language)
            )
    if actor.country and schema not in ("UserAccount", "Project"):
        proxy.add("country", actor.country.lower())
    proxy.add("description" if schema != "UserAccount" else "summary", pick(actor.role, language))
    _add_sources(proxy, investigation, actor.sources, language)
    return proxy


def _date(value: PartialDate | None) -> str | None:
    # a range gives what its ends share ('2021'), an unknown date nothing: FtM dates are exact
    return (value.iso() or None) if value is not None else None


def relation_summary(investigation: Investigation, relation: Relation, locale: Locale) -> str:
    """What the sources support, in the story's words: status, who says so, how sure, and
    what a qualified date or amount means."""
    words = locale.words
    actors = investigation.by_id("actors")
    parts = [words["statuses"][relation.status]]
    sources = investigation.by_id("sources")
    names = [
        pick(actors[a].name, locale.language)
        if a in actors
        else pick(sources[a].publisher, locale.language)  # a source: its publisher says so
        for a in relation.attributed_to
        if a in actors or a in sources
    ]
    if names:
        parts.append(f"{words['exports']['attributed_to']} {', '.join(names)}")
    if relation.confidence:
        parts.append(pick(relation.confidence, locale.language))
    if relation.amount is not None and relation.amount.qualifier:
        parts.append(locale.amount(relation.amount))
    for value in (relation.date, relation.end):
        if value is not None and (value.qualifier or value.is_range or value.unknown):
            parts.append(locale.date(value))
    return "; ".join(parts)


def relation_entity(model, investigation: Investigation, relation: Relation, locale: Locale):
    language = locale.language
    actors = investigation.by_id("actors")
    paid = (payer(relation), beneficiary(relation)) if moved(relation.amount) else None
    written = (relation.from_, relation.to)
    ends = tuple(
        ACTOR_SCHEMA[actors[end].kind] if end in actors else None for end in paid or written
    )
    schema, from_prop, to_prop = _relation_schema(model, relation, ends)
    proxy = model.make_entity(schema)
    proxy.id = entity_id(investigation, relation.id)
    money = schema in _MONEY_SCHEMATA
    first, second = paid if money and paid else written
    proxy.add(from_prop, entity_id(investigation, first))
    proxy.add(to_prop, entity_id(investigation, second))
    label = pick(relation.label, language) if relation.label else relation.kind
    if schema == "Payment":
        kind = locale.words["amount_kinds"][relation.amount.kind]
        proxy.add("purpose", f"{kind}: {label}")
    elif schema != "Debt":
        proxy.add("role", relation.kind)
    if money:
        proxy.add("amount", relation.amount.value)
        proxy.add("currency", relation.amount.currency)
    proxy.add("startDate", _date(relation.date))
    proxy.add("endDate", _date(relation.end))
    summary = relation_summary(investigation, relation, locale)
    if relation.amount is not None and not money:
        kind = locale.words["amount_kinds"][relation.amount.kind]
        summary += f"; {kind}: {locale.amount(relation.amount)}"
    proxy.add("summary", summary)
    if "status" in proxy.schema.properties:
        proxy.add("status", relation.status)
    description = [pick(relation.label, language)] if relation.label else []
    if relation.description:
        description.append(
            plain_text(investigation, pick(relation.description, language), language)
        )
    if description:
        proxy.add("description", ". ".join(d.rstrip(".") for d in description) + ".")
    _add_sources(proxy, investigation, relation.sources, language)
    return proxy


def _relation_schema(model, relation: Relation, ends: tuple[str | None, str | None]):
    """The schema of a relation and its two ends' properties; UnknownLink where the ends do
    not fit the schema's ranges."""
    candidates = []
    if moved(relation.amount) and relation.amount.kind == "loan":
        candidates.append(("Debt", "creditor", "debtor"))
    elif moved(relation.amount):
        candidates.append(("Payment", "payer", "beneficiary"))
    if relation.kind in _MEMBERSHIP_KINDS:
        candidates.append(("Membership", "member", "organization"))
    if relation.kind in _OWNERSHIP_KINDS:
        candidates.append(("Ownership", "owner", "asset"))
    for schema, from_prop, to_prop in candidates:
        props = model.get(schema).properties
        if all(
            end is not None and model.get(end).is_a(props[prop].range)
            for end, prop in zip(ends, (from_prop, to_prop), strict=True)
        ):
            return schema, from_prop, to_prop
    return "UnknownLink", "subject", "object"


def case_entities(model, investigation: Investigation, case: Case, locale: Locale) -> list:
    """The case as a CourtCase and its parties as CourtCaseParty entities."""
    language, words = locale.language, locale.words["legal"]
    proxy = model.make_entity("CourtCase")
    proxy.id = entity_id(investigation, f"case-{case.id}")
    proxy.add("name", pick(case.title, language))
    proxy.add("court", pick(case.court, language))
    if case.reference:
        proxy.add("caseNumber", case.reference)
    stages = legal.in_order(case)
    proxy.add("fileDate", _date(stages[0].date))
    last = stages[-1]
    closed = legal.closed_on(case)
    if closed is not None:
        proxy.add("closeDate", _date(closed))
    status = words["stages"][last.stage]
    proxy.add("status", f"{status}: {words['outcomes'][last.outcome]}" if last.outcome else status)
    refs = [*case.sources, *(ref for stage in case.stages for ref in stage.sources)]
    _add_sources(proxy, investigation, refs, language)
    proxies = [proxy]
    actors = investigation.by_id("actors")
    standings = {standing.actor: standing for standing in legal.standings(case)}
    for party in case.parties:
        actor = actors.get(party.actor)
        if actor is None or not model.get(ACTOR_SCHEMA[actor.kind]).is_a("LegalEntity"):
            continue
        member = model.make_entity("CourtCaseParty")
        member.id = entity_id(investigation, f"case-{case.id}-{party.actor}")
        member.add("case", proxy.id)
        member.add("party", entity_id(investigation, party.actor))
        member.add("role", words["roles"][party.role])
        if party.charges:
            member.add("description", "; ".join(pick(c, language) for c in party.charges))
        if party.actor in standings:
            member.add("status", words["standings"][standings[party.actor].key])
        proxies.append(member)
    return proxies


def entities(investigation: Investigation, locale: Locale) -> list[dict[str, Any]]:
    """Every actor, then every relation, as FtM entity dictionaries, sorted by id."""
    from followthemoney import model  # about two seconds to import: only when exporting

    proxies = [actor_entity(model, investigation, a, locale.language) for a in investigation.actors]
    proxies += [relation_entity(model, investigation, r, locale) for r in investigation.relations]
    for case in investigation.cases:
        proxies += case_entities(model, investigation, case, locale)
    return sorted((proxy.to_dict() for proxy in proxies), key=lambda e: e["id"])


def ftm_lines(investigation: Investigation, locale: Locale) -> str:
    """One entity per line, keys and property values sorted, so the file is byte-identical."""
    lines = []
    for entity in entities(investigation, locale):
        entity["properties"] = {k: sorted(v) for k, v in sorted(entity["properties"].items())}
        lines.append(json.dumps(entity, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n" if lines else ""
