"""A real server for the tests that need one: a temporary SQLite database set up with the
same CLI commands an operator uses, then gunicorn on a free port of 127.0.0.1.

Used by the browser tests (tests/browser/), the durability test (tests/test_durability.py), the
two-server test (tests/test_two_servers.py) and the cache-freshness test over two processes
(tests/caching/test_two_processes.py).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from devserver.tls import Certificate, client_context

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTOR_EMAIL = "instructor@example.test"
INSTRUCTOR_PASSWORD = "studio-time-4-all"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
FORM = "application/x-www-form-urlencoded"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """gunicorn serving `quiz:create_app()` on 127.0.0.1, over a database in `directory`."""

    directory: Path
    workers: int = 2
    database_url: str | None = None  # default: a SQLite file in `directory`
    name: str = "gunicorn"  # names the log file, for several servers in one directory
    app: str = "quiz:create_app()"
    gunicorn_args: tuple[str, ...] = ()
    # HTTPS as in production: gunicorn serves TLS with this certificate (`devserver/tls.py`).
    certificate: Certificate | None = None
    trusted_proxies: int = 0  # set when a TLS proxy (devserver/tls.py's TLSProxy) is in front
    port: int = field(default_factory=free_port)
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32))
    # The address its links are built from (PUBLIC_URL); default: the server's own `url`. A
    # server behind a proxy is given the proxy's.
    public_url: str | None = None
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.certificate else 'http'}://127.0.0.1:{self.port}"

    @property
    def behind_https(self) -> bool:
        return bool(self.certificate or self.trusted_proxies)

    @property
    def db_path(self) -> Path:
        return self.directory / "quiz.sqlite3"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("FLASK_DEBUG", "FLASK_APP", "TRUSTED_PROXIES", "BANK_DIR")}
        env.update(SECRET_KEY=self.secret_key,
                   DATABASE_URL=self.database_url or f"sqlite:///{self.db_path}",
                   TRUSTED_PROXIES=str(self.trusted_proxies), PUBLIC_URL=self.public_url or self.url,
                   PYTHONUNBUFFERED="1")
        if self.behind_https:
            env.pop("SESSION_COOKIE_SECURE", None)  # its production default: on
        else:
            env["SESSION_COOKIE_SECURE"] = "0"
        return env

    def flask(self, *args: str, input: str | None = None) -> str:
        """Run `flask --app quiz ARGS` the way an operator would; fail loudly."""
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "quiz", *args], cwd=ROOT,
                              env=self.env, input=input, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def prepare(self) -> LiveServer:
        """Create the database, load the bank and an instructor account."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.flask("db", "upgrade")
        self.flask("bank", "load")
        self.flask("instructor", "create", INSTRUCTOR_EMAIL,
                   input=f"{INSTRUCTOR_PASSWORD}\n{INSTRUCTOR_PASSWORD}\n")
        return self

    def start(self, timeout: float = 30) -> LiveServer:
        log = open(self.log_path, "ab")
        tls = (("--certfile", str(self.certificate.certfile), "--keyfile", str(self.certificate.keyfile))
               if self.certificate else ())
        # A session of its own, so that stop() and kill() reach the master and every worker.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "5", *tls, *self.gunicorn_args, self.app],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2, context=client_context()):
                    return self
            except urllib.error.HTTPError:
                return self  # it answers; what it says is for the tests to judge
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log()}")

    @property
    def log_path(self) -> Path:
        return self.directory / f"{self.name}.log"

    def log(self) -> str:
        path = self.log_path
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def _signal_group(self, sig: int) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, sig)  # the group id is the master's pid
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """SIGKILL the master and all workers at once, as a power cut or OOM killer would."""
        self._signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.kill()


class FormClient:
    """Plain HTTP, no browser: one session cookie and the CSRF token from the start page,
    which is all it takes to start attempts and post their forms. Over HTTPS (`https=True`)
    every POST carries a same-origin Referer, as a browser's does, unless `headers` say
    otherwise: Flask-WTF refuses a secure POST without one."""

    def __init__(self, port: int, timeout: float = 30, https: bool = False):
        self.port, self.timeout, self.https, self.cookie = port, timeout, https, ""
        page = self.send("GET", "/")
        self.cookie = page.getheader("Set-Cookie").split(";")[0]
        self.csrf = CSRF.search(page.text).group(1)

    @property
    def origin(self) -> str:
        return f"{'https' if self.https else 'http'}://127.0.0.1:{self.port}"

    def send(self, method: str, path: str, body: str | bytes | None = None,
             content_type: str = FORM, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        """One request on a fresh connection (sync workers close after each response);
        the body is read into `response.text`. A new session cookie replaces the old one."""
        if self.https:
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=self.timeout,
                                                     context=client_context())
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        sent = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            sent["Content-Type"] = content_type
            if self.https:
                sent["Referer"] = self.origin + path
        sent.update(headers or {})
        connection.request(method, path, body=body, headers={k: v for k, v in sent.items() if v})
        response = connection.getresponse()
        response.text = response.read().decode(errors="replace")
        connection.close()
        if self.cookie and response.getheader("Set-Cookie"):
            self.cookie = response.getheader("Set-Cookie").split(";")[0]
        return response

    def sign_in(self) -> None:
        """Sign in as the instructor `LiveServer.prepare` created."""
        self.csrf = CSRF.search(self.send("GET", "/instructor/login").text).group(1)
        response = self.send("POST", "/instructor/login", urllib.parse.urlencode(
            {"csrf_token": self.csrf, "email": INSTRUCTOR_EMAIL, "password": INSTRUCTOR_PASSWORD}))
        assert response.status in (302, 303), (response.status, response.text[:300])

    def upload(self, path: str, field_name: str, file_name: str, content: bytes):
        """POST a multipart form of the CSRF token and one file, as a browser's file input does."""
        boundary = secrets.token_hex(16)
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f'{self.csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; '
                f'name="{field_name}"; filename="{file_name}"\r\n'
                f'Content-Type: application/octet-stream\r\n\r\n')
        body = head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self.send("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def start_attempt(self) -> str:
        """Press "Start the quiz"; the new attempt's token."""
        response = self.send("POST", "/start", f"csrf_token={self.csrf}")
        assert response.status == 303, response.status
        return re.search(r"/a/([\w-]+)/section/1$", response.getheader("Location")).group(1)
