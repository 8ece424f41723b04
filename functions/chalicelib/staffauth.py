"""Who may use ``/staff/...``.

On AWS (``CIVICAT_STAFF_AUTH=iam``) API Gateway's IAM authorizer has already checked the SigV4
signature before the function runs, so there is nothing left to do here. Otherwise a bearer token
from ``CIVICAT_STAFF_TOKEN``: no ``Authorization`` header → 401 (with ``WWW-Authenticate``), a
wrong token → 403. With no token configured every request is refused: a forgotten setting must
not open the staff API.
"""
from . import responses, settings


def refuse(request):
    """None if the request may pass, else the 401/403 response to send."""
    if settings.staff_auth() == "iam":
        return None
    header = request.headers.get("authorization") or ""
    scheme, _, given = header.partition(" ")
    if not header:
        return responses.error(401, "Anmeldung erforderlich / authentication required",
                               {"WWW-Authenticate": 'Bearer realm="civicat-staff"'})
    import hmac

    expected = settings.staff_token()
    if scheme.lower() != "bearer" or not expected or not hmac.compare_digest(
            given.strip().encode(), expected.encode()):
        return responses.error(403, "Zugriff verweigert / access denied")
    return None
