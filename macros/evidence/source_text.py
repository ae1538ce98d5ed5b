"""The source as published: the abstract sentence by sentence, links to it, verbatim quotes.

The abstract is data (data/abstract.csv). A number's provenance (the `source` column) is
said in words: a sentence of the abstract ("Abstract sentence 4"), or a section, table or
figure of a full article ("Table 2", "Results, para 3"). Every "Abstract sentence N" a data
file gives must name a sentence of the abstract, and every claim's verbatim words must occur in the
sentence its source names: the build checks both. Printing errors stay as printed; the
spans listed in the `sic` column are marked [sic] where they are shown.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import rows
from ..i18n import _, and_list
from .render import esc, tooltip

SENTENCE = re.compile(r"\bAbstract sentence ([0-9]+)\b")
SOURCE_PAGE = "source/"
# Data files whose `source` column names sentences of the abstract.
SOURCED = ("counts", "durations", "claims", "context_harms")


def anchor(n: int) -> str:
    return f"s{n}"


def relative(page_url: str, target: str) -> str:
    """Link from the page at `page_url` ('response/', '' for the home page) to `target`."""
    path = page_url.strip("/")
    return "../" * (path.count("/") + 1 if path else 0) + target


# 'Abstract sentence 9; Abstract sentence 10', said as 'Abstract sentences 9 and 10'.
SENTENCES = re.compile(r"\bAbstract sentence [0-9]+(?:; Abstract sentence [0-9]+)*\b")


def _numbers(run: str) -> list[int]:
    return sorted({int(n) for n in SENTENCE.findall(run)})


def _sentences(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return _("Abstract sentence {n}").format(n=numbers[0])
    return _("Abstract sentences {numbers}").format(numbers=and_list(numbers))


def in_words(source_text: str) -> str:
    """The text with its sentences of the abstract named in the language of the page (plain
    text, for a tooltip)."""
    return SENTENCES.sub(lambda m: _sentences([str(n) for n in _numbers(m.group())]),
                         source_text)


def source_link(source_text: str, page_url: str) -> Markup:
    """The text with its sentences of the abstract named, each number a link to that
    sentence of the Source page ('Abstract sentences 9 and 10'); everything else escaped."""
    out, at = [], 0
    for m in SENTENCES.finditer(source_text):
        out.append(str(esc(source_text[at:m.start()])))
        numbers = _numbers(m.group())
        links = [f'<a class="source-link" href="'
                 f'{relative(page_url, f"{SOURCE_PAGE}#{anchor(n)}")}">{{}}</a>' for n in numbers]
        if len(numbers) == 1:
            words = _sentences([str(numbers[0])])
            out.append(links[0].format(esc(words)))
        else:
            marker = [f"\ufdd2{i}\ufdd3" for i in range(len(numbers))]
            words = str(esc(_sentences(marker)))
            for i, n in enumerate(numbers):
                words = words.replace(marker[i], links[i].format(n))
            out.append(words)
        at = m.end()
    out.append(str(esc(source_text[at:])))
    return Markup("".join(out))


def _sic_spans(cell: str | None) -> list[str]:
    return [s for s in (cell or "").split("; ") if s]


def marked(text: str, sic: list[str]) -> Markup:
    """The text escaped, each printing error followed by a [sic] mark."""
    out = str(esc(text))
    title = tooltip(_("As printed"))
    for span in sic:
        done = str(esc(span))
        out = out.replace(done, f'{done} <span class="sic" title="{title}">[sic]</span>')
    return Markup(out)


# -- checks ---------------------------------------------------------------------------------

def check_source(data: Dataset) -> None:
    shown = f"data/{data.files['abstract']}"
    sentences = {int(r["sentence"]): r for r in rows(data["abstract"])}
    for i, row in enumerate(rows(data["abstract"]), start=1):
        where = {"line": row["_line"], "row": row["_line"] - 1}
        if row["sentence"] != i:
            raise DataError(shown, f"expected the sentences numbered in order from 1, found"
                            f" {row['sentence']} where {i} belongs", column="sentence", **where)
        for span in _sic_spans(row["sic"]):
            if span not in row["text"]:
                raise DataError(shown, f"expected each printing error listed in 'sic' to be"
                                f" words of the sentence as printed, found '{span}', which it"
                                " does not hold", column="sic", **where)
    for name in SOURCED:
        if name not in data.tables:
            continue
        file = f"data/{data.files[name]}"
        for row in rows(data[name]):
            where = {"line": row["_line"], "row": row["_line"] - 1}
            for m in SENTENCE.finditer(row["source"] or ""):
                if int(m.group(1)) not in sentences:
                    raise DataError(
                        file, f"expected a sentence of the abstract ({len(sentences)} in"
                        f" {shown}), found '{m.group(0)}'", column="source", **where)
            # verbatim words are checked against the sentence their source names; a claim
            # cited by section, table or figure has no sentence here to check them against
            if name == "claims" and row["verbatim"] and SENTENCE.search(row["source"]):
                n = int(SENTENCE.search(row["source"]).group(1))
                if row["verbatim"] not in sentences[n]["text"]:
                    raise DataError(
                        file, f"expected the verbatim words to occur, exactly as printed, in"
                        f" abstract sentence {n} ({shown}, line {sentences[n]['_line']}),"
                        " found words it does not hold", column="verbatim", **where)


# -- what pages show ------------------------------------------------------------------------

class SourceText:
    def __init__(self, data: Dataset) -> None:
        self.sentences = {int(r["sentence"]): r for r in rows(data["abstract"])}
        self.claims = {r["id"]: r for r in rows(data["claims"])}

    def abstract_sentences(self) -> Markup:
        """The abstract, one numbered item per sentence, each with its anchor."""
        link = tooltip(_("Link to this sentence"))
        items = "".join(
            f'<li id="{anchor(n)}" value="{n}">{marked(r["text"], _sic_spans(r["sic"]))}'
            f' <a class="sentence-anchor" href="#{anchor(n)}" title="{link}">'
            f'¶</a></li>'
            for n, r in self.sentences.items()
        )
        return Markup(f'\n\n<ol class="abstract-sentences" lang="en">{items}</ol>\n\n')

    def sic_count(self) -> Markup:
        return esc(sum(len(_sic_spans(r["sic"])) for r in self.sentences.values()))

    def claim_quote(self, claim_id: str, page_url: str) -> Markup:
        """The authors' own words for a claim, quoted, with a link to their sentence."""
        claim = self.claims[claim_id]
        if not claim["verbatim"]:
            return Markup("")
        sentence = SENTENCE.search(claim["source"])
        if sentence is None:  # cited by section, table or figure: quoted as it stands
            return Markup(f'<q class="verbatim" lang="en">{esc(claim["verbatim"])}</q>'
                          f" ({source_link(claim['source'], page_url)})")
        n = int(sentence.group(1))
        sic = [s for s in _sic_spans(self.sentences[n]["sic"]) if s in claim["verbatim"]]
        return Markup(f'<q class="verbatim" lang="en">{marked(claim["verbatim"], sic)}</q>'
                      f" ({source_link(claim['source'], page_url)})")
