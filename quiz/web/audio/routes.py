"""/audio/<name>.wav: a clip by the SHA-256 of its bytes. The name says nothing about the
question or its answer; the bytes never change for a name, so browsers and proxies may keep
them for a year. A clip not rendered in this process yet is found by rendering the stimuli
stored with the question versions (every version, so an attempt started before an edit still
plays its own clips)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, request

from quiz.domain import audio
from quiz.platform.stores import bank as bank_store

bp = Blueprint("audio", __name__)

NAME = re.compile(r"[0-9a-f]{64}")
CACHE_CONTROL = "public, max-age=31536000, immutable"


@bp.get("/audio/<name>.wav")
def clip(name: str) -> Response:
    if not NAME.fullmatch(name):
        abort(404)
    found = audio.clip_named(name) or audio.clip_among(bank_store.stimuli(), name)
    if found is None:
        abort(404)
    response = Response(found.wav, mimetype="audio/wav")
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.set_etag(name)
    # A player asks for byte ranges (to seek, or to read the length first): answer them.
    return response.make_conditional(request, accept_ranges=True, complete_length=len(found.wav))
