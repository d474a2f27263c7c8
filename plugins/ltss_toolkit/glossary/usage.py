"""Where acronyms occur: the check that each one on a page is in the glossary, and the abbreviations
added to each page, so that each acronym carries its expansion (``<abbr title>``, shown by browsers on hover).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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


WORD_RUN = re.compile(r"[\w-]+")
"""A word as an abbreviation stands alone: a run of letters, digits, '_' and '-' between other characters."""


def abbreviations_for(markdown: str, found: Glossary) -> list[str]:
    """``*[TERM]: expansion`` lines for the glossary terms (and their plurals) that occur in ``markdown``.

    A term occurs where nothing of a word comes right before or after it. For a term made of word characters
    only, that is one of the page's word runs, all found in one pass; others ('QMB+') are searched for."""
    lines = []
    runs: set[str] | None = None
    for term in sorted(found.terms, key=str.casefold):
        if term not in markdown:  # most terms are not on most pages
            continue
        expansion = _abbr_title(found.terms[term].expansion)
        for word in (term, term + "s"):
            if f"*[{word}]:" in markdown:
                continue
            if WORD_RUN.fullmatch(word):
                runs = set(WORD_RUN.findall(markdown)) if runs is None else runs
                present = word in runs
            else:
                present = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", markdown) is not None
            if present:
                lines.append(f"*[{word}]: {expansion}")
    return lines


WITHOUT_TOOLTIPS = frozenset({RESOURCES_URI, RESOURCES_BY_TOPIC_URI})
"""Pages whose acronyms get no tooltip. The Resources pages list every document title as published, with
hundreds of acronyms: an element for each made the longest page longer to lay out on a phone, and with
Material's tooltips kept its main thread busy for over a second (bench/lighthouse/run.py --details). Each
acronym there is in the glossary, and has its tooltip on the pages that cite the document."""


def add_abbreviations(uri: str, markdown: str, toolkit: Toolkit) -> str:
    found = glossary(toolkit)
    if found is None or uri in WITHOUT_TOOLTIPS:
        return markdown
    lines = abbreviations_for(markdown, found)
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n" if lines else markdown
