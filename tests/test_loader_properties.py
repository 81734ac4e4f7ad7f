"""Property tests: whatever a content file holds, the loader answers with diagnostics or success.

Arbitrary YAML documents, arbitrary text and bytes, and random damage to the fictional full
investigations of tests/fixtures/stories, one English-only and one bilingual (truncation, deleted
or doubled lines, shifted indentation, values of the wrong type, binary junk) must never raise
out of ``load_and_check``; every diagnostic must read ``path:line:column: message`` with positive
numbers and a path naming a file of the case; and hostile files (a 1 MB line, 10,000 levels of
nesting, a 50 MB file) must be answered in bounded time and memory. Work happens on copies in
tmp folders, never on content/ or the fixtures.

Examples are derandomized (the same on every run and in CI) and kept few so the file runs in
about half a minute; ``EXPLAINER_FUZZ=20`` runs twenty times as many, to hunt for new crashes.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator import model, yaml_source
from generator.diagnostics import Diagnostic
from generator.loader import MAX_FILE_BYTES, load_investigation
from generator.pipeline import Result, load_and_check
from generator.render.locale import load_locale
from generator.render.site import render_site
from tests.conftest import VALID_CASE
from tests.sitetools import FIXTURE_STORIES, ROOT, story_folders

T = TypeVar("T")
FUZZ = int(os.environ.get("EXPLAINER_FUZZ", "1"))
PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(count: int) -> settings:
    return settings(PROPERTY, max_examples=count * FUZZ)


TEMPLATES = ROOT / "site_config" / "templates"
DIAGNOSTIC_LINE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): \S")
KINDS = list(model.FILE_MODELS)
# Keys the content model knows, so generated documents reach its validation, not only 'unknown key'
FIELD_NAMES = sorted(
    {
        field.alias or name
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, BaseModel)
        for name, field in value.model_fields.items()
    }
    | set(KINDS)
)


def content_files(case: Path) -> list[str]:
    """Every file the loader reads: YAML, pages and CSV datasets, relative to the case."""
    return sorted(
        path.relative_to(case).as_posix()
        for pattern in ("*.yml", "pages/*.md", "data/*.csv")
        for path in case.glob(pattern)
    )


def measured(run: Callable[[], T]) -> tuple[T, float, int]:
    """The run's result, its wall time in seconds and its peak of Python allocations in bytes."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = run()
        return result, time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def assert_well_formed(diagnostics: list[Diagnostic], case: Path) -> None:
    """Each diagnostic is one 'path:line:column: message' line about a file of this case."""
    case = case.resolve()
    for diagnostic in diagnostics:
        line = str(diagnostic)
        assert line.splitlines() == [line], line
        match = DIAGNOSTIC_LINE.match(line)
        assert match, line
        location = diagnostic.location
        assert isinstance(location.line, int) and isinstance(location.column, int), line
        assert location.line >= 1 and location.column >= 1, line
        path = Path(location.path).resolve()
        assert path.is_file() and path.is_relative_to(case), line
        if path.stat().st_size <= MAX_FILE_BYTES:
            text = path.read_bytes().decode("utf-8", errors="replace")
            assert location.line <= len(text.splitlines()) + 1, line
        assert not NOT_OUR_WORDS.search(diagnostic.message), line


# Words of Python and of pydantic, never of this project: a message holding one leaked an
# exception or a library's default text instead of saying what is wrong in the editor's terms.
NOT_OUR_WORDS = re.compile(
    r"Traceback|Input should|Field required|Extra inputs|Value error|String should|List should"
    r"|pydantic|errors\.pydantic\.dev|NoneType|object has no attribute"
    r"|<class '|Error\(|\bdict\[|\blist\[|\bstr\b|unhashable"
)


def check_case(case: Path) -> Result:
    """load_and_check, then the diagnostics' form; a clean load must also render."""
    result = load_and_check(case)
    assert_well_formed(result.diagnostics, case)
    (investigation,) = result.investigations
    if not result.errors:
        assert investigation.story is not None
        render_site(
            result.investigations, TEMPLATES, load_locale(ROOT / "site_config/locales", "en")
        )
    return result


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    """One copy of the small valid case; each example rewrites one file and puts it back."""
    target = tmp_path_factory.mktemp("properties") / "demo-case"
    shutil.copytree(VALID_CASE, target)
    return target


@pytest.fixture(scope="module")
def story_copies(tmp_path_factory) -> list[Path]:
    """A copy of each fictional story: every file kind, both ways of writing text (one language,
    and {en: ..., ro: ...} mappings)."""
    work = tmp_path_factory.mktemp("stories")
    copies = []
    for story in story_folders(FIXTURE_STORIES):
        copies.append(Path(shutil.copytree(story, work / story.name)))
    return copies


class Rewritten:
    """Replace one file of a case for the length of a ``with`` block."""

    def __init__(self, case: Path, name: str, data: bytes):
        self.path, self.data = case / name, data
        self.original = self.path.read_bytes() if self.path.exists() else None

    def __enter__(self) -> Path:
        self.path.write_bytes(self.data)
        return self.path

    def __exit__(self, *exc) -> None:
        if self.original is None:
            self.path.unlink()
        else:
            self.path.write_bytes(self.original)


# --- arbitrary YAML documents and text --------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2024-13-45",
            "2024-02-30",
            "2024-11",
            "yes",
            "on",
            "https://example.org/x",
            "javascript:alert(1)",
            "[@agency-report-2024]",
            ":actor[nobody]",
            "::chart[none]",
            "<script>x</script>",
            "alleged",
            "example-agency",
            "9" * 5000,
        ]
    ),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def yaml_files(draw) -> tuple[str, bytes]:
    """A content file name and a YAML document for it, often under the key the file expects."""
    kind = draw(st.sampled_from(KINDS))
    document = draw(documents)
    if draw(st.booleans()):
        document = {kind: document if draw(st.booleans()) else [document]}
    text = yaml.safe_dump(
        document,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([None, False, True])),
        sort_keys=False,
        width=draw(st.sampled_from([80, 10**6])),
    )
    return f"{kind}.yml", text.encode("utf-8")


# --- one generated mistake at a known place: the diagnostic names it and points at it -----------

IDS = set()  # filled from the demo case below; generated names avoid them
for _kind in ("sources", "claims", "events", "actors", "relations", "datasets", "charts"):
    _path = VALID_CASE / f"{_kind}.yml"
    if _path.exists():
        IDS |= {item["id"] for item in yaml.safe_load(_path.read_text("utf-8"))[_kind]}
SLUGS = st.from_regex(r"\A[a-z][a-z0-9]{2,10}(-[a-z0-9]{2,8}){0,2}\Z").filter(
    lambda slug: slug not in IDS and slug not in FIELD_NAMES
)
DEMO_CLAIMS = (VALID_CASE / "claims.yml").read_text("utf-8").splitlines(keepends=True)
# the lines that start an item ('  - id: x') and the lines of a 'sources: [a, b]' list
ITEM_STARTS = [i for i, line in enumerate(DEMO_CLAIMS) if line.startswith("  - id: ")]
SOURCE_LISTS = [i for i, line in enumerate(DEMO_CLAIMS) if line.startswith("    sources: [")]


def errors_of(case: Path) -> list[Diagnostic]:
    result = check_case(case)
    return result.errors


@examples(30)
@given(key=SLUGS.map(lambda slug: slug.replace("-", "_")), item=st.sampled_from(ITEM_STARTS))
def test_a_generated_unknown_key_is_named_at_its_line(demo_copy, key, item):
    lines = list(DEMO_CLAIMS)
    lines.insert(item + 1, f"    {key}: fictional value\n")
    with Rewritten(demo_copy, "claims.yml", "".join(lines).encode("utf-8")):
        errors = errors_of(demo_copy)
    claim = DEMO_CLAIMS[item].split(": ", 1)[1].strip()
    assert len(errors) == 1, [str(e) for e in errors]
    (error,) = errors
    assert (Path(error.location.path).name, error.location.line, error.location.column) == (
        "claims.yml",
        item + 2,
        5,
    )
    assert error.message.startswith(f"claim '{claim}': unknown key '{key}'"), str(error)


@examples(30)
@given(ref=SLUGS, where=st.sampled_from(SOURCE_LISTS), first=st.booleans())
def test_a_generated_unknown_source_is_named_at_its_column(demo_copy, ref, where, first):
    """A cited id that does not exist: the error quotes it and points at its first character."""
    line = DEMO_CLAIMS[where]
    inside = line[line.index("[") + 1 : line.index("]")]
    ids = [part.strip() for part in inside.split(",")]
    ids = [ref, *ids] if first else [*ids, ref]
    changed = line[: line.index("[") + 1] + ", ".join(ids) + line[line.index("]") :]
    lines = list(DEMO_CLAIMS)
    lines[where] = changed
    with Rewritten(demo_copy, "claims.yml", "".join(lines).encode("utf-8")):
        errors = errors_of(demo_copy)
    assert [e.message.split(" refers to ")[1] for e in errors] == [f"unknown source '{ref}'"]
    (error,) = errors
    assert Path(error.location.path).name == "claims.yml"
    assert (error.location.line, error.location.column) == (where + 1, changed.index(ref) + 1)


def impossible_part(year: int, month: int, day: int, hour: int, minute: int) -> str | None:
    """Which part of a date an editor must correct, worked out apart from generator/dates.py."""
    if year == 0:
        return "there is no year 0000"
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30]
    days += [31, 31, 30, 31, 30, 31]
    if day == 0:
        return "there is no day 00"
    if day > days[month - 1]:
        return f"has {days[month - 1]} days"
    if hour > 23:
        return f"there is no hour {hour:02d}"
    if minute > 59:
        return f"there is no minute {minute:02d}"
    return None


def part(valid: tuple[int, int], wrong: list[int]) -> st.SearchStrategy[int]:
    """Half the time a valid value, half the time one just past (or far past) the range."""
    return st.one_of(st.integers(*valid), st.sampled_from(wrong))


@examples(60)
@given(
    year=part((1, 9999), [0]),
    month=part((1, 12), [0, 13, 99]),
    day=part((1, 28), [0, 29, 30, 31, 32, 99]),
    hour=part((0, 23), [24, 25, 99]),
    minute=part((0, 59), [60, 99]),
)
# the cases a mistake in the rules is likeliest to get wrong, tried on every run
@example(year=2024, month=11, day=24, hour=21, minute=37)
@example(year=2024, month=2, day=29, hour=23, minute=59)
@example(year=2023, month=2, day=29, hour=0, minute=0)
@example(year=1900, month=2, day=29, hour=0, minute=0)
@example(year=2000, month=2, day=29, hour=12, minute=5)
@example(year=2024, month=11, day=24, hour=24, minute=60)
@example(year=2024, month=0, day=0, hour=0, minute=0)
def test_a_generated_date_is_kept_or_refused_naming_the_wrong_part(
    demo_copy, year, month, day, hour, minute
):
    written = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
    events = (VALID_CASE / "events.yml").read_text("utf-8")
    assert events.count("date: 2024-11-24T21:00\n") == 1
    text = events.replace("date: 2024-11-24T21:00\n", f"date: {written}\n")
    with Rewritten(demo_copy, "events.yml", text.encode("utf-8")):
        result = check_case(demo_copy)
    dates = [e for e in result.errors if "impossible" in e.message]
    problem = impossible_part(year, month, day, hour, minute)
    if problem is None:
        assert dates == []
        (investigation,) = result.investigations
        event = next(e for e in investigation.events if e.id == "inspection")
        assert (event.date.iso(), event.date.start().minute) == (written, minute)
        return
    assert len(dates) == 1, [str(e) for e in result.errors]
    (error,) = dates
    assert (Path(error.location.path).name, error.location.line, error.location.column) == (
        "events.yml",
        11,
        11,
    )
    assert f"'{written}'" in error.message and problem in error.message, str(error)


@examples(120)
@given(yaml_files())
def test_arbitrary_yaml_documents_give_diagnostics(demo_copy, file):
    name, data = file
    with Rewritten(demo_copy, name, data):
        start = time.perf_counter()
        check_case(demo_copy)
        assert time.perf_counter() - start < 10


@examples(60)
@given(documents, st.text(max_size=200))
def test_arbitrary_front_matter_and_body_give_diagnostics(demo_copy, front, body):
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    with Rewritten(demo_copy, "pages/overview.md", text.encode("utf-8")):
        check_case(demo_copy)


YAMLISH = st.text(
    alphabet=st.sampled_from(list(" \n\t-:[]{},#&*!|>'\"%@`?~=\\abcxyz019.ș\u00a0\u2028\x85")),
    max_size=200,
)


@examples(120)
@given(
    st.sampled_from([*(f"{kind}.yml" for kind in KINDS), "pages/overview.md", "data/payments.csv"]),
    st.one_of(
        YAMLISH.map(lambda text: text.encode("utf-8")),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
        st.binary(max_size=300),
    ),
)
def test_arbitrary_text_and_bytes_give_diagnostics(demo_copy, name, data):
    with Rewritten(demo_copy, name, data):
        check_case(demo_copy)


# --- random damage to a full investigation --------------------------------------------------

WRONG_VALUES = [
    "[]",
    "{}",
    "42",
    "-1.5e300",
    "true",
    "null",
    "''",
    "[a, [b, {c: d}]]",
    "{id: x}",
    "2024-13-45",
    "!!binary aGk=",
    '"\\u0000"',
    "|\n  block",
    "*alias",
]
KEY_VALUE = re.compile(rb"^(?P<key>[ \t]*(?:- )?[A-Za-z_]+:)[ \t]*\S.*$", re.MULTILINE)


@st.composite
def damage(draw, data: bytes) -> tuple[str, bytes]:
    """One kind of damage an editor, a merge or a disk could do to a file."""
    lines = data.split(b"\n")
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    how = draw(
        st.sampled_from(["truncate", "delete", "double", "indent", "wrong-type", "junk", "swap"])
    )
    if how == "truncate":
        return how, data[: draw(st.integers(0, len(data)))]
    if how == "delete":
        return how, b"\n".join(lines[:at] + lines[at + draw(st.integers(1, 5)) :])
    if how == "double":  # duplicate keys and ids
        count = draw(st.integers(1, 12))
        return how, b"\n".join(lines[: at + count] + lines[at : at + count] + lines[at + count :])
    if how == "indent":
        count, shift = draw(st.integers(1, 4)), draw(st.integers(-4, 4).filter(bool))
        for index in range(at, min(at + count, len(lines))):
            line = lines[index]
            lines[index] = b" " * shift + line if shift > 0 else line[min(-shift, len(line)) :]
        return how, b"\n".join(lines)
    if how == "wrong-type":
        pairs = list(KEY_VALUE.finditer(data))
        if not pairs:
            return how, data
        pair = pairs[draw(st.integers(0, len(pairs) - 1))]
        value = draw(st.sampled_from(WRONG_VALUES)).encode()
        return how, data[: pair.start()] + pair["key"] + b" " + value + data[pair.end() :]
    if how == "junk":
        offset = draw(st.integers(0, len(data)))
        return how, data[:offset] + draw(st.binary(min_size=1, max_size=16)) + data[offset:]
    other = draw(st.integers(0, max(len(lines) - 1, 0)))
    lines[at], lines[other] = lines[other], lines[at]
    return how, b"\n".join(lines)


@examples(15)
@given(st.data())
def test_damaged_content_gives_diagnostics(story_copies, data):
    case = data.draw(st.sampled_from(story_copies), label="story")
    name = data.draw(st.sampled_from(content_files(case)), label="file")
    how, damaged = data.draw(damage((case / name).read_bytes()), label="damage")
    with Rewritten(case, name, damaged):
        start = time.perf_counter()
        check_case(case)
        assert time.perf_counter() - start < 20, (name, how)


# --- hostile files: bounded time and memory --------------------------------------------------


@pytest.fixture
def case(tmp_path) -> Path:
    target = tmp_path / "demo-case"
    shutil.copytree(VALID_CASE, target)
    return target


def test_a_one_megabyte_line_is_loaded_in_bounded_time_and_memory(case):
    claims = case / "claims.yml"
    claims.write_text(
        claims.read_text("utf-8").replace(
            "statement: The agency published its annual report.",
            "statement: " + "ă" * 500_000 + " x" * 250_000,
        ),
        "utf-8",
    )
    result, seconds, peak = measured(lambda: load_and_check(case))  # about 6 s, traced
    assert seconds < 60 and peak < 500 * 2**20, (seconds, peak)
    assert not result.errors, [str(d) for d in result.errors]
    long_claim = result.investigations[0].claims[2]
    assert len(long_claim.statement) == 1_000_000


def test_a_one_megabyte_line_in_a_page_and_a_csv_cell(case):
    page = case / "pages" / "overview.md"
    page.write_text(page.read_text("utf-8") + "\n" + "word " * 200_000 + "\n", "utf-8")
    csv = case / "data" / "payments.csv"
    csv.write_text(csv.read_text("utf-8") + "2024-07," + "y" * 1_000_000 + ",1,1,true\n", "utf-8")
    result, seconds, peak = measured(lambda: check_case(case))
    assert seconds < 30 and peak < 500 * 2**20, (seconds, peak)
    (error,) = result.errors  # the project's own cell limit, not the csv module's words
    assert error.message.endswith(
        "in column 'recipient' is 1,000,000 characters long, more than the limit of 10,000"
    )


@pytest.mark.parametrize(
    "nesting",
    [
        "[" * 10_000,
        "{a: " * 10_000,
        "\n" + "".join(" " * level + "- \n" for level in range(1_000)),
        "\n" + "".join(" " * level + "a:\n" for level in range(1_000)),
    ],
    ids=["brackets", "braces", "block-lists", "block-mappings"],
)
def test_deep_nesting_is_refused(case, nesting):
    """10,000 levels of '[' (and 1,000 of indentation, which grows as its square) are refused
    at the hundred-and-first, before PyYAML's recursion or the scanner's lookahead costs much."""
    (case / "claims.yml").write_text("claims: " + nesting, "utf-8")
    result, seconds, peak = measured(lambda: check_case(case))
    assert seconds < 30 and peak < 500 * 2**20, (seconds, peak)
    (error,) = result.errors
    assert "nested more than 100 levels deep (flatten the structure)" in str(error)
    assert error.location.line in (1, 101, 102)  # where the 101st level starts


def test_aliases_cannot_multiply_a_file(case):
    """Nine aliases per line, six lines: 'billion laughs' would be 531,441 values."""
    lines = ["claims: []", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    (case / "claims.yml").write_text("\n".join(lines) + "\n", "utf-8")
    result, seconds, peak = measured(lambda: check_case(case))
    assert seconds < 5 and peak < 50 * 2**20, (seconds, peak)
    assert [str(d).split("claims.yml:", 1)[1] for d in result.errors] == [
        "3:8: YAML syntax error: aliases ('*name') are not supported (write the value out again)"
    ]


def test_an_eight_megabyte_events_file_is_read(case):
    """The size of a 10,000-event timeline with its text in two languages is not refused."""
    path = case / "events.yml"
    with path.open("a", encoding="utf-8") as handle:
        comment = "# " + "note " * 200 + "\n"
        while handle.tell() < 8 * 2**20:
            handle.write(comment)
    assert not check_case(case).errors


@pytest.mark.parametrize("name", ["claims.yml", "pages/overview.md", "data/payments.csv"])
def test_a_fifty_megabyte_file_is_refused_unread(case, name):
    """Refused from its size alone: neither the time nor the memory of reading it is spent."""
    path = case / name
    with path.open("ab") as handle:  # a real file on disk, not a sparse one
        block = b"# padding padding padding padding padding padding padding padding\n" * 16384
        while handle.tell() < 50 * 2**20:
            handle.write(block)
    assert path.stat().st_size > MAX_FILE_BYTES
    for load in (lambda: load_investigation(case)[1], lambda: check_case(case).diagnostics):
        diagnostics, seconds, peak = measured(load)
        assert seconds < 5 and peak < 10 * 2**20, (seconds, peak)
        assert [str(d).split(name, 1)[1] for d in diagnostics] == [
            f":1:1: file is {path.stat().st_size // 1024} KB, larger than the "
            f"{MAX_FILE_BYTES // 2**20} MB limit "
            "(split the page or the investigation in two, or move tables into a CSV dataset)"
        ]


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text("abcxyz-_", min_size=1, max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@examples(150)
@given(data=_DATA, flow=st.booleans())
def test_libyaml_and_python_parsers_read_files_alike(data, flow):
    """Files libyaml accepts are read with it (five times faster); PyYAML's own parser reads
    the files it refuses. Both must give the same values and the same positions."""
    if len(yaml_source._PARSERS) < 2:
        pytest.skip("PyYAML was built without libyaml")
    text = yaml.safe_dump({"items": data}, default_flow_style=flow, allow_unicode=True)
    fast, fast_errors = yaml_source._read(yaml_source._PARSERS[0], text, "f.yml")
    slow, slow_errors = yaml_source._read(yaml_source._PARSERS[-1], text, "f.yml")
    assert fast_errors == slow_errors == []
    assert fast.data == slow.data
    assert fast.positions == slow.positions and fast.key_positions == slow.key_positions
    assert fast.scalar_spans == slow.scalar_spans


@examples(150)
@given(data=_DATA, flow=st.booleans())
def test_positions_read_on_demand_match_a_full_read(data, flow):
    """A plain, correct file is read for its data alone; the positions a message asks for
    later must be the ones a full read records, and the data the same."""
    text = yaml.safe_dump({"items": data}, default_flow_style=flow, allow_unicode=True)
    lazy, lazy_errors = yaml_source.parse_yaml(text, "f.yml")
    full, full_errors = yaml_source._read_first(text, "f.yml")
    assert lazy_errors == full_errors == []
    assert lazy.marks is None  # nothing read that no message asked for
    assert lazy.data == full.data
    assert lazy.positions == full.positions and lazy.key_positions == full.key_positions
    assert lazy.scalar_spans == full.scalar_spans


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "aliases"),
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a:\n  <<: {b: 1}\n", "merge keys"),
        ("? [a]\n: 1\n", "plain word"),
        ("a: 1\n---\nb: 2\n", "second document"),
        ("a: " + "[" * 120 + "]" * 120 + "\n", "nested more than"),
    ],
)
def test_files_with_something_to_report_are_read_with_positions(text, message):
    """What the data-only reader cannot say is said by the full reader, at its line."""
    document, errors = yaml_source.parse_yaml(text, "f.yml")
    assert any(message in d.message for d in errors), errors
    assert all(d.location.line for d in errors)
    if document is not None:
        assert document.marks is not None
