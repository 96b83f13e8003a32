"""Producer Readiness Quiz: a scored self-assessment for aspiring music producers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
WEB = Path(__file__).resolve().parent / "web"


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True,
                template_folder=WEB / "templates", static_folder=WEB / "static")
    from quiz import cli
    from quiz.platform import config, converters, errors, links, memory, security, sqlite, startup  # noqa: F401 (sqlite: its pragmas)
    from quiz.platform.extensions import csrf, db, migrate
    from quiz.web import question_types
    from quiz.web.auth import sessions

    app.config.from_mapping(config.settings(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS",
                          config.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    startup.init_app(app)
    memory.keep_requests_young()
    links.init_app(app)
    converters.init_app(app)  # before any blueprint adds a route that uses it
    security.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    sessions.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    question_types.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from quiz.web.audio.routes import bp as audio_bp
    from quiz.web.auth.routes import bp as auth_bp
    from quiz.web.groups.routes import bp as groups_bp
    from quiz.web.instructor.routes import bp as instructor_bp
    from quiz.web.joining.routes import bp as join_bp
    from quiz.web.report.routes import bp as report_bp
    from quiz.web.taking.routes import bp as taking_bp

    app.register_blueprint(taking_bp)
    app.register_blueprint(report_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(instructor_bp)
    app.register_blueprint(join_bp)
    app.register_blueprint(groups_bp)
    app.register_blueprint(audio_bp)
    return app
