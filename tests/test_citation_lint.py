"""The citation lint: every factual sentence of a narrative page cites a source, or is reported.

The texts are fictional. Each fact that needs a source is shown reported at its line, each
exemption shown not reported; the message an editor reads is checked word for word on a real
validation of the demo investigation, and the shipped story is shown to have no such warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.citation_lint import actor_names, findings
from generator.model import Actor
from generator.pipeline import load_and_check
from generator.prose import line_and_column

ROOT = Path(__file__).resolve().parent.parent
NAMES = (
    ("example-agency", "Example Agency"),
    ("example-agency", "EA"),
    ("jane-roe", "Jane Roe"),
)


def reported(text: str, names=NAMES) -> list[tuple[int, int, str, str]]:
    """(line, column, unit, the fact named) of each uncited statement in ``text``."""
    return [
        (*line_and_column(text, found.offset), found.unit, found.first.text)
        for found in findings(text, names)
    ]


# --- what states a fact ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("The board met on 26 November.", "26 November"),
        ("The board met on November 26, 2024.", "November 26, 2024"),
        ("The board met in March 2025.", "March 2025"),
        ("The board met in March.", "March"),
        ("The board met on 7.12.2024 at noon.", "7.12.2024"),
        ("The board met on 2024-12-07 at noon.", "2024-12-07"),
        ("The board met in 2024.", "2024"),
        ("Consiliul s-a întrunit pe 6 decembrie.", "6 decembrie"),
        ("Consiliul s-a întrunit în decembrie.", "decembrie"),
        ("Consiliul s-a întrunit în mai 2025.", "mai 2025"),
        ("The board approved 1,183 payments.", "1,183"),
        ("Turnout was 2.68% lower.", "2.68"),
        ("It was the 3rd payment.", "3rd"),
        ("Example Agency approved the payments.", "Example Agency"),
        ("The payments were approved by EA.", "EA"),
        ("The payments were approved by :actor[jane-roe].", "Jane Roe"),
        ("The payments were approved by :actor[nobody-known].", "nobody-known"),
        ("The board said “we paid 5 firms” last week.", "5"),
    ],
)
def test_a_sentence_stating_a_fact_without_a_citation_is_reported(sentence, fact):
    text = f"An opening line [@a].\n\nA cited sentence [@a]. {sentence}\n"
    column = len("A cited sentence [@a]. ") + 1
    assert reported(text) == [(3, column, "sentence", fact)]


def test_every_way_an_actor_is_named_counts_in_every_language():
    actor = Actor.model_validate(
        {
            "id": "example-bureau",
            "name": {"en": "Example Electoral Bureau (EEB)", "ro": "Biroul Electoral Exemplu"},
            "short_name": "Bureau X",
            "kind": "organisation",
            "role": "A fictional bureau.",
            "aliases": ["Example Bureau"],
        }
    )
    names = actor_names([actor])
    for name in (
        "Example Electoral Bureau (EEB)",
        "Example Electoral Bureau",
        "EEB",
        "Biroul Electoral Exemplu",
        "Bureau X",
        "Example Bureau",
    ):
        assert reported(f"Then {name} decided.", names) == [(1, 1, "sentence", name)]


def test_names_match_as_whole_words_with_their_case():
    assert reported("The ea of EAST and examples agency, eA and example agency.") == []


# --- what does not need a citation ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Example Agency paid in 2024 [@a].",
        "Example Agency paid in 2024. [@a] Nothing else happened.",
        "Example Agency paid in 2024 [@a, p. 3; @b].",
        "Example Agency paid in 2024 :claim[agency-paid].",
        "Example Agency paid in 2024, as :source[a] reported.",
        "::claim[paid-in-2024]",
        "::chart[payments-2024]",
        "## What Example Agency paid in 2024",
        "What Example Agency paid in 2024\n---------------------------------",
        "What Example Agency paid in 2024\n=================================",
        "The amount is in `payments_2024` and `SELECT 5`.",
        "Intro [@a].\n\n    Example Agency 2024 (indented code)",
        "Read [the 2024 report by Example Agency](https://example.org/2024/5) first.",
        "Read ![a chart of 2024](pictures/2024.png) and <https://example.org/2024>.",
        "Read https://example.org/report-2024 for more.",
        "The first round and the second one came two weeks apart.",
        "The tag #x11 and the outlet G4Example and COVID-19 spread.",
        "It is cited as :event[payments-2024] here.",
        "It may rain.",
        "Mai mult, consiliul a tăcut.",
    ],
    ids=[
        "cited",
        "citation-after-the-full-stop",
        "several-citations-with-locator",
        "claim-mention",
        "source-mention",
        "claim-embed",
        "chart-embed",
        "atx-heading",
        "setext-heading-dashes",
        "setext-heading-equals",
        "code-spans",
        "indented-code",
        "link-text-and-target",
        "image-and-autolink",
        "bare-address",
        "ordinal-and-number-words",
        "digits-inside-names-and-codes",
        "event-mention-id",
        "may-the-verb",
        "mai-the-adverb",
    ],
)
def test_what_is_cited_or_states_no_fact_is_not_reported(text):
    assert reported(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In 2024, e.g. in March, Example Agency paid [@a].",
        "In 2024 Dr. Roe of Example Agency paid [@a].",
        "In 2024 Rule No. 3 applied to Example Agency [@a].",
        "In 2024 J. Roe of Example Agency paid [@a].",
        "In 2024 the U.S. branch of Example Agency paid [@a].",
        "Payments rose 2.5 times in 2024 [@a].",
        "In 2024 it said so. [@a]",
        "In 2024 it wrote: “The board paid. It regrets it.” [@a]",
        'In 2024 it wrote: "The board paid. It regrets it." [@a]',
        "In 2024 it paid (see p. 4 of the report) [@a].",
    ],
    ids=[
        "e.g.",
        "Dr.",
        "No. 3",
        "initial",
        "dotted-abbreviation",
        "decimal",
        "citation-after-the-end",
        "curly-quotes",
        "straight-quotes",
        "page-abbreviation",
    ],
)
def test_a_sentence_is_not_cut_at_an_abbreviation_a_number_or_inside_a_quote(text):
    assert reported(text) == []


def test_a_sentence_ends_where_a_capital_follows_a_full_stop():
    text = "Example Agency paid in 2024. Nobody disputes it [@a]. Dr. Roe agreed! In 2025 too? Yes."
    assert reported(text) == [
        (1, 1, "sentence", "Example Agency"),
        (1, 71, "sentence", "2025"),
    ]


# --- list items and table rows --------------------------------------------------------------------


def test_a_list_item_is_cited_by_a_citation_anywhere_in_it():
    text = (
        "- **26 November 2024.** Example Agency asked. It was slow [@a].\n"
        "- **27 November.** Nothing cited here.\n"
        "  Continued on a second line [@b].\n"
        "- **28 November.** Example Agency asked again.\n"
        "   1. Jane Roe answered on 29 November.\n"
        "* A plain item with no fact.\n"
    )
    assert reported(text) == [
        (4, 3, "list item", "28 November"),
        (5, 7, "list item", "Jane Roe"),
    ]


def test_the_number_of_an_ordered_list_is_not_a_fact():
    assert reported("1. A first step.\n2) A second step.\n") == []


def test_a_definition_is_cited_with_its_term():
    assert reported("26 November 2024\n:   Example Agency asked [@a].\n") == []
    assert reported("26 November 2024\n:   Example Agency asked.\n") == [
        (1, 1, "list item", "26 November 2024")
    ]


def test_a_table_row_is_cited_by_a_citation_in_any_cell_and_the_header_is_not_read():
    text = (
        "| Year 2024 | Amount paid by Example Agency |\n"
        "|---|--:|\n"
        "| 2024 | 5 [@a] |\n"
        "| 2025 | 7 |\n"
        "| total | unknown |\n"
    )
    assert reported(text) == [(4, 1, "table row", "2025")]


def test_a_quotation_block_needs_a_source_like_any_text():
    assert reported("> Example Agency said so.\n") == [(1, 3, "sentence", "Example Agency")]
    assert reported("> Example Agency said so [@a].\n") == []


# --- the diagnostic -------------------------------------------------------------------------------

PAGE = "pages/overview.md"


def test_the_warning_names_the_place_the_fact_and_the_start_of_the_sentence(demo, validate):
    demo.replace(
        PAGE,
        "The agency denies it",
        "Before that, on 30 November 2024, Example Agency said it had paid nobody anything "
        "at all. The agency denies it",
    )
    outcome = validate(demo.path)
    assert outcome.lines == [
        "pages/overview.md:14:1: warning: page 'overview': uncited sentence states a date "
        "('30 November 2024'): 'Before that, on 30 November 2024, Example Agency said it…' "
        "(cite the source that supports it: [@source-id]; "
        "or embed the claim it states with ::claim[id])"
    ]
    strict = validate(demo.path, strict=True)
    assert strict.lines == [line.replace("warning: ", "") for line in outcome.lines]
    assert strict.result.errors and not strict.result.warnings


def test_a_short_sentence_is_quoted_whole_and_a_list_item_named_as_one(demo, validate):
    demo.write(
        PAGE,
        "---\ntitle: What happened\n---\nIntro [@agency-report-2024].\n\n"
        "- An item [@agency-report-2024].\n- :actor[test-inspector] paid.\n",
    )
    assert validate(demo.path).lines == [
        "pages/overview.md:7:3: warning: page 'overview': uncited list item names an actor "
        "('Test Inspector'): ':actor[test-inspector] paid.' "
        "(cite the source that supports it: [@source-id]; "
        "or embed the claim it states with ::claim[id])"
    ]


def test_the_shipped_story_has_no_uncited_factual_sentence(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = load_and_check(Path("content"), strict=True)
    uncited = [str(d) for d in result.diagnostics if "uncited" in d.message]
    assert uncited == []
    pages = [page for inv in result.investigations for page in inv.pages]
    assert len(pages) >= 10  # the rule did read the story's pages


def test_a_one_megabyte_page_is_read_in_one_pass():
    paragraph = (
        "On 3 March 2024 Example Agency paid 1,183 firms, e.g. through Jane Roe, "
        "and Dr. Roe agreed [@a]. Nobody else did.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    assert findings(text, NAMES) == []
