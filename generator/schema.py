"""JSON Schemas for editors' YAML tools, generated from the model (never written by hand).

Each content file starts with ``# yaml-language-server: $schema=...`` pointing at one of these,
so an editor's YAML extension completes keys and flags mistakes while typing.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.model import FILE_MODELS

SCHEMA_DIR = Path("schema")


def schema_for(kind: str) -> dict:
    schema = FILE_MODELS[kind].model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{kind}.yml"
    return schema


def write_schemas(out_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind; returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_MODELS:
        path = out_dir / f"{kind}.schema.json"
        path.write_text(
            json.dumps(schema_for(kind), indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written
