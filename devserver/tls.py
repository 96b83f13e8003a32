"""HTTPS for the tests, as production has it: a throwaway self-signed certificate, a small
threaded proxy that terminates TLS and forwards to gunicorn with X-Forwarded-* headers (what
nginx does in the set-up in docs/production.md), and a second HTTPS site that records the Referer it gets."""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import ssl
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# Headers about one connection, which a proxy must not pass on (RFC 9110, 7.6.1).
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
              "upgrade", "content-length"}


@dataclass(frozen=True)
class Certificate:
    certfile: Path
    keyfile: Path


def make_certificate(directory: Path) -> Certificate:
    """A self-signed certificate for 127.0.0.1 and localhost, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                    x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256()))
    directory.mkdir(parents=True, exist_ok=True)
    paths = Certificate(directory / "cert.pem", directory / "key.pem")
    paths.certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    paths.keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
    return paths


def client_context() -> ssl.SSLContext:
    """For raw clients: the certificate is our own throwaway one, so it is not verified."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class _TLSServer(ThreadingHTTPServer):
    """A threaded HTTP server that speaks TLS; each connection's handshake runs in that
    connection's own thread, so a browser's idle spare connection holds up nobody."""

    daemon_threads = True

    def __init__(self, handler, certificate: Certificate):
        super().__init__(("127.0.0.1", 0), handler)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(certificate.certfile, certificate.keyfile)

    def finish_request(self, request, client_address):
        try:
            connection = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # a client that gave up on the handshake (browsers do)
        self.RequestHandlerClass(connection, client_address, self)

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection mid-way is normal

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server_address[1]}"

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _ForwardingHandler(BaseHTTPRequestHandler):
    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        backend = http.client.HTTPConnection("127.0.0.1", self.server.backend_port, timeout=60)
        backend.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            if name.lower() not in HOP_BY_HOP and not name.lower().startswith("x-forwarded-"):
                backend.putheader(name, value)
        backend.putheader("X-Forwarded-Proto", "https")
        backend.putheader("X-Forwarded-For", self.client_address[0])
        backend.putheader("X-Forwarded-Host", self.headers["Host"])
        if body is not None:
            backend.putheader("Content-Length", str(len(body)))
        backend.endheaders(body)
        response = backend.getresponse()
        data = response.read()
        backend.close()
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = _forward

    def log_message(self, *args):
        pass


class TLSProxy(_TLSServer):
    """Terminates TLS and forwards to a plain-http backend on 127.0.0.1, setting
    X-Forwarded-Proto, -For and -Host the way nginx's `proxy_set_header` lines do."""

    def __init__(self, certificate: Certificate, backend_port: int):
        super().__init__(_ForwardingHandler, certificate)
        self.backend_port = backend_port


class _RecordingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.visits.append((self.path, self.headers.get("Referer")))
        body = b"<!doctype html><title>Elsewhere</title><p>Another site.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class RefererRecorder(_TLSServer):
    """Another origin (another port): remembers each path it was asked for and its Referer."""

    def __init__(self, certificate: Certificate):
        super().__init__(_RecordingHandler, certificate)
        self.visits: list[tuple[str, str | None]] = []
