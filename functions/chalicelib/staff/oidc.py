"""Sign-in with OpenID Connect: authorization code flow with PKCE (S256), ``state`` and ``nonce``
checked, the ID token's signature verified against the provider's JWKS, its issuer, audience and
expiry checked (joserfc). Works with any provider that publishes discovery metadata: Keycloak,
Microsoft Entra ID, Amazon Cognito.

The browser carries only a random id in a short-lived cookie; state, nonce and code verifier stay
in the store (records of kind ``oidc``) for ten minutes and are used once.
"""
import base64
import hashlib
import json
import secrets
import time
import urllib.parse
import urllib.request

from .. import clock, settings

KIND = "oidc"
COOKIE = "civicat_staff_login"
PENDING_SECONDS = 600
LEEWAY = 60
_cache: dict = {}


class SignInError(Exception):
    """The provider's answer cannot be trusted or does not name a staff member."""


def _fetch_json(url: str, data: dict | None = None, auth: tuple | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
    if auth:
        token = base64.b64encode(f"{urllib.parse.quote(auth[0])}:"
                                 f"{urllib.parse.quote(auth[1])}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def metadata(config: dict) -> dict:
    """The provider's discovery document, kept for an hour."""
    key = ("meta", config["issuer"])
    cached = _cache.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    found = _fetch_json(config["issuer"] + "/.well-known/openid-configuration")
    if found.get("issuer", "").rstrip("/") != config["issuer"]:
        raise SignInError("the provider's metadata names another issuer")
    _cache[key] = (time.monotonic() + 3600, found)
    return found


def _keys(meta: dict, refresh: bool = False):
    from joserfc.jwk import KeySet

    key = ("jwks", meta["jwks_uri"])
    cached = _cache.get(key)
    if refresh or not cached or cached[0] <= time.monotonic():
        cached = _cache[key] = (time.monotonic() + 3600,
                                KeySet.import_key_set(_fetch_json(meta["jwks_uri"])))
    return cached[1]


def start(store, redirect_uri: str) -> tuple[str, str]:
    """(URL of the provider's sign-in page, id for the login cookie)."""
    config = settings.oidc()
    meta = metadata(config)
    login_id, state, nonce = (secrets.token_urlsafe(24) for _ in range(3))
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()) \
        .rstrip(b"=").decode()
    store.put_record(KIND, _key(login_id), {"state": state, "nonce": nonce, "verifier": verifier,
                                            "redirect_uri": redirect_uri},
                     clock.epoch(clock.now()) + PENDING_SECONDS)
    query = {"response_type": "code", "client_id": config["client_id"],
             "redirect_uri": redirect_uri, "scope": config["scopes"], "state": state,
             "nonce": nonce, "code_challenge": challenge, "code_challenge_method": "S256"}
    return meta["authorization_endpoint"] + "?" + urllib.parse.urlencode(query), login_id


def _key(login_id: str) -> str:
    return hashlib.sha256(login_id.encode()).hexdigest()


def finish(store, login_id: str | None, params: dict) -> dict:
    """The verified ID token's claims, or ``SignInError``."""
    if not login_id:
        raise SignInError("no sign-in in progress")
    pending = store.get_record(KIND, _key(login_id))
    store.delete_record(KIND, _key(login_id))  # used once, whatever happens next
    if pending is None:
        raise SignInError("the sign-in expired")
    if not secrets.compare_digest(params.get("state") or "", pending["state"]):
        raise SignInError("state does not match")
    if params.get("error") or not params.get("code"):
        raise SignInError(f"the provider refused: {params.get('error') or 'no code'}")
    config = settings.oidc()
    meta = metadata(config)
    form = {"grant_type": "authorization_code", "code": params["code"],
            "redirect_uri": pending["redirect_uri"], "code_verifier": pending["verifier"]}
    auth = None
    if config["client_secret"]:
        auth = (config["client_id"], config["client_secret"])
    else:
        form["client_id"] = config["client_id"]
    try:
        tokens = _fetch_json(meta["token_endpoint"], form, auth)
    except OSError as error:
        raise SignInError(f"token request failed: {error}") from None
    if "id_token" not in tokens:
        raise SignInError("the provider sent no ID token")
    claims = verify(tokens["id_token"], meta, config)
    if not secrets.compare_digest(str(claims.get("nonce") or ""), pending["nonce"]):
        raise SignInError("nonce does not match")
    return claims


def verify(id_token: str, meta: dict, config: dict) -> dict:
    from joserfc import jwt
    from joserfc.errors import JoseError
    from joserfc.jwt import JWTClaimsRegistry

    algorithms = meta.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [a for a in algorithms if a != "none"]
    try:
        try:
            token = jwt.decode(id_token, _keys(meta), algorithms=algorithms)
        except JoseError:
            token = jwt.decode(id_token, _keys(meta, refresh=True), algorithms=algorithms)
        JWTClaimsRegistry(leeway=LEEWAY, iss={"essential": True, "value": config["issuer"]},
                          sub={"essential": True}, exp={"essential": True},
                          aud={"essential": True, "value": config["client_id"]},
                          ).validate(token.claims)
    except (JoseError, ValueError) as error:
        raise SignInError(f"the ID token is not valid: {error}") from None
    return token.claims


def person(store, claims: dict) -> dict | None:
    """Who signs in, with their offices: from the configured claim, else from the staff list
    (matched by the name claim). None if neither gives them an office."""
    from . import members

    config = settings.oidc()
    name = str(claims.get(config["name_claim"]) or claims.get("email") or claims["sub"])
    listed = members.get(store, name)
    if config["offices_claim"] and config["offices_claim"] in claims:
        raw = claims[config["offices_claim"]]
        values = raw.split() if isinstance(raw, str) else [str(v) for v in raw or ()]
        admin = config["admin_value"] in values
        offices = [v for v in values if v != config["admin_value"]]
        found = {"name": name, "display": str(claims.get("name") or name), "offices": offices,
                 "admin": admin}
    elif listed is not None:
        found = {**listed, "display": listed.get("display") or name}
    else:
        return None
    if not found["offices"] and not found["admin"]:
        return None
    # Keep them on the staff list (without a password) so that colleagues can assign to them.
    record = {**(listed or {"password": None}), "name": name, "display": found["display"],
              "offices": found["offices"], "admin": found["admin"]}
    store.put_record(members.KIND, name, record, members.FOREVER)
    return found
