"""What the report template shows beyond the scores: the first screen, each area's level, why
each next step is there, and the plain sentences of the path, self-view and retake sections."""

from __future__ import annotations

from quiz.domain import report_text as text
from quiz.domain.first_screen import first_screen, level
from quiz.domain.scoring import StepAdvice
from quiz.web.report.build import AttemptReport

STEP_ANSWERS_NAMED = 2  # a next step names at most this many of the answers behind it
STEPS_SHOWN = 3  # next steps shown open; the rest are one tap away


def answer_label(question) -> str:
    """A question's short name: its bank `label` where it has one, else its prompt shortened."""
    return getattr(question, "label", None) or text.short_label(question.prompt)


def step_reason(advice: StepAdvice) -> str:
    named = advice.because[:STEP_ANSWERS_NAMED]
    return text.step_reason([answer_label(r.question) for r in named], len(advice.because) - len(named))


def report_context(result: AttemptReport) -> dict:
    report, changes = result.report, result.retake
    fit = report.path_fit
    missing = any(a.estimate is None for a in report.areas if a.total)
    context = {
        "first": first_screen(report),
        "levels": {a.area.key: level(a.belief) for a in report.areas if a.belief is not None},
        "because": [step_reason(advice) for advice in report.next_steps],
        "path_sentence": text.path_sentence(fit.path.title if fit.path else None,
                                            clearly=fit.strength == "a strong lean", even=fit.balanced,
                                            missing=missing),
        "self_view_sentence": text.self_view_sentence(
            report.self_view.standing is not None,
            0 if not report.self_view.flagged else (1 if report.self_view.standing.gap > 0 else -1)),
        "text": text,
        "steps_shown": STEPS_SHOWN,
    }
    if changes:
        context["change_words"] = lambda c: "-" if c is None else text.change_words(c.difference, c.flagged)
        context["retake_sentence"] = (f"overall {context['change_words'](changes.overall)}."
                                      if changes.overall else "no overall score to compare.")
    return context
