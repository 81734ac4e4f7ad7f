"""Turning pydantic's validation errors into lines an editor can act on.

Pydantic reports ``loc`` paths and terse messages; editors need the file position, the item's id,
the words they used and a fix. This module is the only place that knows pydantic's error types.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, did_you_mean
from generator.model import SourceRef
from generator.text import LANGUAGE_PATTERN
from generator.yaml_source import YamlDocument

_KIND_WORDS = {
    dict: "a mapping (key: value)",
    list: "a list",
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    type(None): "nothing",
}

_EXPECTED = {
    "model_type": "a mapping (key: value)",
    "dict_type": "a mapping (key: value)",
    "list_type": "a list",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _describe(value: Any) -> str:
    """The editor's value in words; short text is quoted, so 'not 'yes'' shows what was read."""
    if isinstance(value, str) and 0 < len(value) <= 40 and "\n" not in value:
        return f"'{value}'"
    if isinstance(value, bool):  # YAML true/false: say which one was read
        return f"the yes/no value {str(value).lower()}"
    return _KIND_WORDS.get(type(value), type(value).__name__)


# Patterns of model fields, in words (editors should not have to read regular expressions).
_PATTERN_HINTS = {
    LANGUAGE_PATTERN: "write a language code such as en, ro or en-GB",
    r"^[A-Z]{2}$": "write a two-letter country code in capitals, such as RO or DE",
    r"^[A-Z]{3}$": "write a three-letter currency code in capitals, such as USD or EUR",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "use letters, digits and _ only, starting with a letter",
    r"^[A-Za-z0-9_./-]+\.csv$": "name a .csv file in this folder, such as data/payments.csv",
}

# Custom errors whose message does not say which field it is about.
_NAMELESS = frozenset({"text_empty", "text_type", "text_language", "date_type"})


def _slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (Optional, Annotated and unions opened)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class found at ``loc`` inside ``model``, for naming the keys it allows."""
    current: Any = model
    for part in loc:
        candidates = _unwrap(current)
        step = None
        for candidate in candidates:
            if isinstance(part, int) and get_origin(candidate) is list:
                step = get_args(candidate)[0]
            elif (
                isinstance(part, str)
                and isinstance(candidate, type)
                and issubclass(candidate, BaseModel)
            ):
                field = candidate.model_fields.get(part) or next(
                    (f for f in candidate.model_fields.values() if f.alias == part), None
                )
                if field is not None:
                    step = field.annotation
            if step is not None:
                break
        if step is None:
            return None
        current = step
    found = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return found[0] if found else None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items() if not field.exclude]


def _item_label(document: YamlDocument, loc: tuple[Any, ...]) -> str:
    """'claim 'x': ' for errors inside a list item with an id, so messages name the item."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        kind = loc[0].rstrip("s") if loc[0] != "sources" else "source"
        data = document.data
        try:
            item = data[loc[0]][loc[1]]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{kind} '{item['id']}': "
        return f"{kind} #{loc[1] + 1}: "
    return ""


def _field_name(loc: tuple[Any, ...]) -> str:
    """The key an editor wrote, with its parent when nested in a mapping: 'amount.value'."""
    trailing: list[str] = []
    for part in reversed(loc[1:]):
        if not isinstance(part, str):
            break
        trailing.insert(0, part)
    if trailing:
        return ".".join(trailing)
    return next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")


def _union_members(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One error per place for values that may take several shapes (``list[str] | str``).

    Pydantic reports every shape it tried. When one shape fitted the value's outside (a list
    whose items are wrong), only that shape's errors matter; when none did, the shapes are
    merged into one 'should be a list or text' error.
    """
    groups: dict[tuple[Any, ...], dict[Any, list[dict[str, Any]]]] = {}
    for error in errors:
        tag = next((i for i, part in enumerate(error["loc"]) if _is_union_tag(part)), None)
        if tag is not None:
            base, member = error["loc"][:tag], error["loc"][tag]
            groups.setdefault(base, {}).setdefault(member, []).append(error)
    results, done = [], set()
    for error in errors:
        tag = next((i for i, part in enumerate(error["loc"]) if _is_union_tag(part)), None)
        if tag is None:
            results.append(error)
            continue
        base = error["loc"][:tag]
        if base in done:
            continue
        done.add(base)
        members = groups[base]
        deep = [errs for errs in members.values() if any(len(e["loc"]) > tag + 1 for e in errs)]
        if deep:
            results.extend(deep[0])
        elif len(members) == 1 or not all(
            e["type"] in _EXPECTED for errs in members.values() for e in errs
        ):
            results.extend(next(iter(members.values())))
        else:
            words = dict.fromkeys(_EXPECTED[e["type"]] for errs in members.values() for e in errs)
            results.append({**error, "loc": base, "type": "union", "expected": " or ".join(words)})
    return results


def diagnostics_from(
    error: ValidationError, document: YamlDocument, model: type[BaseModel]
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed at the value (or key) it is about."""
    return [
        _diagnostic(item, document, model)
        for item in _union_members(error.errors(include_url=False))
    ]


def _diagnostic(item: Any, document: YamlDocument, model: type[BaseModel]) -> Diagnostic:
    """An editor's words for one pydantic error, by its type."""
    loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
    kind = item["type"]
    label = _item_label(document, loc)
    field = _field_name(loc)
    where = document.where(loc)
    if kind == "extra_forbidden":
        return _unknown_key(document, model, loc, label)
    if kind == "missing":
        return Diagnostic(
            document.where(loc[:-1]),
            f"{label}missing required key '{loc[-1]}'",
            f"add '{loc[-1]}:'",
        )
    if kind in ("literal_error", "enum"):
        expected = item.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(item["input"], choices) or f"choose one of: {', '.join(choices)}"
        return Diagnostic(where, f"{label}'{item['input']}' is not a valid {field}", hint)
    if kind == "model_type" and model_at(model, loc) is SourceRef:
        return Diagnostic(
            where,
            f"{label}{field} should be a source id or {{id: ..., locator: ...}}, "
            f"not {_describe(item['input'])}",
        )
    if kind in _EXPECTED or kind == "union":
        return _wrong_type(item, label, field, where)
    if kind == "string_pattern_mismatch":
        pattern = item["ctx"]["pattern"]
        return Diagnostic(
            where,
            f"{label}'{item['input']}' is not a valid {field}",
            _PATTERN_HINTS.get(pattern, f"it must match {pattern}"),
        )
    if kind == "slug":
        suggestion = _slugify(str(item["input"]))
        return Diagnostic(
            where, f"{label}{item['msg']}", f"for example '{suggestion}'" if suggestion else None
        )
    if kind == "date_range":
        return _date_range(model, loc, item, label, field, where)
    if kind in ("too_short", "string_too_short"):
        return Diagnostic(where, f"{label}{field} must not be empty")
    if kind in _NAMELESS:
        return Diagnostic(where, f"{label}{field}: {item['msg']}")
    return Diagnostic(where, f"{label}{item['msg']}")


def _unknown_key(
    document: YamlDocument, model: type[BaseModel], loc: tuple[Any, ...], label: str
) -> Diagnostic:
    """A key the model does not have, at the key itself, with the key probably meant."""
    parent = model_at(model, loc[:-1])
    choices = allowed_keys(parent) if parent else []
    hint = did_you_mean(loc[-1], choices) or (
        f"allowed keys: {', '.join(choices)}" if choices else None
    )
    return Diagnostic(document.where_key(loc), f"{label}unknown key '{loc[-1]}'", hint)


def _wrong_type(item: Any, label: str, field: str, where: Any) -> Diagnostic:
    """A value of the wrong shape: what was expected, what was written, and for a list written
    as one value how to write it as a list."""
    expected = item["expected"] if item["type"] == "union" else _EXPECTED[item["type"]]
    hint = None
    if expected == "a list" and isinstance(item["input"], str):
        hint = f"write [{item['input']}], or one '- ' line per item"
    elif expected == "a list" and isinstance(item["input"], dict):
        hint = "start each item with '- '"
    return Diagnostic(
        where, f"{label}{field} should be {expected}, not {_describe(item['input'])}", hint
    )


def _date_range(
    model: type[BaseModel], loc: tuple[Any, ...], item: Any, label: str, field: str, where: Any
) -> Diagnostic:
    """A range written otherwise than ``A/B``. Only events and relations have an `end:`, for a
    period that lasted: the hint names it there alone, as naming it on a source's or a story's
    date would send the editor to a key that is refused."""
    context = item.get("ctx") or {}
    start, end = context.get("start"), context.get("end")
    parent = model_at(model, loc[:-1])
    fields = parent.model_fields if parent else {}
    hint = None
    if loc[-1] == "end":
        hint = f"for a period that lasted, write its start as 'date: {start}' and its end here"
    elif "end" in fields:
        hint = f"for a period that lasted, write its start here and its end as 'end: {end}'"
    return Diagnostic(where, f"{label}{item['msg']}", hint)


def _is_union_tag(part: Any) -> bool:
    """Pydantic adds the tried member's name to ``loc`` inside unions; positions ignore it."""
    return isinstance(part, str) and (
        part in ("str", "int", "float", "bool", "constrained-str")
        or part.startswith(("function-", "list[", "dict[", "union[", "tagged-union["))
    )
