"""Every staff route refuses what a person may not see with 404, exactly like a reference that does
not exist, for every kind of visitor: no session, another office, their own office, an admin.
State-changing posts without the session's CSRF token change nothing."""
import json

import pytest

from .support import PDF, Browser, application, member, submit, text

OWN, OTHER = "schwerbehindertenrecht", "buergerbuero-hainbach"
FORM = "antrag-schwerbehindertenausweis"


@pytest.fixture
def world(staff, citizen, store):
    member(store, "own", [OWN])
    member(store, "other", [OTHER])
    member(store, "admin", admin=True)
    body = json.loads(submit(citizen, FORM, application()).body)
    people = {}
    for name in ("own", "other", "admin"):
        people[name] = Browser(staff)
        people[name].sign_in(name)
        people[name].get("/staff/inbox")  # a page with the session's CSRF token
    people["nobody"] = Browser(staff)
    people["nobody"].csrf = people["own"].csrf  # a stolen token alone opens nothing
    return body["reference"], people


def _routes(reference):
    base = f"/staff/submissions/{reference}"
    return [("GET", base, {}), ("GET", f"{base}/files/nonexistent", {}),
            ("POST", f"{base}/status", {"status": "in_progress"}),
            ("POST", f"{base}/assign", {"assignee": ""}),
            ("POST", f"{base}/note", {"text": "Notiz"}),
            ("POST", f"{base}/answer", {"message": "Antwort"}),
            ("POST", f"{base}/erase", {"confirm": "1"}),
            ("GET", f"/staff/forms/{FORM}/export", {}), ("GET", "/staff/audit", {})]


EXPECTED = {  # route index → status for nobody, other office, own office, admin
    0: (303, 404, 200, 200), 1: (303, 404, 404, 404), 2: (303, 404, 303, 303),
    3: (303, 404, 303, 303), 4: (303, 404, 303, 303), 5: (303, 404, 303, 303),
    6: (303, 404, 404, 303), 7: (303, 404, 200, 200), 8: (303, 404, 404, 200)}


def test_the_access_matrix(world, store):
    """One world, every route × visitor (signing in is deliberately slow: Argon2id)."""
    reference, people = world
    wrong = []
    for who in ("nobody", "other", "own", "admin"):
        for index, (method, path, values) in enumerate(_routes(reference)):
            if index == 6 and who == "admin":
                continue  # erasing is checked last, below
            person = people[who]
            response = person.get(path) if method == "GET" else person.post(path, values)
            expected = EXPECTED[index][["nobody", "other", "own", "admin"].index(who)]
            if response.status_code != expected:
                wrong.append((who, method, path, response.status_code, expected))
            elif expected == 303 and who == "nobody" and \
                    not response.headers["Location"].startswith("/staff/sign-in"):
                wrong.append((who, method, path, response.headers["Location"]))
            elif expected == 404 and reference in path:
                unknown = person.get(path.replace(reference, "HBN-2026-ZZZZZ")) \
                    if method == "GET" else person.post(path.replace(reference, "HBN-2026-ZZZZZ"),
                                                        values)
                if (unknown.status_code, text(unknown)) != (404, text(response)):
                    wrong.append((who, method, path, "differs from an unknown reference"))
    assert wrong == []
    assert store.get_submission(reference) is not None  # nobody but the admin could erase it
    assert people["admin"].post(f"/staff/submissions/{reference}/erase",
                                {"confirm": "1"}).status_code == 303
    assert store.get_submission(reference) is None


def test_the_inbox_shows_only_the_own_offices_work(world):
    reference, people = world
    assert reference in text(people["own"].get("/staff/inbox"))
    assert reference in text(people["admin"].get("/staff/inbox"))
    assert reference not in text(people["other"].get("/staff/inbox"))
    assert people["nobody"].get("/staff/inbox").headers["Location"] == "/staff/sign-in"


def test_a_post_without_the_csrf_token_changes_nothing(world, store):
    reference, people = world
    own = people["own"]
    for token in (None, "forged-token"):
        values = {"status": "answered"} if token is None else {"status": "answered", "csrf": token}
        response = own.client.http.post(f"/staff/submissions/{reference}/status",
                                        body="&".join(f"{k}={v}" for k, v in values.items())
                                        .encode(), headers={**own._headers(), "Content-Type":
                                                            "application/x-www-form-urlencoded"})
        assert response.status_code == 403
        assert "Das Formular war veraltet" in text(response)
    assert store.get_submission(reference).status == "received"
    assert store.list_events(reference) == []


def test_an_answer_post_without_the_token_stores_no_document(world, staff_env, store):
    reference, people = world
    own = people["own"]
    own.csrf = "forged"
    response = own.post_files(f"/staff/submissions/{reference}/answer", {"message": "x"},
                              [("documents", "a.pdf", PDF)])
    assert response.status_code == 403
    assert not [p for p in staff_env["uploads"].rglob("*") if p.is_file()]


def test_a_session_cookie_has_the_safe_flags(staff, store):
    member(store, "own", [OWN])
    person = Browser(staff)
    response = person.sign_in("own")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # 127.0.0.1: a developer's machine without TLS
    person.client.http.get("/staff/inbox")
    secure = staff.http.post("/staff/sign-in", body=b"", headers={
        "Host": "staff.example.org", "Content-Type": "application/x-www-form-urlencoded"})
    page = staff.http.get("/staff/sign-in", headers={"Host": "staff.example.org"})
    assert "Secure" in page.headers["Set-Cookie"]
    assert secure.status_code == 400  # no sign-in form token: refused
    assert "csrf" not in response.headers["Location"] and "session" not in response.headers["Location"]
