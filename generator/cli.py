"""The command line: ``python -m generator COMMAND``, every command listed by ``--help``.

Editors and CI see only diagnostics and a summary here, never a traceback for bad content.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.diagnostics import Diagnostic, Severity
from generator.model import Investigation
from generator.pipeline import Result, load_and_check
from generator.schema import SCHEMA_DIR, write_schemas


def _problems(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _belongs_to(diagnostic: Diagnostic, investigation: Investigation) -> bool:
    root = Path(investigation.root).as_posix().rstrip("/") + "/"
    return Path(diagnostic.location.path).as_posix().startswith(root)


def _summary(result: Result) -> str:
    """The totals, then what was checked: each story with its counts, and with several
    stories, each one's own problems, so that an error in one is not read as the other's."""
    parts = []
    several = len(result.investigations) > 1
    for investigation in result.investigations:
        counts = ", ".join(
            f"{n} {kind if n != 1 else kind.removesuffix('s')}"
            for kind, n in investigation.counts().items()
            if n
        )
        failed = ", ".join(sorted(investigation.incomplete.values()))
        if failed:
            counts += f"; in {failed} only the items without errors were checked"
        part = f"{investigation.slug} ({counts})"
        if several:
            own = [d for d in result.diagnostics if _belongs_to(d, investigation)]
            part += f" has {_problems(own)}" if own else " has none"
        parts.append(part)
    checked = "; ".join(parts) or "nothing"
    if several:
        checked = f"{len(parts)} stories: {checked}"
    return f"{_problems(result.diagnostics)} in {checked}"


def _report(result: Result) -> None:
    for diagnostic in result.diagnostics:
        print(diagnostic)
    print(_summary(result))


def cmd_validate(args: argparse.Namespace) -> int:
    result = load_and_check(Path(args.content_dir), strict=args.strict)
    _report(result)
    return 1 if result.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path.as_posix()}")
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    from generator.reference import stale_reference, write_reference

    if args.check:
        problem = stale_reference(Path(args.out))
        if problem:
            print(problem, file=sys.stderr)
            return 1
        print(f"{Path(args.out).as_posix()} is up to date")
        return 0
    print(f"wrote {write_reference(Path(args.out)).as_posix()}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from generator.migrate import migrate

    report = migrate(Path(args.content_dir), dry_run=args.dry_run)
    for line in report.lines(args.dry_run):
        print(line)
    return 1 if report.errors or report.for_editor else 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator.new_story import NewStoryError, create_story, parse_languages

    try:
        folder = create_story(Path(args.content_dir), args.slug, parse_languages(args.languages))
    except NewStoryError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"created {folder.as_posix()}: replace its fictional example with your story")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build_site  # MkDocs is imported only when building

    return build_site(Path(args.config), Path(args.site_dir), strict=args.strict)


def cmd_render(args: argparse.Namespace) -> int:
    """The plain docs trees; content errors are reported like ``validate``'s."""
    from generator.diagnostics import ContentError
    from generator.plain_tree import render

    try:
        site = render(Path(args.config), Path(args.out), strict=args.strict)
    except ContentError as exc:
        print(exc)
        print(f"{len(exc.diagnostics)} error(s); nothing was written")
        return 1
    except FileExistsError as exc:
        print(f"{exc}: render into a new or empty folder", file=sys.stderr)
        return 1
    for warning in site.warnings:
        print(warning)
    out = Path(args.out).as_posix()
    for language in site.built_languages:
        print(f"wrote {out}/{language}/ (build it: mkdocs build -f {out}/{language}/mkdocs.yml)")
    print(f"then: python -m generator finish {out}")
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    from generator.build import finish_site

    return finish_site(Path(args.out), Path(args.site_dir))


def cmd_import(args: argparse.Namespace) -> int:
    """A TimelineJS file as an events.yml draft; what could not be mapped goes to stderr."""
    from generator.exports.timelinejs_import import events_yaml, read_timeline

    draft = read_timeline(Path(args.file))
    for diagnostic in draft.diagnostics:
        print(diagnostic, file=sys.stderr)
    if any(d.severity == "error" for d in draft.diagnostics):
        print("nothing written: fix the errors above and import again", file=sys.stderr)
        return 1
    text = events_yaml(draft)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(draft.events)} events)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check sourced investigation content and build the explainer site.",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check content; exit 1 on errors")
    validate.add_argument(
        "content_dir",
        nargs="?",
        default="content",
        metavar="CONTENT_DIR",
        help="folder of investigations, or one investigation (default: content)",
    )
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="write JSON Schemas for the content files")
    schema.add_argument("--out", default=str(SCHEMA_DIR), help="output folder (default: schema)")
    schema.set_defaults(run=cmd_schema)

    reference = commands.add_parser(
        "reference", help="write the key reference of every content file, from the model"
    )
    reference.add_argument(
        "--out", default="docs/reference.md", help="output file (default: docs/reference.md)"
    )
    reference.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is out of date"
    )
    reference.set_defaults(run=cmd_reference)

    migrate = commands.add_parser(
        "migrate",
        help="rewrite each status its sources do not support to the one they do",
        description="Rewrite, in place, each claim's and relation's status that the evidence "
        "standard refuses to the status its sources support, keeping comments and formatting. "
        "Exit 1 when an item needs an editor's decision.",
    )
    migrate.add_argument(
        "content_dir", metavar="CONTENT_DIR", help="folder of investigations, or one investigation"
    )
    migrate.add_argument("--dry-run", action="store_true", help="print the changes; write nothing")
    migrate.set_defaults(run=cmd_migrate)

    new = commands.add_parser(
        "new",
        help="start a story: every file, with an example that validates and every key",
        description="Create CONTENT_DIR/SLUG with every content file: a small fictional example "
        "that validates and builds at once, and under it every key the file takes.",
    )
    new.add_argument("slug", metavar="SLUG", help="the story's folder name, e.g. harbour-2025")
    new.add_argument(
        "--languages",
        default="en",
        help="the story's languages, the first the default: e.g. en,ro (default: en)",
    )
    new.add_argument(
        "--content-dir", default="content", help="where stories live (default: content)"
    )
    new.set_defaults(run=cmd_new)

    importer = commands.add_parser(
        "import", help="turn another tool's file into a content draft (TimelineJS: events.yml)"
    )
    importer.add_argument("format", choices=["timelinejs"], help="the file's format")
    importer.add_argument(
        "file", metavar="FILE", help="TimelineJS JSON, or its spreadsheet saved as CSV"
    )
    importer.add_argument("-o", "--output", help="write the draft here (default: stdout)")
    importer.set_defaults(run=cmd_import)

    build = commands.add_parser("build", help="validate, then build the site atomically")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--config", default="mkdocs.yml", help="MkDocs config (default: mkdocs.yml)")
    build.add_argument("--site-dir", default="site", help="output folder (default: site)")
    build.set_defaults(run=cmd_build)

    render = commands.add_parser(
        "render", help="write a plain docs tree per language, for any MkDocs-compatible builder"
    )
    render.add_argument("out", metavar="OUT", help="a new or empty folder")
    render.add_argument("--strict", action="store_true", help="treat warnings as errors")
    render.add_argument(
        "--config", default="mkdocs.yml", help="MkDocs config (default: mkdocs.yml)"
    )
    render.set_defaults(run=cmd_render)

    finish = commands.add_parser(
        "finish", help="after building each rendered tree: put the languages together, finish"
    )
    finish.add_argument("out", metavar="OUT", help="the folder `render` wrote")
    finish.add_argument("--site-dir", default="site", help="output folder (default: site)")
    finish.set_defaults(run=cmd_finish)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
