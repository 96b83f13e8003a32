"""Builds an attempt's report from the bank as it was when the attempt was taken."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

from quiz.domain.first_screen import first_screen, level
from quiz.domain.scoring import Report, Retake, retake, score
from quiz.domain.statistics.measurement import AreaNorm, Change, Estimate
from quiz.domain.statistics.norms import area_norms
from quiz.domain.statistics.true_score import Belief
from quiz.platform import models, safe_csv
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import statistics as stored_statistics


@dataclass(frozen=True)
class AttemptReport:
    attempt: models.Attempt
    report: Report
    previous: Report | None
    retake: Retake | None


def report_for(attempt: models.Attempt, norms: Mapping[str, AreaNorm]) -> Report:
    return score(bank_store.attempt_bank(attempt), attempt.selections(), norms)


def attempt_report(attempt: models.Attempt) -> AttemptReport:
    """The attempt's report and, for a retake, the previous one, both against the norm group's
    figures as last stored (first attempts' SD and alpha per area), which make an area's error
    the classical SEM where that is larger."""
    norms = area_norms(stored_statistics.latest_areas())
    report = report_for(attempt, norms)
    previous = (report_for(attempt.previous, norms)
                if attempt.previous and attempt.previous.finished else None)
    return AttemptReport(attempt, report, previous, retake(report, previous, norms) if previous else None)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _estimate(estimate: Estimate | None, belief: Belief | None = None) -> dict:
    """A score, its standard error and, given the true score's belief, its 95 % range and level."""
    if estimate is None:
        return {"score": None, "standard_error": None, "interval": None, "band": None}
    return {"score": _rounded(estimate.value), "standard_error": _rounded(estimate.se),
            "interval": [_rounded(belief.low), _rounded(belief.high)] if belief else None,
            "band": level(belief).words if belief else None}


def _change(change: Change | None) -> dict | None:
    if change is None:
        return None
    return {"difference": change.difference, "z": round(change.z, 2), "method": change.method,
            "verdict": change.verdict}


def as_json(result: AttemptReport) -> dict:
    report, changes = result.report, result.retake
    fit = report.path_fit
    return {
        "taken_at": result.attempt.finished_at.isoformat() + "Z",
        "overall": {**_estimate(report.overall_estimate, report.overall_belief),
                    "summary": first_screen(report).headline,
                    "change": _change(changes.overall) if changes else None},
        "answered": report.answered,
        "total": report.total,
        "areas": [
            {"key": a.area.key, "title": a.area.title, **_estimate(a.estimate, a.belief),
             "answered": a.answered, "total": a.total, "not_enough": a.not_enough or None,
             "not_yet": [q.id for q in a.not_yet],
             "change": _change(changes.areas.get(a.area.key)) if changes else None}
            for a in report.areas
        ],
        "self_view": report.self_view.message,
        "self_view_flagged": report.self_view.flagged,
        "calibration": [
            {"area": c.area.key, "self_view": _estimate(c.self_view), "tested": _estimate(c.tested),
             "self_percentile": round(c.standing.self_percentile) if c.standing else None,
             "tested_percentile": round(c.standing.tested_percentile) if c.standing else None,
             "z": round(c.standing.z, 2) if c.standing else None, "compared": c.testable}
            for c in report.calibrations
        ],
        "path_fit": {
            "path": fit.path.key if fit.path else None, "title": fit.path.title if fit.path else None,
            "strength": fit.strength, "reason": fit.reason,
            "leans": [{"path": f.path.key, "r": round(f.lean.r, 2) if f.lean else None,
                       "z": round(f.lean.z, 2) if f.lean else None, "clear": f.clear} for f in fit.leans],
            "balanced": fit.balanced,
        },
        "next_steps": [
            {"id": s.step.id, "title": s.step.title, "detail": s.step.detail,
             "priority": _rounded(s.priority),
             "because": [r.answer_text() for r in s.because],
             "resource": s.resource.title if s.resource else None}
            for s in report.next_steps
        ],
        "unanswered": [q.id for q in report.unanswered],
    }


CSV_COLUMNS = ["area", "title", "score", "low", "high", "standard_error", "band", "answered",
               "total", "change", "change_z", "change_verdict"]


def as_csv(result: AttemptReport) -> str:
    out = io.StringIO()
    writer = safe_csv.Writer(out)
    writer.writerow(CSV_COLUMNS)
    data = as_json(result)
    overall = {"key": "overall", "title": "Overall", **data["overall"],
               "answered": data["answered"], "total": data["total"]}
    for row in [*data["areas"], overall]:
        low, high = row["interval"] or (None, None)
        change = row["change"] or {}
        writer.writerow([row["key"], row["title"], row["score"], low, high, row["standard_error"],
                         row["band"], row["answered"], row["total"], change.get("difference"),
                         change.get("z"), change.get("verdict")])
    return out.getvalue()
