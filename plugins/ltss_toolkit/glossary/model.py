"""The glossary: every acronym the site uses, defined once in ``content/glossary.yml``.

An entry is either a term (``term``, ``expansion``, ``definition``) or, rarely, an acronym the check
should let pass (``ignore`` with a ``reason``), such as a file format that needs no definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..loading.fields import Field, read_record
from ..loading.readers import yaml_list
from ..loading.yaml_lines import YamlMap
from ..structure.model import Toolkit
from ..structure.problems import Location, Problems

TERM_PATTERN = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\+?$")
"""Letters and digits, single hyphens inside, an optional '+' at the end: 'D-SNP', 'QMB+', 'MedPAC'."""

TERM_FIELDS = (
    Field("term", str, hint="the acronym as it is written on pages, e.g. 'term: D-SNP'"),
    Field("expansion", str, hint="what the letters stand for; it is shown as the acronym's tooltip"),
    Field("definition", str, hint="a sentence or two saying what it is"),
)
IGNORE_FIELDS = (
    Field("ignore", str, hint="the word the acronym check should let pass"),
    Field("reason", str, hint="say why it needs no glossary entry"),
)


@dataclass(frozen=True)
class Term:
    term: str
    expansion: str
    definition: str
    where: Location

    @property
    def anchor(self) -> str:
        """The id of the term on the glossary page: 'term-d-snp', 'term-qmb-plus'."""
        return "term-" + self.term.lower().replace("+", "-plus")


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)
    """Words the acronym check lets pass, with the reason given."""
    path: str = ""


def glossary(toolkit: Toolkit) -> Glossary | None:
    return toolkit.data.get(Glossary)


def read_glossary(text: str, path: str, uri: str, toolkit: Toolkit, problems: Problems) -> None:
    if "/" in uri:
        problems.add(
            Location(path, 1),
            "glossary.yml must be at the top of the content folder",
            "move it to content/glossary.yml",
        )
        return
    found = Glossary(path=path)
    for item, line in yaml_list(text, path, "terms", problems):
        if isinstance(item, YamlMap) and "ignore" in item:
            values = read_record(item, IGNORE_FIELDS, path, line, "ignore entry", problems)
            if values and values["ignore"] and values["reason"]:
                _check_term(values["ignore"], Location(path, item.line_of("ignore")), found, problems)
                found.ignored[values["ignore"]] = values["reason"]
            continue
        values = read_record(item, TERM_FIELDS, path, line, "glossary term", problems)
        if not values or not values["term"]:
            continue
        where = Location(path, item.line_of("term"))
        if not _check_term(values["term"], where, found, problems):
            continue
        if values["expansion"] and values["definition"]:
            found.terms[values["term"]] = Term(values["term"], values["expansion"], values["definition"], where)
    toolkit.data.put(found)


def _check_term(term: str, where: Location, found: Glossary, problems: Problems) -> bool:
    if not TERM_PATTERN.match(term):
        problems.add(
            where,
            f"glossary term '{term}' is not an acronym",
            "use letters, digits, inner hyphens and an optional final '+', e.g. 'D-SNP' or 'QMB+'",
        )
        return False
    if term in found.terms or term in found.ignored:
        first = found.terms[term].where if term in found.terms else None
        problems.add(
            where,
            f"'{term}' is in the glossary twice",
            f"keep one entry; the first is at line {first.line}" if first else "keep one entry",
        )
        return False
    return True
