"""A copy of the demo investigation with injection payloads in every plain-text field and CSV cell.

Each payload carries a marker (``xss-<field>``) so that a test can tell where anything that ran or
became markup came from. Plain text must come out as the same visible text; Markdown fields are
refused by the validator instead (see MARKDOWN_PAYLOADS).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "tests" / "fixtures" / "valid" / "demo-case"

TEMPLATES = [
    "<script>alert('{m}')</script>",
    "<img src=x onerror=\"alert('{m}')\">",
    "\"><svg onload=alert('{m}')><\"",
    "[click {m}](javascript:alert('{m}'))",
    "![{m}](data:image/svg+xml,<svg onload=alert(1)>)",
    "<!-- {m} --><![CDATA[ {m} ]]>",
    "{{{{ 7*7 }}}} {{% if true %}}{m}{{% endif %}}",
    "<a href='javascript:alert(1)'>{m}</a>",
    "<iframe src=javascript:alert('{m}')></iframe>",
]


def payload(marker: str, index: int) -> str:
    """One payload, different per field, always carrying the field's marker."""
    return TEMPLATES[index % len(TEMPLATES)].format(m=f"xss-{marker}")


# Markdown fields are checked for raw HTML and unsafe links: the build must refuse these.
MARKDOWN_PAYLOADS = [
    ("<script>alert(1)</script>", "raw HTML is not allowed ('<script>')"),
    (
        "Read <img src=x onerror=alert(1)> this",
        "raw HTML is not allowed ('<img src=x onerror=alert(1)>')",
    ),
    ("<svg><script>alert(1)</script></svg>", "raw HTML is not allowed ('<svg>')"),
    ("[click](javascript:alert(1))", "link target 'javascript:alert(1)' is not allowed"),
    ("[click](JaVaScRiPt:alert(1))", "link target 'JaVaScRiPt:alert(1)' is not allowed"),
    (
        "![pixel](data:image/png;base64,AAAA)",
        "image 'data:image/png;base64,AAAA' is not on this site",
    ),
    ("[x](&#106;avascript:alert(1))", "link target '&#106;avascript:alert(1)' is not allowed"),
    ("[x](javascript&colon;alert(1))", "link target 'javascript&colon;alert(1)' is not allowed"),
    ("[x](java&#9;script:alert(1))", "link target 'java&#9;script:alert(1)' is not allowed"),
    ("![x](/\\evil.example/a.png)", "image '/\\evil.example/a.png' is not on this site"),
    (
        "![x](&#47;&#47;evil.example/a.png)",
        "image '&#47;&#47;evil.example/a.png' is not on this site",
    ),
    (
        "![x](https&#58;//evil.example/a.png)",
        "image 'https&#58;//evil.example/a.png' is not on this site",
    ),
    (
        "Claim `\n\n<script>window.location.replace('https://evil.example')</script>\n\n`",
        "raw HTML is not allowed ('<script>')",
    ),
    (
        'x `\n\n<meta http-equiv="refresh" content="0;url=https://evil.example">\n\n`',
        "raw HTML is not allowed ('<meta",
    ),
    ("[x]: vbscript:msgbox(1)\n\n[x]", "link target 'vbscript:msgbox(1)' is not allowed"),
    ("<!-- hidden --> text", "raw HTML is not allowed ('<!-- hidden -->')"),
    ("<![CDATA[ x ]]>", "raw HTML is not allowed ('<![CDATA[ x ]]>')"),
]


# Markdown the validator accepts because the site reads it as text: there are no attribute
# lists, so these must come out as visible braces, never as attributes.
MARKDOWN_SHOWN_AS_TEXT = [
    "Paid {m}.{{onclick=alert('{m}')}}",
    "*{m}*{{#__config}}",
    'Cover {m}\n{{: style="position:fixed;top:0;left:0;width:100%;z-index:99999" }}',
    "![{m}](/assets/favicon.svg){{onload=alert('{m}') srcset=\"https://evil.example/{m}.png 1x\"}}",
]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def hostile_investigation(folder: Path) -> Path:
    """Write the hostile copy into ``folder/demo-case`` and return its path."""
    case = folder / "demo-case"
    shutil.copytree(DEMO, case)
    counter = iter(range(1000))

    def hostile(marker: str) -> str:
        return payload(marker, next(counter))

    story = _load(case / "story.yml")
    story["story"]["title"] = {"en": hostile("story-title"), "ro": hostile("story-title-ro")}
    story["story"]["languages"] = ["en", "ro"]  # both trees are built, and both are checked
    story["story"]["dek"] = hostile("story-dek")
    story["story"]["authors"] = [hostile("author")]
    story["story"]["lanes"] = {"agency": hostile("lane")}
    _dump(case / "story.yml", story)

    sources = _load(case / "sources.yml")
    for index, source in enumerate(sources["sources"]):
        source["title"] = hostile(f"source-title-{index}")
        source["publisher"] = hostile(f"publisher-{index}")
        source["note"] = hostile(f"source-note-{index}")
    _dump(case / "sources.yml", sources)

    actors = _load(case / "actors.yml")
    for index, actor in enumerate(actors["actors"]):
        actor["name"] = hostile(f"actor-name-{index}")
        actor["role"] = hostile(f"actor-role-{index}")
        actor["aliases"] = [hostile(f"alias-{index}")]
    _dump(case / "actors.yml", actors)

    claims = _load(case / "claims.yml")
    for index, claim in enumerate(claims["claims"]):
        claim["confidence"] = hostile(f"confidence-{index}")
        text = MARKDOWN_SHOWN_AS_TEXT[index % len(MARKDOWN_SHOWN_AS_TEXT)]
        claim["statement"] = text.format(m=f"xss-statement-{index}") + " [@agency-report-2024]"
    _dump(case / "claims.yml", claims)

    events = _load(case / "events.yml")
    for index, event in enumerate(events["events"]):
        event["title"] = hostile(f"event-title-{index}")
    _dump(case / "events.yml", events)

    relations = _load(case / "relations.yml")
    for index, relation in enumerate(relations["relations"]):
        relation["label"] = hostile(f"relation-label-{index}")
    _dump(case / "relations.yml", relations)

    datasets = _load(case / "datasets.yml")
    for index, dataset in enumerate(datasets["datasets"]):
        dataset["title"] = hostile(f"dataset-title-{index}")
        for column in dataset["columns"]:
            column["label"] = hostile(f"column-{column['name']}")
            column["unit"] = hostile(f"unit-{column['name']}") if column.get("unit") else None
            column = {k: v for k, v in column.items() if v is not None}
    _dump(case / "datasets.yml", datasets)

    charts = _load(case / "charts.yml")
    for index, chart in enumerate(charts["charts"]):
        chart["title"] = hostile(f"chart-title-{index}")
        chart["subtitle"] = hostile(f"chart-subtitle-{index}")
        chart["description"] = hostile(f"chart-description-{index}")
    _dump(case / "charts.yml", charts)

    csv_path = case / "data" / "payments.csv"
    lines = csv_path.read_text("utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    cells = [
        "\"<script>alert('xss-csv')</script>\"",
        '"=HYPERLINK(""http://evil.example"")"',
        "\"<img src=x onerror=alert('xss-csv-2')>\"",
    ]
    rows = [
        f"{row.split(',', 1)[0]},{cells[i % len(cells)]},{row.rsplit(',', 3)[-3]},"
        f"{row.rsplit(',', 2)[-2]},{row.rsplit(',', 1)[-1]}"
        for i, row in enumerate(rows)
    ]
    csv_path.write_text("\n".join([header, *rows]) + "\n", "utf-8")

    page = case / "pages" / "overview.md"
    text = page.read_text("utf-8")
    text = text.replace(
        "title: What happened", f"title: {yaml.safe_dump(hostile('page-title')).strip()}"
    )
    text = text.replace(
        "description: The fictional case in three paragraphs.",
        f"description: {yaml.safe_dump(hostile('page-description')).strip()}",
    )
    page.write_text(text, "utf-8")
    return case
