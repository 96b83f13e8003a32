"""The anchor for benchmarks/load.py: a bare Flask app with one route and none of the quiz's
hooks (no session, no login manager, no security headers, no database). Every page of the
quiz is measured against this, served by gunicorn with the same settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return "hello"
