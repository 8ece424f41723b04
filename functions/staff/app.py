"""civicat staff app — the office's workspace, routes only.

A second Chalice app beside the citizens' one (``functions/app.py``): its own Lambda, its own
dependencies (``requirements.txt``: argon2-cffi, joserfc), so that nothing of it weighs on the
citizens' cold start. It shares ``chalicelib`` (a link to ``../chalicelib``): the same store,
contract, notifications and uploads. Handlers are imported inside each route.

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


@app.middleware("http")
def common_headers(event, get_response):
    response = get_response(event)
    from chalicelib import webheaders

    webheaders.apply(event, response)
    return response


@app.route("/staff", methods=["GET"])
@app.route("/staff/", methods=["GET"])
def home():
    from chalicelib.staff import views_work

    return views_work.home(app.current_request)


# --- signing in and out --------------------------------------------------------------------------

@app.route("/staff/sign-in", methods=["GET"])
def signin_page():
    from chalicelib.staff import views_auth

    return views_auth.signin_page(app.current_request)


@app.route("/staff/sign-in", methods=["POST"], content_types=FORM)
def signin():
    from chalicelib.staff import views_auth

    return views_auth.signin(app.current_request)


@app.route("/staff/sign-out", methods=["POST"], content_types=FORM)
def signout():
    from chalicelib.staff import views_auth

    return views_auth.signout(app.current_request)


@app.route("/staff/language", methods=["POST"], content_types=FORM)
def language():
    from chalicelib.staff import views_auth

    return views_auth.language(app.current_request)


@app.route("/staff/welcome/{token}", methods=["GET"])
def welcome_page(token):
    from chalicelib.staff import views_auth

    return views_auth.welcome_page(app.current_request, token)


@app.route("/staff/welcome/{token}", methods=["POST"], content_types=FORM)
def welcome(token):
    from chalicelib.staff import views_auth

    return views_auth.welcome(app.current_request, token)


@app.route("/staff/oidc/start", methods=["GET"])
def oidc_start():
    from chalicelib.staff import views_auth

    return views_auth.oidc_start(app.current_request)


@app.route("/staff/oidc/callback", methods=["GET"])
def oidc_callback():
    from chalicelib.staff import views_auth

    return views_auth.oidc_callback(app.current_request)


# --- the work ------------------------------------------------------------------------------------

@app.route("/staff/inbox", methods=["GET"])
def inbox():
    from chalicelib.staff import views_work

    return views_work.inbox(app.current_request)


@app.route("/staff/submissions/{reference}", methods=["GET"])
def submission(reference):
    from chalicelib.staff import views_work

    return views_work.submission(app.current_request, reference)


@app.route("/staff/submissions/{reference}/status", methods=["POST"], content_types=FORM)
def set_status(reference):
    from chalicelib.staff import views_work

    return views_work.set_status(app.current_request, reference)


@app.route("/staff/submissions/{reference}/publication", methods=["POST"], content_types=FORM)
def publication(reference):
    from chalicelib.staff import views_work

    return views_work.publication(app.current_request, reference)


@app.route("/staff/submissions/{reference}/assign", methods=["POST"], content_types=FORM)
def assign(reference):
    from chalicelib.staff import views_work

    return views_work.assign(app.current_request, reference)


@app.route("/staff/submissions/{reference}/note", methods=["POST"], content_types=FORM)
def note(reference):
    from chalicelib.staff import views_work

    return views_work.note(app.current_request, reference)


@app.route("/staff/submissions/{reference}/answer", methods=["POST"], content_types=UPLOAD)
def answer(reference):
    from chalicelib.staff import views_work

    return views_work.answer(app.current_request, reference)


@app.route("/staff/submissions/{reference}/erase", methods=["POST"], content_types=FORM)
def erase(reference):
    from chalicelib.staff import views_work

    return views_work.erase(app.current_request, reference)


@app.route("/staff/submissions/{reference}/files/{upload_id}", methods=["GET"])
def file(reference, upload_id):
    from chalicelib.staff import views_work

    return views_work.file(app.current_request, reference, upload_id)


@app.route("/staff/forms/{form_id}/export", methods=["GET"])
def export(form_id):
    from chalicelib.staff import views_work

    return views_work.export(app.current_request, form_id)


@app.route("/staff/audit", methods=["GET"])
def audit_log():
    from chalicelib.staff import views_work

    return views_work.audit_log(app.current_request)
