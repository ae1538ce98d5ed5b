"""What guideline users expect: certainty of the evidence, the source as published, plain
numbers for patients and families, harms beside those of other treatments."""

from __future__ import annotations

from markupsafe import Markup

from ..evidence.certainty import CertaintyTable
from ..evidence.source_text import SourceText
from .guideline import PlainNumbers
from .harms import HarmsTable
from .registry import page_macro
from .view import View


def certainty(v: View) -> CertaintyTable:
    return v.cached("certainty", lambda: CertaintyTable(v.ev.data))


def source(v: View) -> SourceText:
    return v.cached("source", lambda: SourceText(v.ev.data))


@page_macro
def certainty_tally(v: View, plain: bool = False) -> Markup:
    return certainty(v).tally(plain)


@page_macro
def certainty_judged(v: View) -> Markup:
    return certainty(v).judged_text()


@page_macro
def abstract_sentences(v: View) -> Markup:
    return source(v).abstract_sentences()


@page_macro
def sic_count(v: View) -> Markup:
    return source(v).sic_count()


@page_macro
def claim_quote(v: View, claim: str) -> Markup:
    return source(v).claim_quote(claim, v.here())


@page_macro
def number(v: View, cid: str) -> Markup:
    return PlainNumbers(v.ev).number(cid)


@page_macro
def of_count(v: View, cid: str, of: str | None = None, noun: str = "") -> Markup:
    return PlainNumbers(v.ev).of_count(cid, of, noun)


@page_macro
def median(v: View, did: str) -> Markup:
    return PlainNumbers(v.ev).median(did)


@page_macro
def harms_table(v: View) -> Markup:
    return HarmsTable(v.ev, v.glossary, here=v.here, view=v).harms_table()
