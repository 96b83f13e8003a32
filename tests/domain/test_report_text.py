"""The report's plain words: as sure as their chances, free of statistical terms, short."""

import pytest

from quiz.domain import report_text as text


@pytest.mark.parametrize("chance, higher, words", [
    (0.95, True, "Ready"),
    (0.90, False, "Ready"),
    (0.80, True, "probably Ready (could be one level higher)"),
    (0.66, False, "probably Ready (could be one level lower)"),
    (0.65, True, "between Ready and Strong"),
    (0.50, False, "between Developing and Ready"),
])
def test_a_level_is_worded_as_surely_as_its_chance(chance, higher, words):
    second = "Strong" if higher else "Developing"
    assert text.level("Ready", chance, second, higher) == words


def test_standouts_name_areas_only_when_given_and_say_plainly_when_they_are_close():
    assert text.standouts_sentence(["Technical skills"], ["Business"], 6) == (
        "Your strongest area is technical skills; your weakest area is business.")
    assert text.standouts_sentence(["Creativity", "Experience"], [], 6) == (
        "Your strongest area is creativity or experience; your other areas are close together.")
    assert text.standouts_sentence([], [], 6) == (
        "Your 6 areas are close together: none stands out as strongest or weakest yet.")


def test_step_reason_names_at_most_the_labels_given_and_counts_the_rest():
    assert text.step_reason(["Budgets"], 0) == "Because of your answer on Budgets."
    assert text.step_reason(["Budgets", "Contracts"], 3) == "Because of your answers on Budgets and Contracts and 3 more."


@pytest.mark.parametrize("prompt, label", [
    ("How confident are you setting up a microphone?", "How confident are you setting up a microphone"),
    ("A singer is late. What do you do?", "A singer is late"),
    ("Rank these steps of a mix: EQ, compression, levels", "Rank these steps of a mix"),
    ("You have been asked to organise a long recording session with many different players",
     "You have been asked to organise a long..."),
])
def test_short_label_is_the_first_clause_cut_at_a_word(prompt, label):
    assert text.short_label(prompt) == label
    assert len(text.short_label(prompt)) <= 51


def test_jargon_finds_the_banned_terms_and_leaves_music_words_alone():
    assert text.jargon("Likely range (95 %): 40 to 60, within measurement error") == [
        "Likely range", "95 %", "measurement error"]
    assert text.jargon("Work on the arrangement; record a strange sound; get a percentile.") == ["percentile"]
    # a singer's range and a performer's confidence are music words; a confidence interval is not
    assert text.jargon("Check the bottom of the range; it rebuilds confidence.") == []
    assert text.jargon("A 90 % confidence interval; the range of your score") == [
        "90 %", "confidence interval", "range of your score"]


def test_every_sentence_the_report_can_say_outside_its_disclosures_is_plain():
    sentences = [
        text.overall_sentence(text.level("Ready", 0.7, "Strong", True)),
        text.no_overall_sentence(["Technical skills", "Business"]),
        text.standouts_sentence(["A"], ["B"], 6), text.standouts_sentence([], [], 6),
        text.first_step("Plan a budget"), text.no_steps(), text.step_reason(["x", "y"], 2),
        text.come_back("ABCD-EFGH"), text.skipped_line(3), text.left_out_line(1), text.left_out_line(2), text.left_out_line(1, "unheard"),
        text.path_sentence("Recording engineer", clearly=True), text.path_sentence("Music producer", even=True),
        text.path_sentence(None), text.path_sentence(None, missing=True),
        *(text.self_view_sentence(True, side) for side in (-1, 0, 1)), text.self_view_sentence(False),
        text.change_words(8, True), text.change_words(-3, False),
    ]
    assert [s for s in sentences if text.jargon(s)] == []
    assert text.jargon(text.sure_figures(62, "Ready", 0.8, 50, 70))  # the disclosure keeps its figures


def test_left_out_and_change_lines():
    assert text.left_out_line(1) == ("1 question you haven't had the chance for yet is left out of this score: "
                                     "it does not count against you.")
    assert text.left_out_line(3).startswith("3 questions you haven't had the chance for yet are left out")
    assert text.left_out_line(2, "unheard") == (
        "2 questions with a sound clip you couldn't listen to are left out of this score: they do not count "
        "against you. Take the quiz again with headphones to find out how your ears do.")
    assert text.change_words(8, True) == "+8, a real change"
    assert text.change_words(-3, False) == "-3, could be chance"
