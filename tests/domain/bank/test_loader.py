"""The YAML loader/validator: every rule has a test, and every error names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quiz.domain.bank import BankInvalid, BankTooLarge, export_bank, load_bank
from quiz.domain.bank.loader import MAX_BANK_BYTES, MAX_OPTIONS, MAX_QUESTIONS
from quiz.domain.question_types import BY_NAME
from tests.factories import many_questions_yaml

VALID = """\
area: technical
questions:
  - id: tech-rate-01
    type: self_rating
    prompt: I can record a vocal session on my own.
    weight: 1
    reverse: false
    topics: [skill-technical]
    feedback: Recording is the core of the job.
    next_step: hands-on-recording
  - id: tech-mix-03
    type: single_choice
    prompt: The mix sounds muddy. What do you do first?
    weight: 2
    topics: [resp-mix-master]
    next_step: practise-mixing
    options:
      - id: a
        text: Cut low mids on the guitars
        points: 3
        feedback: Yes.
      - id: b
        text: Turn everything up
        points: 0
        feedback: No.
"""


def write(bank_dir: Path, text: str, name: str = "technical.yaml") -> None:
    (bank_dir / name).write_text(text)


def errors_of(bank_dir: Path) -> list[str]:
    with pytest.raises(BankInvalid) as caught:
        load_bank(bank_dir)
    return [str(e) for e in caught.value.errors]


def test_valid_file_loads_into_typed_questions(bank_dir):
    write(bank_dir, VALID)
    bank = load_bank(bank_dir)
    rating, mix = bank.questions
    assert rating.type == "self_rating" and [o.id for o in rating.options] == ["1", "2", "3", "4", "5"]
    assert mix.weight == 2 and mix.option("a").points == 3 and mix.area == "technical"


@pytest.mark.parametrize("old,new,expected", [
    ("type: single_choice", "type: essay",
     "questions/technical.yaml:12: unknown type 'essay' in question tech-mix-03"),
    ("area: technical", "area: drumming",
     "questions/technical.yaml:1: unknown area 'drumming'"),
    ("      - id: b", "      - id: a",
     "questions/technical.yaml:22: option id 'a' is used twice in question tech-mix-03"),
    ("        points: 3", "        points: 0",
     "questions/technical.yaml:17: question tech-mix-03 has no option that scores points"),
    ("    reverse: false", "    reverse: false\n    scale: [1, 7]",
     "questions/technical.yaml:8: self-rating scale must be ability or frequency in question tech-rate-01, not [1, 7]"),
    ("    weight: 2", "    weight: 0",
     "questions/technical.yaml:14: weight must be greater than 0 in question tech-mix-03, not 0"),
    ("    weight: 1\n", "    weight: -1\n",
     "questions/technical.yaml:6: weight must be greater than 0 in question tech-rate-01, not -1"),
    ("    prompt: I can record a vocal session on my own.\n", "",
     "questions/technical.yaml:3: in question tech-rate-01: prompt is missing"),
    ("topics: [resp-mix-master]", "topics: [resp-mixing]",
     "questions/technical.yaml:15: unknown topic 'resp-mixing' in question tech-mix-03"),
    ("next_step: practise-mixing", "next_step: get-famous",
     "questions/technical.yaml:16: unknown next step 'get-famous'"),
])
def test_each_rule_reports_file_line_and_field(bank_dir, old, new, expected):
    assert old in VALID
    write(bank_dir, VALID.replace(old, new, 1))
    assert any(e.startswith(expected) for e in errors_of(bank_dir)), errors_of(bank_dir)


def test_duplicate_question_ids_across_files(bank_dir):
    write(bank_dir, VALID)
    write(bank_dir, VALID.replace("area: technical", "area: business"), "business.yaml")
    errors = errors_of(bank_dir)
    assert "questions/technical.yaml:3: question id 'tech-rate-01' is used twice " \
           "(first at questions/business.yaml:3)" in errors


def test_broken_yaml_syntax_names_the_line(bank_dir):
    write(bank_dir, VALID.replace("    prompt: The mix sounds muddy. What do you do first?",
                                  "    prompt: [unclosed"))
    (error,) = errors_of(bank_dir)
    assert error.startswith("questions/technical.yaml:1") or "YAML syntax error" in error
    assert "YAML syntax error" in error


def test_duplicate_key_in_a_mapping_is_an_error(bank_dir):
    write(bank_dir, VALID.replace("    weight: 2\n", "    weight: 2\n    weight: 3\n"))
    (error,) = errors_of(bank_dir)
    assert error.startswith("questions/technical.yaml:15: YAML syntax error: key 'weight' appears twice")


def test_all_errors_are_listed_not_just_the_first(bank_dir):
    write(bank_dir, VALID.replace("type: single_choice", "type: essay").replace("weight: 1", "weight: 0"))
    assert len(errors_of(bank_dir)) == 2


def test_missing_directory_and_files(tmp_path):
    with pytest.raises(BankInvalid, match="no such directory"):
        load_bank(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BankInvalid) as caught:
        load_bank(tmp_path / "empty")
    assert {str(e) for e in caught.value.errors} == {"empty/topics.yaml: file is missing",
                                                     "empty/catalog.yaml: file is missing"}


def test_checklist_none_option_must_score_zero(bank_dir):
    write(bank_dir, """\
area: experience
questions:
  - id: exp-chk
    type: checklist
    prompt: Which have you done?
    topics: [career-own-projects]
    options:
      - {id: a, text: Produced a track, points: 1}
      - {id: none, text: None of these, points: 1, none: true}
""", "experience.yaml")
    assert any("must score 0 points" in e and ":9:" in e for e in errors_of(bank_dir))


# The real bank --------------------------------------------------------------------------------


def test_real_bank_is_valid_and_big_enough(real_bank):
    assert len(real_bank.questions) >= 42
    for area in real_bank.areas:
        questions = real_bank.questions_in(area.key)
        types = {q.type for q in questions}
        assert len(questions) >= 6, area.key
        # every type in every area; the clips only where hearing is part of the skill
        assert types - {"listening"} == {n for n, kind in BY_NAME.items() if not kind.plays_clips}, area.key
        assert ("listening" in types) == (area.key in ("musicianship", "technical")), area.key
        assert any(q.reverse for q in questions if q.type == "self_rating"), area.key


def test_every_topic_of_the_source_document_has_a_question(real_bank):
    covered = {t for q in real_bank.questions if not q.retired for t in q.topics}
    uncovered = [t.id for t in real_bank.topics if t.id not in covered]
    assert uncovered == []


def test_topics_cover_the_whole_source_document(real_bank):
    ids = {t.id for t in real_bank.topics}
    must = {"role-producer-vs-engineer", "book-behind-the-boards", "book-music-business",
            "career-instrument", "career-recording-gear", "career-networking",
            "career-intern-assist", "career-own-projects", "rel-trust-respect",
            "rel-understand-vision", "rel-push-performance", "rel-honest-feedback",
            "resp-band-conflicts", "resp-budget", "resp-hire-musicians", "resp-mix-master"}
    assert must <= ids


def test_every_question_has_a_next_step_and_scenarios_have_feedback(real_bank):
    for question in real_bank.questions:
        assert question.next_step, question.id
        if question.type == "single_choice":
            assert all(o.feedback for o in question.options), question.id


def test_export_round_trip_gives_an_identical_bank(real_bank, tmp_path):
    export_bank(real_bank, tmp_path / "questions")
    assert load_bank(tmp_path / "questions") == real_bank


def test_exported_yaml_is_plain_and_readable(real_bank, tmp_path):
    export_bank(real_bank, tmp_path / "out")
    data = yaml.safe_load((tmp_path / "out" / "technical.yaml").read_text())
    assert data["area"] == "technical"
    assert {"id", "type", "prompt", "weight", "topics"} <= set(data["questions"][0])


def test_reverse_must_be_true_or_false(bank_dir):
    write(bank_dir, VALID.replace("reverse: false", "reverse: sometimes"))
    assert any(e.startswith("questions/technical.yaml:7: reverse must be true or false")
               for e in errors_of(bank_dir))


def test_area_weight_must_be_positive(bank_dir):
    catalog = (bank_dir / "catalog.yaml").read_text()
    (bank_dir / "catalog.yaml").write_text(catalog.replace("weight: 1", "weight: heavy", 1))
    write(bank_dir, VALID.replace("area: technical", "area: collaboration"))
    assert any("catalog.yaml:" in e and "area musicianship: weight must be a number above 0" in e
               for e in errors_of(bank_dir))


# --- safety limits ------------------------------------------------------------------------

def test_a_bank_at_the_question_limit_loads(bank_dir):
    write(bank_dir, many_questions_yaml(MAX_QUESTIONS))
    assert len(load_bank(bank_dir).questions) == MAX_QUESTIONS


def test_a_bank_past_the_question_limit_is_refused_whole(bank_dir):
    write(bank_dir, many_questions_yaml(MAX_QUESTIONS))
    write(bank_dir, many_questions_yaml(1, area="business", prefix="one-more"), "business.yaml")
    with pytest.raises(BankTooLarge) as caught:
        load_bank(bank_dir)
    assert [str(e) for e in caught.value.errors] == [
        f"questions: the bank has {MAX_QUESTIONS + 1:,} questions; a bank may hold at most "
        f"{MAX_QUESTIONS:,}."]


def test_a_bank_past_the_byte_limit_is_refused_before_it_is_read(bank_dir):
    write(bank_dir, VALID + "# padding\n" * (MAX_BANK_BYTES // 10))
    with pytest.raises(BankTooLarge) as caught:
        load_bank(bank_dir)
    assert "a bank may hold at most 2 MB of YAML" in str(caught.value)


def test_a_question_with_too_many_options_is_an_error_on_its_line(bank_dir):
    options = "".join(f"      - id: o{i}\n        text: Option {i}\n        points: 1\n"
                      for i in range(MAX_OPTIONS + 1))
    write(bank_dir, "area: technical\nquestions:\n  - id: tech-many\n    type: checklist\n"
                    "    prompt: Which?\n    topics: [skill-technical]\n    options:\n" + options)
    assert errors_of(bank_dir) == [f"questions/technical.yaml:7: question tech-many has "
                                   f"{MAX_OPTIONS + 1} options; at most {MAX_OPTIONS} are allowed"]


@pytest.mark.parametrize("key", ["=HYPERLINK(\"http://x\")", "Technical Skills", "-tech", "tech/mix"])
def test_area_keys_follow_the_question_id_pattern(bank_dir, key):
    catalog = (bank_dir / "catalog.yaml").read_text()
    (bank_dir / "catalog.yaml").write_text(catalog.replace("key: musicianship", f"key: '{key}'", 1))
    write(bank_dir, VALID)
    assert any(e.startswith("questions/catalog.yaml:") and f"area key {key!r} must be lowercase" in e
               for e in errors_of(bank_dir))


ITEM_FIELDS = """\
area: technical
questions:
  - id: tech-rate-ability
    type: self_rating
    prompt: I set up a vocal session on my own.
    needs_experience: true
    topics: [skill-technical]
  - id: tech-rate-frequency
    type: self_rating
    prompt: I leave the gain where the last session had it.
    scale: frequency
    reverse: true
    topics: [skill-technical]
  - id: tech-rate-legacy
    type: self_rating
    prompt: I enjoy long sessions.
    scale: [1, 5]
    topics: [skill-technical]
  - id: tech-scn
    type: single_choice
    prompt: The singer cannot hear herself. What do you do?
    rationale: A singer who cannot hear herself goes flat; fixing her mix comes first.
    topics: [resp-manage-recording]
    options:
      - id: a
        text: Raise her headphone send.
        points: 3
      - id: b
        text: Ask her to sing louder.
        points: 0
"""


def test_rationale_scale_and_needs_experience_export_and_load_back_identically(bank_dir, tmp_path):
    write(bank_dir, ITEM_FIELDS)
    bank = load_bank(bank_dir)
    ability, frequency, legacy, scenario = bank.questions
    assert (ability.scale, ability.needs_experience, ability.options[-1].id) == ("ability", True, "not-yet")
    assert (frequency.scale, frequency.reverse, legacy.scale) == ("frequency", True, None)
    assert scenario.rationale.startswith("A singer who cannot hear herself")

    export_bank(bank, tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / "technical.yaml").read_text())["questions"]
    assert [(q.get("scale"), q.get("needs_experience")) for q in exported[:3]] == [
        ("ability", True), ("frequency", None), ([1, 5], None)]
    assert exported[3]["rationale"] == scenario.rationale
    assert load_bank(tmp_path / "out") == bank


# --- numbers: finite and in range (issue 20) ----------------------------------------------

@pytest.mark.parametrize("old,new,expected", [
    ("    weight: 2", "    weight: .inf",
     "questions/technical.yaml:14: in question tech-mix-03: weight must be a finite number, not inf"),
    ("    weight: 2", "    weight: .nan",
     "questions/technical.yaml:14: in question tech-mix-03: weight must be a finite number, not nan"),
    ("    weight: 2", "    weight: " + "9" * 4000,
     "questions/technical.yaml:14: in question tech-mix-03: weight must be a finite number, not 999999999999…"),
    ("    weight: 2", "    weight: 101",
     "questions/technical.yaml:14: weight must be at most 100 in question tech-mix-03, not 101"),
    ("        points: 3", "        points: .inf",
     "questions/technical.yaml:20: option a of question tech-mix-03: points must be a finite number, not inf"),
    ("        points: 3", "        points: -.inf",
     "questions/technical.yaml:20: option a of question tech-mix-03: points must be a finite number, not -inf"),
    ("        points: 3", "        points: .nan",
     "questions/technical.yaml:20: option a of question tech-mix-03: points must be a finite number, not nan"),
    ("        points: 3", "        points: " + "9" * 4000,
     "questions/technical.yaml:20: option a of question tech-mix-03: points must be a finite number, "
     "not 999999999999…"),
    ("        points: 3", "        points: 100.5",
     "questions/technical.yaml:20: option a of question tech-mix-03 has more than 100 points"),
    ("        points: 3", "        points: " + "9" * 5000,
     "questions/technical.yaml:20: a number of 5000 digits is too long to read"),
])
def test_weights_and_points_must_be_finite_and_in_range(bank_dir, old, new, expected):
    write(bank_dir, VALID.replace(old, new, 1))
    errors = errors_of(bank_dir)
    assert any(e.startswith(expected) for e in errors), errors


def test_the_range_limits_themselves_are_fine(bank_dir):
    catalog = (bank_dir / "catalog.yaml").read_text()
    (bank_dir / "catalog.yaml").write_text(catalog.replace("weight: 1", "weight: 100", 1))
    write(bank_dir, VALID.replace("    weight: 2", "    weight: 100").replace("points: 3", "points: 100"))
    bank = load_bank(bank_dir)
    mix = bank.questions[1]
    assert (mix.weight, mix.option("a").points) == (100, 100)
    assert max(area.weight for area in bank.areas) == 100


@pytest.mark.parametrize("weight, shown", [
    ("[2]", "[2]"),  # a list is no number, and says so instead of failing to convert
    ("abcdefghij", "'abcdefghij'"),  # twelve characters: shown whole
    ("abcdefghijk", "'abcdefghijk\u2026"),  # thirteen: the first twelve, then an ellipsis
])
def test_a_weight_that_is_no_number_is_named_as_written(bank_dir, weight, shown):
    write(bank_dir, VALID.replace("    weight: 2", f"    weight: {weight}", 1))
    assert errors_of(bank_dir) == [f"questions/technical.yaml:14: weight must be a number written with the digits 0 to 9 with at most one decimal point, such as 1 or 2.5, not {shown}"]


def test_an_infinite_points_value_is_read_as_zero_for_the_rest_of_the_rules(bank_dir):
    """So a question whose only scoring option is infinite is also told it has none."""
    write(bank_dir, VALID.replace("        points: 3", "        points: .inf", 1))
    assert errors_of(bank_dir) == [
        "questions/technical.yaml:20: option a of question tech-mix-03: points must be a finite number, not inf",
        "questions/technical.yaml:17: question tech-mix-03 has no option that scores points"]


@pytest.mark.parametrize("weight", [".inf", ".nan", "9" * 4000, "101"])
def test_area_weight_must_be_finite_and_at_most_100(bank_dir, weight):
    catalog = (bank_dir / "catalog.yaml").read_text()
    (bank_dir / "catalog.yaml").write_text(catalog.replace("weight: 1", f"weight: {weight}", 1))
    write(bank_dir, VALID)
    assert any("catalog.yaml:" in e and "weight must be a number above 0 and at most 100" in e
               for e in errors_of(bank_dir)), errors_of(bank_dir)


@pytest.mark.parametrize("old,new", [
    ("    prompt: The mix sounds muddy. What do you do first?",
     '    prompt: "The mix sounds muddy.\\0 What do you do first?"'),
    ("        feedback: Yes.", '        feedback: "Yes\\x00."'),
    ("topics: [resp-mix-master]", 'topics: ["resp-mix-master\\0"]'),
])
def test_a_nul_written_as_a_yaml_escape_is_refused_on_its_line(bank_dir, old, new):
    """YAML's double-quoted escapes can spell a NUL, which PostgreSQL cannot store."""
    assert old in VALID
    write(bank_dir, VALID.replace(old, new, 1))
    line = next(number for number, text in enumerate(VALID.split("\n"), start=1) if old in text)
    assert errors_of(bank_dir) == [f"questions/technical.yaml:{line}: YAML syntax error: the text holds a "
                                   "NUL character (\\0), which no field can store: remove it"]
