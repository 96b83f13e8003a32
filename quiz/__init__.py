"""Producer Readiness Quiz: a scored self-assessment for aspiring music producers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    from . import cli, config, cookie_session, csrf_tokens, database, errors, security, startup
    from .auth import sessions
    from .extensions import csrf, db, migrate

    app.config.from_mapping(config.settings(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    startup.init_app(app)
    security.init_app(app)
    cookie_session.init_app(app)
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    csrf_tokens.init_app(app)  # after CSRFProtect, to replace its csrf_token()
    sessions.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from .auth.routes import bp as auth_bp
    from .taking.group_join import bp as join_bp
    from .groups.routes import bp as groups_bp
    from .instructor.routes import bp as instructor_bp
    from .report.routes import bp as report_bp
    from .taking.routes import bp as taking_bp

    app.register_blueprint(taking_bp)
    app.register_blueprint(report_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(instructor_bp)
    app.register_blueprint(join_bp)
    app.register_blueprint(groups_bp)
    return app
