"""The plain question's own helpers, apart from any type."""

from __future__ import annotations

from tests.factories import choice, ranking


def test_chosen_texts_follow_the_answers_order_and_skip_unknown_ids():
    order = ranking("r", items=3)  # a "Step 0", b "Step 1", c "Step 2"
    assert order.chosen_texts(("c", "gone", "a")) == "Step 2; Step 0"
    assert choice("s").chosen_texts(("b",)) == "Option 1"
    assert choice("s").chosen_texts(()) == ""
