"""The shipped bank against the item-writing targets of issue 21: a test-wise taker cannot
game the scenarios, and `bank check --strict` (rationales, cue figures, blueprint) passes."""

from __future__ import annotations

from quiz.domain.bank.item_writing import KEY_LONGEST_TARGET, STRATEGIES, STRATEGY_TARGET, cue_figures


def test_no_test_wise_strategy_beats_random_picking_by_more_than_the_target(real_bank):
    figures = cue_figures(real_bank.questions)
    assert figures.scenarios > 0
    assert figures.key_longest_share <= KEY_LONGEST_TARGET, figures.lines()
    assert set(figures.strategies) == set(STRATEGIES)
    for name, above_random in figures.strategies.items():
        assert above_random <= STRATEGY_TARGET, (name, figures.lines())
    assert figures.missed() == []


def test_the_strict_bank_check_passes_on_the_shipped_bank(runner):
    result = runner.invoke(args=["bank", "check", "--strict"])
    assert result.exit_code == 0, result.output
    assert "Cue figures over" in result.output and "Blueprint: no gaps." in result.output
