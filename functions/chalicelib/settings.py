"""Configuration from environment variables, read each time it is needed.

Nothing is read at import: the Chalice test client swaps ``os.environ`` for each request, the local
server sets its defaults before the first request, and a Lambda container keeps its environment for
life. Stores and notifiers built from these values are cached per value in their own factories.

The full list, with defaults, is in ``functions/README.md``.
"""
import os

_TRUE = {"1", "true", "yes", "on"}


def _get(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _int(name: str, default: int) -> int:
    raw = _get(name)
    return int(raw) if raw else default


def store_url() -> str:
    """``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db`` or ``dynamodb://table``."""
    return _get("CIVICAT_STORE", "sqlite:///var/submissions.db")


def notifier() -> str:
    """``outbox`` (default: .eml files in ``CIVICAT_OUTBOX_DIR``), ``ses`` or ``smtp``."""
    return _get("CIVICAT_NOTIFIER", "outbox").lower()


def outbox_dir() -> str:
    return _get("CIVICAT_OUTBOX_DIR", "var/outbox")


def smtp() -> dict:
    """Connection settings of the SMTP notifier."""
    return {
        "host": _get("CIVICAT_SMTP_HOST", "127.0.0.1"),
        "port": _int("CIVICAT_SMTP_PORT", 25),
        "starttls": _get("CIVICAT_SMTP_STARTTLS").lower() in _TRUE,
        "ssl": _get("CIVICAT_SMTP_SSL").lower() in _TRUE,
        "user": _get("CIVICAT_SMTP_USER"),
        "password": os.environ.get("CIVICAT_SMTP_PASSWORD", ""),
        "timeout": float(_get("CIVICAT_SMTP_TIMEOUT", "10")),
    }


def mail_from() -> str:
    """Sender address of every mail (must be verified in SES)."""
    return _get("CIVICAT_MAIL_FROM", "noreply@localhost")


def staff_auth() -> str:
    """``token`` (bearer token, default) or ``iam`` (API Gateway IAM authorizer)."""
    return _get("CIVICAT_STAFF_AUTH", "token").lower()


def staff_token() -> str:
    return os.environ.get("CIVICAT_STAFF_TOKEN", "")


def uploads_url() -> str:
    """``file:///relative/dir``, ``file:////absolute/dir`` or ``s3://bucket/prefix/``."""
    return _get("CIVICAT_UPLOADS", "file:///var/uploads")


def aws_endpoint() -> str | None:
    """An emulator's URL (moto, dynalite); None means the real AWS endpoints."""
    return _get("CIVICAT_AWS_ENDPOINT") or _get("AWS_ENDPOINT_URL") or None


def aws_region() -> str:
    return _get("AWS_REGION") or _get("AWS_DEFAULT_REGION") or "eu-central-1"


def forms_path() -> str:
    """The compiled contract; ``CIVICAT_FORMS`` overrides the bundled ``chalicelib/forms.json``."""
    return _get("CIVICAT_FORMS") or os.path.join(os.path.dirname(__file__), "forms.json")


def search_index(lang: str) -> str:
    """Folder of ``lang``'s search index (``meta.json`` and the files it names), which the results
    page for visitors without JavaScript reads: ``CIVICAT_SEARCH_SITE`` is a built site, whose
    ``<lang>/search/`` it is (``civicat serve`` sets it); else the copy bundled with the functions,
    ``chalicelib/search_index/<lang>/`` (written by ``civicat deploy package --site``)."""
    site = _get("CIVICAT_SEARCH_SITE")
    if site:
        return os.path.join(site, lang, "search")
    return os.path.join(os.path.dirname(__file__), "search_index", lang)


def site_url() -> str:
    """Absolute site URL for redirects and mail links; empty means site-relative redirects."""
    return _get("CIVICAT_SITE_URL")


def public_api_url() -> str:
    """Where citizens reach this API from the site (the dev proxy serves it at ``/api``)."""
    return _get("CIVICAT_PUBLIC_API_URL", "/api").rstrip("/")


def extra_origins() -> list[str]:
    """Origins allowed by CORS besides the contract's ``site.origins`` (e.g. a preview site)."""
    return [o.strip().rstrip("/") for o in _get("CIVICAT_EXTRA_ORIGINS").split(",") if o.strip()]


def max_body_bytes() -> int:
    """Largest JSON or form-encoded submission (413 above)."""
    return _int("CIVICAT_MAX_BODY_BYTES", 64 * 1024)


def max_multipart_bytes() -> int:
    """Largest multipart submission with files; Lambda refuses request bodies above 6 MB."""
    return _int("CIVICAT_MAX_MULTIPART_BYTES", 6 * 1024 * 1024)


def rate_limit() -> tuple[int, int] | None:
    """``limit/window_seconds`` per client, e.g. ``10/600``; ``off`` or ``0`` disables."""
    raw = _get("CIVICAT_RATE_LIMIT", "10/600").lower()
    if raw in ("", "0", "off", "none"):
        return None
    limit, _, window = raw.partition("/")
    return int(limit), int(window or 600)


def delivery() -> str:
    """``inline`` (default, Lambda): mails are sent before the answer; ``worker`` (the local
    server): a separate delivery process sends them right after, so the answer never waits."""
    return _get("CIVICAT_DELIVERY", "inline").lower()


def min_fill_seconds() -> float:
    return float(_get("CIVICAT_MIN_FILL_SECONDS", "3"))


def trusted_proxies() -> int:
    """How many proxies in front of the API append to ``X-Forwarded-For`` (CloudFront: 1)."""
    return _int("CIVICAT_TRUSTED_PROXIES", 0)


def secret() -> str:
    """Salt for pseudonymising client addresses in rate-limit counters."""
    return os.environ.get("CIVICAT_SECRET", "civicat")


# --- the staff app ------------------------------------------------------------------------------

def staff_signin() -> str:
    """How staff sign in: ``local`` (the staff list beside the store, default) or ``oidc``."""
    return _get("CIVICAT_STAFF_SIGNIN", "local").lower()


def staff_url() -> str:
    """Public URL of the staff pages (``…/staff``), for one-time links and the OIDC redirect;
    empty: taken from the request's Host."""
    return _get("CIVICAT_STAFF_URL").rstrip("/")


def staff_idle_minutes() -> int:
    """A session ends after this many minutes without a request."""
    return _int("CIVICAT_STAFF_IDLE_MINUTES", 30)


def staff_signin_limit() -> tuple[int, int]:
    """Failed sign-ins per name and per client address before a pause: ``tries/seconds``."""
    raw = _get("CIVICAT_STAFF_SIGNIN_LIMIT", "5/900")
    tries, _, window = raw.partition("/")
    return int(tries), int(window or 900)


def oidc() -> dict:
    """The OpenID Connect provider: issuer (discovery at ``/.well-known/openid-configuration``),
    client id and secret, scopes, and the claims that name the person and their offices."""
    return {
        "issuer": _get("CIVICAT_OIDC_ISSUER").rstrip("/"),
        "client_id": _get("CIVICAT_OIDC_CLIENT_ID"),
        "client_secret": os.environ.get("CIVICAT_OIDC_CLIENT_SECRET", ""),
        "scopes": _get("CIVICAT_OIDC_SCOPES", "openid profile email"),
        "name_claim": _get("CIVICAT_OIDC_NAME_CLAIM", "preferred_username"),
        "offices_claim": _get("CIVICAT_OIDC_OFFICES_CLAIM"),
        "admin_value": _get("CIVICAT_OIDC_ADMIN_VALUE", "civicat-admin"),
    }
# --- electronic signatures (chalicelib/signatures) -----------------------------------------------

def trust_anchors() -> str:
    """Folder of the certificates (PEM or DER) a signature's chain may end in, and of CRLs
    (``*.crl``) honoured offline. Empty: no anchors (only a trusted list, if configured)."""
    return _get("CIVICAT_TRUST_ANCHORS")


def trusted_list() -> str:
    """An EU trusted list (ETSI TS 119 612 XML) on disk; its qualified CAs become anchors too."""
    return _get("CIVICAT_TRUSTED_LIST")


def trusted_list_signers() -> str:
    """PEM file with the certificate(s) of the list's scheme operator: when set, the list's XML
    signature is checked before the list is used."""
    return _get("CIVICAT_TRUSTED_LIST_SIGNERS")


def signature_fetching() -> bool:
    """Whether the verifier may fetch CRLs and OCSP responses from the network (default: no;
    revocation information embedded in the PDF or lying in the anchors folder is used)."""
    return _get("CIVICAT_SIGNATURE_FETCH").lower() in _TRUE


def revocation_policy() -> str:
    """``soft`` (default: revocation information is checked where available) or ``require``
    (a signature without revocation information for its certificate is refused)."""
    value = _get("CIVICAT_REVOCATION", "soft").lower()
    if value not in ("soft", "require"):
        raise ValueError(f"CIVICAT_REVOCATION: expected soft or require, got {value!r}")
    return value


def seal_config() -> str:
    """Where an office's sealing key and certificate are: a JSON file mapping office id to
    ``{"key": path, "cert": path, "chain": [paths], "password_env": name}`` (local), or
    ``secretsmanager:<prefix>`` (AWS: the secret ``<prefix><office id>`` holds the PEM texts)."""
    return _get("CIVICAT_SEALS")


# --- read-aloud recordings (chalicelib/speech) ----------------------------------------------------

def speech_engine() -> str:
    """``off`` (default), ``espeak`` (espeak-ng on this machine) or ``polly`` (Amazon Polly)."""
    return _get("CIVICAT_SPEECH", "off").lower()


def speech_pages() -> str:
    """The built site the recordings are made from: ``file:///dir`` or ``s3://bucket/prefix/``."""
    return _get("CIVICAT_SPEECH_PAGES")


def speech_cache() -> str:
    """Where recordings are kept: ``file:///dir`` (default ``var/speech``) or ``s3://bucket/prefix/``."""
    return _get("CIVICAT_SPEECH_CACHE", "file:///var/speech")


# --- Open311 ----------------------------------------------------------------------------------

def open311_api_keys() -> list[str]:
    """``CIVICAT_OPEN311_API_KEYS``: comma-separated keys a GeoReport client must send as
    ``api_key`` to ``POST requests``. Empty (default): posting needs no key, like the web form."""
    return [key.strip() for key in _get("CIVICAT_OPEN311_API_KEYS").split(",") if key.strip()]


def open311_decimals() -> int:
    """``CIVICAT_OPEN311_DECIMALS``: decimal places of published coordinates (default 3, about
    100 m), so a report does not point at one house; 0 to 6."""
    return min(max(_int("CIVICAT_OPEN311_DECIMALS", 3), 0), 6)
