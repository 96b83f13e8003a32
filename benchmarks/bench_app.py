"""The quiz as gunicorn serves it, plus one bare route for benchmarks/load.py to compare with.

`/bench/hello` goes through the same Flask app (session, security headers, error handlers)
but does no work of its own: it is the floor every real page is measured against. It exists
only here, never in the product.
"""

from quiz import create_app

app = create_app()


@app.get("/bench/hello")
def hello():
    return "hello"
