"""What a taker's pages show, read as a browser reads them, and attempts driven through any
server: the Flask test client in the test's own process, or a gunicorn server over HTTP.

The cache-freshness tests judge only what these pages show, never how the app caches, so they
hold for any caching behind the pages."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from devserver.live_server import FormClient

CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
HIDDEN_CSRF_VALUE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


@dataclass
class ShownQuestion:
    """One question's fieldset on a section page."""

    prompt: str = ""
    order: list[str] = field(default_factory=list)  # option ids, in the order shown
    texts: dict[str, str] = field(default_factory=dict)  # option id -> its label
    values: dict[str, list[str]] = field(default_factory=dict)  # option id -> what its control can post
    chosen: list[str] = field(default_factory=list)  # the values shown ticked or selected
    ranked: bool = False  # items given positions (selects) rather than options picked
    rated: bool = False  # every option given a rating (a group of radios each) rather than picked
    names: dict[str, str] = field(default_factory=dict)  # value -> the name of the control posting it


class _SectionReader(HTMLParser):
    """Each question fieldset (id "q-<question id>"): legend, controls, labels, what is chosen.
    A fieldset inside it (rate_options: one per response, its text the legend, its radios
    "<option id>:<rating>") is one option, read as such."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.questions: dict[str, ShownQuestion] = {}
        self._question: ShownQuestion | None = None
        self._prefix = ""  # "q-<id>-": the start of every control id in the fieldset
        self._text: list[str] | None = None  # the legend's or a label's text, while inside it
        self._label_for: str | None = None
        self._select: str | None = None  # the option id of the select being read
        self._select_name = ""
        self._response: list[str] | None = None  # a response fieldset's legend text, while inside it
        self._response_id = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset" and (attrs.get("id") or "").startswith("q-"):
            self._question = self.questions.setdefault(attrs["id"][2:], ShownQuestion())
            self._prefix = attrs["id"] + "-"
        elif self._question is None:
            return
        elif tag == "fieldset":  # a response to rate
            self._response = []
            self._question.rated = True
        elif tag == "legend" and self._response is not None:
            self._text, self._label_for = self._response, None
        elif tag in ("legend", "label"):
            # a label inside a response is a rating level's, not an option's
            self._text = []
            self._label_for = attrs.get("for") if tag == "label" and self._response is None else None
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            value = attrs["value"]
            self._question.names[value] = attrs["name"]
            if self._response is not None:
                option_id = value.partition(":")[0]
                if option_id not in self._question.values:
                    self._add_option(option_id, [])
                    self._response_id = option_id
                self._question.values[option_id].append(value)
            else:
                self._add_option(value, [value])
            if "checked" in attrs:
                self._question.chosen.append(value)
        elif tag == "select":
            self._select = attrs["id"].removeprefix(self._prefix)
            self._select_name = attrs["name"]
            self._question.ranked = True
            self._add_option(self._select, [])
        elif tag == "option" and self._select is not None:
            value = attrs["value"]
            if not value.endswith(":"):  # the "Choose" placeholder posts no position
                self._question.values[self._select].append(value)
                self._question.names[value] = self._select_name
            if "selected" in attrs:
                self._question.chosen.append(value)

    def _add_option(self, option_id: str, values: list[str]) -> None:
        self._question.order.append(option_id)
        self._question.values[option_id] = values

    def handle_endtag(self, tag):
        if self._question is None:
            return
        if tag == "fieldset" and self._response is not None:
            self._question.texts[self._response_id] = " ".join("".join(self._response).split())
            self._response = None
        elif tag == "fieldset":
            self._question = None
        elif tag == "select":
            self._select = None
        elif tag == "legend" and self._text is not None and self._text is self._response:
            self._text = None  # the response's text, kept when its fieldset ends
        elif tag in ("legend", "label") and self._text is not None:
            text = " ".join("".join(self._text).split())
            if tag == "legend":
                self._question.prompt = re.sub(r"^\d+\.\s*", "", text)
            elif self._label_for:
                self._question.texts[self._label_for.removeprefix(self._prefix)] = text
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def section_questions(html: str) -> dict[str, ShownQuestion]:
    """Question id -> what its fieldset shows, in page order."""
    reader = _SectionReader()
    reader.feed(html)
    reader.close()
    return reader.questions


@dataclass(frozen=True)
class Review:
    answered: int
    total: int
    unanswered: tuple[str, ...]  # question ids
    sections: tuple[int, ...]  # section numbers linked from the page


def review_of(html: str, token: str) -> Review:
    answered, total = re.search(r"You answered (\d+) of (\d+) questions", html).groups()
    return Review(int(answered), int(total),
                  tuple(re.findall(rf"/a/{token}/section/\d+#q-([\w-]+)", html)),
                  tuple(sorted({int(n) for n in re.findall(rf'/a/{token}/section/(\d+)"', html)})))


def without_csrf(html: str) -> str:
    """A page without its CSRF tokens (signed with a timestamp, so they differ per response)."""
    return CSRF_INPUT.sub("<input csrf>", html)


# --- servers --------------------------------------------------------------------------------

class Site:
    """One browser on one server: GETs pages, and posts a form with the CSRF token of the last
    page it got, as a browser submits the form on the page it shows."""

    csrf: str | None = None

    def get(self, path: str) -> str:
        status, text = self._get(path)
        assert status == 200, (path, status, text[:300])
        if match := HIDDEN_CSRF_VALUE.search(text):
            self.csrf = next(g for g in match.groups() if g)
        return text

    def post(self, path: str, fields: list[tuple[str, str]]) -> str:
        """The path a 303 answer redirects to."""
        status, location, text = self._post(path, [("csrf_token", self.csrf), *fields])
        assert status == 303, (path, status, text[:300])
        return urllib.parse.urlsplit(location).path

    def get_json(self, path: str):
        return json.loads(self.get(path))

    def _get(self, path: str) -> tuple[int, str]:
        raise NotImplementedError

    def _post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str, str]:
        raise NotImplementedError


class ClientSite(Site):
    """The app in this process, through a Flask test client."""

    def __init__(self, client) -> None:
        self.client = client

    def _get(self, path):
        response = self.client.get(path)
        return response.status_code, response.get_data(as_text=True)

    def _post(self, path, fields):
        response = self.client.post(path, data=_multi(fields))
        return response.status_code, response.location or "", response.get_data(as_text=True)


class HttpSite(Site):
    """A gunicorn server (devserver/live_server.py) over plain HTTP, with a session of its own."""

    def __init__(self, port: int) -> None:
        self.client = FormClient(port, timeout=15)
        self.csrf = self.client.csrf

    def _get(self, path):
        response = self.client.send("GET", path)
        return response.status, response.text

    def _post(self, path, fields):
        response = self.client.send("POST", path, urllib.parse.urlencode(fields))
        return response.status, response.getheader("Location") or "", response.text

    def sign_in(self) -> HttpSite:
        """As the instructor `LiveServer.prepare` created."""
        self.client.sign_in()
        self.get("/instructor/")
        return self


def _multi(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


# --- attempts -------------------------------------------------------------------------------

Pick = Callable[[str, ShownQuestion], list[str]]


def _by_option_id(question: ShownQuestion, reverse: bool) -> list[str]:
    items = sorted(question.order, reverse=reverse)
    if question.ranked:
        return [f"{item}:{position}" for position, item in enumerate(items, start=1)]
    if question.rated:  # each response a rating: by the order of the ids, cycling through the levels
        return [question.values[item][(-1 - n if reverse else n) % len(question.values[item])]
                for n, item in enumerate(sorted(question.order))]
    return [items[0]]


def steady_pick(question_id: str, question: ShownQuestion) -> list[str]:
    """The same answer whatever order the options are shown in: the first option id, for a
    ranking the items in the order of their ids, for responses to rate each a rating by its id."""
    return _by_option_id(question, reverse=False)


def contrary_pick(question_id: str, question: ShownQuestion) -> list[str]:
    """Another answer, as steady: the last option id, the items in reverse order of their ids,
    or each response the rating at the other end of the scale from steady's."""
    return _by_option_id(question, reverse=True)


def picking(choices: dict[str, list[str]], otherwise: Pick = steady_pick) -> Pick:
    """`choices` (question id -> values) for those questions, `otherwise` for the rest."""
    return lambda qid, question: choices[qid] if qid in choices else otherwise(qid, question)


@dataclass
class Attempt:
    """One attempt, reached by its token through `site` (any server: the token is all it takes)."""

    site: Site
    token: str

    @classmethod
    def start(cls, site: Site) -> Attempt:
        site.get("/")
        location = site.post("/start", [])
        return cls(site, re.fullmatch(r"/a/([\w-]+)/section/1", location).group(1))

    def on(self, site: Site) -> Attempt:
        return Attempt(site, self.token)

    def section_path(self, number: int) -> str:
        return f"/a/{self.token}/section/{number}"

    def section(self, number: int) -> dict[str, ShownQuestion]:
        return section_questions(self.site.get(self.section_path(number)))

    def section_numbers(self) -> tuple[int, ...]:
        return self.review().sections

    def all_questions(self) -> dict[str, ShownQuestion]:
        """Every question of the attempt, from every section page (which warms each)."""
        return {qid: q for n in self.section_numbers() for qid, q in self.section(n).items()}

    def section_of(self, question_id: str) -> int:
        return next(n for n in self.section_numbers() if question_id in self.section(n))

    def answer(self, number: int, pick: Pick = steady_pick) -> None:
        questions = self.section(number)
        fields = [(q.names.get(value, f"q-{qid}"), value)  # each to the control that posts it
                  for qid, q in questions.items() for value in pick(qid, q)]
        self.site.post(self.section_path(number), [*fields, ("next", "1")])

    def answer_all(self, pick: Pick = steady_pick) -> None:
        for number in self.section_numbers():
            self.answer(number, pick)

    def review(self) -> Review:
        return review_of(self.site.get(f"/a/{self.token}/review"), self.token)

    def finish(self) -> None:
        self.review()
        assert self.site.post(f"/a/{self.token}/finish", [("finish_anyway", "1")]) == f"/report/{self.token}"

    def report(self) -> str:
        """The report page, without its CSRF tokens."""
        return without_csrf(self.site.get(f"/report/{self.token}"))

    def report_json(self) -> dict:
        return self.site.get_json(f"/report/{self.token}.json")


def scores(report: dict) -> dict:
    """The figures of a JSON report that its answers and question versions decide."""
    return {"overall": report["overall"], "answered": report["answered"], "total": report["total"],
            "areas": report["areas"], "next_steps": report["next_steps"],
            "unanswered": report["unanswered"]}
