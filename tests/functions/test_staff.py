"""The office lists, reads, answers and exports submissions — and only the office can."""
import csv
import io
import json

import pytest

from .support import body_json, ideas, kontakt, post_json


def staff_post(client, path, body, headers):
    return client.http.post(path, headers={**headers, "Content-Type": "application/json"},
                            body=json.dumps(body).encode())


@pytest.mark.parametrize("path", ["/staff/submissions", "/staff/submissions/HBN-2026-AAAAA",
                                  "/staff/forms/kontakt/export"])
def test_without_a_token_staff_routes_answer_401(client, path):
    response = client.http.get(path)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Basic c3RhZmY6c2VjcmV0",
                                    "Bearer "])
def test_with_a_wrong_token_staff_routes_answer_403(client, header):
    assert client.http.get("/staff/submissions",
                           headers={"Authorization": header}).status_code == 403


def test_with_no_token_configured_nobody_gets_in(client, monkeypatch):
    monkeypatch.setenv("CIVICAT_STAFF_TOKEN", "")
    response = client.http.get("/staff/submissions", headers={"Authorization": "Bearer "})
    assert response.status_code == 403


def test_staff_list_filters_by_form_and_status_and_shows_notifications(client, staff_headers):
    first = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    post_json(client, "kontakt", kontakt())
    post_json(client, "ideen-und-beschwerden", ideas())
    staff_post(client, f"/staff/submissions/{first}/status", {"status": "in_progress"},
               staff_headers)

    everything = body_json(client.http.get("/staff/submissions", headers=staff_headers))
    assert len(everything["items"]) == 3
    contact = body_json(client.http.get("/staff/submissions?form=kontakt", headers=staff_headers))
    assert {i["form_id"] for i in contact["items"]} == {"kontakt"}
    working = body_json(client.http.get("/staff/submissions?form=kontakt&status=in_progress",
                                        headers=staff_headers))
    assert [i["reference"] for i in working["items"]] == [first]
    item = working["items"][0]
    assert item["notification"] == "pending"  # the update mail waits for the delivery run
    assert item["notifications"]["office"]["state"] == "sent"
    assert item["notifications"]["answer"]["state"] == "pending"


def test_staff_read_one_submission_with_all_values(client, staff_headers):
    reference = body_json(post_json(client, "ideen-und-beschwerden", ideas()))["reference"]
    record = body_json(client.http.get(f"/staff/submissions/{reference}", headers=staff_headers))
    assert record["data"]["description"].startswith("Schlagloch")
    assert record["location"] == {"address": "Schulstraße 4, 99867 Hainbach",
                                  "lat": 50.9471, "lon": 10.7066}
    assert "status_token" not in record


def test_an_answer_is_mailed_to_a_citizen_who_left_an_address(client, staff_headers, mails):
    reference = body_json(post_json(client, "kontakt", kontakt("en")))["reference"]
    response = staff_post(client, f"/staff/submissions/{reference}/status",
                          {"status": "answered", "message": "See you on 3 March."}, staff_headers)
    assert response.status_code == 200
    assert [m["X-Civicat-Kind"] for m in mails()] == ["office", "citizen"]  # not in the request
    assert body_json(response)["notifications"]["answer"]["state"] == "pending"
    from chalicelib.notify.delivery import retry_pending

    assert retry_pending() == {"tried": 1, "sent": 1, "pending": 0}
    answer = mails()[-1]
    assert answer["To"] == "erika@example.org"
    assert answer["Subject"] == f"Answer to your request ({reference})"
    plain = answer.get_body(("plain",)).get_content()
    assert "See you on 3 March." in plain
    assert "has answered your request" in plain and "status page" in plain
    record = body_json(client.http.get(f"/staff/submissions/{reference}", headers=staff_headers))
    assert record["notifications"]["answer"]["state"] == "sent"


def test_a_status_on_the_way_is_mailed_as_an_update(client, staff_headers, mails):
    reference = body_json(post_json(client, "kontakt", kontakt("de")))["reference"]
    staff_post(client, f"/staff/submissions/{reference}/status", {"status": "in_progress"},
               staff_headers)
    from chalicelib.notify.delivery import retry_pending

    retry_pending()
    update = mails()[-1]
    assert update["Subject"] == f"Neuigkeiten zu Ihrer Anfrage ({reference})"
    assert "ist jetzt: In Bearbeitung" in update.get_body(("plain",)).get_content()


def test_no_answer_mail_without_an_address(client, staff_headers, mails):
    reference = body_json(post_json(client, "kontakt", kontakt(email="")))["reference"]
    staff_post(client, f"/staff/submissions/{reference}/status", {"status": "answered"},
               staff_headers)
    from chalicelib.notify.delivery import retry_pending

    retry_pending()
    assert [m["X-Civicat-Kind"] for m in mails()] == ["office"]


def test_an_unknown_status_is_refused(client, staff_headers):
    reference = body_json(post_json(client, "kontakt", kontakt()))["reference"]
    response = staff_post(client, f"/staff/submissions/{reference}/status", {"status": "done"},
                          staff_headers)
    assert response.status_code == 422


def test_the_csv_export_has_one_row_per_submission_and_neutralises_formulas(client,
                                                                            staff_headers):
    post_json(client, "kontakt", kontakt(name="=HYPERLINK(\"http://evil\")",
                                         message="+49 ist keine Formel, -5 auch nicht, @x"))
    second = post_json(client, "kontakt", kontakt(name="@SUM(A1)", phone="-03621 123456"))
    assert second.status_code == 201
    response = client.http.get("/staff/forms/kontakt/export", headers=staff_headers)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    header, data = rows[0], rows[1:]
    assert header[:5] == ["reference", "created_at", "updated_at", "status", "lang"]
    names = {row[header.index("name")] for row in data}
    assert names == {"'=HYPERLINK(\"http://evil\")", "'@SUM(A1)"}
    assert "'-03621 123456" in {row[header.index("phone")] for row in data}
    assert "'+49 ist keine Formel, -5 auch nicht, @x" in {row[header.index("message")]
                                                          for row in data}


def test_the_staff_retry_endpoint_reports_what_it_did(client, staff_headers):
    response = client.http.post("/staff/notifications/retry", headers=staff_headers)
    assert body_json(response) == {"tried": 0, "sent": 0, "pending": 0}
