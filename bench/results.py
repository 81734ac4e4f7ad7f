"""bench/RESULTS.md is assembled from sections, each rewritten by the benchmark that owns it."""

from __future__ import annotations

import re
from pathlib import Path

TITLE = "# Benchmark results\n\nRegenerate every table with the command named in its section.\n"


def update_section(path: Path, heading: str, body: str) -> None:
    """Replace (or append) the ``## heading`` section of the results file, leaving the others."""
    text = path.read_text("utf-8") if path.exists() else TITLE
    section = f"## {heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text, "utf-8")


def order_sections(path: Path, headings: list[str]) -> None:
    """Put the ``## `` sections in the order of ``headings`` (others after them, as they were)."""
    text = path.read_text("utf-8")
    head, *sections = re.split(r"^(?=## )", text, flags=re.MULTILINE)
    named = {section.splitlines()[0][3:].strip(): section for section in sections}
    ordered = [named.pop(h) for h in headings if h in named] + list(named.values())
    body = "".join(s.rstrip() + "\n\n" for s in ordered).rstrip() + "\n"
    path.write_text(head.rstrip() + "\n\n" + body, "utf-8")
