"""Cross-references and editorial rules, each shown on a copy of the valid demo investigation."""

from __future__ import annotations

import pytest

from generator import evidence
from generator.prose import scan, unsafe_scheme

STATEMENT = "    statement: The agency published its annual report.\n"


def with_statement(demo, yaml_lines: str):
    """Replace the statement of claim 'report-exists' (claims.yml line 23) with other YAML."""
    return demo.replace("claims.yml", STATEMENT, yaml_lines)


# --- where a problem inside Markdown is reported --------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_lines", "place"),
    [
        ("    statement: It cites [@nope] inline.\n", "23:25"),
        ('    statement: "It cites [@nope] in quotes."\n', "23:26"),
        ("    statement: 'It''s [@nope] in quotes.'\n", "23:23"),
        ("    statement: |\n      First line.\n      Second [@nope] line.\n", "25:14"),
        ("    statement: >\n      A folded text\n        that cites [@nope] later.\n", "25:20"),
        ("    statement: A plain text\n      that cites [@nope] on line two.\n", "24:18"),
        ('    statement: "A quoted text\n      that cites [@nope] on line two."\n', "24:18"),
        ("    statement: {en: 'See [@nope].', ro: 'Vezi [@nope].'}\n", "23:26"),
        ("    statement:\n      en: |\n        Line one.\n        Line two [@nope].\n", "26:18"),
        ("    statement: |\n      [@agency-report-2024] and [@nope], [@nope].\n", "24:33"),
    ],
    ids=[
        "plain",
        "double-quoted",
        "single-quoted",
        "literal-block",
        "folded-block",
        "plain-multiline",
        "quoted-multiline",
        "flow-mapping",
        "language-block",
        "first-of-repeats",
    ],
)
def test_citation_errors_point_at_the_citation_in_every_yaml_style(
    demo, validate, yaml_lines, place
):
    with_statement(demo, yaml_lines)
    lines = validate(demo.path).lines
    assert lines[0] == (
        f"claims.yml:{place}: claim 'report-exists' refers to unknown source 'nope' "
        "(define it in sources.yml)"
    )


def test_a_repeated_unknown_citation_is_reported_at_each_place(demo, validate):
    with_statement(demo, "    statement: |\n      [@nope] and [@nope]\n      and [@nope].\n")
    places = [line.split(": ")[0] for line in validate(demo.path).lines]
    assert places == ["claims.yml:24:7", "claims.yml:24:19", "claims.yml:25:11"]


def test_markdown_inside_nested_items_names_the_item(demo, validate):
    demo.replace(
        "story.yml",
        "      text: An earlier version gave the wrong total.",
        "      text: |\n        An earlier version [@nope] gave the\n        <em>wrong</em> total.",
    )
    assert validate(demo.path).lines == [
        "story.yml:17:28: story correction #1 refers to unknown source 'nope' "
        "(define it in sources.yml)",
        "story.yml:18:9: story correction #1: raw HTML is not allowed ('<em>') "
        "(use Markdown syntax; to show a '<' write '&lt;' or put it in `code`)",
        "story.yml:18:18: story correction #1: raw HTML is not allowed ('</em>') "
        "(use Markdown syntax; to show a '<' write '&lt;' or put it in `code`)",
    ]


def test_page_citations_mentions_and_embeds_are_checked(demo, validate):
    demo.write(
        "pages/overview.md",
        "---\ntitle: What happened\n---\n"
        "Cited [@agency-report-2024; @agency-reprt, p. 4] and :actor[test-inspectr].\n"
        "\n::chart[payments]\n\n::claim[agency-paid-network]\n\n"
        "Mentions :claim[report-exists], :event[inspection] and :source[agency-statement].\n",
    )
    assert validate(demo.path).lines == [
        "pages/overview.md:4:7: page 'overview' refers to unknown source 'agency-reprt' "
        "(did you mean 'agency-report-2024'?)",
        "pages/overview.md:4:54: page 'overview' refers to unknown actor 'test-inspectr' "
        "(did you mean 'test-inspector'?)",
        "pages/overview.md:6:1: page 'overview' refers to unknown chart 'payments' "
        "(did you mean 'payments-by-month'?)",
    ]


def test_code_is_not_scanned(demo, validate):
    with_statement(
        demo,
        "    statement: |\n      Write `[@id]` or `<b>` in code.\n"
        "      ```\n      [@nope] <script>\n      ```\n",
    )
    assert validate(demo.path).lines == []


def test_embeds_work_only_in_pages(demo, validate):
    with_statement(demo, "    statement: |\n      See below.\n\n      ::claim[agency-denies]\n")
    assert validate(demo.path).lines == [
        "claims.yml:26:7: claim 'report-exists': '::claim[...]' embeds only work in pages/*.md "
        "(mention it inline with :claim[agency-denies])"
    ]


def test_malformed_citation_is_an_error(demo, validate):
    with_statement(demo, "    statement: Says so [@agency-report-2024 p. 3].\n")
    assert validate(demo.path).lines == [
        "claims.yml:23:24: claim 'report-exists': malformed citation "
        "'[@agency-report-2024 p. 3]' (write [@source-id] or [@source-id, p. 3]; "
        "separate several with ';')"
    ]


# --- content cannot inject code -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "column", "reported"),
    [
        ("[x](javascript:alert(1))", 25, "javascript:alert(1)"),
        ("[x](JavaScript:alert(1))", 25, "JavaScript:alert(1)"),
        ("[x]( javascript:alert(1))", 26, "javascript:alert(1)"),
        ("[x](<javascript:alert(1)>)", 26, "javascript:alert(1)"),
        ("[x](data:text/html,hi)", 25, "data:text/html,hi"),
        ("[x](vbscript:msgbox)", 25, "vbscript:msgbox"),
        ("[x](//evil.example/)", 25, "//evil.example/"),
    ],
)
def test_unsafe_link_targets_are_refused(demo, validate, markdown, column, reported):
    with_statement(demo, f"    statement: 'See {markdown}.'\n")
    # one mistake, one line (not one per pattern that spots it)
    assert validate(demo.path).lines == [
        f"claims.yml:23:{column}: claim 'report-exists': link target '{reported}' is not allowed "
        "(links may be http://, https://, mailto: or a path on this site)"
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](https://example.org/a_(b))",
        "[x](http://example.org)",
        "[x](mailto:desk@example.org)",
        "[x](/sources/#source-a)",
        "[x](#claims)",
        "[x](../timeline/)",
        "<https://example.org>",
        "1 < 2 and 3 > 2",
    ],
)
def test_safe_links_and_plain_angle_brackets_pass(demo, validate, markdown):
    with_statement(demo, f"    statement: '{markdown}'\n")
    assert validate(demo.path).lines == []


@pytest.mark.parametrize(
    ("markdown", "tag"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("<!-- hidden -->", "<!-- hidden -->"),
        ('<a href="https://example.org">x</a>', '<a href="https://example.org">'),
        ("<br/>", "<br/>"),
        # not an autolink (those are http, https and e-mail only): the parser keeps it as HTML
        ("<javascript:alert(1)>", "<javascript:alert(1)>"),
    ],
)
def test_raw_html_is_refused(demo, validate, markdown, tag):
    with_statement(demo, f"    statement: '{markdown}'\n")
    first = validate(demo.path).lines[0]
    assert first == (
        f"claims.yml:23:17: claim 'report-exists': raw HTML is not allowed ('{tag}') "
        "(use Markdown syntax; to show a '<' write '&lt;' or put it in `code`)"
    )


def test_scanner_reads_the_citation_syntax():
    tokens = [(t.kind, t.value, t.locator) for t in scan("[@a-1; @b, p. 3] :event[e] [@c, 00:12]")]
    assert tokens == [
        ("cite", "a-1", None),
        ("cite", "b", "p. 3"),
        ("event", "e", None),
        ("cite", "c", "00:12"),
    ]
    # A mention starts at a colon that follows no colon or letter: "::chart[x]" is an embed,
    # "time:actor[x]" is text; at the start of a line or after punctuation it is a mention.
    mentions = [(t.kind, t.value) for t in scan(":actor[a] (:claim[b]) x:actor[c] _:actor[d]")]
    assert mentions == [("actor", "a"), ("claim", "b")]
    assert [t.kind for t in scan("::chart[x]\n")] == ["embed-chart"]
    assert unsafe_scheme("java\tscript:alert(1)") == "javascript"
    assert unsafe_scheme("https://example.org") is None


# --- editorial rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["alleged", "disputed", "denied", "unverified", "retracted"])
def test_every_status_but_confirmed_needs_someone_who_says_it(demo, validate, status):
    demo.replace("claims.yml", "    status: confirmed\n", f"    status: {status}\n")
    assert validate(demo.path).lines == [
        f"claims.yml:24:13: claim 'report-exists' is '{status}' but says nobody alleges it "
        f"({evidence.attribution_hint(status)})"
    ]


def test_confirmed_claims_need_more_than_one_publishers_report(demo, validate):
    """The whole evidence standard is tested in tests/test_evidence.py."""
    demo.replace(
        "claims.yml",
        "    sources: [agency-report-2024]\n",
        "    sources: [example-news-2024-11-30]\n",
    )
    assert validate(demo.path).lines == [
        "claims.yml:24:13: warning: claim 'report-exists' is 'confirmed' but its sources do not "
        "confirm it (its sources support 'reported' (one publisher: Example News); 'confirmed' "
        "needs a primary document, official statement or court record, or a report from a "
        "second, independent publisher)"
    ]
    demo.replace(
        "claims.yml",
        "    sources: [example-news-2024-11-30]\n",
        "    sources: [example-news-2024-11-30, agency-statement]\n",
    )
    assert validate(demo.path).lines == []


def test_sources_cited_only_in_prose_count_as_cited(demo, validate):
    """The news report is cited in claims.yml; cite it only in the page and it still counts."""
    demo.replace("claims.yml", "      - example-news-2024-11-30\n", "")
    assert validate(demo.path).lines == []
    demo.replace("pages/overview.md", "@example-news-2024-11-30", "@agency-report-2024")
    assert validate(demo.path).lines == [
        "sources.yml:11:9: warning: source 'example-news-2024-11-30' is not cited by anything "
        "(cite it or remove it)"
    ]


def test_actors_mentioned_only_in_pages_count_as_mentioned(demo, validate):
    demo.replace("claims.yml", "    actors: [example-agency, sample-network]\n", "")
    assert validate(demo.path).lines == []  # the page mentions :actor[sample-network]
    demo.replace("pages/overview.md", " to :actor[sample-network]", "")
    demo.replace("relations.yml", "to: sample-network", "to: test-inspector")
    assert validate(demo.path).lines == [
        "actors.yml:9:9: warning: actor 'sample-network' is not mentioned by any claim, event, "
        "relation or page (link it from the items it takes part in, or remove it)"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "reported"),
    [
        (
            "sources.yml",
            "  - id: agency-statement",
            "  - id: agency-report-2024",
            "sources.yml:18:9: duplicate source id 'agency-report-2024' "
            "(first defined at sources.yml:3:9; ids must be unique)",
        ),
        (
            "actors.yml",
            "  - id: test-inspector",
            "  - id: sample-network",
            "actors.yml:15:9: duplicate actor id 'sample-network' "
            "(first defined at actors.yml:9:9; ids must be unique)",
        ),
        (
            "events.yml",
            "  - id: inspection",
            "  - id: report-published",
            "events.yml:10:9: duplicate event id 'report-published' "
            "(first defined at events.yml:3:9; ids must be unique)",
        ),
    ],
)
def test_duplicate_ids_point_at_both_places(demo, validate, file, old, new, reported):
    demo.replace(file, old, new)
    assert reported in validate(demo.path).lines


def test_the_same_id_may_name_items_of_different_kinds(demo, validate):
    """Ids are unique per kind: an event may share its id with the claim it is about."""
    demo.replace("events.yml", "  - id: inspection", "  - id: report-exists")
    assert validate(demo.path).lines == []


def test_missing_translations_are_warnings_and_strict_makes_them_errors(demo, validate):
    demo.replace(
        "story.yml", "  status: published\n", "  status: published\n  languages: [en, ro]\n"
    )
    lines = validate(demo.path).lines
    assert len(lines) == 15
    assert all(": warning: " in line for line in lines)
    assert (
        "pages/overview.md:1:1: warning: page 'overview' has no 'ro' version "
        "(add pages/overview.ro.md)"
    ) in lines
    assert (
        "story.yml:6:8: warning: story: 'dek' has no 'ro' text (write it as {en: ..., ro: ...})"
        in (lines)
    )
    assert (
        "story.yml:17:13: warning: story correction #1: 'text' has no 'ro' text "
        "(write it as {en: ..., ro: ...})"
    ) in lines
    # texts written in both languages get no warning
    assert not any(line.startswith("story.yml:4:") for line in lines)  # the title
    assert not any("'sample-network'" in line for line in lines)  # its role
    strict = validate(demo.path, strict=True)
    assert strict.result.warnings == []
    assert len(strict.result.errors) == 15
    assert not any("warning" in line for line in strict.lines)


# --- every reference and sourcing rule, at its exact place ---------------------------------------


def test_a_dataset_without_sources_is_an_error(demo, validate):
    demo.replace("datasets.yml", "    sources: [agency-report-2024]\n", "")
    assert validate(demo.path).lines == [
        "datasets.yml:3:9: dataset 'payments' cites no source "
        "(nothing unsourced is published: add 'sources: [source-id]')"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "reported"),
    [
        (
            "actors.yml",
            "    sources: [agency-statement]\n",
            "    sources: [agency-statment]\n",
            "actors.yml:19:15: actor 'test-inspector' refers to unknown source 'agency-statment' "
            "(did you mean 'agency-statement'?)",
        ),
        (
            "charts.yml",
            "    sources: [agency-report-2024]\n",
            "    sources: [agency-report-2042]\n",
            "charts.yml:10:15: chart 'payments-by-month' refers to unknown source "
            "'agency-report-2042' (did you mean 'agency-report-2024'?)",
        ),
        (
            "datasets.yml",
            "    sources: [agency-report-2024]\n",
            "    sources: [agency-report-2024, payments-ledger]\n",
            "datasets.yml:19:35: dataset 'payments' refers to unknown source 'payments-ledger' "
            "(define it in sources.yml)",
        ),
    ],
    ids=["actor", "chart", "dataset"],
)
def test_unknown_sources_are_errors_wherever_they_are_cited(
    demo, validate, file, old, new, reported
):
    """Reported as themselves, not only through a source that is left uncited."""
    demo.replace(file, old, new)
    assert validate(demo.path).lines == [reported]


@pytest.mark.parametrize(
    ("mention", "column", "kind", "hint"),
    [
        (":source[agency-reprot-2024]", 20, "source", "did you mean 'agency-report-2024'?"),
        (":claim[nobody-said-it]", 20, "claim", "define it in claims.yml"),
        (":actor[example-agncy]", 20, "actor", "did you mean 'example-agency'?"),
    ],
    ids=["source", "claim", "actor"],
)
def test_inline_mentions_of_unknown_ids_are_errors(demo, validate, mention, column, kind, hint):
    with_statement(demo, f"    statement: See {mention} here.\n")
    ref = mention.split("[")[1].rstrip("]")
    assert validate(demo.path).lines == [
        f"claims.yml:23:{column}: claim 'report-exists' refers to unknown {kind} '{ref}' ({hint})"
    ]


PAGE_IN_GERMAN = "---\ntitle: Was geschah\n---\nDie Behörde veröffentlichte [@agency-statement].\n"


def test_a_page_in_a_language_the_story_does_not_list_is_reported(demo, validate):
    demo.replace(
        "story.yml", "  status: published\n", "  status: published\n  languages: [en, ro]\n"
    )
    demo.write("pages/overview.ro.md", "---\ntitle: Ce s-a întâmplat\n---\nText.\n")
    demo.write("pages/overview.de.md", PAGE_IN_GERMAN)
    pages = [line for line in validate(demo.path).lines if line.startswith("pages/")]
    assert pages == [
        "pages/overview.de.md:1:1: warning: page 'overview' is in 'de', which the story does not "
        "list (add it to 'languages' in story.yml or rename the file)"
    ]


def test_a_page_in_another_language_of_a_one_language_story_is_reported(demo, validate):
    demo.write("pages/overview.de.md", PAGE_IN_GERMAN)
    assert validate(demo.path).lines == [
        "pages/overview.de.md:1:1: warning: page 'overview' is in 'de', which the story does not "
        "list (add it to 'languages' in story.yml or rename the file)"
    ]


# --- events with a status -------------------------------------------------------------------------


def test_an_event_without_a_status_passes_when_its_sources_support_one(demo, validate):
    """An event may leave its status out: it shows what its sources support."""
    assert "status:" not in demo.read("events.yml")
    assert validate(demo.path, strict=True).lines == []


def test_an_events_status_needs_someone_who_says_it(demo, validate):
    demo.replace("events.yml", "    group: agency\n", "    group: agency\n    status: alleged\n")
    assert validate(demo.path).lines == [
        "events.yml:7:13: event 'report-published' is 'alleged' but says nobody alleges it "
        f"({evidence.attribution_hint('alleged')})"
    ]
    demo.replace(
        "events.yml",
        "    status: alleged\n",
        "    status: alleged\n    attributed_to: [test-inspector]\n",
    )
    assert validate(demo.path, strict=True).lines == []


def test_an_events_attribution_names_a_known_actor_or_source(demo, validate):
    demo.replace(
        "events.yml",
        "    group: agency\n",
        "    group: agency\n    status: unverified\n    attributed_to: [nobody-known]\n",
    )
    (line,) = validate(demo.path).lines
    assert line.startswith(
        "events.yml:8:21: event 'report-published' is attributed to 'nobody-known', which names "
        "neither an actor nor a source"
    )


def test_an_events_confirmed_status_is_weighed_like_a_claims(demo, validate):
    demo.replace(
        "events.yml",
        "    sources: [agency-report-2024]\n",
        "    status: confirmed\n    sources: [example-news-2024-11-30]\n",
    )
    assert validate(demo.path).lines == [
        "events.yml:9:13: warning: event 'report-published' is 'confirmed' but its sources do "
        "not confirm it (its sources support 'reported' (one publisher: Example News); "
        "'confirmed' needs a primary document, official statement or court record, or a report "
        "from a second, independent publisher)"
    ]
    assert validate(demo.path, strict=True).lines[0].startswith("events.yml:9:13: event")


def test_an_event_without_a_status_whose_sources_support_none_is_warned(demo, validate):
    demo.replace(
        "sources.yml",
        "    kind: news-report\n",
        "    kind: reference-work\n",
    )
    demo.replace(
        "events.yml",
        "    sources: [agency-report-2024]\n",
        "    sources: [example-news-2024-11-30]\n",
    )
    lines = validate(demo.path).lines
    assert (
        "events.yml:9:14: warning: event 'report-published' gives no status and its sources "
        "support neither 'confirmed' nor 'reported' (a reference work, a machine translation or "
        "an aggregator's copy never counts on its own: cite the original report, or give it a "
        "status such as 'unverified' with 'attributed_to' naming who says it)"
    ) in lines


def test_an_event_naming_who_says_it_without_a_status_is_warned(demo, validate):
    demo.replace(
        "events.yml",
        "    group: agency\n",
        "    group: agency\n    attributed_to: [test-inspector]\n",
    )
    assert validate(demo.path).lines == [
        "events.yml:7:20: warning: event 'report-published' names who says it but gives no "
        "status: readers would not see 'attributed_to' (add the status they support, e.g. "
        "'status: alleged', or remove 'attributed_to')"
    ]
