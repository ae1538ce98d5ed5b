"""Escaping in render.py and figure building in figures.py, on small inputs."""

from __future__ import annotations

import html
import json

import markdown
import pandas as pd
import pytest

from macros.evidence import render
from macros.evidence.render import Glossary, esc, table
from macros.figures import figures

PAYLOADS = ["</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))", "{{ 7*7 }}", "{% include 'mkdocs.yml' %}", "*a* _b_"]


def test_escaped_text_survives_markdown_as_literal_text():
    md = markdown.Markdown(extensions=["attr_list", "abbr"])
    for payload in PAYLOADS:
        out = md.convert(f"Before {esc(payload)} after")
        assert "<script" not in out and "<img" not in out and "<a " not in out
        assert "<em>" not in out
        text = html.unescape(out.removeprefix("<p>").removesuffix("</p>"))
        assert text == f"Before {payload} after"


def test_table_escapes_plain_cells_and_keeps_markup_cells():
    out = table(["h"], [["<b>x</b>"], [esc("y")]], "cap <i>")
    assert "<b>" not in out and "<i>" not in out
    assert html.unescape(out).count("<b>x</b>") == 1
    assert "\n\n" not in out.strip()  # no blank line inside: Markdown leaves the block alone


def test_glossary_wraps_whole_words_only():
    g = Glossary({"CCR": "complete cytogenetic response", "CI": "confidence interval"})
    out = g.text("CCR and CIRCLE <CI>")
    assert out.count("<abbr") == 2
    assert "CIRCLE" in out


def summary(labels):
    return pd.DataFrame({"label": labels, "n": [3, 2], "total": [26, 26],
                         "percent": [100 * 3 / 26, 100 * 2 / 26], "low": [2.4, 0.9],
                         "high": [30.2, 25.1], "derived": [False, True], "level": 95})


def test_category_figure_carries_every_row_with_escaped_labels():
    fig = figures.fig_categories(summary(["<b>bold</b>", "Not reported"]), "T <i>",
                                 "% of <em>patients</em>")
    data = json.loads(figures.figure_json(fig))
    bar = data["data"][0]
    assert bar["y"] == ["&lt;b&gt;bold&lt;/b&gt;", "Not reported"]
    assert bar["text"] == ["3/26", "2/26"]
    assert data["layout"]["title"]["text"] == "T &lt;i&gt;"
    assert data["layout"]["xaxis"]["title"]["text"] == "% of &lt;em&gt;patients&lt;/em&gt;"
    assert bar["error_x"]["array"][0] == round(30.2 - 100 * 3 / 26, 1)
    assert bar["marker"]["pattern"]["shape"] == ["", "/"]  # derived rows are hatched, not only grey


def test_figure_json_is_small():
    fig = figures.fig_categories(summary(["a", "b"]), "T", "%")
    assert len(figures.figure_json(fig)) < 3000


@pytest.mark.parametrize("label, lowered", [
    ("Patients treated", "patients treated"), ("CCR at last follow-up", "CCR at last follow-up"),
    ("L'imatinib est efficace", "l'imatinib est efficace"),
    ("D’après le résumé", "d’après le résumé"),
    ("O'Brien 2003", "O'Brien 2003"), ("A", "A"), ("", ""),
    # a one-letter word, not an initial: French 'À 3 mois' mid-sentence is 'à 3 mois'
    ("À 3 mois", "à 3 mois"), ("A relapse", "a relapse"), ("B cells", "B cells")])
def test_lower_first_lowers_a_word_or_an_elided_article_but_not_a_name(label, lowered):
    assert render.lower_first(label) == lowered


def test_a_stacked_bar_names_its_parts_with_their_counts_in_the_legend():
    """The parts of a stacked bar keep their counts off the bar end, where the counts of
    separate bars go: every part would land on the same spot, past the plot's edge."""
    from macros.figures.chart_theme import themed

    summary = pd.DataFrame({"label": ["In remission", "Not reported"], "n": [18, 5],
                            "total": [40, 40], "percent": [45.0, 12.5],
                            "derived": [False, True]})
    figure = figures.fig_stacked(summary, "Status", "% of patients").to_plotly_json()
    for width in (360, 720):
        drawn = themed(json.loads(json.dumps(figure, default=str)), "light", width)
        assert not drawn["layout"].get("annotations")
        assert [t["name"] for t in drawn["data"]] == ["In remission: 18/40", "Not reported: 5/40"]
        assert all(t["textposition"] == "none" for t in drawn["data"])


def test_ids_made_from_data_are_plain_words_and_hyphens():
    from macros.evidence.render import html_id

    assert html_id("molecular_remission_lost") == "molecular-remission-lost"
    assert html_id("Kantarjian 2002") == "kantarjian-2002"
    assert html_id('x"><script>{{ 1 }}') == "x-script-1"
