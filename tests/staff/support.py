"""Helpers for the staff tests: staff members, signing in through the pages, posting forms with
the session's CSRF token, and a citizen's disability-pass application."""
import json
import re
import secrets
import time
from urllib.parse import urlencode

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PASSWORD = "a long enough password"
HOST = {"Host": "127.0.0.1:8000", "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def member(store, name: str, offices=(), admin: bool = False) -> None:
    from chalicelib.staff import members

    token = members.add(store, name, list(offices), admin)
    members.set_password(store, name, PASSWORD)
    members.use_up(store, token)


class Browser:
    """A person in a browser without JavaScript: keeps cookies, follows nothing by itself."""

    def __init__(self, client):
        self.client = client
        self.cookies: dict = {}
        self.csrf = None

    def _headers(self, extra=None):
        headers = dict(HOST)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _keep(self, response):
        raw = response.headers.get("set-cookie") or response.headers.get("Set-Cookie")
        values = raw if isinstance(raw, list) else ([raw] if raw else [])
        for value in values:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if "Max-Age=0" in value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie_value
        body = response.body.decode("utf-8", "replace") if isinstance(response.body, bytes) \
            else str(response.body)
        found = re.search(r'name="csrf" value="([^"]+)"', body)
        if found:
            self.csrf = found.group(1)
        return response

    def get(self, path):
        return self._keep(self.client.http.get(path, headers=self._headers()))

    def post(self, path, values: dict, csrf=True):
        values = {**({"csrf": self.csrf} if csrf and self.csrf else {}), **values}
        return self._keep(self.client.http.post(path, body=urlencode(values).encode(),
                                                headers=self._headers({
                                                    "Content-Type":
                                                        "application/x-www-form-urlencoded"})))

    def post_files(self, path, values: dict, files: list):
        boundary = "----staff" + secrets.token_hex(6)
        parts = []
        for name, value in {"csrf": self.csrf, **values}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{value}\r\n".encode())
        for name, filename, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
                         .encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self._keep(self.client.http.post(path, body=b"".join(parts), headers=self._headers({
            "Content-Type": f"multipart/form-data; boundary={boundary}"})))

    def sign_in(self, name, password=PASSWORD):
        page = self.get("/staff/sign-in")
        pre = re.search(r'name="pre" value="([^"]+)"', page.body.decode()).group(1)
        return self.post("/staff/sign-in", {"pre": pre, "name": name, "password": password},
                         csrf=False)


def text(response) -> str:
    return response.body.decode("utf-8") if isinstance(response.body, bytes) else response.body


def application(lang: str = "de", **fields) -> dict:
    return {"lang": lang, "submission_key": secrets.token_urlsafe(18),
            "started_at": int((time.time() - 60) * 1000), "website": "",
            "name": "Erika Mustermann", "birth_date": "1958-04-12", "street": "Marktplatz 1",
            "postcode": "99880", "town": "Hainbach", "email": "erika@example.org",
            "impairments": "Seit 2019 Arthrose in beiden Knien; Treppen gehen nur mit Geländer.",
            "doctors": "Dr. Anna Berg, Orthopädie, Bahnhofstraße 3, 99880 Hainbach",
            "marks": ["g"], "doctors_consent": True, **fields}


def submit(citizen, form_id: str, body: dict):
    return citizen.http.post(f"/forms/{form_id}", body=json.dumps(body).encode(),
                             headers={"Content-Type": "application/json"})
