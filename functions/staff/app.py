"""civicat staff app — the office's workspace, routes only.

A second Chalice app beside the citizens' one (``functions/app.py``): its own Lambda, its own
dependencies (``requirements.txt``: argon2-cffi, joserfc), so that nothing of it weighs on the
citizens' cold start. It shares ``chalicelib`` (a link to ``../chalicelib``): the same store,
contract, notifications and uploads. Each route hands its request to a handler in
``chalicelib.staff``; ``_auth()`` and ``_work()`` import those modules at the first request that
needs them, so that a cold start imports Chalice and this route table only.

Pages are HTML for people in a browser (works without JavaScript); sign-in with the local staff
list or OpenID Connect (``CIVICAT_STAFF_SIGNIN``). Never set ``app.debug = True``.
"""
from chalicelib.appbase import ThreadLocalChalice

# Thread-local request: the local server answers requests in threads, and a shared
# ``current_request`` could hand one person's session to another's request.
app = ThreadLocalChalice(app_name="civicat-staff")
# Answers with documents arrive as multipart bodies; files leave as bytes.
app.api.binary_types.extend(["multipart/form-data", "application/pdf", "image/jpeg",
                             "image/png"])

FORM = ["application/x-www-form-urlencoded"]
UPLOAD = ["multipart/form-data", "application/x-www-form-urlencoded"]


def _auth():
    """Signing in and out, the one-time link, the language switch (``views_auth``)."""
    from chalicelib.staff import views_auth

    return views_auth


def _work():
    """Inbox, submissions, files, export, audit log (``views_work``)."""
    from chalicelib.staff import views_work

    return views_work


@app.middleware("http")
def common_headers(event, get_response):
    response = get_response(event)
    from chalicelib import webheaders

    webheaders.apply(event, response)
    return response


@app.route("/staff", methods=["GET"])
@app.route("/staff/", methods=["GET"])
def home():
    return _work().home(app.current_request)


# --- signing in and out --------------------------------------------------------------------------

@app.route("/staff/sign-in", methods=["GET"])
def signin_page():
    return _auth().signin_page(app.current_request)


@app.route("/staff/sign-in", methods=["POST"], content_types=FORM)
def signin():
    return _auth().signin(app.current_request)


@app.route("/staff/sign-out", methods=["POST"], content_types=FORM)
def signout():
    return _auth().signout(app.current_request)


@app.route("/staff/language", methods=["POST"], content_types=FORM)
def language():
    return _auth().language(app.current_request)


@app.route("/staff/welcome/{token}", methods=["GET"])
def welcome_page(token):
    return _auth().welcome_page(app.current_request, token)


@app.route("/staff/welcome/{token}", methods=["POST"], content_types=FORM)
def welcome(token):
    return _auth().welcome(app.current_request, token)


@app.route("/staff/oidc/start", methods=["GET"])
def oidc_start():
    return _auth().oidc_start(app.current_request)


@app.route("/staff/oidc/callback", methods=["GET"])
def oidc_callback():
    return _auth().oidc_callback(app.current_request)


# --- the work ------------------------------------------------------------------------------------

@app.route("/staff/inbox", methods=["GET"])
def inbox():
    return _work().inbox(app.current_request)


@app.route("/staff/submissions/{reference}", methods=["GET"])
def submission(reference):
    return _work().submission(app.current_request, reference)


@app.route("/staff/submissions/{reference}/status", methods=["POST"], content_types=FORM)
def set_status(reference):
    return _work().set_status(app.current_request, reference)


@app.route("/staff/submissions/{reference}/publication", methods=["POST"], content_types=FORM)
def publication(reference):
    return _work().publication(app.current_request, reference)


@app.route("/staff/submissions/{reference}/assign", methods=["POST"], content_types=FORM)
def assign(reference):
    return _work().assign(app.current_request, reference)


@app.route("/staff/submissions/{reference}/note", methods=["POST"], content_types=FORM)
def note(reference):
    return _work().note(app.current_request, reference)


@app.route("/staff/submissions/{reference}/answer", methods=["POST"], content_types=UPLOAD)
def answer(reference):
    return _work().answer(app.current_request, reference)


@app.route("/staff/submissions/{reference}/erase", methods=["POST"], content_types=FORM)
def erase(reference):
    return _work().erase(app.current_request, reference)


@app.route("/staff/submissions/{reference}/files/{upload_id}", methods=["GET"])
def file(reference, upload_id):
    return _work().file(app.current_request, reference, upload_id)


@app.route("/staff/forms/{form_id}/export", methods=["GET"])
def export(form_id):
    return _work().export(app.current_request, form_id)


@app.route("/staff/audit", methods=["GET"])
def audit_log():
    return _work().audit_log(app.current_request)
