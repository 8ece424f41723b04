"""The staff journey on AWS's services (moto server over HTTP): DynamoDB holds the staff list,
sessions, history and audit log; the citizen's report and the office's answer are S3 objects
reached through short-lived links."""
import json
import re

import pytest
import requests

from .support import PDF, Browser, application, member, submit, text

pytestmark = pytest.mark.aws
FORM = "antrag-schwerbehindertenausweis"


def test_the_team_works_an_application_on_dynamodb_and_s3(aws, staff, citizen, store):
    announced = json.loads(citizen.http.post(f"/forms/{FORM}/uploads", body=json.dumps({
        "filename": "befund.pdf", "content_type": "application/pdf", "size": len(PDF)}).encode(),
        headers={"Content-Type": "application/json"}).body)
    assert announced["url"].startswith(aws["url"])  # a presigned POST straight to S3
    posted = requests.post(announced["url"], data=announced["fields"],
                           files={"file": ("befund.pdf", PDF, "application/pdf")}, timeout=10)
    assert posted.status_code in (200, 204)
    created = json.loads(submit(citizen, FORM, application(
        attachments=[announced["upload_id"]])).body)
    reference = created["reference"]

    member(store, "anna", ["schwerbehindertenrecht"])
    assert aws["dynamodb"].get_item(TableName="civicat-submissions", Key={
        "pk": {"S": "REC#staff"}, "sk": {"S": "anna"}}).get("Item")
    anna = Browser(staff)
    anna.sign_in("anna")
    assert reference in text(anna.get("/staff/inbox?mine=&status=received"))
    page = text(anna.get(f"/staff/submissions/{reference}"))
    view = re.search(r'href="(/staff/submissions/[^"]+/files/[^"?]+)\?inline=1"', page).group(1)
    link = anna.get(view + "?inline=1")
    assert link.status_code == 303 and "X-Amz-Expires=120" in link.headers["Location"]
    assert requests.get(link.headers["Location"], timeout=10).content == PDF

    anna.post(f"/staff/submissions/{reference}/assign", {"assignee": "anna"})
    assert reference in text(anna.get("/staff/inbox?mine=1"))
    answered = anna.post_files(f"/staff/submissions/{reference}/answer",
                               {"message": "Vollständig, weitergeleitet."},
                               [("documents", "Bestaetigung.pdf", PDF)])
    assert answered.status_code == 303

    status = text(citizen.http.get(created["status_url"].removeprefix("/api"),
                                   headers={"Accept": "text/html"}))
    document = re.search(r'href="/api(/status/[^"]+/documents/[^"]+)"', status).group(1)
    moved = citizen.http.get(document.replace("&amp;", "&"), headers={"Accept": "*/*"})
    assert moved.status_code == 303
    assert requests.get(moved.headers["Location"], timeout=10).content == PDF

    actions = [(e["actor"], e["action"]) for e in store.list_audit(None, 50)]
    assert ("anna", "answer") in actions and ("anna", "view-file") in actions
    assert [e["kind"] for e in store.list_events(reference)] == ["assigned", "answer"]
    session_items = aws["dynamodb"].query(
        TableName="civicat-submissions", KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "REC#session"}})["Items"]
    assert len(session_items) == 1 and "anna" in session_items[0]["record"]["S"]
