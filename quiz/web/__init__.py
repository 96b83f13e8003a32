"""The web features, the top floor: one blueprint package each (routes, forms, templates), wired
together only by `create_app`. A feature uses the platform and the domain, and no other
feature's package (tests/test_layering.py names the one exception)."""
