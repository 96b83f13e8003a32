"""The readiness report, at the attempt's unguessable URL."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, redirect, render_template, url_for

from .. import attempts
from ..taking.forms import StartForm
from .build import as_csv, as_json, attempt_report
from .chart import bar_chart

bp = Blueprint("report", __name__, url_prefix="/report")


def _finished_report(token: str):
    attempt = attempts.get_attempt(token)
    if not attempt.finished:
        return None, redirect(url_for("taking.resume", token=token))
    return attempt_report(attempt), None


@bp.get("/<token>")
def show(token):
    result, unfinished = _finished_report(token)
    if unfinished:
        return unfinished
    retake = StartForm(previous=token)
    return render_template("report/report.html", result=result, report=result.report,
                           chart=bar_chart(result.report, result.changes), retake_form=retake)


@bp.get("/<token>.json")
def download_json(token):
    result, unfinished = _finished_report(token)
    if unfinished:
        return unfinished
    response = jsonify(as_json(result))
    response.headers["Content-Disposition"] = "attachment; filename=readiness-report.json"
    return response


@bp.get("/<token>.csv")
def download_csv(token):
    result, unfinished = _finished_report(token)
    if unfinished:
        return unfinished
    return Response(as_csv(result), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=readiness-report.csv"})
