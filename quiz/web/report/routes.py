"""The readiness report, at the attempt's unguessable URL."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, url_for
from markupsafe import Markup

from quiz.domain import report_text, scoring
from quiz.domain.caches import LRUCache
from quiz.domain.statistics import inference, measurement
from quiz.domain.statistics.inference import FAMILY_ALPHA
from quiz.platform import models
from quiz.platform.stores.attempts import get_attempt
from quiz.web.report import measured
from quiz.web.report.build import as_csv, as_json, attempt_report
from quiz.web.report.chart import bar_chart
from quiz.web.report.lookup import report_link
from quiz.web.report.page import answer_label, report_context

bp = Blueprint("report", __name__, template_folder="templates", url_prefix="/report")
bp.add_app_template_filter(answer_label, "answer_label")

# A finished attempt's report cannot change (its answers are locked and its question versions
# are immutable) until the catalog does, so its rendered body is kept per process - except
# while templates auto-reload (debug, or TEMPLATES_AUTO_RELOAD), so an edited template shows.
_bodies: LRUCache[tuple, Markup] = LRUCache(max_size=256)


def _report_body(key: tuple, token: str) -> Markup:
    if current_app.jinja_env.auto_reload:
        return _render_body(get_attempt(token))
    return _bodies.get_or_compute(key, lambda: _render_body(get_attempt(token)))


def _render_body(attempt: models.Attempt) -> Markup:
    result = attempt_report(attempt)
    context = report_context(result)
    return Markup(render_template("report/_body.html", result=result, report=result.report,
                                  chart=bar_chart(result.report, result.previous),
                                  paths=scoring.PATHS, bands=scoring.BANDS, family_alpha=FAMILY_ALPHA, **context))


@bp.get("/how-this-quiz-measures")
def how_it_measures():
    return render_template("report/measures.html", measurement=measurement, scoring=scoring,
                           inference=inference, measured=measured.latest())


def _finished(token: str) -> models.Attempt | None:
    """The finished attempt behind a report link; None while it is still being taken."""
    attempt = get_attempt(token)
    return attempt if attempt.finished else None


@bp.get("/<token>")
def show(token):
    if (link := report_link(token)) is None:
        abort(404)
    if not link.finished:
        return redirect(url_for("taking.resume", token=token))
    # The token, not the row id: a token is never reused, even by a database restored or
    # recreated under a running process.
    key = (*link.revision, token)
    return render_template("report/report.html", body=_report_body(key, token), token=token,
                           come_back=report_text.come_back(link.resume_code))


@bp.get("/<token>.json")
def download_json(token):
    if not (attempt := _finished(token)):
        return redirect(url_for("taking.resume", token=token))
    response = jsonify(as_json(attempt_report(attempt)))
    response.headers["Content-Disposition"] = "attachment; filename=readiness-report.json"
    return response


@bp.get("/<token>.csv")
def download_csv(token):
    if not (attempt := _finished(token)):
        return redirect(url_for("taking.resume", token=token))
    return Response(as_csv(attempt_report(attempt)), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=readiness-report.csv"})
