"""The search index's shaping (plugins/ltss_toolkit/search/): plain functions, no build. What readers find with
it is tested in a browser (tests/browser/test_search_browser.py, the query set in tests/search/queries.yml)."""

from __future__ import annotations

import json

from ltss_toolkit.glossary.model import Glossary, Term
from ltss_toolkit.search.index import FIELDS, TITLE_BOOST, shape_index
from ltss_toolkit.search.terms import closed_forms, synonyms, uses
from ltss_toolkit.search.worker import shifted_source_map, with_query_step
from ltss_toolkit.structure.model import Page, Resource, Toolkit
from ltss_toolkit.structure.problems import Location

HERE = Location("content/glossary.yml", 1)
GLOSSARY = Glossary(
    terms={
        term.term: term
        for term in (
            Term("D-SNP", "dual eligible special needs plan", "A Medicare Advantage plan...", HERE),
            Term("NEMT", "non-emergency medical transportation", "Rides to medical care...", HERE),
            Term("QMB", "Qualified Medicare Beneficiary", "A Medicare Savings Program...", HERE),
            Term("QMB+", "Qualified Medicare Beneficiary plus full Medicaid", "QMB with full Medicaid...", HERE),
        )
    }
)


def test_compounds_are_closed_up_once_and_dates_are_not() -> None:
    text = "A buy-in agreement, D-SNPs and fee-for-service care (as of 2019-04); another buy-in."
    assert closed_forms(text) == ["buyin", "dsnps", "feeforservice"]


def test_an_acronym_is_used_alone_plural_or_in_a_compound_but_not_as_part_of_another() -> None:
    qmb = GLOSSARY.terms["QMB"]
    assert uses("QMB-eligible people", qmb) and uses("the QMBs", qmb) and uses("(QMB)", qmb)
    assert not uses("QMB+ enrollees", qmb) and not uses("SLMB and QMBX", qmb)
    assert not uses("FIDE-SNP", Term("SNP", "special needs plan", "...", HERE))


def test_a_text_gets_the_forms_of_a_glossary_term_it_does_not_use() -> None:
    assert synonyms("Most states cover non-emergency medical transportation.", GLOSSARY) == ["NEMT"]
    assert synonyms("NEMT brokers", GLOSSARY) == ["non-emergency medical transportation"]
    assert synonyms("States contract with D-SNPs.", GLOSSARY) == ["dual eligible special needs plan", "dsnp"]
    assert synonyms("Dual eligible special needs plans (D-SNPs) must...", GLOSSARY) == ["dsnp"]
    assert synonyms("QMB+ enrollees", GLOSSARY) == ["Qualified Medicare Beneficiary plus full Medicaid"]
    assert synonyms("Nothing to see.", GLOSSARY) == []


def make_page(page_id: str, uri: str, summary: str, resources: tuple[str, ...] = ()) -> Page:
    return Page(page_id, page_id.title(), summary, 1, resources, (), (), "", 1, f"content/{uri}", uri)


def test_the_index_gets_our_fields_summaries_citations_and_other_forms() -> None:
    toolkit = Toolkit()
    poms = Resource("poms", "Program Operations Manual System", "SSA", 2018, None, "manual", (), HERE)
    toolkit.resources["poms"] = poms
    buy_in = make_page("part-a-buy-in", "pathways/part-a-buy-in.md", "How a buy-in helps.", ("poms", "gone"))
    index = {
        "config": {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {
                "location": "pathways/part-a-buy-in/",
                "title": "Part A buy-in",
                "text": "<p>How a buy-in helps.</p><p> </p>",
            },
            {"location": "pathways/part-a-buy-in/#qmb", "title": "QMBs", "text": "<p>Plain words.</p>"},
            {"location": "glossary/", "title": "Glossary", "text": "<dl><dt>NEMT</dt></dl>"},
            {"location": "about/", "title": "About", "text": "<p>Nothing &amp; more</p>"},
        ],
    }
    shaped = shape_index(index, {"pathways/part-a-buy-in/": buy_in}, toolkit, GLOSSARY, frozenset({"glossary/"}))
    assert shaped["config"]["fields"] == {"title": {"boost": TITLE_BOOST}, "text": {"boost": 1.0}, **FIELDS}
    top, section, glossary_page, about = shaped["docs"]
    assert top == {
        "location": "pathways/part-a-buy-in/",
        "title": "Part A buy-in",
        "text": "<p>How a buy-in helps.</p>",
        "keys": "buyin",
        "summary": "How a buy-in helps.",
        "cites": "Program Operations Manual System SSA",
    }
    assert section["keys"] == "Qualified Medicare Beneficiary" and "summary" not in section and "cites" not in section
    assert "keys" not in glossary_page, "the glossary defines every term: it would match every other form"
    assert about == index["docs"][3]
    assert index["docs"][0]["text"].endswith("<p> </p>"), "the index given is not changed"


WORKER = 'addEventListener("message",t=>{});})();\n//# sourceMappingURL=search.a7633da7.min.js.map\n'


def test_the_query_step_goes_before_the_worker_once_and_its_source_map_follows() -> None:
    shaped, lines = with_query_step(WORKER, "/* step */\n")
    assert shaped.endswith(WORKER) and "/* step */" in shaped and lines == shaped.count("\n") - WORKER.count("\n")
    assert with_query_step(shaped, "/* step */\n") == (shaped, 0)
    source_map = '{"version":3,"sources":["a.ts"],"mappings":"AAAA;AACA"}'
    assert json.loads(shifted_source_map(source_map, 2))["mappings"] == ";;AAAA;AACA"
