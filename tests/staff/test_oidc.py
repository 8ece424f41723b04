"""Signing in through a real OpenID Connect provider process (oidc-provider-mock): the code flow
with PKCE, state and nonce, the ID token verified against the provider's keys; the offices come
from a claim, or from the staff list when the claim is missing; tampering is refused."""
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from .oidc_provider import Provider
from .support import Browser, member, text

pytestmark = pytest.mark.slow

PEOPLE = [{"sub": "u-1", "preferred_username": "anna", "name": "Anna Berg",
           "civicat_offices": ["schwerbehindertenrecht"]},
          {"sub": "u-2", "preferred_username": "chef", "name": "Chris Chef",
           "civicat_offices": ["civicat-admin"]},
          {"sub": "u-3", "preferred_username": "listed", "name": "Lisa Listed"},
          {"sub": "u-4", "preferred_username": "stranger", "name": "Sam Stranger"}]


@pytest.fixture(scope="module")
def provider():
    running = Provider(PEOPLE)
    yield running
    running.stop()


@pytest.fixture
def oidc_env(provider, monkeypatch):
    for name, value in {"CIVICAT_STAFF_SIGNIN": "oidc", "CIVICAT_OIDC_ISSUER": provider.issuer,
                        "CIVICAT_OIDC_CLIENT_ID": "civicat-staff",
                        "CIVICAT_OIDC_CLIENT_SECRET": "client-secret",
                        "CIVICAT_OIDC_OFFICES_CLAIM": "civicat_offices"}.items():
        monkeypatch.setenv(name, value)
    return provider


def sign_in_at_provider(person: Browser, sub: str, tamper=None):
    """Start at our sign-in link, authorise at the provider as ``sub``, come back."""
    started = person.get("/staff/oidc/start")
    assert started.status_code == 303
    authorize = started.headers["Location"]
    query = parse_qs(urlparse(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    answer = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    back = urlparse(answer.headers["Location"])
    assert back.path == "/staff/oidc/callback"
    path = back.path + "?" + (tamper(back.query) if tamper else back.query)
    return person.get(path)


def test_a_person_signs_in_with_the_provider_and_works_their_offices(oidc_env, staff, store):
    person = Browser(staff)
    page = text(person.get("/staff/sign-in"))
    assert 'href="/staff/oidc/start"' in page and 'type="password"' not in page
    came_back = sign_in_at_provider(person, "u-1")
    assert came_back.status_code == 303 and came_back.headers["Location"] == "/staff/inbox"
    assert "HttpOnly" in str(came_back.headers["Set-Cookie"])
    inbox = text(person.get("/staff/inbox"))
    assert "Angemeldet als Anna Berg" in inbox
    assert ("anna", "sign-in") in [(e["actor"], e["action"]) for e in store.list_audit(None, 10)]
    assert store.get_record("staff", "anna")["offices"] == ["schwerbehindertenrecht"]


def test_the_admin_value_in_the_claim_makes_an_admin(oidc_env, staff):
    person = Browser(staff)
    sign_in_at_provider(person, "u-2")
    assert person.get("/staff/audit").status_code == 200


def test_without_the_claim_the_staff_list_decides(oidc_env, staff, store):
    member(store, "listed", ["schwerbehindertenrecht"])
    person = Browser(staff)
    assert sign_in_at_provider(person, "u-3").headers["Location"] == "/staff/inbox"
    stranger = Browser(staff)
    refused = sign_in_at_provider(stranger, "u-4")
    assert refused.status_code == 403
    assert "keiner Dienststelle zugeordnet" in text(refused)
    assert stranger.get("/staff/inbox").status_code == 303


def test_a_wrong_state_is_refused(oidc_env, staff):
    person = Browser(staff)
    refused = sign_in_at_provider(person, "u-1", tamper=lambda q: q.replace("state=", "state=x"))
    assert refused.status_code == 400
    assert person.get("/staff/inbox").headers["Location"].startswith("/staff/sign-in")


def test_a_replayed_callback_is_refused(oidc_env, staff):
    person = Browser(staff)
    started = person.get("/staff/oidc/start")
    answer = requests.post(started.headers["Location"], data={"sub": "u-1"},
                           allow_redirects=False, timeout=10)
    callback = answer.headers["Location"].split("127.0.0.1", 1)[-1].split("/", 1)[-1]
    assert person.get("/" + callback).status_code == 303
    intruder = Browser(staff)
    intruder.cookies = {k: v for k, v in person.cookies.items() if k != "civicat_staff"}
    assert intruder.get("/" + callback).status_code == 400  # state and code are used up


def test_an_id_token_with_a_forged_signature_or_audience_is_refused(oidc_env, provider):
    import base64
    import json

    from chalicelib import settings
    from chalicelib.staff import oidc

    meta = oidc.metadata(settings.oidc())
    session = requests.Session()
    started = requests.get(meta["authorization_endpoint"], params={
        "response_type": "code", "client_id": "civicat-staff", "scope": "openid",
        "redirect_uri": "http://127.0.0.1/cb", "state": "s", "nonce": "n"}, timeout=10)
    assert started.status_code == 200
    answer = session.post(started.url, data={"sub": "u-1"}, allow_redirects=False, timeout=10)
    code = parse_qs(urlparse(answer.headers["Location"]).query)["code"][0]
    tokens = requests.post(meta["token_endpoint"], data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1/cb"},
        auth=("civicat-staff", "client-secret"), timeout=10).json()
    header, claims, signature = tokens["id_token"].split(".")
    assert oidc.verify(tokens["id_token"], meta, settings.oidc())["sub"] == "u-1"
    forged = json.loads(base64.urlsafe_b64decode(claims + "=="))
    forged["preferred_username"] = "chef"
    body = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    with pytest.raises(oidc.SignInError):
        oidc.verify(f"{header}.{body}.{signature}", meta, settings.oidc())
    with pytest.raises(oidc.SignInError):
        oidc.verify(tokens["id_token"], meta, {**settings.oidc(), "client_id": "someone-else"})
