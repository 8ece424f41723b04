"""``GET`` / ``POST /staff/submissions/{reference}/publication``: whether the text of a report may
be shown in Open311 (``{"published": true}`` to approve, ``false`` to withdraw).

Only ideas and complaints can be published; what a report shows before and after approval is in
``chalicelib.open311``. The staff workspace's "approve for publication" action calls the same
store method.
"""
import json

from .. import clock, contract as contract_module, responses, staffauth
from ..stores import get_store


def _report(reference: str):
    """(submission, None) or (None, the error response)."""
    submission = get_store().get_submission(reference)
    if submission is None:
        return None, responses.error(404, "not found")
    form = contract_module.load().forms.get(submission.form_id)
    if form is None or form.kind != "feedback":
        return None, responses.errors(422, [("published", "only ideas and complaints are shown "
                                                          "in Open311; this submission never is")])
    return submission, None


def get(request, reference: str):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    submission, problem = _report(reference)
    if problem:
        return problem
    published = submission.reference in get_store().published([submission.reference])
    return responses.json_response(200, {"reference": submission.reference, "published": published})


def put(request, reference: str):
    refused = staffauth.refuse(request)
    if refused:
        return refused
    try:
        body = json.loads(request.raw_body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("published"), bool):
        return responses.errors(422, [("published", 'send {"published": true} to approve the '
                                                    'text for Open311, false to withdraw it')])
    submission, problem = _report(reference)
    if problem:
        return problem
    store = get_store()
    store.set_published(submission.reference, body["published"], clock.iso(clock.now()),
                        submission.expires_at)
    return responses.json_response(200, {"reference": submission.reference,
                                         "published": body["published"]})
