"""A second, fictional study built by the same generator: other categories, no chimerism, no
other studies, a stacked chart. Nothing in macros/ may be tied to the imatinib cohort."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from conftest import ROOT, build, study_project
from scipy.stats import binomtest
from test_site_build import html_pages, visible_text

FICTIONAL = ROOT / "tests" / "fictional"

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    project = tmp_path_factory.mktemp("fictional") / "project"
    study_project(FICTIONAL, project)
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_every_page_builds_without_the_real_study(fictional):
    pages = html_pages(fictional.site)
    assert {"index.html", "outcomes/index.html", "audit/index.html"} <= set(pages)
    for name, page in pages.items():
        text = visible_text(page)
        for word in ("imatinib", "chimerism", "CML", "French", "abstract"):
            assert word not in text, (name, word)


def test_numbers_and_intervals_follow_the_studys_own_settings(fictional):
    # 90% Wilson intervals, as its study.yml asks
    ci = binomtest(18, 40).proportion_ci(confidence_level=0.9, method="wilson")
    expected = f"18/40 (45%; 90% CI {round(100 * ci.low):.0f}% to {round(100 * ci.high):.0f}%)"
    assert expected in visible_text(fictional.page("index.html"))
    assert "Wilson score" in visible_text(fictional.page("index.html"))


def test_a_chart_kind_the_real_study_does_not_use(fictional):
    page = fictional.page("outcomes/index.html")

    def figure_of(title: str) -> dict:
        (found,) = [f for f in re.findall(r'<figure class="evidence-chart".*?</figure>', page,
                                          re.S) if f"<strong>{title}.</strong>" in f]
        return json.loads(html.unescape(re.search(r'data-figure="([^"]*)"', found).group(1)))

    figure = figure_of("Disease status at 12 months")
    assert figure["layout"]["barmode"] == "stack"
    assert [t["text"][0].rsplit(": ", 1)[1] for t in figure["data"]] == \
        ["18/40", "10/40", "7/40", "5/40"]
    assert figure_of("Adverse events")["data"][0]["text"] == ["12/40", "9/40", "4/40"]


def test_the_audit_reads_the_fictional_numbers(fictional):
    audit = visible_text(fictional.page("audit/index.html"))
    assert "account for 35 of 40 patients. Status not reported: 5 patients." in audit
    # patients with none of several adverse events are not missing
    assert "Adverse events" not in audit


def test_the_output_check_passes_the_fictional_site_and_names_what_breaks_it(fictional, tmp_path,
                                                                          capsys):
    from macros.publish.site_check import main

    assert main([str(fictional.site)]) == 0

    def broken(name: str, path: str, change) -> str:
        """The check's message on a copy of the site with one page changed after the build."""
        site = tmp_path / name
        shutil.copytree(fictional.site, site)
        page = site / path
        page.write_text(change(page.read_text(encoding="utf-8")), encoding="utf-8")
        capsys.readouterr()
        assert main([str(site)]) == 1
        return capsys.readouterr().err

    overview = fictional.page("index.html")
    count, n = re.search(r'data-count="([a-z_0-9]+)">([0-9]+)<', overview).groups()
    err = broken("number", "index.html", lambda page: page.replace(
        f'data-count="{count}">{n}<', f'data-count="{count}">{int(n) + 1}<', 1))
    assert f"index.html: the number {count} reads '{int(n) + 1}', not '{n}'" in err, err

    chart = re.search(r'id="(fig-[^"]+)"', fictional.page("outcomes/index.html")).group(1)
    err = broken("chart", "outcomes/index.html",
                 lambda page: page.replace(f'id="{chart}"', 'id="gone"'))
    assert f"outcomes/index.html: the chart {html.unescape(chart)} is missing" in err, err
