"""A real server on this machine, for the tests and benchmarks that need one (gunicorn over a
temporary database, optionally behind TLS) and the client that fills in its forms. Not part
of the product: nothing in quiz/ imports it."""
