"""Where acronyms occur: the check that each one on a page is in the glossary, and the abbreviations
added to each page, so that each acronym carries its expansion (``<abbr title>``, shown by browsers on hover).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..render.page import RESOURCES_BY_TOPIC_URI, RESOURCES_URI
from ..structure.memo import remembered
from ..structure.model import Page, Toolkit
from ..structure.problems import Location, Problems
from .model import Glossary, glossary

ACRONYM = re.compile(r"(?<![\w\-/.#&])([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\+?)(s?)(?![\w\-+])")
"""A word in capitals (2 or more capitals), with inner hyphens or a final '+', perhaps plural: 'D-SNPs'.

Mixed-case acronyms such as 'MedPAC' are not found by this pattern; list them anyway and pages get
their tooltips."""
ROMAN_NUMERAL = re.compile(r"^[IVX]+$")
"""'Module II', 'Title XIX': capitals that are numbers, not acronyms."""
NOT_PROSE = re.compile(
    r"`[^`]*`"  # code
    r"|\]\([^)]*\)"  # link targets
    r"|<[^>]*>"  # HTML tags
    r"|https?://\S+"  # bare addresses
    r"|\{\{.*?\}\}|\{%.*?%\}"  # macro calls
    r"|^\*\[[^\]]*\]:.*$"  # abbreviation definitions
    r"|\{[:#.][^}]*\}"  # attribute lists
)


@remembered(maxsize=65536)
def acronyms_in(text: str) -> tuple[str, ...]:
    """The acronyms in one line of Markdown prose, singular, in order.

    Kept by line: the preview loads the content again after each save, and only the edited lines are new."""
    prose = NOT_PROSE.sub(" ", text)
    words = (match.group(1) for match in ACRONYM.finditer(prose))
    return tuple(word for word in words if sum(c.isupper() for c in word) >= 2 and not ROMAN_NUMERAL.match(word))


def _page_lines(page: Page) -> Iterator[tuple[int, str]]:
    yield page.line_of("title"), page.title
    yield page.line_of("summary"), page.summary
    for index, question in enumerate(page.questions):
        yield page.line_of("questions", index), question
    yield from page.body_lines()


def undefined_acronyms(toolkit: Toolkit) -> list[tuple[Location, str]]:
    """Each acronym on a content page that the glossary does not define, once per page, where it first occurs."""
    found = glossary(toolkit)
    if found is None:
        return []
    out = []
    for page in toolkit.pages.values():
        reported: set[str] = set()
        for line, text in _page_lines(page):
            for word in acronyms_in(text):
                if word in found.terms or word in found.ignored or word in reported:
                    continue
                reported.add(word)
                out.append((Location(page.source, line), word))
    return out


def validate_usage(toolkit: Toolkit, problems: Problems) -> None:
    """Report each acronym on a content page that the glossary does not define (once per page)."""
    found = glossary(toolkit)
    for where, word in undefined_acronyms(toolkit):
        problems.add(
            where,
            f"acronym '{word}' is not in the glossary",
            f"add it to {found.path if found else 'content/glossary.yml'} with its expansion and definition,"
            " or an 'ignore:' entry with a 'reason:'",
        )


def _abbr_title(expansion: str) -> str:
    """The expansion as an abbreviation title: one line. Markdown takes it as plain text, and the
    HTML serializer escapes it as an attribute, so escaping here would show up as '&amp;'."""
    return " ".join(expansion.split())


def abbreviations(found: Glossary) -> dict[str, str]:
    """Every term and its plural ('D-SNPs'), with its expansion."""
    expansions = {term: _abbr_title(entry.expansion) for term, entry in found.terms.items()}
    return {**{f"{term}s": title for term, title in expansions.items()}, **expansions}


def abbr_glossary(toolkit: Toolkit) -> dict[str, dict[str, Any]]:
    """The glossary as ``abbr``'s settings: each term, wherever it occurs on a page, carries its expansion."""
    found = glossary(toolkit)
    return {"abbr": {"glossary": abbreviations(found)}} if found is not None else {}


WITHOUT_TOOLTIPS = frozenset({RESOURCES_URI, RESOURCES_BY_TOPIC_URI})
"""Pages whose acronyms get no tooltip. The Resources pages list every document title as published, with
hundreds of acronyms: an element for each made the longest page longer to lay out on a phone, and with
Material's tooltips kept its main thread busy for over a second (bench/lighthouse/run.py --details). Each
acronym there is in the glossary, and has its tooltip on the pages that cite the document."""


def without_tooltips(uri: str, markdown: str, toolkit: Toolkit) -> str:
    """On the pages ``WITHOUT_TOOLTIPS``, the glossary's terms found in the text switched off (``abbr`` drops an
    abbreviation whose title is ``""``)."""
    found = glossary(toolkit)
    if found is None or uri not in WITHOUT_TOOLTIPS:
        return markdown
    lines = [f'*[{word}]: ""' for word in sorted(abbreviations(found)) if word in markdown]
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n" if lines else markdown
