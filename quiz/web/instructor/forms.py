"""Instructor forms. The question form gathers plain data and hands it to the bank's own
rules (`quiz.bank.rules.check_question`), the same ones the YAML loader uses; each problem
they report is shown beside the field it names."""

from __future__ import annotations

import itertools
import re

import yaml
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from quiz.domain.bank.plain import Bank
from quiz.domain.bank.rules import Known, Problem, check_question
from quiz.domain.plain_numbers import HOW_TO_WRITE_ONE, plain_number
from quiz.domain.question_types import (
    BY_NAME,
    DEFAULT,
    DEFAULT_SCALE,
    KINDS,
    LEGACY,
    SCALE,
    SCALES,
    QuestionType,
)
from quiz.domain.question_types.fields import MAX_LABEL, MAX_WEIGHT
from quiz.domain.question_types.question import Question
from quiz.platform.forms import QuizForm, Subform

STATUSES = [SelectChoice("all", "Active and retired"), SelectChoice("active", "Active"),
            SelectChoice("retired", "Retired")]
TYPES = [SelectChoice(kind.name, kind.label) for kind in KINDS]
LEGACY_SCALE = "legacy"  # the form's value for the old "like me" scale (YAML: [1, 5])
SCALE_CHOICES = [SelectChoice(scale.name, f"{scale.name.title()}: {' / '.join(scale.anchors)}")
                 for scale in SCALES.values()]


class FilterForm(QuizForm):
    """The question list's filters; read from the query string, so no CSRF token."""

    class Meta:
        csrf = False

    area = SelectField("Area", default="")
    type = SelectField("Type", default="",
                       choices=[SelectChoice("", "All types"), *TYPES])
    status = SelectField("Status", choices=STATUSES, default="all")

    @classmethod
    def for_bank(cls, bank: Bank, args) -> FilterForm:
        form = cls(args)
        form.area.choices = [SelectChoice("", "All areas")] + [SelectChoice(a.key, a.title) for a in bank.areas]
        return form

    def apply(self, questions) -> list[Question]:
        """The questions that match; all of them if the query string was tampered with."""
        if not self.validate():
            return list(questions)
        return [q for q in questions
                if (not self.area.data or q.area == self.area.data)
                and (not self.type.data or q.type == self.type.data)
                and self.status.data in ("all", "retired" if q.retired else "active")]


class OptionForm(Subform):
    """One option row. `remove` and `move_up` are submit buttons: removing a row and changing
    the order of the rows work without JavaScript."""

    id = StringField("Option id", render_kw={"autocomplete": "off", "spellcheck": "false"})
    text = TextAreaField("Text", render_kw={"rows": 2})
    points = StringField("Points", default="0", render_kw={"inputmode": "decimal"})
    feedback = TextAreaField("Feedback for this answer", render_kw={"rows": 2})
    none = BooleanField("“None of these”: ticked alone, scores 0")
    key_rating = StringField("Key rating, 1 to 4", render_kw={"inputmode": "numeric"},
                             description="1 a poor idea, 2 not a good idea, 3 a good idea, 4 a very good idea.")
    rationale = TextAreaField("Why this rating", render_kw={"rows": 2},
                              description="Shown in the finished report next to the taker's rating.")
    remove = SubmitField("Remove")
    move_up = SubmitField("Move up")

    FIELDS = ("id", "text", "points", "feedback", "none", "key_rating", "rationale")  # what a row holds

    def is_blank(self) -> bool:
        """A row nobody filled in (its prefilled id aside); left out of the question."""
        return (not any((field.data or "").strip() for field in (self.text, self.feedback, self.key_rating,
                                                                    self.rationale))
                and (self.points.data or "0").strip() in ("", "0") and not self.none.data)

    def raw(self, fields: tuple[str, ...]) -> dict:
        """The row as the rules read an option, with only the `fields` its type's options have."""
        entered = {"feedback": self.feedback.data, "none": self.none.data, "rationale": self.rationale.data}
        entered |= {name: field.data.strip() for name, field in (("points", self.points),
                                                                 ("key_rating", self.key_rating))
                    if (field.data or "").strip()}
        return {"id": (self.id.data or "").strip(), "text": self.text.data,
                **{name: value for name, value in entered.items() if name in fields}}


MAX_OPTIONS = 40

# Where each field named by the rules is shown on the form.
FIELD_FOR_PROBLEM = {"id": "question_id"}
# The order the editor shows its fields in (edit.html, then the type's editor partial), which
# the error summary follows; each option row's fields come after the options' own problems.
PAGE_ORDER = ("question_id", "area", "type", "weight", "prompt", "topics", "feedback", "rationale",
              "next_step", "resource", "scale", "reverse", "needs_experience")
ROW_ORDER = ("id", "points", "text", "feedback", "none")

TOPIC_GROUPS = {"role": "The producer's role", "skill": "Skills", "resp": "Responsibilities",
                "rel": "Working with the artist", "career": "Career steps", "book": "Books"}


def _number(value: float) -> str:
    return f"{value:g}"


def question_data(question: Question) -> dict:
    """A question as the form's initial data."""
    return {
        "question_id": question.id, "area": question.area, "type": question.type,
        "prompt": question.prompt, "weight": _number(question.weight), "topics": list(question.topics),
        "feedback": question.feedback, "next_step": question.next_step or "",
        "resource": question.resource or "", "reverse": question.reverse,
        "rationale": question.rationale, "scale": question.scale or LEGACY_SCALE,
        "needs_experience": question.needs_experience, "label": question.label or "",
        "stimulus": _stimulus_text(question),
        "options": [] if not question.kind.takes_options else [
            {"id": o.id, "text": o.text, "points": _number(o.points), "feedback": o.feedback,
             "none": o.none, "key_rating": "" if o.key_rating is None else str(o.key_rating),
             "rationale": o.rationale} for o in question.kind.written_options(question)],
    }


def _stimulus_text(question: Question) -> str:
    """A stimulus as one line of YAML, as the bank files write it: {kind: pitch, ...}."""
    if question.stimulus is None:
        return ""
    return yaml.safe_dump(question.stimulus.as_dict(), default_flow_style=True, sort_keys=False).strip()


def _stimulus_data(text: str | None) -> object:
    """What was typed as the stimulus, read as YAML; text that is not YAML is passed on as it
    is, for the rules to say what a stimulus must be."""
    try:
        return yaml.safe_load(text or "")
    except yaml.YAMLError:
        return text


def new_question_data(qtype: str, area: str) -> dict:
    """A blank question of a type, with the option rows it usually needs."""
    kind = BY_NAME.get(qtype, DEFAULT)
    return {"type": kind.name, "area": area, "weight": "1", "scale": DEFAULT_SCALE,
            "options": [{"id": chr(ord("a") + i), "points": "0"} for i in range(kind.starter_rows)]}


def next_option_id(taken: set[str]) -> str:
    """The first free letter (a, b, c, ...), then option-27, option-28, ..."""
    letters = (chr(c) for c in range(ord("a"), ord("z") + 1))
    numbered = (f"option-{n}" for n in itertools.count(27))
    return next(i for i in itertools.chain(letters, numbered) if i not in taken)


class QuestionForm(QuizForm):
    question_id = StringField("Question id", render_kw={"autocomplete": "off", "spellcheck": "false"},
                              description="Lowercase letters, digits, '-' and '_', e.g. tech-scn-mic-choice. "
                                          "It stays the same for every version of the question.")
    area = SelectField("Area")
    type = SelectField("Type", choices=TYPES,
                       description="Changed the type? Press Preview to see the fields it takes.")
    prompt = TextAreaField("Prompt", render_kw={"rows": 3},
                           description="The statement or question the taker sees.")
    label = StringField("Label", render_kw={"maxlength": MAX_LABEL},
                        description=f"A short name for the report and the statistics, at most {MAX_LABEL} "
                                    "characters, e.g. \u201cMuddy chorus: first move\u201d.")
    weight = StringField("Weight in its area", default="1", render_kw={"inputmode": "decimal"})
    reverse = BooleanField("Reverse-scored: a high rating scores low")
    scale = SelectField("Scale", choices=SCALE_CHOICES, validate_choice=False,
                        description="Ability for skills (what you can do); frequency for behaviour "
                                    "in situations and for reverse-scored statements.")
    stimulus = TextAreaField("Stimulus: what the clips are generated from", render_kw={"rows": 2, "spellcheck": "false"},
                             description="As in the YAML, e.g. {kind: pitch, reference_hz: 440, offset_cents: -25}. "
                                         "The kinds and their fields: the docs page Listening questions. Press Preview to hear it.")
    needs_experience = BooleanField("Needs experience the taker may not have had: also offer "
                                    "\u201cI haven\u2019t had the chance yet\u201d (not scored)")
    topics = SelectMultipleField("Topics", widget=ListWidget(prefix_label=False),
                                 option_widget=CheckboxInput(), validate_choice=False)
    feedback = TextAreaField("Feedback", render_kw={"rows": 3},
                             description="Shown in the report next to the taker's answer.")
    rationale = TextAreaField("Rationale for the key", render_kw={"rows": 3},
                              description="Why the best answer is what a working producer would do, "
                                          "in one or two sentences. For instructors; takers see it "
                                          "only in their finished report.")
    next_step = SelectField("Next step", description="Suggested in the report when this question is answered low.")
    resource = SelectField("Resource", description="Reading suggested with this question.")
    options = FieldList(FormField(OptionForm), max_entries=MAX_OPTIONS)
    base_version = HiddenField()  # the version an edit started from
    add_option = SubmitField("Add option")
    preview = SubmitField("Preview")
    save = SubmitField("Save question")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_problems: list[str] = []  # about the options as a whole

    @classmethod
    def for_bank(cls, bank: Bank, data: dict | None = None) -> QuestionForm:
        form = cls(data=data)
        form.area.choices = [SelectChoice(a.key, a.title) for a in bank.areas]
        form.topics.choices = [SelectChoice(t.id, t.description) for t in bank.topics]
        area_titles = {a.key: a.title for a in bank.areas}
        form.next_step.choices = [SelectChoice("", "None")] + [
            SelectChoice(s.id, s.title, optgroup=area_titles.get(s.area, s.area)) for s in bank.next_steps]
        form.resource.choices = [SelectChoice("", "None")] + [
            SelectChoice(r.id, f"{r.title} ({r.author})") for r in bank.resources]
        # The legacy scale is offered only while the question being edited still uses it.
        if form.scale.data == LEGACY_SCALE:
            form.scale.choices = [*SCALE_CHOICES,
                                  SelectChoice(LEGACY_SCALE, f"Old scale: {' / '.join(LEGACY.anchors)}")]
        return form

    @property
    def kind(self) -> QuestionType:
        """The type chosen in the form (the default for a tampered value): which editor partial
        and which option fields it shows."""
        return BY_NAME.get(self.type.data, DEFAULT)

    # --- the buttons that change the form without saving ---

    def removed_option(self) -> int | None:
        return next((i for i, row in enumerate(self.options) if row["remove"].data), None)

    def raised_option(self) -> int | None:
        return next((i for i, row in enumerate(self.options) if i and row["move_up"].data), None)

    def move_option_up(self, index: int) -> None:
        """Swap a row with the one above. The rows' contents move, not the rows, whose names
        (options-N-...) fix their order when the form is posted again."""
        upper, lower = self.options[index - 1], self.options[index]
        for name in OptionForm.FIELDS:
            upper[name].data, lower[name].data = lower[name].data, upper[name].data

    def new_option_field(self) -> str:
        """The id of the text box of the row "Add option" would add: where the page comes back."""
        return f"{self.options.id}-{self.options.last_index + 1}-text"

    def add_option_row(self) -> None:
        self.options.append_entry({"id": next_option_id({row["id"].data for row in self.options}),
                                   "points": "0"})

    def topic_groups(self) -> list[tuple[str, list]]:
        """The topic checkboxes, grouped by the prefix of their id."""
        groups: dict[str, list] = {}
        for box in self.topics:
            prefix = box.data.split("-", 1)[0]
            groups.setdefault(TOPIC_GROUPS.get(prefix, "Other topics"), []).append(box)
        return list(groups.items())

    def outdated(self, current_number: int) -> bool:
        """Whether someone saved a newer version after this edit began. If so, say so and
        move the form on to that version: saving again then replaces it knowingly."""
        if (self.base_version.data or str(current_number)) == str(current_number):
            return False
        self.form_errors.append(
            f"Someone else saved version {current_number} of this question after you opened it, so "
            "your changes were not saved. They are still in the form below: compare them with the "
            "newest version (see Versions) and save again to replace it.")
        self.base_version.data = str(current_number)
        return True

    # --- the rules ---

    def raw(self, question_id: str | None, retired: bool) -> tuple[dict, list[int]]:
        """What was entered as the plain mapping the rules read, with only the fields the
        chosen type has (a row kept from another type loses what this one does not take), and
        which form row each option came from (blank rows are left out)."""
        kind = BY_NAME.get(self.type.data)
        rows = [i for i, row in enumerate(self.options) if not row.form.is_blank()]
        data = {
            "id": question_id or (self.question_id.data or "").strip(), "area": self.area.data,
            "type": self.type.data, "prompt": self.prompt.data, "topics": list(self.topics.data or []),
            "feedback": self.feedback.data, "next_step": self.next_step.data or None,
            "resource": self.resource.data or None, "reverse": self.reverse.data, "retired": retired,
            "rationale": self.rationale.data, "needs_experience": self.needs_experience.data,
            "label": self.label.data,
            "scale": list(SCALE) if self.scale.data == LEGACY_SCALE else self.scale.data,
        }
        if (self.weight.data or "").strip():
            data["weight"] = self.weight.data.strip()
        if (self.stimulus.data or "").strip():
            data["stimulus"] = _stimulus_data(self.stimulus.data)
        if rows:
            option_fields = kind.option_fields if kind else OptionForm.FIELDS
            data["options"] = [self.options[i].form.raw(option_fields) for i in rows]
        if kind:
            data = {name: value for name, value in data.items()
                    if name in kind.fields.model_fields or name == "options"}  # rows for a type without: said
        return data, rows

    def checked(self, bank: Bank, question_id: str | None = None, retired: bool = False) -> Question | None:
        """The question, if it follows the rules; otherwise None, with each problem shown
        beside its field. `question_id` is given when editing (the id cannot change)."""
        data, rows = self.raw(question_id, retired)
        question, problems = check_question(data, Known.of(bank))
        if question_id is None and data["id"] and bank.question(data["id"]):
            problems.append(Problem("id", f"a question with the id {data['id']!r} already exists"))
            question = None
        for problem in problems:
            self._show(problem, rows, data["id"])
        return question

    def error_summary(self) -> list[tuple[str | None, str]]:
        """Every problem shown on the page as (the id of the field it is beside, message), in
        the order of the page; problems of the question as a whole first, with no field."""
        found: list[tuple[str | None, str]] = [(None, error) for error in self.form_errors]
        found += [(self[name].id, error) for name in PAGE_ORDER for error in self[name].errors]
        found += [(self.options.id, error) for error in self.option_problems]
        found += [(row[name].id, error) for row in self.options for name in ROW_ORDER
                  for error in row[name].errors]
        return found

    def _show(self, problem: Problem, rows: list[int], question_id: str) -> None:
        problem = Problem(problem.field, for_the_editor(problem, question_id))
        parts = problem.field.split(".")
        if parts[0] == "options" and len(parts) == 1:
            self.option_problems.append(problem.message)
            return
        if parts[0] == "options":
            row = self.options[rows[int(parts[1])]]
            field = row[parts[2]] if len(parts) > 2 and parts[2] in row.form else row["text"]
        else:
            field = getattr(self, FIELD_FOR_PROBLEM.get(parts[0], parts[0]), None)
        if field is None:
            self.form_errors.append(problem.message)
        else:
            field.errors = [*field.errors, problem.message]


# The bank rules speak to a YAML file ("... in question tech-mix-03"); beside a field of the
# editor the question is known, so the common mistakes are said as what to do instead.
EDITOR_WORDS = [
    (re.compile(r"(?:.*: )?(prompt|text) is missing$"), lambda m: (
        "Enter the prompt the taker sees." if m[1] == "prompt" else "Enter the option's text, or remove the row.")),
    (re.compile(r"(?:.*: )?id is missing$"), lambda m: "Enter an id, e.g. a, b or c."),
    (re.compile(r"question \S+ must cover at least one topic"), lambda m: "Tick at least one topic this question covers."),
    (re.compile(r"(weight|points) must be a number(?: written with .*)?, not (.*)"), lambda m: (
        f"Enter the {m[1]} with the digits 0 to 9 and at most one decimal point, such as 1 or 2.5 "
        f"({m[2]} is not one).")),
    (re.compile(r"option id (\S+) is used twice"), lambda m: f"Give each option its own id: {m[1]} is used twice."),
    (re.compile(r"question id .* must be lowercase"), lambda m: (
        "Use only lowercase letters, digits, '-' and '_' in the id, e.g. tech-scn-mic-choice.")),
    (re.compile(r"option id (\S+) in question \S+ must be lowercase"), lambda m: (
        f"Use only lowercase letters, digits, '-' and '_' in option ids ({m[1]} is not).")),
    (re.compile(r"(?:.*: )?weight must be greater than 0"), lambda m: "Enter a weight greater than 0, such as 1."),
    (re.compile(r"(weight|points) must be a finite number, not (.*)"), lambda m: (
        f"Enter the {m[1]} as an ordinary number, such as 1 or 2.5 ({m[2]} is not one).")),
    (re.compile(r"(?:.*: )?weight must be at most 100"), lambda m: "Enter a weight of at most 100, such as 1 or 2."),
    (re.compile(r"option (\S+) of question \S+: points must be at most 100"), lambda m: (
        f"Give option {m[1]} at most 100 points.")),
    (re.compile(r"option (\S+) of question \S+: key_rating (?:is missing|must be)"), lambda m: (
        f"Give option {m[1]} a key rating from 1 (a poor idea) to 4 (a very good idea).")),
    (re.compile(r"option (\S+) of question \S+: points must be at least 0"), lambda m: (
        f"Option {m[1]} has negative points: give it 0 or more.")),
    (re.compile(r"unknown key 'options'"), lambda m: (
        "This type brings its own answers (a fixed scale): remove the option rows.")),
    (re.compile(r"(?:.*: )?label is longer than (\d+) characters"), lambda m: (
        f"Shorten the label to at most {m[1]} characters.")),
]


def for_the_editor(problem: Problem, question_id: str) -> str:
    """A rule's message as the editor says it: what to do, where the rule has a plain form;
    otherwise the rule's own words, "this question" for its id, as a sentence."""
    for pattern, words in EDITOR_WORDS:
        if match := pattern.search(problem.message):
            return words(match)
    message = problem.message
    if question_id:
        named = re.escape(question_id)
        message = re.sub(rf"^in question {named}: | ?\(\s*{named}\s*\)| (?:in|of) (?:question )?{named}\b",
                         "", message)
        message = re.sub(rf"^question {named}\b", "this question", message)
        message = re.sub(rf"\bquestion {named}\b", "question", message)
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?")) else ".")


class StatusForm(QuizForm):
    """Retire or restore: only a CSRF token and where to go back to."""

    next = HiddenField()


class ImportForm(QuizForm):
    files = MultipleFileField(
        "YAML files or a zip of them, or one Moodle file",
        validators=[FileRequired("Choose one or more .yaml files, a .zip, or a Moodle XML or GIFT file.")],
        render_kw={"accept": ".yaml,.yml,.zip,.xml,.gift,.txt"},
        description="YAML files replace the bank's files of the same name (topics.yaml, catalog.yaml, "
                    "technical.yaml, ...); files you leave out stay as they are. A Moodle XML (.xml) or "
                    "GIFT (.gift, .txt) file adds its questions, after a review.")
    submit = SubmitField("Import")


def typed_plainly(form, field) -> None:
    """A number field's entry as a person writes numbers: WTForms' DecimalField reads `1_0` as
    10 and `٣` as 3 (issue 32)."""
    if field.raw_data and field.raw_data[0].strip() and plain_number(field.raw_data[0]) is None:
        field.errors.clear()  # DecimalField's own "Not a valid decimal value." says less
        raise StopValidation(f"Enter the weight with {HOW_TO_WRITE_ONE}.")


class MoodleReviewForm(QuizForm):
    """The review screen's settings for the questions of a Moodle file (see moodle_transfer)."""

    upload = HiddenField()  # the uploaded file, signed
    area = SelectField("Area", description="Where the imported questions go.")
    topics = SelectMultipleField("Topics", widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                 description="Each imported question covers these; choose at least one.")
    weight = DecimalField("Weight in its area", default=1, places=None,
                          validators=[typed_plainly, NumberRange(min=0.01, max=MAX_WEIGHT,
                                                  message=f"Give a weight above 0 and at most {MAX_WEIGHT}.")],
                          render_kw={"inputmode": "decimal"})
    next_step = SelectField("Next step", description="Suggested in the report when one of them is answered low.")
    submit = SubmitField("Import these questions")

    @classmethod
    def for_bank(cls, bank: Bank, suggested_area: str | None = None, **kwargs) -> MoodleReviewForm:
        form = cls(**kwargs)
        form.area.choices = [SelectChoice(a.key, a.title) for a in bank.areas]
        if not form.area.data or form.area.data == "None":
            form.area.data = suggested_area or bank.areas[0].key
        form.topics.choices = [SelectChoice(t.id, t.description) for t in bank.topics]
        area_titles = {a.key: a.title for a in bank.areas}
        form.next_step.choices = [SelectChoice("", "None")] + [
            SelectChoice(s.id, s.title, optgroup=area_titles.get(s.area, s.area)) for s in bank.next_steps]
        return form


class MoodleExportForm(QuizForm):
    """The export page's choice of format and area; read from the query string (a download)."""

    class Meta:
        csrf = False

    format = SelectField("Format", choices=[SelectChoice("moodle-xml", "Moodle XML"), SelectChoice("gift", "GIFT")],
                         default="moodle-xml")
    area = SelectField("Area", default="")
    ids = SelectMultipleField("Questions", validate_choice=False)
    submit = SubmitField("Download for Moodle")

    @classmethod
    def for_bank(cls, bank: Bank, args) -> MoodleExportForm:
        form = cls(args)
        form.area.choices = [SelectChoice("", "All areas")] + [SelectChoice(a.key, a.title) for a in bank.areas]
        return form
