"""Abbreviation definitions: a page gets those of the glossary terms it uses, no others."""

from __future__ import annotations

import markdown

from macros.pages.abbreviations import Abbreviations, PageAbbreviations

GLOSSARY = [
    {"term": "CML", "expansion": "chronic myeloid leukaemia"},
    {"term": "SCT", "expansion": "stem cell transplantation"},
    {"term": "HSCT", "expansion": "haematopoietic stem cell transplantation"},
    {"term": "DLI", "expansion": "donor lymphocyte infusion"},
]
TABLE = ('<div class="table-wrap"><table><caption>Response</caption>\n'
         "<tbody>\n<tr><td>12</td></tr>\n</tbody></table></div>")


def post_page(markdown_text: str, glossary=GLOSSARY) -> str:
    """A page's rendered Markdown as the site's Markdown extension passes it on."""
    md = markdown.Markdown(extensions=[PageAbbreviations(Abbreviations(glossary))])
    return "\n".join(md.preprocessors["page_abbreviations"].run(markdown_text.split("\n")))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["abbr", "tables", "attr_list"])


def test_a_page_gets_only_the_definitions_of_the_terms_it_uses():
    page = post_page("Relapse of CML after HSCT.\n")
    assert "*[CML]: chronic myeloid leukaemia" in page
    assert "*[HSCT]:" in page
    assert "*[SCT]:" not in page  # only inside HSCT, not a word of its own
    assert "*[DLI]:" not in page


def test_a_page_that_uses_no_term_is_left_as_it_is():
    assert post_page("Nothing to explain here.\n") == "Nothing to explain here.\n"


def test_terms_are_whole_words_and_case_counts():
    abbreviations = Abbreviations(GLOSSARY)
    assert abbreviations.used_in("DLIs, cml, SCTX") == []
    assert abbreviations.used_in("(DLI) and SCT.") == ["SCT", "DLI"]


def test_the_page_in_html_has_an_abbr_for_a_used_term_and_none_for_others():
    page = to_html(post_page("Relapse of CML.\n"))
    assert '<abbr title="chronic myeloid leukaemia">CML</abbr>' in page
    assert "donor lymphocyte" not in page


def test_the_extension_gives_a_converted_page_its_abbreviations():
    extension = PageAbbreviations(Abbreviations(GLOSSARY))
    page = markdown.markdown("Relapse of CML.\n\n" + TABLE + "\n",
                             extensions=["abbr", "tables", extension])
    assert '<abbr title="chronic myeloid leukaemia">CML</abbr>' in page
    assert "<td>12</td>" in page and "donor lymphocyte" not in page


def test_a_term_equal_to_a_markdown_placeholder_word_does_not_blank_a_page():
    # Python-Markdown keeps raw HTML aside behind placeholders made of this word; a
    # definition for it would wrap the placeholders and the table would never come back.
    glossary = [*GLOSSARY, {"term": "wzxhzdk", "expansion": "placeholder"}]
    page = to_html(post_page(f"Relapse of CML.\n\n{TABLE}\n", glossary))
    assert "<td>12</td>" in page and "wzxhzdk" not in page
    # The hazard is real: with every definition appended, the table is gone.
    everything = "\n".join(Abbreviations(glossary).definitions.values())
    blanked = to_html(f"Relapse of CML.\n\n{TABLE}\n\n{everything}\n")
    assert "<td>12</td>" not in blanked

