"""The corpus of broken content: every mistake an editor can make, and the exact lines they read.

Each folder in tests/broken/ is a small investigation with one kind of mistake and an
``expected.txt`` holding every diagnostic line, paths relative to the folder (as an editor who runs
``python -m generator validate .`` inside it sees them). ``expected-strict.txt``, where present,
holds what ``--strict`` prints. To add a case: copy a folder, make the mistake, write down the
lines you expect, and run the tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.loader import load_page, read_text
from generator.yaml_source import parse_yaml

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if (path / "expected.txt").is_file())
LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def expected(case: str, name: str = "expected.txt") -> list[str]:
    return (BROKEN / case / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES)
def test_broken_case_reports_exactly_the_expected_lines(case, validate):
    outcome = validate(BROKEN / case)
    assert outcome.lines == expected(case)
    if (BROKEN / case / "expected-strict.txt").is_file():
        strict = validate(BROKEN / case, strict=True)
        assert strict.lines == expected(case, "expected-strict.txt")
        assert strict.result.warnings == []


@pytest.mark.parametrize("case", CASES)
def test_every_expected_line_points_inside_its_file(case):
    """path:line:col must name a real file, an existing line and a column on that line."""
    for text in expected(case):
        match = LINE.match(text)
        assert match, f"not in path:line:col: message form: {text}"
        path = BROKEN / case / match["path"]
        if path.is_symlink() or path.is_dir():
            # a link or a folder in place of a content file is refused unread, at its name
            assert (match["line"], match["column"]) == ("1", "1"), text
            continue
        assert path.is_file(), text
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines() or [""]
        line, column = int(match["line"]), int(match["column"])
        assert 1 <= line <= len(lines), text
        assert 1 <= column <= len(lines[line - 1]) + 1, text


def test_every_case_folder_has_its_expected_lines():
    folders = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())
    assert folders == CASES


def test_corpus_covers_every_kind_of_mistake():
    """Deleting a case silently would drop a guarantee: these must stay."""
    required = {
        "yaml-syntax-error",
        "yaml-bad-indentation",
        "wrong-type-list-for-text",
        "wrong-type-text-for-list",
        "unknown-key",
        "missing-required-field",
        "duplicate-id",
        "duplicate-key",
        "dangling-claim-source",
        "dangling-claim-actor",
        "dangling-event-claim",
        "dangling-relation-actor",
        "dangling-rebuttal",
        "dangling-chart-dataset",
        "dangling-citation-in-markdown",
        "dangling-citation-in-page",
        "dangling-key-finding",
        "impossible-date",
        "invalid-enum",
        "invalid-slug",
        "csv-header-mismatch",
        "csv-wrong-cell-type",
        "claim-without-sources",
        "unattributed-claim",
        "relation-unsourced-unattributed",
        "non-http-url",
        "markdown-raw-html",
        "markdown-javascript-link",
        "yaml-yes-no-stay-strings",
        "not-utf8",
        "warnings",
        "multiple-errors",
        "multiple-rule-errors",
        "end-before-start",
        "dataset-file-problems",
        "page-problems",
        "unknown-content-file",
        "markdown-embeds-and-mentions",
        "missing-translations",
        "dataset-without-sources",
        "dangling-event-source",
        "dangling-event-actor",
        "dangling-actor-source",
        "dangling-dataset-source",
        "dangling-chart-source",
        "dangling-relation-claim",
        "dangling-attributed-to",
        "dangling-mentions-in-markdown",
        "page-in-unlisted-language",
        "chart-flow-second-currency",
        "amount-paid-by-problems",
        "chart-spec-problems",
        "impossible-event-dates",
        "page-without-translation",
        "text-problems",
        "yaml-keys-and-controls",
        "file-shape-problems",
        "csv-problems",
        "investigation-folder-names",
        "markdown-targets-and-limits",
        "source-address-and-references",
        "linked-content-files",
        "content-file-is-a-folder",
        "dataset-size-limits",
        "csv-cell-past-parser-limit",
    }
    assert required <= set(CASES)


def test_one_run_reports_every_error_in_every_file(validate):
    outcome = validate(BROKEN / "multiple-errors")
    files = {line.split(":")[0] for line in outcome.lines}
    assert files == {"claims.yml", "events.yml", "sources.yml"}
    assert len(outcome.result.errors) == 8
    # two mistakes in one item are both reported
    assert sum("claim 'Second'" in line for line in outcome.lines) == 4


def test_warnings_alone_do_not_fail_but_strict_does(validate):
    outcome = validate(BROKEN / "warnings")
    assert outcome.result.errors == []
    assert len(outcome.result.warnings) == 3
    assert all(": warning: " in line for line in outcome.lines)
    strict = validate(BROKEN / "warnings", strict=True)
    assert len(strict.result.errors) == 3
    assert not any("warning" in line.split(": ")[1] for line in strict.lines)


def test_yaml_dates_stay_strings_and_parse(validate):
    """`date: 2024-11-24` must reach the model as a string and become a day-precision date."""
    outcome = validate(BROKEN / "yaml-yes-no-stay-strings")
    assert not any(line.startswith("relations.yml:9:") for line in outcome.lines)
    document, _ = parse_yaml(
        (BROKEN / "yaml-yes-no-stay-strings" / "relations.yml").read_text(), "relations.yml"
    )
    relation = document.data["relations"][0]
    assert (relation["date"], relation["amount"]["value"]) == ("2024-11-24", "yes")


# --- YAML syntax: the messages and places of the commonest slips --------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            'title: "An unclosed quote\nstatus: alleged\n',
            "f.yml:1:8: YAML syntax error: this quoted text is never closed "
            "(add the closing quote; inside '...' write a quote as '')",
        ),
        (
            "title: The agency said: no\n",
            "f.yml:1:23: YAML syntax error: unexpected ':' "
            "(put text that contains ': ' in quotes, or check this line's indentation)",
        ),
        (
            "story:\n\ttitle: x\n",
            "f.yml:2:1: YAML syntax error: tab character (indent with spaces, not tabs)",
        ),
        (
            "story:\n  title: x\n dek: y\n",
            "f.yml:3:2: YAML syntax error: this line is not indented like the lines above it "
            "(keys of one item must start in the same column)",
        ),
        (
            "title: x\nnot a key\nstatus: y\n",
            "f.yml:2:1: YAML syntax error: this line is not a 'key: value' pair "
            "(add the ':' or indent the line to continue the text above)",
        ),
        (
            "sources: [a, b\n",
            "f.yml:1:10: YAML syntax error: this bracket is never closed (add the closing ] or })",
        ),
        (
            "title: 'it's'\n",
            "f.yml:1:12: YAML syntax error: unexpected text after a quoted value "
            "(quote the whole text; inside '...' write a quote as '')",
        ),
        (
            "title: x\n---\ntitle: y\n",
            "f.yml:2:1: YAML syntax error: a second document starts here "
            "(one file holds one document: remove '---')",
        ),
        (
            "title: *bold*\n",
            "f.yml:1:8: YAML syntax error: a value that starts with '*' is read as a YAML alias "
            "(put the text in quotes)",
        ),
        (
            "title: a\x07b\n",
            "f.yml:1:9: YAML syntax error: invisible control character U+0007 "
            "(remove it; such characters often come with text pasted from a PDF)",
        ),
        (
            "a: 1\na: 2\n",
            "f.yml:2:1: duplicate key 'a' (it is already set at line 1; keep one)",
        ),
        (
            "<<: {a: 1}\n",
            "f.yml:1:1: YAML merge keys ('<<') are not supported (write the keys out)",
        ),
    ],
)
def test_yaml_syntax_errors_say_what_and_where(text, line):
    _, errors = parse_yaml(text, "f.yml")
    assert [str(error) for error in errors] == [line]


def test_file_with_a_byte_order_mark_and_windows_line_ends_loads(demo, validate):
    claims = demo.read("claims.yml")
    (demo.path / "claims.yml").write_bytes(b"\xef\xbb\xbf" + claims.replace("\n", "\r\n").encode())
    page = demo.read("pages/overview.md")
    (demo.path / "pages" / "overview.md").write_bytes(page.replace("\n", "\r\n").encode())
    outcome = validate(demo.path)
    assert outcome.lines == []
    assert outcome.investigation.pages[0].title == "What happened"


def test_binary_file_is_reported_not_parsed(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_bytes(b"claims:\n  - id: a\x00b\n")
    text, errors = read_text(path, "claims.yml")
    assert text is None
    assert [str(e) for e in errors] == [
        "claims.yml:2:1: file contains binary data (NUL) (is this the right file?)"
    ]


def test_not_utf8_csv_points_at_the_byte(demo, validate):
    demo.replace("data/payments.csv", "Sample Network, Ltd", "Sample Network, Café")
    path = demo.path / "data" / "payments.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    outcome = validate(demo.path)
    assert outcome.lines == [
        "data/payments.csv:3:29: file is not UTF-8 text (save it with UTF-8 encoding)"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "pages/p.md:1:1: page has no front matter"),
        ("---\ntitle: x\n", "pages/p.md:1:1: front matter is not closed"),
        ("---\n---\nbody\n", "pages/p.md:1:1: missing required key 'title'"),
        ("---\ntitle: x\norder: 1st\n---\n", "pages/p.md:3:8: order should be a whole number"),
        ("---\ntitle: [x]\n---\n", "pages/p.md:2:8: title should be text, not a list"),
    ],
)
def test_page_front_matter_problems(tmp_path, text, message):
    path = tmp_path / "p.md"
    path.write_text(text, encoding="utf-8")
    page, errors = load_page(path, "pages/p.md")
    assert page is None
    assert len(errors) == 1
    assert str(errors[0]).startswith(message)


def test_page_body_line_counts_the_front_matter(tmp_path):
    path = tmp_path / "p.ro.md"
    path.write_text("---\ntitle: x\ndescription: y\n---\nFirst line.\n", encoding="utf-8")
    page, errors = load_page(path, "pages/p.ro.md")
    assert errors == []
    assert (page.slug, page.language, page.body, page.body_line) == ("p", "ro", "First line.\n", 5)


def test_page_file_name_that_is_not_an_id_is_an_error_not_a_crash(demo, validate):
    demo.write("pages/Read Me.md", "---\ntitle: x\n---\nbody\n")
    demo.write("pages/about.english.md", "---\ntitle: x\n---\nbody\n")
    outcome = validate(demo.path)
    assert outcome.lines == [
        "pages/Read Me.md:1:1: page file name 'Read Me.md' must be page-id.md or "
        "page-id.language.md (rename it, e.g. to read-me.md)",
        "pages/about.english.md:1:1: page file name 'about.english.md' must be page-id.md or "
        "page-id.language.md (rename it, e.g. to about.md)",
    ]


# --- pydantic errors in editors' words ------------------------------------------------------------


def test_a_value_that_may_take_two_shapes_gets_one_error(demo, validate):
    demo.replace("charts.yml", "y: amount", "y: {amount: 1}")
    assert validate(demo.path).lines == [
        "charts.yml:9:8: chart 'payments-by-month': y should be a list or text, "
        "not a mapping (key: value)"
    ]


def test_a_list_of_the_wrong_items_is_reported_per_item(demo, validate):
    demo.replace("charts.yml", "y: amount", "y: [amount, 3]")
    assert validate(demo.path).lines == [
        "charts.yml:9:17: chart 'payments-by-month': y should be text, not a whole number"
    ]


def test_source_refs_errors_name_both_forms(demo, validate):
    demo.replace("events.yml", "sources: [agency-statement]", "sources: [3, {id: x, page: 2}]")
    assert validate(demo.path).lines == [
        "events.yml:21:15: event 'inspection': sources should be a source id or "
        "{id: ..., locator: ...}, not a whole number",
        "events.yml:21:26: event 'inspection': unknown key 'page' (allowed keys: id, locator, "
        "quote, quote_language)",
    ]


def test_nested_mapping_errors_name_the_full_key(demo, validate):
    demo.replace("relations.yml", "currency: USD", "currency: usd")
    demo.replace("relations.yml", "value: 1000.5", "value: 1,000.5")
    assert validate(demo.path).lines == [
        "relations.yml:8:14: relation 'agency-pays-network': amount.value should be a number, "
        "not '1,000.5'",
        "relations.yml:9:17: relation 'agency-pays-network': 'usd' is not a valid amount.currency "
        "(write a three-letter currency code in capitals, such as USD or EUR)",
    ]


def test_text_errors_name_the_field(demo, validate):
    demo.replace(
        "events.yml", "title: The agency publishes", "title: {english: The agency publishes"
    )
    demo.replace("events.yml", "its annual report", "its annual report}")
    demo.replace("claims.yml", "confidence: high", "confidence: ''")
    assert validate(demo.path).lines == [
        "claims.yml:7:17: claim 'agency-paid-network': confidence: text is empty",
        "events.yml:5:12: event 'report-published': title: 'english' is not a language code "
        "(write en, ro, ...)",
    ]


def test_dataset_outside_the_investigation_is_refused(demo, validate):
    demo.replace(
        "datasets.yml", "file: data/payments.csv", "file: ../../demo-case/data/payments.csv"
    )
    assert validate(demo.path).lines == [
        "datasets.yml:4:11: dataset 'payments': file '../../demo-case/data/payments.csv' is "
        "outside this investigation (keep datasets in this folder, e.g. data/payments.csv)"
    ]


def test_empty_or_shapeless_files(demo, validate):
    demo.write("events.yml", "- report-published\n")
    demo.write("relations.yml", "relations:\n")
    assert validate(demo.path).lines == [
        "events.yml:1:1: events.yml must be a mapping that starts with 'events:' "
        "(write 'events:' on the first line and indent the items under it)",
        "relations.yml:1:11: relations should be a list, not nothing",
    ]


def test_a_folder_without_story_yml_is_not_an_investigation(demo, validate):
    (demo.path / "story.yml").rename(demo.path / "story.yaml")
    outcome = validate(demo.path)
    assert outcome.lines == [
        ".:1:1: no investigation found (each investigation is a folder with a story.yml)"
    ]
    assert outcome.result.investigations == []
    assert outcome.result.errors


def test_a_misnamed_content_file_is_reported_not_ignored(demo, validate):
    demo.write("events.yaml", demo.read("events.yml"))
    assert validate(demo.path).lines == [
        "events.yaml:1:1: unknown content file 'events.yaml' (content files are: story.yml, "
        "sources.yml, claims.yml, events.yml, actors.yml, relations.yml, cases.yml, "
        "datasets.yml, charts.yml)"
    ]


def test_true_and_false_in_a_text_field_say_what_was_read(demo, validate):
    demo.replace("actors.yml", "aliases: [EA]", "aliases: [true]")
    assert validate(demo.path).lines == [
        "actors.yml:8:15: actor 'example-agency': aliases should be text, not the yes/no value true"
    ]
