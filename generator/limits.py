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


# Levels of nesting in a YAML file; content needs about five.
MAX_YAML_DEPTH = 100
# A YAML file libyaml refuses is read again by PyYAML's Python parser, whose messages the hints
# are written for, only up to this size. The Python parser took 6 s for an unclosed bracket
# around 0.5 MB of values and 28 s around 2 MB (libyaml: a fraction of a second); larger files
# are reported in libyaml's words, still at their line and column.
MAX_FRIENDLY_YAML_CHARS = 256 * 1024
# Rows of one dataset. Measured with a bar and a line chart on the dataset (load and check, then
# the figure, its picture and the CSV download):
#       rows   CSV     load+check   bar chart   figure JSON   peak memory
#     10,000   0.4 MB      0.9 s       2.2 s       0.3 MB        66 MB
#     50,000   2.1 MB      2.0 s      10.0 s       1.4 MB       114 MB
#    100,000   4.3 MB      3.6 s      13.6 s       2.9 MB       168 MB
#    200,000   8.7 MB      8.2 s      28.3 s       5.8 MB       274 MB
#  1,000,000  13.8 MB    (a build took 83 s, a 25.8 MB figure and 1.6 GB of memory)
# The shipped story's largest dataset has 14 rows, the 10,000-event benchmark story's 144.
MAX_DATASET_ROWS = 50_000
# Columns a dataset describes; the benchmark's datasets have five at most.
MAX_DATASET_COLUMNS = 100
# Characters in one CSV cell (Python's csv module refuses cells past 131,072 on its own).
MAX_CELL_CHARS = 10_000
# Nodes and links one network or flow chart draws. The 10,000-event benchmark story has 6,000
# relations between 5,160 actors (its money flow: 494 links between 914 actors). Measured:
#   network of relations    6,000 links: 1.1 s, 2.1 MB figure;  12,000: 1.4 s, 3.1 MB;
#                          24,000 links: 3.5 s, 5.2 MB (the benchmark's relations repeated)
#   flow of a dataset       2,000 links, 1,000 nodes: 0.4 s, 0.06 MB figure;
#                          20,000 links, 10,000 nodes: 1.0 s, 0.7 MB (circular or not)
# (Before the flow layout became linear, 1,000 circular flows took 44 s and 2,000 over 120 s.)
MAX_GRAPH_NODES = 10_000
MAX_GRAPH_LINKS = 15_000


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
    Limit(
        "YAML aliases",
        0,
        "aliases",
        "none at all: nine aliases a line for six lines ('billion laughs') stand for 531,441 "
        "values, and an editor never needs one.",
    ),
    Limit(
        "YAML syntax messages in editors' words",
        MAX_FRIENDLY_YAML_CHARS,
        "characters",
        "past it a syntax error is told in libyaml's words: re-reading a refused file with the "
        "Python parser took 28 s for one unclosed bracket around 2 MB of values.",
    ),
    Limit(
        "dataset rows",
        MAX_DATASET_ROWS,
        "rows",
        "at 50,000 rows a dataset loads in 2 s and its chart builds in 10 s with a 1.4 MB figure; "
        "at 100,000 a reader's phone would load a 2.9 MB figure, and a million rows took 83 s "
        "and 1.6 GB. Real datasets here hold tens of rows; larger ones are added up first.",
    ),
    Limit(
        "dataset columns",
        MAX_DATASET_COLUMNS,
        "columns",
        "a chart shows two to five; a wider table is a spreadsheet export to cut down.",
    ),
    Limit(
        "CSV cell",
        MAX_CELL_CHARS,
        "characters",
        "a cell is a value or a label, shown in a table and on a chart; long text belongs in "
        "the dataset's description (a paragraph is about 1,000 characters).",
    ),
    Limit(
        "network and flow nodes",
        MAX_GRAPH_NODES,
        "nodes",
        "about twice the 5,160 actors of the 10,000-event benchmark's network; a flow of 10,000 "
        "nodes builds in 1 s, but no reader can follow it.",
    ),
    Limit(
        "network and flow links",
        MAX_GRAPH_LINKS,
        "links",
        "2.5 times the 6,000 relations of the 10,000-event benchmark; at 24,000 links a network "
        "figure weighs 5.2 MB for a reader to load.",
    ),
)
