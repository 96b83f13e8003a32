"""The question list, and every path of the question form: create each type, add and remove
option rows, preview, validation errors beside the field, edit, retire and restore."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.instructor.forms import new_question_data, next_option_id, question_data
from quiz.web.taking import attempts
from tests.instructors import current, finished_attempt, form_fields, post_form
from tests.takers import csrf_from, form_token

SCENARIO = "tech-scn-interface-fails"
RATING = "tech-rate-vocal-session"
CHECKLIST = "tech-chk-recording-work"
NEW = "/instructor/questions/new"


def edit_url(question_id):
    return f"/instructor/questions/{question_id}"


def errors_beside(html: str, field_id: str) -> list[str]:
    """The error messages rendered beside one field (the macro's <ul id="FIELD-errors">)."""
    match = re.search(rf'<ul class="errors" id="{re.escape(field_id)}-errors">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1), re.S) if match else []


def option_ids(html: str) -> list[tuple[str, str]]:
    """(row number, option id) of every option row on the page."""
    return re.findall(r'name="options-(\d+)-id"[^>]*value="([\w-]*)"', html)


def version_count(app, question_id) -> int:
    with app.app_context():
        return len(db.session.get(models.Question, question_id).versions)


def edit_data(app, question_id, **changes) -> dict:
    data = question_data(current(app, question_id))
    data.update(changes)
    return data


# --- the list -------------------------------------------------------------------------

def test_list_shows_every_question_with_its_answer_count(app, signed_in):
    finished_attempt(app, {SCENARIO: ["a"], RATING: ["4"]})
    finished_attempt(app, {SCENARIO: ["b"]}, finished=False)
    html = signed_in.get("/instructor/").get_data(as_text=True)
    with app.app_context():  # the list shows retired questions too
        total = len(bank_store.current_bank(include_retired=True).questions)
    assert f"Showing {total} of {total} questions." in html
    row = re.search(rf'<tr>(?:(?!</tr>).)*{SCENARIO}(?:(?!</tr>).)*</tr>', html, re.S).group(0)
    assert '<td class="num">2</td>' in row  # answers from both attempts
    assert f'href="/instructor/questions/{SCENARIO}"' in row


@pytest.mark.parametrize("query, expected, unexpected", [
    ("area=technical", [SCENARIO, RATING], ["exp-chk-playing"]),
    ("type=checklist", [CHECKLIST, "exp-chk-playing"], [SCENARIO, RATING]),
    ("area=technical&type=self_rating", [RATING], [SCENARIO, CHECKLIST]),
    ("status=retired", [], [SCENARIO, RATING]),
    ("area=nonsense", [SCENARIO, "exp-chk-playing"], []),  # tampered: shows everything
])
def test_list_filters(signed_in, query, expected, unexpected):
    html = signed_in.get(f"/instructor/?{query}").get_data(as_text=True)
    for qid in expected:
        assert f"<code class=\"qid\">{qid}</code>" in html
    for qid in unexpected:
        assert f"<code class=\"qid\">{qid}</code>" not in html


def test_list_filters_retired_and_active(app, signed_in):
    with app.app_context():  # the shipped bank keeps retired questions for past reports
        shipped_retired = sum(q.retired for q in bank_store.current_bank(include_retired=True).questions)
    post_form(signed_in, edit_url(RATING) + "/retire", {}, page="/instructor/")
    retired = signed_in.get("/instructor/?status=retired").get_data(as_text=True)
    assert f"Showing {shipped_retired + 1} of" in retired and f'<code class="qid">{RATING}</code>' in retired
    active = signed_in.get("/instructor/?status=active").get_data(as_text=True)
    assert f'<code class="qid">{RATING}</code>' not in active


# --- creating each type ----------------------------------------------------------------

def test_new_question_form_starts_with_option_rows(signed_in):
    html = signed_in.get(f"{NEW}?type=checklist&area=experience").get_data(as_text=True)
    assert '<option selected value="checklist">' in html
    assert '<option selected value="experience">' in html
    assert option_ids(html) == [
        ("0", "a"), ("1", "b"), ("2", "c")]


def new_scenario(**changes) -> dict:
    data = {
        "question_id": "tech-scn-new", "area": "technical", "type": "single_choice",
        "prompt": "The drummer's click is bleeding into the overheads. What do you do?", "weight": "1.5",
        "topics": ["resp-technical-problems", "skill-technical"], "feedback": "Bleed is a monitoring problem.",
        "next_step": "session-troubleshooting", "resource": "behind-the-boards",
        "options": [
            {"id": "a", "text": "Turn the click down in the drummer's headphones.", "points": "2",
             "feedback": "Right: fix it at the source."},
            {"id": "b", "text": "Ignore it.", "points": "0", "feedback": "It will be on the record."},
        ],
    }
    data.update(changes)
    return data


def test_create_scenario(app, signed_in):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario()), "save": "Save question"})
    assert response.status_code == 303
    assert response.headers["Location"] == edit_url("tech-scn-new")
    question = current(app, "tech-scn-new")
    assert (question.type, question.area, question.weight) == ("single_choice", "technical", 1.5)
    assert question.topics == ("resp-technical-problems", "skill-technical")
    assert (question.next_step, question.resource) == ("session-troubleshooting", "behind-the-boards")
    assert [(o.id, o.points, o.feedback) for o in question.options] == [
        ("a", 2.0, "Right: fix it at the source."), ("b", 0.0, "It will be on the record.")]
    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Question tech-scn-new added." in page


def test_create_self_rating_reverse_scored(app, signed_in):
    data = new_question_data("self_rating", "technical") | {
        "question_id": "tech-rate-new", "prompt": "I panic when a cable crackles.", "reverse": True,
        "topics": ["resp-technical-problems"]}
    response = post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"})
    assert response.status_code == 303
    question = current(app, "tech-rate-new")
    assert question.reverse and question.type == "self_rating"
    assert [(o.id, o.points) for o in question.options] == [("1", 4), ("2", 3), ("3", 2), ("4", 1), ("5", 0)]


def test_create_checklist_with_none_of_these(app, signed_in):
    data = new_scenario(question_id="exp-chk-new", area="experience", type="checklist",
                        prompt="Which have you done?", topics=["career-own-projects"], options=[
                            {"id": "mixed", "text": "Mixed a song", "points": "1"},
                            {"id": "mastered", "text": "Mastered a song", "points": "2"},
                            {"id": "none", "text": "None of these yet", "points": "0", "none": True}])
    assert post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).status_code == 303
    question = current(app, "exp-chk-new")
    assert [(o.id, o.none) for o in question.options] == [("mixed", False), ("mastered", False), ("none", True)]
    assert question.kind.possible_points(question) == 3


def new_ranking(**changes) -> dict:
    """Items written in the key order: the order in the editor is the key."""
    return new_scenario(**{
        "question_id": "bus-rank-new", "area": "business", "type": "ranking",
        "prompt": "The budget is gone. In what order?", "topics": ["resp-budget"],
        "options": [{"id": "count", "text": "Count what is left", "feedback": "First the facts."},
                    {"id": "tell", "text": "Tell the label"}, {"id": "cut", "text": "Agree the cuts"}],
        **changes})


def test_create_ranking_takes_its_key_from_the_option_order(app, signed_in):
    assert post_form(signed_in, NEW, {**form_fields(new_ranking()), "save": "Save question"}).status_code == 303
    question = current(app, "bus-rank-new")
    assert question.type == "ranking"
    assert [(o.id, o.points, o.feedback) for o in question.options] == [
        ("count", 0, "First the facts."), ("tell", 0, ""), ("cut", 0, "")]
    assert question.fraction(("count", "tell", "cut")) == 1
    assert question.fraction(("cut", "tell", "count")) == 0


def test_ranking_editor_shows_no_points_and_its_own_hint(signed_in):
    html = signed_in.get(f"{NEW}?type=ranking&area=business").get_data(as_text=True)
    assert option_ids(html) == [("0", "a"), ("1", "b"), ("2", "c"), ("3", "d")]
    assert 'name="options-0-points"' not in html and 'name="options-0-none"' not in html
    assert "in the order an experienced producer would put them: that order is the key" in html


def test_move_up_changes_the_key_order_without_saving(app, signed_in):
    response = post_form(signed_in, NEW, {**form_fields(new_ranking()), "options-2-move_up": "Move option 3 up"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert option_ids(html) == [("0", "count"), ("1", "cut"), ("2", "tell")]
    assert re.search(r'name="options-1-text"[^>]*>\s*Agree the cuts</textarea>', html)
    assert 'name="options-0-move_up"' not in html  # the first row has nowhere to go
    assert current(app, "bus-rank-new") is None


@pytest.mark.parametrize("options, field_id, message", [
    ([{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}], "options",
     "This question needs at least three options."),
    ([{"id": c, "text": c.upper()} for c in "abcdefgh"], "options",
     "This question takes at most 7 options, not 8."),
])
def test_ranking_rules_are_shown_beside_their_field(signed_in, options, field_id, message):
    response = post_form(signed_in, NEW, {**form_fields(new_ranking(options=options)), "save": "Save question"})
    assert response.status_code == 422
    assert message in errors_beside(response.get_data(as_text=True), field_id)


def test_a_field_the_type_does_not_take_is_left_out_not_saved(app, signed_in):
    """A row kept from another type (points, in a ranking) is not part of the question."""
    options = [{"id": "a", "text": "One"}, {"id": "b", "text": "Two", "points": "2"}, {"id": "c", "text": "Three"}]
    response = post_form(signed_in, NEW, {**form_fields(new_ranking(options=options)), "save": "Save question"})
    assert response.status_code == 303
    assert [o.points for o in current(app, "bus-rank-new").options] == [0, 0, 0]


def new_rated(**changes) -> dict:
    return new_scenario(**{
        "question_id": "col-sjt-new", "area": "collaboration", "type": "rate_options",
        "label": "A singer who wants to stop", "prompt": "The singer wants to stop after two takes.",
        "topics": ["rel-trust-respect"],
        "options": [{"id": "a", "text": "Ask what would help", "key_rating": "4", "rationale": "Listen first."},
                    {"id": "b", "text": "Insist on ten more", "key_rating": "1", "rationale": "Burns trust."},
                    {"id": "c", "text": "Stop for the day", "key_rating": "2", "rationale": "Too soon."}],
        **changes})


def test_a_rate_options_question_is_written_with_key_ratings_rationales_and_a_label(app, signed_in):
    page = signed_in.get(f"{NEW}?type=rate_options&area=collaboration").get_data(as_text=True)
    assert 'name="options-0-key_rating"' in page and 'name="options-0-rationale"' in page
    assert 'name="options-0-points"' not in page and 'name="label"' in page
    response = post_form(signed_in, NEW, {**form_fields(new_rated()), "save": "Save question"})
    assert response.status_code == 303, errors_beside(response.get_data(as_text=True), "options-0-key_rating")
    saved = current(app, "col-sjt-new")
    assert saved.label == "A singer who wants to stop"
    assert [(o.key_rating, o.rationale) for o in saved.options] == [(4, "Listen first."), (1, "Burns trust."),
                                                                    (2, "Too soon.")]
    edit = signed_in.get(edit_url("col-sjt-new")).get_data(as_text=True)
    assert re.search(r'name="options-1-key_rating"[^>]*value="1"', edit)


@pytest.mark.parametrize("changes, field_id, message", [
    ({"label": "x" * 49}, "label", "Shorten the label to at most 48 characters."),
    ({"options": [{"id": "a", "text": "A", "key_rating": "5", "rationale": "R"},
                  {"id": "b", "text": "B", "key_rating": "1", "rationale": "R"},
                  {"id": "c", "text": "C", "key_rating": "1", "rationale": "R"}]},
     "options-0-key_rating", "Give option a a key rating from 1 (a poor idea) to 4 (a very good idea)."),
])
def test_rate_options_rules_are_shown_beside_their_field(signed_in, changes, field_id, message):
    response = post_form(signed_in, NEW, {**form_fields(new_rated(**changes)), "save": "Save question"})
    assert response.status_code == 422
    assert message in errors_beside(response.get_data(as_text=True), field_id)


def test_preview_of_a_ranking_shows_position_selects_and_the_key(signed_in):
    html = post_form(signed_in, NEW, {**form_fields(new_ranking()), "preview": "Preview"}).get_data(as_text=True)
    assert '<label for="q-bus-rank-new-count"><span class="visually-hidden">Position of </span><span class="order-text">Count what is left</span></label>' in html
    assert '<option value="count:3">3</option>' in html
    assert "(each taker gets the options in an order of their own)" in html
    assert re.search(r"<th[^>]*>Key position</th>", html)
    assert re.search(r"<td>Count what is left</td>\s*<td class=\"num\">1</td>", html)


def test_new_question_joins_new_attempts(app, signed_in):
    post_form(signed_in, NEW, {**form_fields(new_scenario()), "save": "Save question"})
    with app.app_context():
        attempt = attempts.start_attempt()
        assert "tech-scn-new" in [q.id for q in bank_store.attempt_bank(attempt).questions]


def test_blank_option_rows_are_left_out(app, signed_in):
    data = new_scenario()
    data["options"].append({"id": "c", "text": "", "points": "0", "feedback": ""})
    assert post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).status_code == 303
    assert [o.id for o in current(app, "tech-scn-new").options] == ["a", "b"]


# --- validation: the bank's rules, shown beside the field -------------------------------

@pytest.mark.parametrize("changes, field_id, message", [
    ({"weight": "0"}, "weight", "Enter a weight greater than 0, such as 1."),
    ({"weight": "heavy"}, "weight", "Enter the weight with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;heavy&#39; is not one)."),
    ({"topics": []}, "topics", "Tick at least one topic this question covers."),
    ({"prompt": "  "}, "prompt", "Enter the prompt the taker sees."),
    ({"question_id": "Tech New"}, "question_id",
     "Use only lowercase letters, digits, &#39;-&#39; and &#39;_&#39; in the id, e.g. tech-scn-mic-choice."),
    ({"question_id": SCENARIO}, "question_id", f"A question with the id &#39;{SCENARIO}&#39; already exists."),
    ({"type": "essay"}, "type",
     "Unknown type &#39;essay&#39; (use one of self_rating, single_choice, checklist, ranking, listening, rate_options)."),
])
def test_problems_are_shown_beside_their_field(app, signed_in, changes, field_id, message):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario(**changes)), "save": "Save question"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This question was not saved." in html
    assert message in errors_beside(html, field_id)
    assert current(app, "tech-scn-new") is None


@pytest.mark.parametrize("options, field_id, message", [
    ([{"id": "a", "text": "One", "points": "1"}], "options", "This question needs at least two options."),
    ([{"id": "a", "text": "One", "points": "0"}, {"id": "b", "text": "Two", "points": "0", "feedback": "x"}],
     "options", "This question has no option that scores points."),
    ([{"id": "a", "text": "One", "points": "1"}, {"id": "b", "text": "Two", "points": "-1"}],
     "options-1-points", "Option b has negative points: give it 0 or more."),
    ([{"id": "a", "text": "One", "points": "1"}, {"id": "a", "text": "Two", "points": "0"}],
     "options-1-id", "Give each option its own id: &#39;a&#39; is used twice."),
    ([{"id": "a", "text": "One", "points": "1"}, {"id": "b", "text": "", "points": "2"}],
     "options-1-text", "Enter the option&#39;s text, or remove the row."),
    ([{"id": "a", "text": "One", "points": "1"}, {"id": "b", "text": "Two", "points": "lots"}],
     "options-1-points", "Enter the points with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;lots&#39; is not one)."),
])
def test_option_problems_are_shown_beside_the_option(app, signed_in, options, field_id, message):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario(options=options)), "save": "Save question"})
    assert response.status_code == 422
    assert message in errors_beside(response.get_data(as_text=True), field_id)
    assert current(app, "tech-scn-new") is None


def test_a_none_of_these_tick_is_left_out_of_a_type_without_one(app, signed_in):
    """Only checklist rows show the 'none of these' box; a tick kept from a checklist row (or
    posted anyway) is not part of a single-choice question."""
    assert 'name="options-0-none"' not in signed_in.get(f"{NEW}?type=single_choice&area=technical").get_data(
        as_text=True)
    options = [{"id": "a", "text": "One", "points": "1"}, {"id": "b", "text": "None", "none": True}]
    response = post_form(signed_in, NEW, {**form_fields(new_scenario(options=options)), "save": "Save question"})
    assert response.status_code == 303
    assert [(o.id, o.none) for o in current(app, "tech-scn-new").options] == [("a", False), ("b", False)]


@pytest.mark.parametrize("changes, field_id, message", [
    ({"weight": "inf"}, "weight", "Enter the weight with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;inf&#39; is not one)."),
    ({"weight": "nan"}, "weight", "Enter the weight with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;nan&#39; is not one)."),
    ({"weight": "9" * 4000}, "weight",
     "Enter the weight as an ordinary number, such as 1 or 2.5 (999999999999… is not one)."),
    ({"weight": "1e3"}, "weight", "Enter the weight with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;1e3&#39; is not one)."),
    # issue 32: Python's float() took these as 10 and 3
    ({"weight": "1_0"}, "weight", "Enter the weight with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;1_0&#39; is not one)."),
    ({"weight": "\u0663"}, "weight", "Enter the weight with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;\u0663&#39; is not one)."),
    ({"options": [{"id": "a", "text": "One", "points": "\u0663"}, {"id": "b", "text": "Two", "points": "1"}]},
     "options-0-points", "Enter the points with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;\u0663&#39; is not one)."),
    ({"options": [{"id": "a", "text": "One", "points": "1_0"}, {"id": "b", "text": "Two", "points": "1"}]},
     "options-0-points", "Enter the points with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;1_0&#39; is not one)."),
    ({"weight": "101"}, "weight", "Enter a weight of at most 100, such as 1 or 2."),
    ({"options": [{"id": "a", "text": "One", "points": "1"}, {"id": "b", "text": "Two", "points": "Infinity"}]},
     "options-1-points", "Enter the points with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;Infinity&#39; is not one)."),
    ({"options": [{"id": "a", "text": "One", "points": "NaN"}, {"id": "b", "text": "Two", "points": "1"}]},
     "options-0-points", "Enter the points with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 (&#39;NaN&#39; is not one)."),
    ({"options": [{"id": "a", "text": "One", "points": "101"}, {"id": "b", "text": "Two", "points": "1"}]},
     "options-0-points", "Give option a at most 100 points."),
])
def test_weights_and_points_must_be_finite_and_in_range(app, signed_in, changes, field_id, message):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario(**changes)), "save": "Save question"})
    assert response.status_code == 422
    assert message in errors_beside(response.get_data(as_text=True), field_id)
    assert current(app, "tech-scn-new") is None


def test_problem_beside_the_right_row_when_a_blank_row_comes_first(signed_in):
    options = [{"id": "a", "text": "", "points": "0"}, {"id": "b", "text": "One", "points": "1"},
               {"id": "c", "text": "Two", "points": "-2"}]
    response = post_form(signed_in, NEW, {**form_fields(new_scenario(options=options)), "save": "Save question"})
    assert errors_beside(response.get_data(as_text=True), "options-2-points") == [
        "Option c has negative points: give it 0 or more."]


def test_self_rating_takes_no_options(signed_in):
    data = new_scenario(type="self_rating")
    response = post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"})
    assert errors_beside(response.get_data(as_text=True), "options") == [
        "This type brings its own answers (a fixed scale): remove the option rows."]


def test_unknown_references_are_refused(app, signed_in):
    data = new_scenario(next_step="no-such-step", resource="no-such-book", topics=["no-such-topic"])
    html = post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).get_data(as_text=True)
    assert errors_beside(html, "next_step") == ["Unknown next step &#39;no-such-step&#39;."]
    assert errors_beside(html, "resource") == ["Unknown resource &#39;no-such-book&#39;."]
    assert errors_beside(html, "topics") == ["Unknown topic &#39;no-such-topic&#39;."]


def test_entered_values_survive_an_error(signed_in):
    data = new_scenario(weight="0")
    html = post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).get_data(as_text=True)
    assert "The drummer&#39;s click is bleeding into the overheads." in html
    assert re.search(r'<input checked id="topics-\d+" name="topics" type="checkbox" value="resp-technical-problems">', html)
    assert "Turn the click down in the drummer&#39;s headphones." in html


# --- add and remove option rows without JavaScript --------------------------------------

def test_add_option_adds_a_row_with_the_next_free_id(app, signed_in):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario()), "add_option": "Add option"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert option_ids(html) == [("0", "a"), ("1", "b"), ("2", "c")]
    assert "Remove option 3" in html
    assert "This question was not saved." not in html  # no rules run for adding a row
    assert current(app, "tech-scn-new") is None


def test_remove_option_renumbers_the_rows(app, signed_in):
    data = new_scenario()
    data["options"].append({"id": "c", "text": "Move the microphone.", "points": "1"})
    fields = {**form_fields(data), "options-0-remove": "Remove option 1"}
    html = post_form(signed_in, NEW, fields).get_data(as_text=True)
    assert option_ids(html) == [("0", "b"), ("1", "c")]
    assert re.search(r'name="options-1-text"[^>]*>\s*Move the microphone.</textarea>', html)
    assert "Remove option 3" not in html
    assert current(app, "tech-scn-new") is None


def test_add_then_save_a_third_option(app, signed_in):
    data = new_scenario()
    data["options"].append({"id": "c", "text": "Re-record with a quieter click.", "points": "1"})
    assert post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).status_code == 303
    assert [o.id for o in current(app, "tech-scn-new").options] == ["a", "b", "c"]


def test_remove_every_option_of_a_scenario_is_refused_on_save(signed_in):
    data = new_scenario(options=[])
    html = post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).get_data(as_text=True)
    assert "This question needs at least two options." in errors_beside(html, "options")


# --- preview ----------------------------------------------------------------------------

def test_preview_shows_the_question_as_a_taker_sees_it_without_saving(app, signed_in):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario()), "preview": "Preview"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<section class="preview"' in html
    assert '<fieldset class="question question-single_choice" id="q-tech-scn-new">' in html
    assert 'type="radio" name="q-tech-scn-new"' in html
    assert "Turn the click down in the drummer&#39;s headphones." in html
    assert current(app, "tech-scn-new") is None
    assert "Clear my choice" not in html  # no section form to send it in


def test_preview_of_a_self_rating_shows_the_scale(signed_in):
    data = new_question_data("self_rating", "technical") | {
        "question_id": "tech-rate-new", "prompt": "I label my takes.", "topics": ["skill-technical"]}
    html = post_form(signed_in, NEW, {**form_fields(data), "preview": "Preview"}).get_data(as_text=True)
    assert 'class="likert"' in html and "Could teach it" in html and "like me" not in html
    assert 'value="not-yet"' not in html  # offered only with needs_experience


def test_preview_of_a_frequency_self_rating_offers_not_yet_after_the_scale(signed_in):
    data = new_question_data("self_rating", "technical") | {
        "question_id": "tech-rate-new", "prompt": "I label my takes.", "topics": ["skill-technical"],
        "scale": "frequency", "needs_experience": True}
    html = post_form(signed_in, NEW, {**form_fields(data), "preview": "Preview"}).get_data(as_text=True)
    assert "How often do you do this?" in html and "Every time" in html
    scale, off_scale = html.split('class="likert-off-scale"')
    assert "Every time" in scale and 'value="not-yet"' not in scale
    assert 'value="not-yet"' in off_scale and "I haven&#39;t had the chance yet" in off_scale
    assert '<td class="num">not scored</td>' in html  # the preview's key


def test_preview_with_problems_shows_them_instead(signed_in):
    response = post_form(signed_in, NEW, {**form_fields(new_scenario(topics=[])), "preview": "Preview"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<section class="preview"' not in html
    assert errors_beside(html, "topics")


def test_preview_of_an_edit_leaves_the_question_alone(app, signed_in):
    before = current(app, SCENARIO)
    data = edit_data(app, SCENARIO, prompt="A new wording")
    html = post_form(signed_in, edit_url(SCENARIO), {**form_fields(data), "preview": "Preview"}).get_data(as_text=True)
    assert "A new wording" in html
    assert current(app, SCENARIO) == before
    assert version_count(app, SCENARIO) == 1


# --- editing and versions ---------------------------------------------------------------

def test_edit_page_shows_the_current_version(app, signed_in):
    html = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    assert f"Edit question <code>{SCENARIO}</code>" in html
    assert 'name="question_id"' not in html  # the id cannot change
    assert '<option selected value="single_choice">' in html
    assert option_ids(html) == [
        ("0", "a"), ("1", "b"), ("2", "c")]
    assert 'id="versions-heading"' in html


def test_unknown_question_is_404(signed_in):
    assert signed_in.get(edit_url("no-such-question")).status_code == 404
    token = form_token(signed_in, "/instructor/")
    assert signed_in.post(edit_url("no-such-question") + "/retire", data={"csrf_token": token}).status_code == 404


def test_edit_saves_a_new_version(app, signed_in):
    data = edit_data(app, SCENARIO, prompt="The interface crackles. First move?")
    data["options"][2]["points"] = "2"
    response = post_form(signed_in, edit_url(SCENARIO), {**form_fields(data), "save": "Save question"})
    assert response.status_code == 303
    assert version_count(app, SCENARIO) == 2
    question = current(app, SCENARIO)
    assert question.prompt == "The interface crackles. First move?"
    assert question.option("c").points == 2
    html = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    assert "Saved tech-scn-interface-fails as a new version." in html
    assert '>Version 2</a> <span class="badge">current</span></td>' in html


def save_changed_scenario(app, signed_in) -> None:
    """Version 2 of SCENARIO: a new prompt, option b worth 2 points, option c removed."""
    data = edit_data(app, SCENARIO, prompt="The interface crackles. First move?")
    data["options"][1]["points"] = "2"
    del data["options"][2]
    assert post_form(signed_in, edit_url(SCENARIO), {**form_fields(data), "save": "Save question"}).status_code == 303


def test_an_old_version_is_shown_and_compared_with_the_current_one(app, signed_in):
    first = current(app, SCENARIO)
    save_changed_scenario(app, signed_in)
    html = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    assert f'href="{edit_url(SCENARIO)}/versions/1">Version 1</a>' in html
    page = signed_in.get(edit_url(SCENARIO) + "/versions/1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert escape(first.prompt) in html and escape(first.option("c").text) in html  # version 1 in full
    rows = {what: (old, new) for what, old, new in re.findall(
        r'<tr><th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td></tr>', html, re.S)}
    removed, added = '<del><span class="visually-hidden">removed: </span>', '<ins><span class="visually-hidden">added: </span>'
    # the changed words marked, those both versions share ("interface", the full stop) not
    assert rows["Prompt"][1] == f"{added}The</ins> interface {added}crackles</ins>. {added}First move</ins>?"
    assert rows["Prompt"][0].count(removed) == 3 and " interface " in rows["Prompt"][0]
    assert rows["Option b: points"] == (f"{removed}{first.option('b').points}</del>", f"{added}2.0</ins>")
    assert rows["Option c"][1] == '<span class="muted">(none)</span>'  # removed since
    assert set(rows) == {"Prompt", "Option b: points", "Option c"}  # nothing else differs
    assert "This is the current version." in signed_in.get(edit_url(SCENARIO) + "/versions/2").get_data(as_text=True)
    assert signed_in.get(edit_url(SCENARIO) + "/versions/3").status_code == 404


def test_restoring_an_old_version_makes_it_the_newest_version(app, signed_in):
    first = current(app, SCENARIO)
    save_changed_scenario(app, signed_in)
    url = edit_url(SCENARIO) + "/versions/1"
    response = post_form(signed_in, url + "/restore", {}, page=url)
    assert response.status_code == 303 and response.headers["Location"] == edit_url(SCENARIO)
    assert version_count(app, SCENARIO) == 3  # a new version: version 2 keeps its answers
    assert current(app, SCENARIO) == first
    html = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    assert f"Version 1 of {SCENARIO} restored as its newest version." in html
    assert "The same as the current version in every field." in signed_in.get(url).get_data(as_text=True)
    post_form(signed_in, url + "/restore", {}, page=edit_url(SCENARIO))  # again: nothing to restore
    assert version_count(app, SCENARIO) == 3
    assert signed_in.post(url + "/restore").status_code == 400  # no form token


def test_an_old_version_that_breaks_todays_rules_is_not_restored(app, signed_in):
    """Restoring runs the bank's rules again: here a topic removed from the catalog since."""
    save_changed_scenario(app, signed_in)
    with app.app_context():
        old = db.session.scalar(select(models.QuestionVersion).filter_by(question_id=SCENARIO, number=1))
        old.topics = ["a-topic-since-removed"]
        db.session.commit()
    url = edit_url(SCENARIO) + "/versions/1"
    response = post_form(signed_in, url + "/restore", {}, page=url)
    assert response.status_code == 303 and response.headers["Location"] == url
    assert version_count(app, SCENARIO) == 2
    html = signed_in.get(url).get_data(as_text=True)
    assert (f"Version 1 of {SCENARIO} was not restored: it breaks today&#39;s rules - unknown topic "
            f"&#39;a-topic-since-removed&#39; in question {SCENARIO}. Edit the current version instead.") in html


def test_edit_ignores_a_posted_id(app, signed_in):
    data = edit_data(app, SCENARIO, prompt="Reworded")
    fields = {**form_fields(data), "question_id": "hijacked", "save": "Save question"}
    assert post_form(signed_in, edit_url(SCENARIO), fields).status_code == 303
    assert current(app, SCENARIO).prompt == "Reworded"
    assert current(app, "hijacked") is None


def test_saving_without_changes_makes_no_version(app, signed_in):
    data = edit_data(app, SCENARIO)
    response = post_form(signed_in, edit_url(SCENARIO), {**form_fields(data), "save": "Save question"})
    assert response.status_code == 303
    assert version_count(app, SCENARIO) == 1
    assert "Nothing changed" in signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)


def test_edit_can_change_the_type(app, signed_in):
    data = edit_data(app, RATING, type="single_choice", options=[
        {"id": "yes", "text": "Yes", "points": "1"}, {"id": "no", "text": "No", "points": "0"}])
    assert post_form(signed_in, edit_url(RATING), {**form_fields(data), "save": "Save question"}).status_code == 303
    assert [o.id for o in current(app, RATING).options] == ["yes", "no"]


def test_editing_a_retired_question_keeps_it_retired(app, signed_in):
    post_form(signed_in, edit_url(SCENARIO) + "/retire", {}, page=edit_url(SCENARIO))
    data = edit_data(app, SCENARIO, prompt="Reworded while retired")
    post_form(signed_in, edit_url(SCENARIO), {**form_fields(data), "save": "Save question"})
    question = current(app, SCENARIO)
    assert question.retired and question.prompt == "Reworded while retired"


def test_version_history_counts_answers_per_version(app, signed_in):
    finished_attempt(app, {SCENARIO: ["a"]})
    data = edit_data(app, SCENARIO, prompt="Second wording")
    post_form(signed_in, edit_url(SCENARIO), {**form_fields(data), "save": "Save question"})
    html = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    rows = re.findall(r"<tr><td><a [^>]*>Version (\d)</a>.*?</td>.*?<td class=\"num\">(\d+)</td></tr>",
                      html, re.S)
    assert rows == [("2", "0"), ("1", "1")]


# --- retire and restore -----------------------------------------------------------------

def test_retire_and_restore(app, signed_in):
    response = post_form(signed_in, edit_url(SCENARIO) + "/retire",
                         {"next": "/instructor/?area=technical"}, page="/instructor/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/instructor/?area=technical"
    assert current(app, SCENARIO).retired
    with app.app_context():
        attempt = attempts.start_attempt()
        assert SCENARIO not in [q.id for q in bank_store.attempt_bank(attempt).questions]
    assert "Retired tech-scn-interface-fails" in signed_in.get("/instructor/").get_data(as_text=True)

    post_form(signed_in, edit_url(SCENARIO) + "/restore", {}, page=edit_url(SCENARIO))
    assert not current(app, SCENARIO).retired
    with app.app_context():
        attempt = attempts.start_attempt()
        assert SCENARIO in [q.id for q in bank_store.attempt_bank(attempt).questions]


def test_retiring_offers_undo_on_the_page_it_lands_on(app, signed_in):
    post_form(signed_in, edit_url(SCENARIO) + "/retire", {"next": "/instructor/?area=technical"},
              page="/instructor/")
    html = signed_in.get("/instructor/?area=technical").get_data(as_text=True)
    undo = re.search(r'<form class="flash flash-info" method="post" action="([^"]+)">(.*?)</form>', html, re.S)
    assert undo.group(1) == edit_url(SCENARIO) + "/restore"
    assert 'name="next" value="/instructor/?area=technical"' in undo.group(2)
    token = re.search(r'name="csrf_token" value="([^"]+)"', undo.group(2)).group(1)
    response = signed_in.post(undo.group(1), data={"csrf_token": token, "next": "/instructor/?area=technical"})
    assert response.status_code == 303 and not current(app, SCENARIO).retired
    assert f"Restored {SCENARIO}" in signed_in.get("/instructor/").get_data(as_text=True)
    assert "Undo" not in signed_in.get("/instructor/").get_data(as_text=True)  # offered once


def test_retire_goes_back_only_inside_the_site(signed_in):
    response = post_form(signed_in, edit_url(SCENARIO) + "/retire", {"next": "//evil.com"}, page="/instructor/")
    assert response.headers["Location"] == "/instructor/"


def test_retire_keeps_attempts_already_started(app, signed_in):
    with app.app_context():
        attempt_id = attempts.start_attempt().id
    post_form(signed_in, edit_url(SCENARIO) + "/retire", {}, page="/instructor/")
    with app.app_context():
        attempt = db.session.get(models.Attempt, attempt_id)
        assert SCENARIO in [q.id for q in bank_store.attempt_bank(attempt).questions]


def test_retire_needs_post_and_csrf(app, signed_in):
    assert signed_in.get(edit_url(SCENARIO) + "/retire").status_code == 405
    assert signed_in.post(edit_url(SCENARIO) + "/retire").status_code == 400
    assert not current(app, SCENARIO).retired


def test_save_without_csrf_token_is_refused(app, signed_in):
    fields = {**form_fields(new_scenario()), "save": "Save question"}
    assert signed_in.post(NEW, data=fields).status_code == 400
    assert current(app, "tech-scn-new") is None


def test_list_row_has_retire_form_with_token(signed_in):
    html = signed_in.get("/instructor/").get_data(as_text=True)
    assert f'action="/instructor/questions/{SCENARIO}/retire"' in html
    assert csrf_from(html)


def test_answers_are_counted_in_the_database(app):
    finished_attempt(app, {SCENARIO: ["a"], RATING: ["5"]})
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(models.Answer)) == 2


# --- two instructors at once --------------------------------------------------------------

def test_edit_started_before_someone_elses_save_is_not_saved(app, signed_in):
    page = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    assert re.search(r'name="base_version" type="hidden" value="1"', page)
    first = {**form_fields(edit_data(app, SCENARIO, prompt="Mine")), "base_version": "1", "save": "Save question"}
    other = {**form_fields(edit_data(app, SCENARIO, prompt="Theirs")), "base_version": "1", "save": "Save question"}
    assert post_form(signed_in, edit_url(SCENARIO), other).status_code == 303  # version 2

    response = post_form(signed_in, edit_url(SCENARIO), first)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else saved version 2 of this question after you opened it" in html
    assert re.search(r'name="base_version" type="hidden" value="2"', html)
    assert re.search(r">\s*Mine</textarea>", html)  # the changes are kept in the form
    assert current(app, SCENARIO).prompt == "Theirs"

    assert post_form(signed_in, edit_url(SCENARIO), {**first, "base_version": "2"}).status_code == 303
    assert current(app, SCENARIO).prompt == "Mine"
    assert version_count(app, SCENARIO) == 3


def test_preview_is_not_blocked_by_a_newer_version(app, signed_in):
    data = {**form_fields(edit_data(app, SCENARIO, prompt="Mine")), "base_version": "0", "preview": "Preview"}
    assert post_form(signed_in, edit_url(SCENARIO), data).status_code == 200


def test_simultaneous_save_of_the_same_question(app, signed_in, monkeypatch):
    def collide(question, position=None):
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(bank_store, "save_question", collide)
    data = {**form_fields(edit_data(app, SCENARIO, prompt="Mine")), "save": "Save question"}
    response = post_form(signed_in, edit_url(SCENARIO), data)
    assert response.status_code == 303
    assert "saved by someone else at the same moment" in signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    assert version_count(app, SCENARIO) == 1


def test_enter_in_a_text_box_saves_rather_than_removes_an_option(signed_in):
    html = signed_in.get(edit_url(SCENARIO)).get_data(as_text=True)
    form = html.split('class="question-form"')[1]
    first_submit = re.search(r'<(?:button|input)[^>]*type="submit"[^>]*>', form).group(0)
    assert 'name="save"' in first_submit


def test_next_option_id():
    assert next_option_id(set()) == "a"
    assert next_option_id({"a", "b", "d"}) == "c"
    assert next_option_id({chr(c) for c in range(ord("a"), ord("z") + 1)}) == "option-27"


def warnings_on(html: str) -> list[str]:
    if 'class="item-warnings"' not in html:
        return []
    section = html.split('class="item-warnings"')[1].split("</section>")[0]
    return [" ".join(item.split("</li>")[0].split()) for item in section.split("<li>")[1:]]


def test_preview_shows_the_item_writing_warnings_and_the_rationale(signed_in):
    html = post_form(signed_in, NEW, {**form_fields(new_scenario()), "preview": "Preview"}).get_data(as_text=True)
    assert "Item-writing warnings for this preview" in html
    assert warnings_on(html) == [
        "the keyed option a of tech-scn-new has 48 characters, 4.8 times the mean of the others (10): "
        "a test-wise taker picks the longest",
        "tech-scn-new has no rationale: say why its key is what a working producer would do"]

    rationale = "Bleed starts at the headphones; turning the click down there removes it at the source."
    html = post_form(signed_in, NEW, {**form_fields(new_scenario(rationale=rationale)),
                                      "preview": "Preview"}).get_data(as_text=True)
    assert len(warnings_on(html)) == 1
    assert "Rationale for the key</strong> (instructors only): Bleed starts at the headphones" in html


def test_a_saved_rationale_is_stored_edited_and_its_warnings_shown_on_the_edit_page(app, signed_in):
    rationale = "Bleed starts at the headphones."
    options = [{"id": "a", "text": "Turn the click down.", "points": "2"},
               {"id": "b", "text": "Never use a click.", "points": "0"}]
    post_form(signed_in, NEW, {**form_fields(new_scenario(rationale=rationale, options=options)),
                               "save": "Save question"})
    assert current(app, "tech-scn-new").rationale == rationale
    html = signed_in.get(edit_url("tech-scn-new")).get_data(as_text=True)
    assert f">\r\n{rationale}</textarea>" in html  # WTForms starts a textarea with a newline
    assert "Item-writing warnings" in html and "for this preview" not in html
    assert warnings_on(html) == [
        "the cue word &#39;never&#39; appears only in distractors of tech-scn-new (option b): "
        "a test-wise taker avoids it"]


def test_a_self_ratings_scale_and_not_yet_answer_are_saved_from_the_editor(app, signed_in):
    data = new_question_data("self_rating", "technical") | {
        "question_id": "tech-rate-new", "prompt": "I label my takes.", "topics": ["skill-technical"],
        "scale": "frequency", "needs_experience": True}
    assert post_form(signed_in, NEW, {**form_fields(data), "save": "Save question"}).status_code == 303
    saved = current(app, "tech-rate-new")
    assert (saved.scale, saved.needs_experience, saved.options[-1].id) == ("frequency", True, "not-yet")
    html = signed_in.get(edit_url("tech-rate-new")).get_data(as_text=True)
    assert '<option selected value="frequency">' in html
    assert 'id="needs_experience" name="needs_experience" type="checkbox" value="y"' in html
