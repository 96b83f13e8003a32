"""Changed words within a text, for comparing two versions of a question: the words both
versions share stay plain, only the words removed and added are marked."""

from __future__ import annotations

from quiz.domain.text_changes import ADDED, REMOVED, SAME, Piece, changed_words


def test_a_one_word_edit_marks_that_word_only():
    before, after = changed_words("What do you do first?", "What do you check first?")
    assert before == [Piece(SAME, "What do you "), Piece(REMOVED, "do"), Piece(SAME, " first?")]
    assert after == [Piece(SAME, "What do you "), Piece(ADDED, "check"), Piece(SAME, " first?")]


def test_each_side_reads_back_as_its_own_text():
    old = "Save the session. Check the buffer size, the USB cable and the port."
    new = "Save the session first. Check the USB cable, the port and the buffer size."
    before, after = changed_words(old, new)
    assert "".join(p.text for p in before) == old and "".join(p.text for p in after) == new
    assert {p.kind for p in before} == {SAME, REMOVED} and {p.kind for p in after} == {SAME, ADDED}
    assert Piece(ADDED, " first") in after  # an inserted word, with the space before it


def test_punctuation_is_a_word_of_its_own():
    before, after = changed_words("Move the microphone.", "Move the microphone!")
    assert before[-1] == Piece(REMOVED, ".") and after[-1] == Piece(ADDED, "!")


def test_a_text_added_or_removed_whole_is_one_piece():
    assert changed_words("", "New feedback.") == ([], [Piece(ADDED, "New feedback.")])
    assert changed_words("Old feedback.", "") == ([Piece(REMOVED, "Old feedback.")], [])


def test_the_same_text_has_no_marks():
    assert changed_words("Same.", "Same.") == ([Piece(SAME, "Same.")], [Piece(SAME, "Same.")])


def test_neighbouring_changed_words_are_one_change():
    before, after = changed_words("Check the buffer size first.", "Check the USB cable first.")
    assert before == [Piece(SAME, "Check the "), Piece(REMOVED, "buffer size"), Piece(SAME, " first.")]
    assert after == [Piece(SAME, "Check the "), Piece(ADDED, "USB cable"), Piece(SAME, " first.")]


def test_a_number_is_one_word():
    before, after = changed_words("3.0", "2.5")
    assert (before, after) == ([Piece(REMOVED, "3.0")], [Piece(ADDED, "2.5")])
