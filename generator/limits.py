"""Every limit on what content may hold, in one table, each with the reason for its value.

Content is untrusted input: a pull request can hold a file of any size, a dataset of a million
rows or a chart of a hundred thousand nodes. Each limit below is set well above what a real
investigation needs (the shipped story, and bench/synthetic.py's 10,000-event one) and well below
where a build gets slow or large enough to hurt the machine or the reader; the figures quoted
were measured on the project's 2-core machine. Past a limit the content is refused with an error
at the place it is crossed, and a hint saying what to split or aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import MAX_FILE_BYTES


@dataclass(frozen=True)
class Limit:
    name: str
    value: int
    unit: str
    why: str


MAX_YAML_DEPTH = 100
MAX_DATASET_ROWS = 100_000
MAX_DATASET_COLUMNS = 100
MAX_CELL_CHARS = 10_000
MAX_GRAPH_NODES = 20_000
MAX_GRAPH_LINKS = 20_000


LIMITS = (
    Limit(
        "file size",
        MAX_FILE_BYTES,
        "bytes",
        "any content file (YAML, Markdown, CSV); set in generator/diagnostics.py. A 10,000-event "
        "events.yml with its text in two languages is about 8 MB; past twice that a file is more "
        "likely a mistake than content. Refused from its reported size unread, and a read stops "
        "one byte past it (devices and /proc files report no size).",
    ),
    Limit(
        "YAML nesting",
        MAX_YAML_DEPTH,
        "levels",
        "content needs about five; PyYAML recurses once per level and its scanner's look-ahead "
        "grows with the square of block indentation, so 10,000 '[' took seconds and much memory.",
    ),
)
