"""Builds an attempt's report from the bank as it was when the attempt was taken."""

from __future__ import annotations

import io
from dataclasses import dataclass

from .. import models, safe_csv, store
from ..scoring import Report, deltas, score


@dataclass(frozen=True)
class AttemptReport:
    attempt: models.Attempt
    report: Report
    previous: Report | None
    changes: dict[str, float | None]


def report_for(attempt: models.Attempt) -> Report:
    return score(store.attempt_bank(attempt), attempt.selections())


def attempt_report(attempt: models.Attempt) -> AttemptReport:
    report = report_for(attempt)
    previous = report_for(attempt.previous) if attempt.previous and attempt.previous.finished else None
    return AttemptReport(attempt, report, previous, deltas(report, previous) if previous else {})


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def as_json(result: AttemptReport) -> dict:
    report = result.report
    return {
        "taken_at": result.attempt.finished_at.isoformat() + "Z",
        "overall": {"score": _rounded(report.overall),
                    "band": report.band.label if report.band else None,
                    "summary": report.headline},
        "answered": report.answered,
        "total": report.total,
        "areas": [
            {"key": a.area.key, "title": a.area.title, "score": _rounded(a.score),
             "band": a.band.label if a.band else None, "answered": a.answered, "total": a.total,
             "change": _rounded(result.changes.get(a.area.key))}
            for a in report.areas
        ],
        "calibration": [
            {"area": c.area.key, "self_rating": _rounded(c.self_rating), "tested": _rounded(c.tested),
             "verdict": c.verdict, "message": c.message}
            for c in report.calibrations
        ],
        "paths": [{"path": p.path.key, "title": p.path.title, "fit": _rounded(p.fit), "reason": p.reason}
                  for p in report.paths],
        "next_steps": [
            {"id": s.step.id, "title": s.step.title, "detail": s.step.detail,
             "because": [r.answer_text() for r in s.because],
             "resource": s.resource.title if s.resource else None}
            for s in report.next_steps
        ],
        "unanswered": [q.id for q in report.unanswered],
    }


def as_csv(result: AttemptReport) -> str:
    out = io.StringIO()
    writer = safe_csv.Writer(out)
    writer.writerow(["area", "title", "score", "band", "answered", "total", "change"])
    data = as_json(result)
    for area in data["areas"]:
        writer.writerow([area["key"], area["title"], area["score"], area["band"],
                         area["answered"], area["total"], area["change"]])
    writer.writerow(["overall", "Overall", data["overall"]["score"], data["overall"]["band"],
                     data["answered"], data["total"], ""])
    return out.getvalue()
