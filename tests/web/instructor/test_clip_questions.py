"""Editing a question that plays clips: its stimulus in the form, a preview that plays the clips
it would generate (before anything is saved), a new version when the stimulus changes, and
the bank's rules beside the field."""

from __future__ import annotations

import re

from quiz.domain import audio
from quiz.web.instructor.forms import question_data
from tests.instructors import current, form_fields, post_form

PITCH = "mus-listen-pitch-25c"


def edit_url(question_id: str) -> str:
    return f"/instructor/questions/{question_id}"


def test_the_form_shows_the_stimulus_as_one_line_of_yaml_and_only_the_written_options(app, signed_in):
    html = signed_in.get(edit_url(PITCH)).get_data(as_text=True)
    assert "{kind: pitch, reference_hz: 440, offset_cents: -25}" in html
    assert re.findall(r'name="options-\d+-id"[^>]*value="([\w-]*)"', html) == ["flat", "in-tune", "sharp"]


def test_the_preview_plays_the_clips_of_the_stimulus_typed_before_it_is_saved(app, signed_in):
    data = {**question_data(current(app, PITCH)), "stimulus": "{kind: pitch, reference_hz: 300, offset_cents: -6}"}
    html = post_form(signed_in, edit_url(PITCH), {**form_fields(data), "preview": "Preview"}).get_data(as_text=True)
    clip = audio.render(audio.from_dict({"kind": "pitch", "reference_hz": 300, "offset_cents": -6}))[0]
    assert f'src="/audio/{clip.name}.wav"' in html
    served = signed_in.get(f"/audio/{clip.name}.wav")
    assert served.status_code == 200 and served.data == clip.wav
    assert current(app, PITCH).stimulus.number("offset_cents") == -25  # nothing saved


def test_saving_a_new_stimulus_makes_a_new_version(app, signed_in):
    data = {**question_data(current(app, PITCH)), "stimulus": "{kind: pitch, reference_hz: 440, offset_cents: -12}"}
    assert post_form(signed_in, edit_url(PITCH), {**form_fields(data), "save": "Save question"}).status_code == 303
    saved = current(app, PITCH)
    assert saved.stimulus == audio.from_dict({"kind": "pitch", "reference_hz": 440, "offset_cents": -12})
    assert [o.id for o in saved.options] == ["flat", "in-tune", "sharp", "unheard"]


def test_a_stimulus_that_makes_another_answer_right_is_refused(app, signed_in):
    data = {**question_data(current(app, PITCH)), "stimulus": "{kind: pitch, reference_hz: 440, offset_cents: 25}"}
    response = post_form(signed_in, edit_url(PITCH), {**form_fields(data), "save": "Save question"})
    assert response.status_code == 422
    assert "makes &#39;sharp&#39; the right answer" in response.get_data(as_text=True)
    assert current(app, PITCH).stimulus.number("offset_cents") == -25


def test_a_stimulus_that_is_not_yaml_is_named_beside_its_field(app, signed_in):
    data = {**question_data(current(app, PITCH)), "stimulus": "{kind: pitch, reference_hz: [440"}
    html = post_form(signed_in, edit_url(PITCH), {**form_fields(data), "save": "Save question"}).get_data(as_text=True)
    errors = re.search(r'<ul class="errors" id="stimulus-errors">(.*?)</ul>', html, re.S).group(1)
    assert "<li>Stimulus must be a mapping such as {kind: pitch, reference_hz: 440, offset_cents: -25}.</li>" in errors


def test_the_statistics_page_names_each_questions_step_of_difficulty(signed_in):
    html = signed_in.get("/instructor/statistics").get_data(as_text=True)
    for question_id, step in ((PITCH, "pitch, 25 cents"), ("mus-listen-timing-10ms", "timing, 10 ms"),
                              ("tec-listen-eq-3db", "eq, 3 dB")):
        row = re.search(rf'<tr id="item-{question_id}".*?</tr>', html, re.S).group(0)
        assert f'<span class="badge">Step: {step}</span>' in row
