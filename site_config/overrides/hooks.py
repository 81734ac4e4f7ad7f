"""Theme fixes no template override can make: MkDocs hook, enabled in mkdocs.yml.

mkdocs-material's base.html writes its drawer and search toggles outside any template block as
``<input type="checkbox" ... autocomplete="off">``, which is invalid HTML (the Nu checker:
autocomplete is not allowed on checkboxes). The attribute is there so Firefox does not restore a
ticked toggle (an open search or drawer) when a page is reloaded. The same effect, validly: the
toggles belong to an empty form that carries ``autocomplete="off"``, which Firefox honours for
the controls of that form.
"""

from __future__ import annotations

TOGGLES_FORM = '<form id="__md-toggles" autocomplete="off" hidden></form>\n    '


def valid_toggles(html: str) -> str:
    fixed = html
    for name in ("drawer", "search"):
        fixed = fixed.replace(
            f'type="checkbox" id="__{name}" autocomplete="off">',
            f'type="checkbox" id="__{name}" form="__md-toggles">',
            1,
        )
    if fixed == html:
        return html
    first = fixed.index('<input class="md-toggle" data-md-toggle="drawer"')
    return fixed[:first] + TOGGLES_FORM + fixed[first:]


def on_post_page(output: str, page, config) -> str:
    return valid_toggles(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """Pages rendered from a theme template alone, such as 404.html."""
    return valid_toggles(output_content) if template_name.endswith(".html") else output_content
