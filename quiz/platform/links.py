"""Links that leave the page - the resume link a taker keeps, the join link and address an
instructor hands out, the report link - built from the site's configured address, PUBLIC_URL,
never from the Host header a request brings (issue 32: `Host: evil.example` came back as
`https://evil.example/a/...`).

PUBLIC_URL is the address takers open, a scheme and a host (and a port if it is not the
scheme's own): `https://quiz.example.org`. When it is set, Flask's TRUSTED_HOSTS holds its host
and any names TRUSTED_HOSTS adds (say, a health check's), and a request for any other host gets
400. Serving in production needs it; debug and testing without it build links from the request,
as on a laptop any host is this one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import click
from flask import Flask, current_app, url_for

from quiz.platform.startup import refuse

EXAMPLE = "https://quiz.example.org"


def external_url(endpoint: str, **values) -> str:
    """The full address of a page of this site, to be copied and opened elsewhere."""
    public_url = current_app.config.get("PUBLIC_URL")
    if not public_url:
        return url_for(endpoint, _external=True, **values)
    return public_url + url_for(endpoint, **values)  # the path, with the app's script root


def public_origin(address: str) -> str | None:
    """`address` as scheme://host[:port] when it is only that (a trailing / aside), else None."""
    try:
        parts = urlsplit(address.strip())
        port_readable = parts.port is None or parts.port > 0
    except ValueError:  # a port that is no number, an address that does not close
        return None
    if (parts.scheme not in ("http", "https") or not parts.hostname or not port_readable
            or parts.username is not None or parts.path not in ("", "/") or parts.query
            or parts.fragment or any(c.isspace() for c in address.strip())):
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def init_app(app: Flask) -> None:
    """Check PUBLIC_URL, keep it as scheme://host[:port], trust only its host (and the names in
    TRUSTED_HOSTS), and give templates `external_url`."""
    app.jinja_env.globals["external_url"] = external_url
    address = app.config.get("PUBLIC_URL")
    if not address:
        serving_in_production = not (app.debug or app.testing) and click.get_current_context(silent=True) is None
        if serving_in_production:
            refuse(f"PUBLIC_URL is missing. Set it to the address takers open, such as {EXAMPLE}: "
                   "the links the app hands out are built from it.")
        return
    origin = public_origin(address)
    if origin is None:
        refuse(f"PUBLIC_URL {address!r} is not an address such as {EXAMPLE}: give the scheme (https://) "
               "and the host, with a port if it needs one, and nothing after the host.")
    app.config["PUBLIC_URL"] = origin
    app.config["TRUSTED_HOSTS"] = [urlsplit(origin).hostname, *(app.config.get("TRUSTED_HOSTS") or [])]
