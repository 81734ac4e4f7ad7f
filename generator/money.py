"""What an amount on a relation means: whether money moved, and who paid whom.

A relation's ``from`` and ``to`` say who acts on whom (prosecutors accuse, a regulator fines),
which is not always the way money went: an auditor pays the regulator's fine, a client pays the
company's fee. So an amount says what it is (``kind``) and, where money moved, which end paid
(``paid_by``). The flow chart draws only money that moved, from payer to beneficiary; a loss
alleged in an indictment or a balance that never existed is shown on its relation, labelled as
what it is, and never drawn as if it had been paid.
"""

from __future__ import annotations

from collections import Counter

from generator.diagnostics import Diagnostic
from generator.model import Amount, Investigation, Relation

MOVED_KINDS = frozenset(
    {"payment", "transfer", "fee", "fine", "loan", "investment", "purchase-price"}
)
UNMOVED_KINDS = frozenset({"claimed-balance", "fictitious-balance", "alleged-loss", "valuation"})


def moved(amount: Amount | None) -> bool:
    """Whether the amount is money that went from one end of its relation to the other."""
    return amount is not None and amount.kind in MOVED_KINDS


def payer(relation: Relation) -> str:
    """The actor id that paid: ``paid_by``, else the relation's ``from``."""
    assert relation.amount is not None
    return relation.amount.paid_by or relation.from_


def beneficiary(relation: Relation) -> str:
    """The actor id that received: the end that did not pay."""
    return relation.to if payer(relation) == relation.from_ else relation.from_


def moved_relations(investigation: Investigation) -> list[Relation]:
    """Relations whose amount is money that moved, in the order of relations.yml."""
    return [r for r in investigation.relations if moved(r.amount)]


def flow_currency(investigation: Investigation, currency: str | None) -> str | None:
    """The currency a flow of relations draws: the chart's own, else the one most amounts
    that moved are in (the first written, between equals). Amounts in different currencies
    cannot be added up, and converting them needs a rate the editor states and sources."""
    if currency is not None:
        return currency
    counts = Counter(r.amount.currency for r in moved_relations(investigation) if r.amount)
    if not counts:
        return None
    most = max(counts.values())
    return next(c for c in counts if counts[c] == most)  # Counter keeps the written order


def flow_relations(investigation: Investigation, currency: str | None) -> list[Relation]:
    """What a flow of relations draws: money that moved, in its currency (or, with none
    given, in the one ``flow_currency`` chooses)."""
    drawn = flow_currency(investigation, currency)
    return [r for r in moved_relations(investigation) if r.amount and r.amount.currency == drawn]


def check_amounts(investigation: Investigation) -> list[Diagnostic]:
    """``paid_by`` names an end of its relation, and only where money moved."""
    problems = []
    for relation in investigation.relations:
        amount = relation.amount
        if amount is None or amount.paid_by is None:
            continue
        owner = f"relation '{relation.id}'"
        if amount.kind not in MOVED_KINDS:
            problems.append(
                Diagnostic(
                    amount.at("paid_by"),
                    f"{owner}: 'paid_by' on an amount of kind '{amount.kind}', which is money "
                    "that did not move",
                    "remove 'paid_by', or give the amount the kind of money that moved "
                    f"({', '.join(sorted(MOVED_KINDS))})",
                )
            )
        elif amount.paid_by not in (relation.from_, relation.to):
            problems.append(
                Diagnostic(
                    amount.at("paid_by"),
                    f"{owner}: 'paid_by' is '{amount.paid_by}', which is neither end of the "
                    "relation",
                    f"write '{relation.from_}' (its 'from') or '{relation.to}' (its 'to'): "
                    "the end that paid",
                )
            )
    return problems
