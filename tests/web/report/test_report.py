"""The readiness report page, its downloads and retake comparison."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import replace

import pytest
from sqlalchemy import event

from quiz.domain.statistics.conditional_error import effective_count, keats_factor
from quiz.domain.statistics.true_score import area_belief, prior
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.report import routes as report_routes
from tests.factories import best_option, worst_option
from tests.instructors import Auth
from tests.takers import CSRF_RE, Taker


def all_best_but_business(question):
    return worst_option(question) if question.area == "business" else best_option(question)


@pytest.fixture
def finished(taker):
    taker.start()
    taker.answer_all(all_best_but_business)
    taker.finish()
    return taker


def test_known_answers_give_exact_scores_band_path_and_first_step(finished):
    page = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
    # Business, at its 13 offered questions' worst answers (weights 5 x 1 + 7 x 1.5 + 2 = 17.5):
    # every worst answer earns 0 except the bass-player scenario's, where each option is a plausible
    # move (3, 1 or 1 points): 1/3 of its weight 1.5 = 0.5, so 100 x 0.5 / 17.5 = 2.857, shown as 3.
    # Five areas at 100 and business at 2.857: (5 x 100 + 2.857) / 6 = 83.81, shown as 84.
    assert "Your readiness report · 84 out of 100" in page
    # Overall: the areas' share .8381 over 1 / sum((1/6)^2 / trials) = 180.06 trials on the Beta(6, 6)
    # prior: Beta(6 + 150.91, 6 + 29.15); its chance of Ready (65 to 85) is 89 % and of Strong 11 %,
    # under the 90 % a plain "Ready" needs.
    assert ('<h1 class="overall-sentence">Overall you are probably Ready (could be one level higher).</h1>'
            in page)
    # Five areas tie at 100, so none is named the strongest; business is surely the weakest.
    assert ('<p class="standouts">Your weakest area is business and organisation; your other areas are '
            "close together.</p>") in page
    assert re.search(r'<p class="first-step"><strong>Start here:</strong> <a href="#step-1">'
                     r"Plan the budget and schedule for a small record</a></p>", page)
    assert re.search(r'<th scope="row">Business and organisation</th>\s*<td>3</td>\s*<td>Getting started</td>', page)
    # A perfect score is no proof of a true 100 (the Beta(6, 6) prior). An area's answers count as
    # (sum w)^2 / sum(w^2 / steps) trials, a question with s + 1 levels being s steps:
    # creative direction's 12 questions are 24.77 trials: Beta(30.77, 6), Strong (85+) 45 %, Ready 54 %;
    # technical's 16 (six listening questions at 0.75 with 1 step each among them) are
    # 17.5^2 / 9.602 = 31.89 trials: Beta(37.89, 6), Strong 64 %, just under the 66 % of "probably";
    # experience's 12, checklists with four to six steps, are 38.62 trials: Beta(44.62, 6), Strong 77 %.
    assert re.search(r'<th scope="row">Creative direction</th>\s*<td>100</td>\s*<td>between Ready and Strong</td>', page)
    assert re.search(r'<th scope="row">Technical skills</th>\s*<td>100</td>\s*<td>between Ready and Strong</td>', page)
    assert re.search(r'<th scope="row">Experience</th>\s*<td>100</td>\s*'
                     r'<td>probably Strong \(could be one level lower\)</td>', page)
    # The figures sit in the "How sure is this?" boxes: Beta(156.91, 35.15)'s 2.5 % and 97.5 % points.
    assert "Overall: score 84 of 100, likely range (95 %) 76 to 87;\n    chance of Ready: 89 %." in page
    # Shape, not level: everything high but business is the engineer's pattern, not the producer's.
    assert "Your scores point clearly to the recording engineer path." in page
    assert ("Technical skills (100) and Experience (100) above your own average of 84 and Business and "
            "organisation (3) below it") in page
    assert '<a href="/report/how-this-quiz-measures">How this quiz measures</a>' in page
    # Business gaps (1 - share) x weight, summed by step: budget/schedule 1 + 1 + 2 + 1.5 + 1.5 + 1.5 = 8.5
    # (two self-ratings, two scenarios, the checklist and the ranking), contracts 1 + 1.5 + 1.5 = 4
    # (a self-rating, a scenario, the rate-each-option question), hiring 1 + 1 + 2/3 x 1.5 = 3 (the
    # bass-player scenario earns a third), registering songs 1.5; three shown, the fourth one tap away
    steps = re.findall(r'<li class="next-step" id="step-\d">\s*<h3>([^<]+)</h3>', page)
    assert steps == ["Plan the budget and schedule for a small record",
                     "Learn how contracts, royalties and publishing work",
                     "Build a list of session musicians you can hire",
                     "Register the songs you write or co-write"]
    assert '<summary>1 more step</summary>' in page
    assert "Because of your answers on " in page and "Because you rated" in page and "Because you answered" in page
    assert "<cite>All You Need to Know About the Music Business</cite>" in page


def test_report_page_has_one_chart_and_its_table_for_screen_readers(finished):
    page = " ".join(finished.client.get(f"/report/{finished.token}").get_data(as_text=True).split())
    assert 'aria-hidden="true" class="bar-chart"' in page  # the table says it for screen readers
    assert page.count('class="bar band-') == 6
    assert ('<div class="visually-hidden"><table class="scores"> <caption>Your score in each area (out of 100)'
            '</caption>') in page
    assert page.count('<details class="area-card') == 6


def test_wrong_scenarios_show_feedback(finished, real_bank):
    page = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
    scenario = next(q for q in real_bank.questions_in("business") if q.type == "single_choice")
    chosen = scenario.option(worst_option(scenario)[0])
    assert "Answers to look at again" in page
    assert f"You chose: {chosen.text}".replace("'", "&#39;") in page


def test_a_ranking_out_of_order_is_worded_as_the_pair_put_the_wrong_way_round(finished, real_bank):
    page = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
    ranked = next(q for q in real_bank.questions_in("business") if q.type == "ranking")
    first, last = ranked.options[0].text, ranked.options[-1].text  # answered in reverse
    pair = f"put \u201c{last}\u201d before \u201c{first}\u201d; an experienced producer would put \u201c{first}\u201d first"
    assert f"Because you {pair} (\u201c{ranked.prompt}\u201d)." in page
    assert f"<p>You {pair}.</p>" in page
    key = "; ".join(f"{n}. {o.text}" for n, o in enumerate(ranked.options, start=1))
    assert f"<p>An experienced producer&#39;s order: {key}.</p>" in page


def test_json_and_csv_downloads(finished):
    data = finished.client.get(f"/report/{finished.token}.json").get_json()
    # (5 x 100 + 100 x 0.5 / 17.5) / 6 = 83.81: business earns only the bass-player scenario's third
    # of 1.5 (see the test above)
    assert data["overall"]["score"] == pytest.approx(83.8)
    # Beta(162.68, 36.27): 186.94 trials at .8381 on the Beta(6, 6) prior
    assert data["overall"]["interval"] == [76.1, 86.8]
    assert data["overall"]["standard_error"] == 1.4
    assert data["overall"]["band"] == "probably Ready (could be one level higher)"  # Ready 89 %
    assert data["overall"]["summary"].startswith(
        "Overall you are probably Ready (could be one level higher). Your weakest area is business")
    business = next(a for a in data["areas"] if a["key"] == "business")
    # 100 x 0.5 / 17.5 = 2.857; 30.66 trials (17.5^2 / 9.99): Beta(6 + 0.88, 6 + 29.78), well inside
    # Getting started (below 40)
    assert (business["score"], business["interval"], business["band"]) == (2.9, [6.8, 28.4], "Getting started")
    assert business["not_enough"] is None
    assert data["path_fit"]["path"] == "engineer"
    assert [lean["path"] for lean in data["path_fit"]["leans"]] == ["engineer", "business"]
    # The first step's priority, in overall points: its gaps 8.5 of business's 17.5, one area of six:
    # 100 x 8.5 / 17.5 / 6 = 8.1
    assert (data["next_steps"][0]["id"], data["next_steps"][0]["priority"]) == ("budget-schedule-plan", 8.1)
    response = finished.client.get(f"/report/{finished.token}.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["area"] for r in rows][-1] == "overall"
    by_area = {r["area"]: r for r in rows}
    # Technical at 100 over 31.89 trials: Beta(37.89, 6)'s 2.5 % and 97.5 % points
    assert (by_area["technical"]["score"], by_area["technical"]["low"], by_area["technical"]["high"]) == \
        ("100.0", "74.9", "94.7")
    assert (by_area["business"]["score"], by_area["business"]["low"], by_area["business"]["high"]) == \
        ("2.9", "6.8", "28.4")
    assert (by_area["overall"]["score"], by_area["overall"]["low"], by_area["overall"]["high"],
            by_area["overall"]["band"]) == ("83.8", "76.1", "86.8", "probably Ready (could be one level higher)")


def test_editing_a_question_after_the_attempt_does_not_change_its_report(finished, app):
    before = finished.client.get(f"/report/{finished.token}.json").get_json()
    def report_html():  # built afresh, minus the retake form's time-stamped CSRF token
        report_routes._bodies.clear()
        html = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
        return CSRF_RE.sub("", html)

    html_before = report_html()
    with app.app_context():
        bank = bank_store.current_bank()
        question = next(q for q in bank.questions_in("business") if q.type == "single_choice")
        flipped = tuple(replace(o, points=3 - o.points) for o in question.options)
        assert bank_store.save_question(replace(question, prompt="Edited prompt", options=flipped)) == "changed"
        db.session.commit()
    assert finished.client.get(f"/report/{finished.token}.json").get_json() == before
    assert report_html() == html_before
    newcomer = Taker(app.test_client(), app)
    newcomer.start()
    assert "Edited prompt" in {q.prompt for q in newcomer.bank().questions}


def test_retake_shows_change_per_area(finished, app):
    page = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
    retake_form = page.split("Take it again")[1]
    # The page's own hidden fields, posted as the browser posts them.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]+)">', retake_form))
    assert set(fields) == {"csrf_token", "previous"} and fields["previous"] == finished.token
    response = finished.client.post("/start", data=fields)
    retake = Taker(finished.client, app)
    retake.token = re.search(r"/a/([^/]+)/section/1$", response.location).group(1)
    with app.app_context():
        assert retake.attempt().previous_id == finished.attempt().id
    retake.answer_all(best_option)
    retake.finish()
    report = finished.client.get(f"/report/{retake.token}").get_data(as_text=True)
    assert '<th scope="col">Since last time</th>' in report
    # Business from 2.857 (the bass-player scenario's third, see above) to 100: +97.1, shown as +97
    assert re.search(r'<th scope="row">Business and organisation</th>.*?<td>\+97, a real change</td>', report, re.DOTALL)
    assert re.search(r'<th scope="row">Technical skills</th>.*?<td>\+0, could be chance</td>', report, re.DOTALL)
    # No norm group yet: the per-person test under its own name, judged with the other areas.
    assert "(Wald test, Holm's procedure; at most 10 % of people who did not change see one)" in " ".join(report.split())
    # The earlier report, linked with its date.
    with app.app_context():
        earlier = finished.attempt().finished_at.strftime("%d %B %Y")
    # Overall from 83.81 to 100: +16.19, shown as +16
    assert f'Since <a href="/report/{finished.token}">your last attempt of {earlier}</a>: overall +16, a real change.' in report
    assert report.count('class="bar-previous"') == 6  # the chart shows both attempts
    assert "The grey bar under it is your last attempt" in report
    data = finished.client.get(f"/report/{retake.token}.json").get_json()
    business = {a["key"]: a["change"] for a in data["areas"]}["business"]
    assert (business["difference"], business["verdict"], business["method"]) == (97, "clearly improved", "Wald test")
    assert business["z"] > 1.96
    assert data["overall"]["change"]["verdict"] == "clearly improved"
    rows = {r["area"]: r for r in csv.DictReader(io.StringIO(
        finished.client.get(f"/report/{retake.token}.csv").get_data(as_text=True)))}
    assert (rows["business"]["change"], rows["business"]["change_verdict"]) == ("97", "clearly improved")
    assert rows["technical"]["change_verdict"] == "within measurement error"
    assert float(rows["business"]["change_z"]) == business["z"]
    # The smallest change that can count: Holm's first step over 7 changes, |z| above the normal
    # quantile at 1 - 0.1 / 14 (2.45), times each area's error of the difference (the Wald test's
    # sqrt(SE_1^2 + SE_2^2), from the two reports' standard errors to one decimal).
    stated = re.search(r"at least (\d+) to (\d+) points for an area", " ".join(report.split()))
    earlier = finished.client.get(f"/report/{finished.token}.json").get_json()
    errors = [math.hypot(a["standard_error"], b["standard_error"]) for a, b in zip(data["areas"], earlier["areas"])]
    assert [int(n) for n in stated.groups()] == pytest.approx([2.45 * min(errors), 2.45 * max(errors)], abs=0.6)


def test_unfinished_attempt_report_redirects_to_the_quiz(taker):
    taker.start()
    response = taker.client.get(f"/report/{taker.token}")
    assert response.status_code == 302 and response.location.endswith(f"/a/{taker.token}")
    assert taker.client.get(f"/report/{taker.token}.json").status_code == 302


def test_a_report_already_rendered_reads_the_database_once(finished, app):
    url = f"/report/{finished.token}"
    first = finished.client.get(url).get_data(as_text=True)
    seen = {"checkout": 0, "before_cursor_execute": 0}  # connections taken, SQLAlchemy statements
    listeners = {name: lambda *args, name=name: seen.__setitem__(name, seen[name] + 1) for name in seen}
    with app.app_context():
        engine = db.engine
    for name, listener in listeners.items():
        event.listen(engine, name, listener)
    try:
        again = finished.client.get(url).get_data(as_text=True)
    finally:
        for name, listener in listeners.items():
            event.remove(engine, name, listener)
    assert CSRF_RE.sub("", again) == CSRF_RE.sub("", first)  # each page signs its own token
    # One connection and one query: finished? which catalog revision?
    assert seen == {"checkout": 1, "before_cursor_execute": 1}


def test_the_report_body_kept_never_shows_an_instructors_header_or_someone_elses_message(
        finished, app, instructor):
    url = f"/report/{finished.token}"
    taker_page = finished.client.get(url).get_data(as_text=True)  # its body now kept
    assert "Instructor sign-in" in taker_page and "Sign out" not in taker_page

    teacher = Auth(app.test_client())
    assert teacher.login().status_code == 302
    teacher_page = teacher.client.get(url).get_data(as_text=True)
    assert "Sign out" in teacher_page and "Instructor sign-in" not in teacher_page

    with finished.client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this taker only")]
    assert "A message for this taker only" in finished.client.get(url).get_data(as_text=True)
    again = finished.client.get(url).get_data(as_text=True)
    assert CSRF_RE.sub("", again) == CSRF_RE.sub("", taker_page)  # the message shown once
    assert "Sign out" not in again


def test_unknown_report_tokens_404(client):
    assert client.get("/report/" + "Z" * 32).status_code == 404
    assert client.get("/report/" + "not a token").status_code == 404
    assert client.get("/report/" + "Z" * 32 + ".json").status_code == 404
    assert client.get("/report/").status_code == 404


def test_skipped_questions_are_listed_and_not_scored(taker, offered_bank):
    taker.start()
    first = taker.sections()[0]
    taker.submit(1, {q.id: best_option(q) for q in first.questions})
    taker.finish()
    page = taker.client.get(f"/report/{taker.token}").get_data(as_text=True)
    offered = len(offered_bank.questions)
    skipped = offered - len(first.questions)
    assert (f"{len(first.questions)} of {offered} questions answered. You skipped {skipped} questions; "
            "skipped questions don't count against you.").replace("'", "&#39;") in page
    # Only the first area is answered: the others have no score, and say what would give one.
    assert "Not enough answers to score: 0 of" in page
    assert "We can&#39;t give you an overall level yet" in page


def test_how_this_quiz_measures_page(client):
    page = client.get("/report/how-this-quiz-measures").get_data(as_text=True)
    assert "<h1>How this quiz measures</h1>" in page
    assert "RCI = d / (√2 × SD × √(1 − α))" in page  # Jacobson and Truax, once norms exist
    assert "Before that, it is a Wald test" in page
    assert "<strong>A level said plainly</strong> (\"you are Ready\") has a chance of at least 90 in 100" in page
    assert "at most\n      10 reports in 100" in page
    assert "What this quiz cannot tell" in page
    assert "within ±20\n    points of your own average" in page or "±20" in page


def test_stored_norms_rescale_a_reports_error_and_refresh_its_cached_page(finished, app):
    """Once the statistics hold a norm group of 100+ first attempts, an area's true score is
    pulled towards the norm group's mean and its answers weigh as Lord's trials over the Keats
    factor; storing new figures rebuilds the page."""
    def technical_interval():
        data = finished.client.get(f"/report/{finished.token}.json").get_json()
        return next(a["interval"] for a in data["areas"] if a["key"] == "technical")

    page_before = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
    with app.app_context():
        questions = bank_store.current_bank().questions_in("technical")
    trials = effective_count([(q.weight, max(1, len(q.kind.levels(q)) - 1)) for q in questions])
    flat = area_belief(1.0, trials, prior())  # every answer full marks, before norms: Beta(6 + n, 6)
    assert technical_interval() == [round(flat.low, 1), round(flat.high, 1)]
    with app.app_context():
        db.session.add(models.StatisticsSnapshot(
            first_attempts=150, retakes=0, bank_key="any", items=[],
            areas=[{"area": "technical", "items": len(questions), "first_attempts": 150, "mean": 60.0,
                    "sd": 20.0, "alpha": 0.75, "alpha_interval": None, "alpha_takers": 150}]))
        bank_store.bump_revision()
        db.session.commit()
    # The prior: mean .6, true variance .75 x .2^2 = .03, so a + b = .24 / .03 - 1 = 7: Beta(4.2, 2.8);
    # the answers weigh n / Keats, (1 - .75) .2^2 (n - 1) / (.6 x .4 - .2^2).
    normed = area_belief(1.0, trials / keats_factor(0.6, 0.2, 0.75, trials), (4.2, 2.8))
    assert prior(60, 20, 0.75) == pytest.approx((4.2, 2.8))
    assert technical_interval() == [round(normed.low, 1), round(normed.high, 1)]
    assert technical_interval() != [round(flat.low, 1), round(flat.high, 1)]
    page_after = finished.client.get(f"/report/{finished.token}").get_data(as_text=True)
    assert page_after != page_before
    assert f"Technical skills: score 100 of 100, likely range (95 %) {normed.low:.0f} to {normed.high:.0f}" in page_after
