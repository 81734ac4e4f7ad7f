"""The JSON Schemas editors' YAML tools use: generated from the model, and agreeing with it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.model import FILE_MODELS
from generator.yaml_source import parse_yaml

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
VALID_CASE = TESTS / "fixtures" / "valid" / "demo-case"
# The demo case and the fictional stories the site tests build
FIXTURE_FILES = sorted(VALID_CASE.glob("*.yml")) + sorted(
    (TESTS / "fixtures" / "stories").glob("*/*.yml")
)
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<ref>\S+)\s*$")


def content_files() -> list[Path]:
    """YAML files of the real investigations under content/ (being written; may be absent)."""
    return sorted((ROOT / "content").glob("*/*.yml"))


def yaml_data(path: Path):
    """The file as the editor's YAML tool sees it: YAML 1.2, dates stay strings."""
    document, errors = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert errors == [], errors
    return document.data


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("schema")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "schema", "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in FILE_MODELS)
    assert len(run.stdout.splitlines()) == len(FILE_MODELS)  # one 'wrote ...' line per file
    return {
        kind: json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for kind in FILE_MODELS
    }


def errors_for(schemas: dict[str, dict], kind: str, data) -> list[str]:
    validator = Draft202012Validator(schemas[kind])
    return [error.message for error in validator.iter_errors(data)]


def test_one_draft_2020_12_schema_per_file_kind(schemas):
    assert set(schemas) == {
        "story",
        "sources",
        "claims",
        "events",
        "actors",
        "relations",
        "cases",
        "datasets",
        "charts",
    }
    for kind, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == f"{kind}.yml"
        assert schema["required"] == [kind]
        assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_valid_fixture_files_match_their_schema(schemas, path):
    assert errors_for(schemas, path.stem, yaml_data(path)) == []


@pytest.mark.parametrize(
    "path",
    content_files() or [pytest.param(None, marks=pytest.mark.skip("no content/*/ yet"))],
    ids=lambda p: f"{p.parent.name}/{p.name}" if p else "none",
)
def test_content_files_match_their_schema(schemas, path):
    assert path.stem in FILE_MODELS, f"{path.name} is not a content file kind"
    assert errors_for(schemas, path.stem, yaml_data(path)) == []


@pytest.mark.parametrize(
    "path",
    [*content_files(), *FIXTURE_FILES],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_yaml_files_name_their_schema_on_the_first_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path} must start with '# yaml-language-server: $schema=...'"
    reference = match["ref"]
    assert reference.endswith(f"/{path.stem}.schema.json")
    # relative to the file, it must reach schema/ at the project root, where
    # `python -m generator schema` writes (README: ../../schema/<kind>.schema.json)
    assert (path.parent / reference).resolve() == ROOT / "schema" / f"{path.stem}.schema.json"


def test_unknown_key_fails_schema_validation(schemas):
    data = yaml_data(VALID_CASE / "claims.yml")
    data["claims"][0]["atributed_to"] = ["test-inspector"]
    assert errors_for(schemas, "claims", data) == [
        "Additional properties are not allowed ('atributed_to' was unexpected)"
    ]


@pytest.mark.parametrize(
    ("kind", "edit", "fragment"),
    [
        ("claims", lambda d: d["claims"][0].update(status="aleged"), "'aleged' is not one of"),
        ("claims", lambda d: d["claims"][0].pop("status"), "'status' is a required property"),
        ("sources", lambda d: d["sources"][0].update(id="Bad_Id"), "does not match"),
        ("sources", lambda d: d["sources"][0].update(url="javascript:alert(1)"), "does not match"),
        ("events", lambda d: d["events"][0].update(date="24/11/2024"), "is not valid under any"),
        ("story", lambda d: d["story"].update(authors="Test Reporter"), "is not of type 'array'"),
        ("actors", lambda d: d["actors"][0].update(kind="org"), "'org' is not one of"),
        ("claims", lambda d: d["claims"][0].update(sources=[3]), "is not valid under any"),
    ],
)
def test_schema_flags_what_the_loader_refuses(schemas, kind, edit, fragment):
    data = yaml_data(VALID_CASE / f"{kind}.yml")
    edit(data)
    messages = errors_for(schemas, kind, data)
    assert len(messages) == 1
    assert fragment in messages[0]


def test_schema_accepts_both_forms_of_a_source_reference(schemas):
    data = yaml_data(VALID_CASE / "claims.yml")
    sources = data["claims"][0]["sources"]
    assert sources[0] == {"id": "agency-report-2024", "locator": "p. 3"}
    assert sources[1] == "example-news-2024-11-30"
    assert errors_for(schemas, "claims", data) == []


def test_broken_corpus_unknown_key_fails_schema_too(schemas):
    data = yaml_data(TESTS / "broken" / "unknown-key" / "claims.yml")
    assert errors_for(schemas, "claims", data) == [
        "Additional properties are not allowed ('atributed_to' was unexpected)"
    ]
