"""What a reader may type for what a text says: plain functions of the text and the glossary."""

from __future__ import annotations

import html
import re

from ..glossary.model import Glossary, Term

COMPOUND = re.compile(r"\b[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+\b")
"""A hyphenated compound with a letter in it: 'buy-in', 'D-SNP', 'person-centered' (not a date, '2019-04')."""
_WORDS = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^>]*>")


def joined(word: str) -> str:
    """A compound as readers also type it, in one piece: 'buy-in' -> 'buyin', 'D-SNP' -> 'dsnp'."""
    return "".join(_WORDS.findall(word.lower()))


def plain_text(markup: str) -> str:
    """The words of an index entry's HTML (its tags dropped, its entities read)."""
    return html.unescape(_TAG.sub(" ", markup))


def closed_forms(text: str) -> list[str]:
    """Each hyphenated compound of ``text`` closed up into one word, once, in order of first use.

    The search splits words at hyphens, so 'buy-in' finds 'buy-in' and 'buy in'; the closed forms let 'buyin' and
    'DSNP' find 'buy-in' and 'D-SNP' too (the search worker also closes up two words typed apart:
    ``search/query.js``)."""
    return list(dict.fromkeys(joined(match) for match in COMPOUND.findall(text)))


def plain(text: str) -> str:
    """Lowercase words separated by single spaces, for finding a long form whatever its hyphens or case."""
    return " ".join(_WORDS.findall(text.lower().replace("&", " and ")))


def uses(text: str, term: Term) -> bool:
    """Whether ``text`` writes the acronym, alone, plural or in a compound ('QMBs', 'QMB-eligible'; not 'QMB+')."""
    return re.search(rf"(?<![\w+-]){re.escape(term.term)}s?(?![\w+])", text) is not None


def synonyms(text: str, found: Glossary) -> list[str]:
    """For each glossary term ``text`` uses, the forms it does not use: the long form of an acronym it uses, the
    acronym (and its closed form, 'DSNP') of a long form it spells out."""
    used = {term.term for term in found.terms.values() if uses(text, term)}
    spelled = f" {plain(text)} "
    out: list[str] = []
    for term in found.terms.values():
        long_form = plain(term.expansion)
        says_long_form = f" {long_form} " in spelled or f" {long_form}s " in spelled
        if term.term in used and not says_long_form:
            out.append(term.expansion)
        if says_long_form and term.term not in used:
            out.append(term.term)
        if (term.term in used or says_long_form) and "-" in term.term:
            out.append(joined(term.term))
    return out
