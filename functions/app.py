"""civicat forms API — routes only.

Each route hands the request to a handler in ``chalicelib.views``; the handlers are imported
inside the route functions, not here, so that a Lambda cold start imports Chalice and this route
table and nothing else (budget: 40 ms without boto3; ``benchmarks/coldstart.py``).

Never set ``app.debug = True``: tracebacks belong in the logs, not in citizens' browsers.
"""
from chalice import Rate

from chalicelib.appbase import ThreadLocalChalice, staff_authorizer

# Logs are JSON lines with a request id (chalicelib/jsonlog.py), set up on the first request.
app = ThreadLocalChalice(app_name="civicat-forms", configure_logs=False)
# Multipart bodies (files) must reach the function as bytes, also through API Gateway, and PDF
# attachments must leave it as bytes (images are binary types in Chalice already).
app.api.binary_types.extend(["multipart/form-data", "application/pdf"])

SUBMISSION_TYPES = ["application/json", "application/x-www-form-urlencoded",
                    "multipart/form-data"]
UPLOAD_TYPES = ["multipart/form-data", "application/octet-stream", "application/pdf",
                "image/jpeg", "image/png"]
STAFF = staff_authorizer()  # IAM on AWS (CIVICAT_STAFF_AUTH=iam), else a bearer token


@app.middleware("http")
def common_headers(event, get_response):
    from chalicelib import jsonlog, webheaders

    jsonlog.configure(app.log)
    with jsonlog.Request(event) as logged:
        response = get_response(event)
        webheaders.apply(event, response)
        logged.status = response.status_code
    return response


# --- citizens ----------------------------------------------------------------------------------

@app.route("/forms/{form_id}", methods=["POST"], content_types=SUBMISSION_TYPES)
def submit_form(form_id):
    from chalicelib.views import submit

    return submit.handle(app.current_request, form_id)


@app.route("/forms/{form_id}/uploads", methods=["POST"], content_types=["application/json"])
def announce_upload(form_id):
    from chalicelib.views import uploads

    return uploads.announce(app.current_request, form_id)


@app.route("/uploads/{upload_id}", methods=["POST", "PUT"], content_types=UPLOAD_TYPES)
def receive_upload(upload_id):
    from chalicelib.views import uploads

    return uploads.receive(app.current_request, upload_id)


@app.route("/uploads/{upload_id}", methods=["GET"])
def upload_status(upload_id):
    from chalicelib.views import uploads

    return uploads.status(app.current_request, upload_id)


@app.route("/forms/{form_id}", methods=["OPTIONS"])
@app.route("/forms/{form_id}/uploads", methods=["OPTIONS"])
@app.route("/uploads/{upload_id}", methods=["OPTIONS"])
def preflight(**_):
    from chalice import Response

    return Response(body="", status_code=204)  # CORS headers come from the middleware


@app.route("/status/{reference}", methods=["GET"])
def status(reference):
    from chalicelib.views import status as view

    return view.handle(app.current_request, reference)


@app.route("/status/{reference}/documents/{document_id}", methods=["GET"])
def status_document(reference, document_id):
    from chalicelib.views import status as view

    return view.document(app.current_request, reference, document_id)


@app.route("/search", methods=["GET"])
def search():
    from chalicelib.views import search as view

    return view.handle(app.current_request)


@app.route("/speech/{lang}", methods=["GET"])
def speech(lang):
    from chalicelib.views import speech as view

    return view.handle(app.current_request, lang)


# --- Open311 GeoReport v2 ---------------------------------------------------------------------
# API Gateway matches whole path segments and cannot declare "{id}.json", and a literal path it
# does not know answers 403 "Missing Authentication Token". So the documents are literal paths
# (".json" and ".xml" each), the two ids are ordinary path parameters whose value carries the
# suffix, and a greedy catch-all gives every other path below /open311/ an Open311 error
# (docs/decisions.md, "Open311 on API Gateway"). tests/functions/test_open311_routing.py checks this
# against the packaged API's paths.

OPEN311_DOCUMENTS = ("discovery.json", "discovery.xml", "services", "services.json",
                     "services.xml", "requests", "requests.json", "requests.xml")
OPEN311_POST_TYPES = ["application/x-www-form-urlencoded", "application/json",
                      "multipart/form-data"]


def _open311_document(name):
    from chalicelib.views import open311

    return open311.resource(app.current_request, name)


for _name in OPEN311_DOCUMENTS:
    _methods = ["GET", "POST"] if _name.startswith("requests") else ["GET"]
    app.route(f"/open311/v2/{_name}", methods=_methods, name=f"open311_{_name.replace('.', '_')}",
              content_types=OPEN311_POST_TYPES)(
        lambda _doc=_name: _open311_document(_doc))
for _name in ("discovery.json", "discovery.xml"):
    app.route(f"/open311/{_name}", methods=["GET"], name=f"open311_root_{_name.replace('.', '_')}")(
        lambda _doc=_name: _open311_document(_doc))


@app.route("/open311/v2/services/{service_code}", methods=["GET"])
def open311_service(service_code):
    from chalicelib.views import open311

    return open311.service_definition(app.current_request, service_code)


@app.route("/open311/v2/requests/{service_request_id}", methods=["GET"])
def open311_request(service_request_id):
    from chalicelib.views import open311

    return open311.request_one(app.current_request, service_request_id)


@app.route("/open311/{rest+}", methods=["GET", "POST"], content_types=OPEN311_POST_TYPES)
@app.route("/open311/v2/{rest+}", methods=["GET", "POST"], content_types=OPEN311_POST_TYPES)
def open311_unknown():
    from chalicelib.views import open311

    return open311.not_found(app.current_request)


# --- staff -------------------------------------------------------------------------------------

@app.route("/staff/submissions", methods=["GET"], authorizer=STAFF)
def staff_list():
    from chalicelib.views import staff

    return staff.list_submissions(app.current_request)


@app.route("/staff/submissions/{reference}", methods=["GET"], authorizer=STAFF)
def staff_get(reference):
    from chalicelib.views import staff

    return staff.get_submission(app.current_request, reference)


@app.route("/staff/submissions/{reference}/status", methods=["POST"], authorizer=STAFF)
def staff_set_status(reference):
    from chalicelib.views import staff

    return staff.set_status(app.current_request, reference)


@app.route("/staff/submissions/{reference}/publication", methods=["GET", "POST"],
           authorizer=STAFF)
def staff_publication(reference):
    from chalicelib.views import publication

    if app.current_request.method == "GET":
        return publication.get(app.current_request, reference)
    return publication.put(app.current_request, reference)


@app.route("/staff/submissions/{reference}/attachments/{upload_id}", methods=["GET"],
           authorizer=STAFF)
def staff_attachment(reference, upload_id):
    from chalicelib.views import staff

    return staff.attachment(app.current_request, reference, upload_id)


@app.route("/staff/forms/{form_id}/export", methods=["GET"], authorizer=STAFF)
def staff_export(form_id):
    from chalicelib.views import staff

    return staff.export_csv(app.current_request, form_id)


@app.route("/staff/notifications/retry", methods=["POST"], authorizer=STAFF)
def staff_retry():
    from chalicelib.views import staff

    return staff.retry(app.current_request)


# --- meta --------------------------------------------------------------------------------------

@app.route("/health", methods=["GET"])
def health():
    from chalicelib.views import meta

    return meta.health(app.current_request)


@app.route("/pages.css", methods=["GET"])
def pages_stylesheet():
    from chalicelib.views import meta

    return meta.stylesheet(app.current_request)


@app.route("/openapi.json", methods=["GET"])
def openapi():
    from chalicelib.views import meta

    return meta.openapi(app.current_request)


# --- signature checks (AWS) ----------------------------------------------------------------------

@app.lambda_function(name="check_signature")
def check_signature(event, context):
    """Runs when an attachment lands in the bucket (the S3 notification is in resources.json):
    checks a PDF's electronic signatures. pyHanko comes from a layer attached to this function
    only, so the citizen routes' package and cold start stay as they were (docs/decisions.md)."""
    from chalicelib import jsonlog
    from chalicelib.signatures.s3event import handle

    jsonlog.configure(app.log)
    with jsonlog.Job("check_signature", context):
        return handle(event)


# --- scheduled ---------------------------------------------------------------------------------

@app.schedule(Rate(5, unit=Rate.MINUTES))
def retry_pending_notifications(event):
    """Resend notifications whose first try failed, and drop what is past retention."""
    from chalicelib import jsonlog
    from chalicelib.housekeeping import run

    jsonlog.configure(app.log)
    with jsonlog.Job("retry_pending_notifications", getattr(event, "context", None)):
        run()
