"""Shared helpers for the forms API tests: paths, valid submissions, request shortcuts."""
import json
import os
import secrets
import socket
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
FUNCTIONS_DIR = REPO / "functions"
SCHEMAS_DIR = REPO / "docs" / "standards" / "open311"
# The tests' own contract: the bundled functions/chalicelib/forms.json is rewritten by
# `civicat forms` from the catalogue, and these tests must not change with it.
FORMS = Path(__file__).resolve().parent / "fixtures" / "forms.json"

if str(FUNCTIONS_DIR) not in sys.path:
    sys.path.insert(0, str(FUNCTIONS_DIR))

# Names of the prod stage (functions/.chalice/config.json), used against the AWS emulator.
TABLE = "civicat-submissions"
BUCKET = "civicat-hainbach-attachments"
MAIL_FROM = "noreply@landkreis-hainbach.de"

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n<<>>\nendobj\n" * 4


def folders(tmp_path: Path) -> dict:
    """Where one test's functions keep what they store: the SQLite file, outbox and uploads."""
    return {"db": tmp_path / "submissions.db", "outbox": tmp_path / "outbox",
            "uploads": tmp_path / "uploads"}


def isolated_env(tmp_path: Path, monkeypatch, forms: Path, settings: dict, unset=()):
    """The body of an autouse fixture giving one test the functions' configuration of its own,
    the way a deployment sets it (environment variables): its SQLite file, outbox and uploads
    folders under ``tmp_path``, the contract ``forms``, rate limiting off, and ``settings``; no
    address of a real service or site from the developer's environment (nor those in ``unset``).
    Yields the folders; afterwards drops the store and notifier built from them."""
    paths = folders(tmp_path)
    for name in ("AWS_ENDPOINT_URL", "CIVICAT_AWS_ENDPOINT", "CIVICAT_SITE_URL",
                 "CIVICAT_EXTRA_ORIGINS", "CIVICAT_TRUSTED_PROXIES", *unset):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"CIVICAT_FORMS": str(forms), "CIVICAT_STORE": f"sqlite:///{paths['db']}",
                        "CIVICAT_NOTIFIER": "outbox", "CIVICAT_OUTBOX_DIR": str(paths["outbox"]),
                        "CIVICAT_UPLOADS": f"file:///{paths['uploads']}",
                        "CIVICAT_MAIL_FROM": "Landkreis Hainbach <noreply@landkreis-hainbach.de>",
                        "CIVICAT_PUBLIC_API_URL": "/api", "CIVICAT_RATE_LIMIT": "off",
                        **settings}.items():
        monkeypatch.setenv(name, value)
    yield paths
    from chalicelib import notify, stores

    stores.reset_cache()
    notify.reset_cache()
    # Chalice's test client swaps os.environ per request; used from threads it could leave a
    # plain dict behind, which would silently break every later test that sets a variable.
    assert isinstance(os.environ, os._Environ), "os.environ was replaced during the test"


def chalice_client(app):
    """Chalice's test client of ``app`` for one test: the body of a fixture (``yield from``)."""
    from chalice.test import Client

    with Client(app) as client:
        yield client


def contract():
    from chalicelib import contract as contract_module

    return contract_module.load(str(FORMS))


def new_key() -> str:
    return secrets.token_urlsafe(18)


def long_ago_ms(seconds: float = 60) -> int:
    """``started_at`` of a page rendered ``seconds`` ago (well past the minimum fill time)."""
    return int((time.time() - seconds) * 1000)


def _meta(lang: str) -> dict:
    return {"lang": lang, "submission_key": new_key(), "started_at": long_ago_ms(),
            "website": ""}


def kontakt(lang: str = "de", **fields) -> dict:
    return {**_meta(lang), "name": "Erika Mustermann", "email": "erika@example.org",
            "topic": "termin", "message": "Ich brauche einen Termin für meinen Ausweis.",
            **fields}


def ideas(lang: str = "de", **fields) -> dict:
    return {**_meta(lang), "category": "schaden", "consent": True,
            "description": "Schlagloch vor der Schule, etwa 30 cm breit.",
            "location_address": "Schulstraße 4, 99867 Hainbach", "location_lat": 50.9471,
            "location_lon": 10.7066, **fields}


def antrag(lang: str = "de", **fields) -> dict:
    return {**_meta(lang), "name": "Erika Mustermann", "street": "Marktplatz 1",
            "postcode": "99867", "city": "Hainbach", "email": "erika@example.org", "zone": "A",
            "plate": "HBN-AB 123", "start_date": "2026-03-01", "months": 12, "truthful": True,
            "consent": True, **fields}


def barriere(lang: str = "de", **fields) -> dict:
    return {**_meta(lang), "problem": "Das PDF zur Hundesteuer ist nicht vorlesbar.",
            "assistive": ["screenreader"], **fields}


def post_json(client, form_id: str, body: dict, headers: dict | None = None):
    return client.http.post(f"/forms/{form_id}", body=json.dumps(body).encode(),
                            headers={"Content-Type": "application/json", **(headers or {})})


def post_form(client, form_id: str, body, headers: dict | None = None):
    """A browser's form post without JavaScript (``body``: dict or list of pairs)."""
    pairs = body.items() if isinstance(body, dict) else body
    encoded = urlencode([(k, v) for k, v in pairs], doseq=True).encode()
    return client.http.post(f"/forms/{form_id}", body=encoded, headers={
        "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


def multipart_body(fields: list, files: list) -> tuple[bytes, str]:
    """(body, content type) for ``fields`` [(name, value)] and ``files`` [(name, filename,
    content type, bytes)]."""
    boundary = "----civicat" + secrets.token_hex(8)
    out = []
    for name, value in fields:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                   .encode() + str(value).encode() + b"\r\n")
    for name, filename, content_type, data in files:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                   + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


class Gateway:
    """Calls the app the way API Gateway would, from many threads at once.

    Chalice's test client swaps the process-wide ``os.environ`` around every request, which is
    not safe from parallel threads (one thread may restore another's copy); its ``LocalGateway``
    underneath is, and that is all the parallel tests need.
    """

    def __init__(self, app):
        from chalice.config import Config
        from chalice.local import LocalGateway

        self.gateway = LocalGateway(app, Config.create())

    def post_json(self, path: str, body: bytes) -> tuple[int, dict]:
        response = self.gateway.handle_request(
            method="POST", path=path, body=body,
            headers={"content-type": "application/json"})
        return response["statusCode"], json.loads(response["body"])


def body_json(response):
    return json.loads(response.body)


def read_mails(directory: Path) -> list:
    """Every .eml in an outbox folder, parsed, oldest first."""
    paths = sorted(Path(directory).glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in paths]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
