"""What each next step of a finished report is worth: stored with the attempt's result, read
by the group dashboards' "what to teach next"."""

from __future__ import annotations

from quiz.domain.scoring import Report


def step_gains(report: Report) -> dict[str, float]:
    """For each next step a taker's report gave: how many points the score of the step's area
    would rise if the answers behind it had earned full points."""
    gains = {}
    for advice in report.next_steps:
        area = report.area(advice.step.area)
        weight = sum(r.question.weight for r in area.results)
        missing = sum((1 - r.fraction) * r.question.weight for r in advice.because
                      if r.question.area == area.area.key)
        gains[advice.step.id] = round(100 * missing / weight, 6) if weight else 0.0
    return gains
