"""The stages of a build, named by the functions that run them: for profiles and samples alike.

Each stage is (label, [(path suffix, function name), ...]). A build is in a stage while one of
its functions is on the stack; labels indented with two spaces lie inside the stage above.
"""

from __future__ import annotations

GENERATOR_OWN = (
    "the generator's own work, all of it (loading to rendering, charts, Markdown extension, CSP)"
)

# (stage, [(path suffix, function name), ...]): a stage's time is the largest cumulative time
# among its functions (they are alternatives or nest), so nothing is counted twice.
STAGES = (
    ("whole build (mkdocs.commands.build.build)", [("mkdocs/commands/build.py", "build")]),
    ("load + check content (load_and_check)", [("generator/pipeline.py", "load_and_check")]),
    ("  of which loading YAML into the model", [("generator/loader.py", "load_investigation")]),
    ("  of which checks", [("generator/checks.py", "check")]),
    (
        "plan the pages, start rendering them in the background (render_site)",
        [("generator/render/site.py", "render_site")],
    ),
    ("build chart figures (ChartSet.build)", [("generator/charts/embed.py", "build")]),
    ("  of which the network's force layout", [("generator/charts/layout.py", "force_layout")]),
    ("  of which timeline figures", [("generator/charts/types/timeline.py", "figure")]),
    ("serialise chart JSON (ChartSet.files)", [("generator/charts/embed.py", "files")]),
    ("Markdown → HTML (_populate_page)", [("mkdocs/commands/build.py", "_populate_page")]),
    (
        "  of which waiting for a page still rendering (InBackground.result)",
        [("generator/parallel.py", "result")],
    ),
    (
        "  of which chart figures (ChartSet.element)",
        [("generator/charts/embed.py", "element")],
    ),
    (
        "  of which the explainer's Markdown extension (all its processors)",
        [
            ("generator/render/markdown_ext.py", "run"),
            ("generator/render/markdown_ext.py", "handleMatch"),
        ],
    ),
    ("page templates + nav per page (_build_page)", [("mkdocs/commands/build.py", "_build_page")]),
    ("theme templates, all (_build_template)", [("mkdocs/commands/build.py", "_build_template")]),
    ("navigation (get_navigation)", [("mkdocs/structure/nav.py", "get_navigation")]),
    ("copy static files", [("mkdocs/structure/files.py", "copy_static_files")]),
    ("link and anchor validation", [("mkdocs/structure/pages.py", "validate_anchor_links")]),
    (
        "on_post_build: languages, CSP, search index",
        [("generator/mkdocs_plugin.py", "on_post_build")],
    ),
    ("  of which the Content-Security-Policy pass", [("generator/csp.py", "apply_to_site")]),
    ("  of which the search index (Pagefind)", [("generator/search_index.py", "build")]),
    (
        GENERATOR_OWN,
        [
            ("generator/mkdocs_plugin.py", "on_config"),
            ("generator/mkdocs_plugin.py", "on_files"),
            ("generator/mkdocs_plugin.py", "on_post_build"),
            ("generator/render/markdown_ext.py", "run"),
            ("generator/parallel.py", "result"),
        ],
    ),
    ("across stages: finding items by id (Resolver.item)", [("generator/render/links.py", "item")]),
    ("across stages: placing citations in files", [("generator/yaml_source.py", "where_in_text")]),
)  # fmt: skip
SUMMED = {
    GENERATOR_OWN,
    "  of which the explainer's Markdown extension (all its processors)",
}


def stages_on(stack: list[tuple[str, str]]) -> list[str]:
    """The labels of every stage whose function is somewhere on ``stack`` ((file, function)s)."""
    found = []
    for label, functions in STAGES:
        if any(
            name == wanted and path.endswith(suffix)
            for path, name in stack
            for suffix, wanted in functions
        ):
            found.append(label)
    return found
