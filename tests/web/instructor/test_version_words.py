"""The version page marks the words that changed within a field, not the whole field, and says
which words were removed and added in text a screen reader reads (most do not announce
<del> and <ins> by themselves)."""

from __future__ import annotations

import re

from quiz.web.instructor.forms import question_data
from tests.instructors import current, form_fields, post_form

SCENARIO = "tech-scn-interface-fails"
URL = f"/instructor/questions/{SCENARIO}"


def row(html: str, what: str) -> tuple[str, str]:
    found = re.search(rf'<tr><th scope="row">{what}</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td></tr>', html, re.S)
    return found[1], found[2]


def marked(cell: str, tag: str) -> list[str]:
    """The words inside each <del> or <ins>, without the screen reader's words."""
    return [re.sub(r'<span class="visually-hidden">[^<]*</span>', "", inside)
            for inside in re.findall(rf"<{tag}>(.*?)</{tag}>", cell, re.S)]


def test_a_one_word_edit_is_marked_as_that_word(app, signed_in):
    first = current(app, SCENARIO)
    assert first.prompt.endswith("What do you do first?")
    data = question_data(first)
    data["prompt"] = first.prompt.replace("What do you do first?", "What do you check first?")
    data["options"][0]["feedback"] += " Then play back a take."
    assert post_form(signed_in, URL, {**form_fields(data), "base_version": "1",
                                      "save": "Save question"}).status_code == 303

    html = signed_in.get(f"{URL}/versions/1").get_data(as_text=True)

    before, after = row(html, "Prompt")
    assert marked(before, "del") == ["do"] and "<ins>" not in before
    assert marked(after, "ins") == ["check"] and "<del>" not in after
    unchanged = "the audio interface starts crackling and dropping out."
    assert unchanged in first.prompt and unchanged in before and unchanged in after
    assert '<del><span class="visually-hidden">removed: </span>do</del>' in before
    assert '<ins><span class="visually-hidden">added: </span>check</ins>' in after
    before, after = row(html, "Option a: feedback")
    assert marked(before, "del") == [] and marked(after, "ins") == [" Then play back a take."]
