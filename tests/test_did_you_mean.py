"""'Did you mean' names a choice only when the editor's word is a typo away from it."""

from __future__ import annotations

import pytest

from generator.diagnostics import did_you_mean

ACTOR_KINDS = ["person", "organisation", "platform", "agency", "account", "channel", "campaign"]


@pytest.mark.parametrize(
    ("word", "choices", "suggestion"),
    [
        ("cofirmed", ["confirmed", "alleged"], "confirmed"),  # a letter missing
        ("platfrom", ACTOR_KINDS, "platform"),  # two letters swapped
        ("organization", ACTOR_KINDS, "organisation"),  # one letter wrong
        ("agency-reprt", ["agency-report-2024", "other-report"], "agency-report-2024"),
        ("example-agency", ["example-agency-ltd", "example-bank"], "example-agency-ltd"),
    ],
)
def test_a_typo_gets_the_choice_it_misspells(word, choices, suggestion):
    assert did_you_mean(word, choices) == f"did you mean '{suggestion}'?"


@pytest.mark.parametrize(
    ("word", "choices"),
    [
        ("company", ACTOR_KINDS),  # shares letters with 'campaign', means something else
        ("news-outlet", ["news-report", "research"]),
        ("agency-memo", ["agency-report"]),  # another document of the same publisher
        ("x", ["y"]),  # under three letters any letter is a typo away
        ("anything", []),
    ],
)
def test_a_different_word_gets_no_suggestion(word, choices):
    assert did_you_mean(word, choices) is None


def test_of_two_ids_sharing_a_start_the_first_in_order_is_named():
    choices = ["agency-report-2024", "agency-report-2023"]
    assert did_you_mean("agency-reprt", choices) == "did you mean 'agency-report-2023'?"
