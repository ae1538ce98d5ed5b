"""The evidence brief: its page in the real build, its PDFs printed by Chromium from that
build (once per session) on the sheets the page declares, the sizes its text is printed at,
and the print stylesheet of every page."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, real_data
from pdf_type import text_runs
from pypdf import PdfReader

from macros.data.tables import by_key
from macros.pages.brief_files import PAGE, PDFS
from macros.publish import brief_pdf

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.site]

DATA = real_data()
COUNTS = by_key(DATA.tables["counts"])
STUDY = yaml.safe_load((ROOT / "data" / "study.yml").read_text(encoding="utf-8"))
POINTS = 72 / 25.4  # PDF points per millimetre
PAPER_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}


@pytest.fixture(scope="module")
def printed(real_site, tmp_path_factory) -> Path:
    """A copy of the real build with the brief printed into it, as `make site` does."""
    site = tmp_path_factory.mktemp("printed") / "site"
    shutil.copytree(real_site.site, site)
    # both languages by one browser, as `make site` prints them
    assert brief_pdf.main([str(site), str(site / "fr")]) == 0
    for folder in (site, site / "fr"):
        assert {p: (folder / f).is_file() for p, f in PDFS.items()} == dict.fromkeys(PDFS, True)
    return site


def pdf_text(site: Path, paper: str) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO((site / PDFS[paper]).read_bytes()))
    text = " ".join("\n".join(page.extract_text() for page in reader.pages).split())
    return reader, text


def percent(cid: str, of: str | None = None) -> str:
    n, total = COUNTS[cid]["n"], COUNTS[of or COUNTS[cid]["of"]]["n"]
    return f"{n}/{total} ({round(100 * n / total)}%)"


def declared(site: Path) -> int:
    """The sheets the brief page says, in words, that it takes."""
    page = (site / "brief" / "index.html").read_text(encoding="utf-8")
    (count,) = set(re.findall(r'data-brief-sheets="([0-9]+)"', page))
    said = html.unescape(re.search(r'<p class="brief-sheets"[^>]*>(.*?)</p>', page, re.S)[1])
    number = int(count)
    assert (f"{number} sheets" in said or f"{number} feuilles" in said) if number > 1 \
        else ("one sheet" in said or "une feuille" in said), said
    return number


@pytest.mark.parametrize("folder", ["", "fr"], ids=["english", "french"])
@pytest.mark.parametrize("paper", list(PDFS))
def test_each_pdf_takes_the_sheets_its_page_declares(printed, paper, folder):
    reader, _ = pdf_text(printed / folder, paper)
    assert 1 <= len(reader.pages) == declared(printed / folder) <= 2
    for sheet in reader.pages:
        box = sheet.mediabox
        width, height = PAPER_MM[paper]
        assert abs(float(box.width) - width * POINTS) < 2
        assert abs(float(box.height) - height * POINTS) < 2
    # the quick count the build relies on agrees with a real PDF parser
    assert brief_pdf.page_count((printed / PDFS[paper]).read_bytes()) == len(reader.pages)


@pytest.mark.parametrize("paper", list(PDFS))
def test_the_pdf_text_holds_the_key_numbers_of_the_data(printed, paper):
    _, text = pdf_text(printed, paper)
    expected = [
        # the date as a reader says it ("24 November 2026")
        str(STUDY["release"]), f"{STUDY['release_date'].day} {STUDY['release_date']:%B %Y}",
        str(STUDY["year"]),
        f"cohort of {COUNTS['patients']['n']} patients",
        percent("response_ccr"), percent("alive"), percent("gvhd_reactivation"),
        f"{COUNTS['stop_relapse']['n']}/{COUNTS['stopped']['n']}",
        f"Of the {COUNTS['stopped']['n']} patients who stopped imatinib,"
        f" {COUNTS['stop_relapse']['n']} had a molecular relapse",
        # the cytopenias out of the whole cohort, and the authors' printed figure in a note
        f"{COUNTS['cytopenia_dose_change']['n']}/{COUNTS['patients']['n']}"
        f" ({round(100 * COUNTS['cytopenia_dose_change']['n'] / COUNTS['patients']['n'])}%",
        f"prints {COUNTS['cytopenia_dose_change']['printed_percent']:g}%",
        # the serious harms, named
        "cardiomyopathy", "muscle cramps", "blastic phase",
        "Very low", "Key messages", "Summary of findings", "How to cite",
    ]
    missing = [e for e in expected if e not in text]
    assert not missing, (missing, text[:3000])
    # every chart of the brief is printed: its bars' counts are in the text
    for gid in ("response", "vital_status"):
        for row in DATA.tables["counts"].itertuples():
            if row.group == gid and row.of:
                assert f"{row.n}/{COUNTS[row.of]['n']}" in text, (gid, row.id)
    # the address of the full site: none in a local preview, which says so (the published
    # brief's address is checked in tests/test_deploy.py)
    assert "Local preview, not published: it has no address to cite." in " ".join(text.split())
    assert f"/{STUDY['release']}/" not in text
    # what belongs to the screen is not printed
    assert "Cite this page" not in text and "Switch to dark mode" not in text


def test_the_brief_page_is_built_with_the_overview_s_key_messages(real_site):
    page = real_site.page("brief/index.html")
    overview = real_site.page("index.html")

    def key_messages(text: str) -> str:
        part = text.split('id="key-messages"', 1)[1].split("<h2", 1)[0]
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part.split("</h2>", 1)[1]))

    assert key_messages(page) == key_messages(overview)
    assert len(key_messages(page)) > 400
    figures = {html.unescape(key): body for key, body in
               re.findall(r'<figure class="brief-chart" id="([^"]+)">(.*?)</figure>', page, re.S)}
    assert set(figures) == {"brief-response", "brief-vital_status"}
    for figure in figures.values():
        assert 'class="brief-light"' in figure and 'class="brief-dark"' in figure
        assert figure.count('src="data:image/svg+xml,') == 2
        alt = html.unescape(re.search(r'alt="([^"]*)"', figure).group(1))
        assert f"of {COUNTS['patients']['n']}" in alt
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Summary of findings: patients treated with imatinib" in text
    assert "Outcome Patients 95% CI Certainty Comment" in text
    day = STUDY["release_date"]
    assert f"Data release {STUDY['release']}, {day.day} {day:%B %Y}." in text


def test_the_french_pdf_is_in_french_with_the_same_numbers(printed):
    _, english = pdf_text(printed, "A4")
    _, french = pdf_text(printed / "fr", "A4")
    assert "Certitude" in french
    assert "IC à 95" in french and "95% CI" not in french
    n, total = COUNTS["response_ccr"]["n"], COUNTS[COUNTS["response_ccr"]["of"]]["n"]
    assert f"{n}/{total}" in english and f"{n}/{total}" in french


def test_the_overview_and_the_brief_link_to_the_printed_pdfs(printed):
    for page_path, page_url in (("index.html", "/"), ("brief/index.html", "/brief/")):
        page = (printed / page_path).read_text(encoding="utf-8")
        links = {urljoin(page_url, h) for h in re.findall(r'href="([^"]+\.pdf)"', page)}
        assert links == {f"/{p}" for p in PDFS.values()}, page_path
        for link in links:
            assert (printed / link.lstrip("/")).read_bytes().startswith(b"%PDF-"), link


def brief_site(site: Path, paragraphs: int, sheets: int | None = None) -> Path:
    """A stand-in built site whose brief has `paragraphs` paragraphs and says it takes
    `sheets` sheets (or says nothing, which means one)."""
    page = site / PAGE
    page.parent.mkdir(parents=True)
    said = ("" if sheets is None else
            f'<p class="brief-sheets" data-brief-sheets="{sheets}">On paper.</p>')
    page.write_text("<!doctype html><title>Brief</title>" + said
                    + "<p>A paragraph of the brief.</p>" * paragraphs, encoding="utf-8")
    return site


def test_a_brief_longer_than_one_sheet_stops_the_print(tmp_path, capsys):
    short, long = brief_site(tmp_path / "short", 3), brief_site(tmp_path / "long", 200)
    # printed with another language's brief that fits: neither is written
    assert brief_pdf.main([str(short), str(long)]) == 1
    error = capsys.readouterr().err
    assert re.fullmatch(rf"The brief \({re.escape(str(long / PAGE))}\) takes \d+ pages on A4;"
                        r" it says it takes 1: .*\n", error), error
    assert not list(tmp_path.rglob("*.pdf"))
    assert brief_pdf.main([str(tmp_path / "no-site")]) == 1
    with pytest.raises(SystemExit):  # one --out for two sites
        brief_pdf.main([str(short), str(short), "--out", str(tmp_path / "pdfs")])
    assert "one --out per site" in capsys.readouterr().err


def test_the_print_takes_the_sheets_the_brief_declares(tmp_path):
    # about a sheet and a half of paragraphs on either paper
    printed = brief_pdf.make(brief_site(tmp_path / "two", 45, 2))
    assert set(printed) == set(PDFS)
    pdfs = {paper: file.read_bytes() for paper, file in printed.items()}
    assert {brief_pdf.page_count(pdf) for pdf in pdfs.values()} == {2}
    # the same prints for a brief said to take one sheet, or three, are refused
    for said in (1, 3):
        page = brief_site(tmp_path / f"says-{said}", 45, said) / PAGE
        with pytest.raises(brief_pdf.BriefPdfError,
                           match=f"takes 2 pages on A4; it says it takes {said}"):
            brief_pdf.check_sheets(page, pdfs)


def _chart_texts(site: Path) -> list[str]:
    """The pieces of text of the brief's chart pictures (their SVG text, line by line),
    without spaces, as a PDF's text runs give them; longest first."""
    from urllib.parse import unquote

    page = (site / "brief" / "index.html").read_text(encoding="utf-8")
    pieces: set[str] = set()
    for src in re.findall(r'class="brief-light"[^>]*src="data:image/svg\+xml,([^"]*)"', page):
        svg = unquote(html.unescape(src))
        for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S):
            for leaf in re.findall(r"(?:^|>)([^<>]+)(?:<|$)", text):
                piece = "".join(html.unescape(leaf).split())
                if piece:
                    pieces.add(piece)
    assert pieces
    return sorted(pieces, key=len, reverse=True)


def _made_of(text: str, pieces: list[str]) -> bool:
    """Whether `text` (spaces removed) is a run of the chart's pieces of text, end to end."""
    text = "".join(text.split())
    seen = {0}
    for at in sorted(range(len(text) + 1)):
        if at in seen:
            seen |= {at + len(p) for p in pieces if text.startswith(p, at)}
    return len(text) in seen


@pytest.mark.parametrize("folder", ["", "fr"], ids=["english", "french"])
@pytest.mark.parametrize("paper", list(PDFS))
def test_the_pdf_is_printed_at_a_size_that_can_be_read(printed, paper, folder):
    """Body text at 9 pt or more; chart text, the only text allowed below it, at 7 pt or more
    (measured in the PDF: font size times every transformation around the text)."""
    runs = text_runs((printed / folder / PDFS[paper]).read_bytes())
    assert sum(len(r.text) for r in runs) > 3000  # the whole brief, not an empty print
    # consecutive pieces of one size make up the text printed at that size
    groups: list[tuple[float, str]] = []
    for run in runs:
        if groups and groups[-1][0] == run.size:
            groups[-1] = (run.size, groups[-1][1] + run.text)
        else:
            groups.append((run.size, run.text))
    chart = _chart_texts(printed / folder)
    small = [(size, text) for size, text in groups if size < 9 - 0.05]
    not_chart = [(size, text) for size, text in small if not _made_of(text, chart)]
    assert not not_chart, not_chart[:10]
    assert min(size for size, _ in groups) >= 7 - 0.05, sorted(groups)[:10]
    # the charts are printed, and printed at 7 pt or more
    charted = [size for size, text in groups if _made_of(text, chart)]
    assert len(charted) >= 4 and min(charted) >= 7 - 0.05, charted


@pytest.mark.parametrize("paper", list(PDFS))
def test_every_note_the_brief_marks_is_printed_and_no_link_is_dead(printed, paper):
    page = (printed / "brief" / "index.html").read_text(encoding="utf-8")
    _, text = pdf_text(printed, paper)
    text = text.replace("- ", "-")  # a word broken at its hyphen at the end of a line
    # every footnote letter of the certainty ratings leads to a reason printed on paper
    letters = re.findall(r'<a href="#certainty-note-([a-z]+)"', page)
    assert letters
    for letter in set(letters):
        reason = re.search(rf'<li id="certainty-note-{letter}"><span class="note-key">'
                           rf"{letter}\.</span>(.*?)</li>", page, re.S)
        assert reason, letter
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", reason[1])).split())
        assert f"{letter}. {words}" in text, letter
    # every symbol note of the table is printed with its text
    marks = {html.unescape(m) for m in re.findall(r'<sup class="note-mark">([^<]+)</sup>', page)}
    assert marks
    for symbol in marks:
        note = re.search(rf"<p><sup>{re.escape(symbol)}</sup>(.*?)</p>",
                         html.unescape(page), re.S)
        assert note, symbol
        words = " ".join(re.sub(r"<[^>]+>", " ", note[1]).split())
        assert f"{symbol} {words}" in text, symbol
    # a link to the audit says, on paper, where the audit is (this build is a local preview:
    # in words), and each finding it cites is printed, marked where it is cited
    assert "None" not in text and "(audit finding" not in text
    assert "Audit page" in text and "local preview" in text
    findings = set(re.findall(r'href="[^"]*audit/#finding-([0-9]+)"', page))
    assert findings
    marked = re.findall(r'\[audit ([0-9]+)\]', text)
    assert marked and all(marked.count(n) >= 2 for n in set(marked)), marked


# -- the print stylesheet of every page -------------------------------------------------------
PRINTED_STYLE = """() => {
  const shown = sel => Array.from(document.querySelectorAll(sel)).some(el => {
    const r = el.getBoundingClientRect();
    return getComputedStyle(el).display !== 'none' && r.width > 0 && r.height > 0; });
  const after = sel => getComputedStyle(document.querySelector(sel), '::after').content;
  return {header: shown('.md-header'), nav: shown('.md-sidebar, .md-nav, .md-tabs'),
          footer: shown('.md-footer'), search: shown('.md-search'),
          charts: Array.from(document.querySelectorAll('.static-chart img')).filter(img =>
            getComputedStyle(img).display !== 'none').map(img => img.className),
          outside: after('#t-outside'), inside: after('#t-inside'), anchor: after('#t-anchor'),
          citation: after('.cite-page .cite-text a')};
}"""
# Links of each kind, added to the page's text: the rules hold for any link, not only for
# those the pages happen to hold today.
LINKS = """() => { document.querySelector('.md-typeset p').insertAdjacentHTML('beforeend',
  ' <a id="t-outside" href="https://example.org/a-study">a study</a>'
  + ' <a id="t-inside" href="../audit/">the audit</a> <a id="t-anchor" href="#top">top</a>');
  // a published citation's address (the test build is a local preview, which has none)
  document.querySelector('.cite-page .cite-text').insertAdjacentHTML('beforeend',
  ' <a href="https://example.org/2026.1/response/">https://example.org/2026.1/response/</a>'); }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_shows_the_content_only_with_light_static_charts(browser, served, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{served.origin}/response/")
        page.evaluate(LINKS)
        screen = page.evaluate(PRINTED_STYLE)
        assert screen["header"] and screen["nav"]  # the test sees them when they are there
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED_STYLE)
    finally:
        context.close()
    assert not any(printed[k] for k in ("header", "nav", "footer", "search")), printed
    assert printed["charts"] == ["static-light static-w720"], printed
    # an outside link shows its address after it; links within the site and the page do not,
    # nor does the citation, whose text is its address
    assert printed["outside"] == '" (" "https://example.org/a-study" ")"' \
        or "https://example.org/a-study" in printed["outside"], printed
    assert screen["outside"] in ("none", "normal"), screen  # on paper only
    for kind in ("inside", "anchor", "citation"):
        assert printed[kind] in ("none", "normal"), (kind, printed)


@pytest.mark.parametrize("paper", list(PDFS))
def test_on_paper_the_row_comments_and_the_cited_audit_findings_are_printed(printed, paper):
    """A link cannot be followed on paper: the summary's comments and the audit findings the
    brief cites are printed on the sheets themselves, and no software word leaks."""
    # From the reference facts: 19 alive and 5 died of 26 (2 unreported); 12 + 2 + 3 + 4
    # responses (5 unreported); 9 of the 12 in CCR in molecular remission; 2 of the 6 who
    # stopped did so for toxicity; 8 cytopenias needing a dose change or withdrawal.
    _, text = pdf_text(printed, paper)
    assert "None" not in text and "(audit finding" not in text
    for said in ("Status not reported for 2 patients", "Response not reported for 5 patients",
                 "Reported as 9 of the 12 patients in CCR", "Reported as 2 of the 6 who stopped",
                 "Reported only among the patients in CCR",
                 "Disagrees with the authors' conclusion",
                 "cytopenias needing dose change or withdrawal: 8/26",
                 "stopped for toxicity: 2/26", "[audit 1]"):
        assert said in text, said
    _, french = pdf_text(printed / "fr", paper)
    assert "None" not in french
    for said in ("Réponse non rapportée pour 5 patients", "9 des 12 patients en RCyC",
                 "2 des 6 patients qui ont arrêté"):
        assert said in french, said
