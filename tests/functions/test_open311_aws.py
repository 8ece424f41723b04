"""Open311 on the AWS store (DynamoDB in moto, over HTTP): the approval flag is an item of its own
beside the submission, read for a whole list at once, and a POSTed report lands in the table."""
import json
from urllib.parse import urlencode

import pytest

from .support import TABLE, body_json, ideas, post_json

pytestmark = pytest.mark.aws


def test_approval_is_kept_in_dynamodb_and_withdrawn_without_deleting(aws, client, staff_headers):
    references = [body_json(post_json(client, "ideen-und-beschwerden", ideas(
        description=f"Schlagloch Nummer {n} in der Schulstraße.")))["reference"] for n in range(3)]
    client.http.post(f"/staff/submissions/{references[1]}/publication", headers=staff_headers,
                     body=b'{"published": true}')
    listed = {r["service_request_id"]: r
              for r in body_json(client.http.get("/open311/v2/requests.json"))}
    assert [listed[ref]["description"] is not None for ref in references] == [False, True, False]
    item = aws["dynamodb"].get_item(TableName=TABLE, Key={
        "pk": {"S": f"PUB#{references[1]}"}, "sk": {"S": "PUB"}})["Item"]
    assert item["published"] == {"BOOL": True}
    submission = aws["dynamodb"].get_item(TableName=TABLE, Key={
        "pk": {"S": f"SUB#{references[1]}"}, "sk": {"S": "SUB"}})["Item"]
    assert item["expires_at"] == submission["expires_at"]  # gone with the report's retention
    client.http.post(f"/staff/submissions/{references[1]}/publication", headers=staff_headers,
                     body=b'{"published": false}')
    again = body_json(client.http.get(f"/open311/v2/requests/{references[1]}.json"))[0]
    assert again["description"] is None


def test_a_report_posted_through_open311_is_stored_in_dynamodb(aws, client):
    response = client.http.post(
        "/open311/v2/requests.json", headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=urlencode({"service_code": "ideen-und-beschwerden", "lat": "50.93", "long": "10.74",
                        "description": "Ein umgestürzter Baum blockiert den Radweg.",
                        "attribute[category]": "schaden", "attribute[consent]": "true",
                        "media_url": "https://fotos.example.org/baum.jpg"}).encode())
    assert response.status_code == 201
    reference = body_json(response)[0]["service_request_id"]
    item = aws["dynamodb"].get_item(TableName=TABLE, Key={
        "pk": {"S": f"SUB#{reference}"}, "sk": {"S": "SUB"}})["Item"]
    frozen = json.loads(item["frozen"]["S"])
    assert frozen["data"]["media_url"] == "https://fotos.example.org/baum.jpg"
    assert frozen["location"] == {"address": None, "lat": 50.93, "lon": 10.74}
