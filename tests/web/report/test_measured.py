"""The figures the measures page and docs/measurement.md quote come from one run."""

from pathlib import Path

from markupsafe import escape

from quiz.web.report import measured

DOCS = Path(__file__).resolve().parents[3] / "docs" / "measurement.md"


def test_the_docs_quote_exactly_the_figures_the_page_reads():
    figures = measured.latest()
    assert measured.docs_block(figures) in DOCS.read_text(encoding="utf-8")


def test_the_figures_cover_every_band_word_and_both_extremes():
    statements = " ".join(row.statement for section in measured.latest().sections for row in section)
    for word in ("Getting started", "Developing", "Ready", "Strong", "observed 90 or more", "observed under 10"):
        assert word in statements


def test_the_measures_page_shows_every_figure(client):
    page = client.get("/report/how-this-quiz-measures").get_data(as_text=True)
    for section in measured.latest().sections:
        for row in section:
            assert str(escape(row.figure())) in page


def test_a_row_reads_back_and_replaces_only_the_marked_block():
    row = measured.Row("very likely Ready holds the true score", 9, 10, ">= 90 %", 4)
    figures = measured.Measured("10 takers", ((row,),))
    assert measured.parse(figures.as_json()) == figures
    assert row.figure() == "90.0 % (9/10, SE 9.5)"
    document = f"before\n{measured.MARKERS[0]}\nold\n{measured.MARKERS[1]}\nafter\n"
    assert measured.replace_docs_block(document, figures) == f"before\n{measured.docs_block(figures)}\nafter\n"
