"""Which pages mkdocs-macros may render: only those an editor opted in, never text made from YAML.

mkdocs-macros is configured with ``render_by_default: false`` and renders a page only when its front
matter says ``render_macros: true``. Pages we hand to MkDocs are given an explicit switch: a content page
carries the value of its own ``macros:`` field, every other generated page (Resources, glossary, the
Start Here flow) carries ``render_macros: false``, which mkdocs-macros honours before anything else.
"""

from __future__ import annotations

SWITCH = "render_macros"


def content_page_source(body: str, macros: bool) -> str:
    """The Markdown MkDocs reads for a content page: a front matter holding only the switch, then the body.

    The body is always preceded by this front matter, so MkDocs never mistakes its first lines
    for metadata.
    """
    return f"---\n{SWITCH}: {'true' if macros else 'false'}\n---\n\n{body}"


def generated_page_source(markdown: str) -> str:
    """A generated page's Markdown with ``render_macros: false`` set in its front matter (added if it has none)."""
    if markdown.startswith("---\n"):
        head, separator, rest = markdown[4:].partition("\n---\n")
        if separator:
            kept = [line for line in head.splitlines() if not line.startswith(f"{SWITCH}:")]
            return "\n".join(["---", *kept, f"{SWITCH}: false", "---", rest])
    return content_page_source(markdown, macros=False)
