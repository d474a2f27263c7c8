"""The resources as BibTeX (``resources.bib``), for LaTeX users and reference managers.

Entry types follow the kind of document: reports, briefs and fact sheets are ``@techreport`` (the
publisher as ``institution``), guides, manuals and toolkits ``@manual`` (``organization``), the rest
``@misc``. The publisher is also the corporate ``author`` (in braces, so it is never split into
names). Text is UTF-8 with LaTeX's special characters escaped; titles are braced to keep their case.
"""

from __future__ import annotations

from ..structure.memo import remembered
from ..structure.model import Resource, Toolkit
from .exports import sorted_resources

ENTRY_TYPES = {
    "report": "techreport",
    "brief": "techreport",
    "fact-sheet": "techreport",
    "guide": "manual",
    "manual": "manual",
    "toolkit": "manual",
}
PUBLISHER_FIELD = {"techreport": "institution", "manual": "organization", "misc": "publisher"}

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@remembered(maxsize=4096)
def latex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in " ".join(text.split()))


def bib_url(url: str) -> str:
    """Addresses are taken verbatim by BibTeX's url field; only braces (which would end it) are encoded."""
    return url.replace("{", "%7B").replace("}", "%7D")


def entry(resource: Resource) -> str:
    kind = ENTRY_TYPES.get(resource.kind, "misc")
    fields: list[tuple[str, str]] = []
    if resource.publisher:
        fields.append(("author", "{" + latex(resource.publisher) + "}"))
    fields.append(("title", "{" + latex(resource.title) + "}"))
    if resource.publisher:
        fields.append((PUBLISHER_FIELD[kind], latex(resource.publisher)))
    if resource.year is not None:
        fields.append(("year", str(resource.year)))
    if resource.url:
        fields.append(("url", bib_url(resource.url)))
    fields.append(("note", latex(resource.kind.replace("-", " ").capitalize())))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{resource.id},\n{body}\n}}\n"


def resources_bib(toolkit: Toolkit) -> str:
    head = f"% {latex(toolkit.settings.site_name)}: every document the site cites. UTF-8.\n\n"
    return head + "\n".join(entry(r) for r in sorted_resources(toolkit))
