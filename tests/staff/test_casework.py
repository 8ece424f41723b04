"""The office works a disability-pass application end to end in the staff pages (no JavaScript):
reads it, opens the attachment, notes, assigns, answers with a PDF; the citizen finds the answer
on the status page and downloads the document with the status link; the audit log has it all;
an admin erases it on request and only the fact remains."""
import json
import re

from .support import PDF, Browser, application, member, submit, text


def _upload(citizen, data=PDF, name="befund.pdf"):
    announced = json.loads(citizen.http.post(
        "/forms/antrag-schwerbehindertenausweis/uploads",
        body=json.dumps({"filename": name, "content_type": "application/pdf",
                         "size": len(data)}).encode(),
        headers={"Content-Type": "application/json"}).body)
    citizen.http.post(f"/uploads/{announced['upload_id']}", body=data,
                      headers={"Content-Type": "application/pdf"})
    return announced["upload_id"]


def _apply(citizen, **fields):
    response = submit(citizen, "antrag-schwerbehindertenausweis", application(**fields))
    assert response.status_code == 201, response.body
    return json.loads(response.body)


def test_the_team_answers_with_a_pdf_and_the_citizen_downloads_it(staff, citizen, store, mails):
    member(store, "anna", ["schwerbehindertenrecht"])
    member(store, "ben", ["schwerbehindertenrecht"])
    upload_id = _apply(citizen, attachments=[_upload(citizen)], lang="en")
    reference, status_url = upload_id["reference"], upload_id["status_url"]
    anna = Browser(staff)
    anna.sign_in("anna")

    inbox = text(anna.get("/staff/inbox"))
    assert reference in inbox and "Schwerbehindertenausweis beantragen" in inbox
    page = text(anna.get(f"/staff/submissions/{reference}"))
    assert "Arthrose in beiden Knien" in page and "Dr. Anna Berg, Orthopädie" in page
    assert "G – erheblich gehbehindert" in page  # option labels, not codes
    file_link = re.search(r'href="(/staff/submissions/[^"]+/files/[^"?]+)\?inline=1"', page)
    opened = anna.get(file_link.group(1) + "?inline=1")
    assert opened.status_code == 200 and opened.body.startswith(b"%PDF"), opened.body[:300]
    assert opened.headers["Content-Disposition"] == "inline"

    anna.post(f"/staff/submissions/{reference}/note", {"text": "Befund Orthopädie liegt bei."})
    anna.post(f"/staff/submissions/{reference}/assign", {"assignee": "ben"})
    answered = anna.post_files(f"/staff/submissions/{reference}/answer",
                               {"message": "Your application is complete. We have forwarded it."},
                               [("documents", "Eingangsbestaetigung.pdf", PDF)])
    assert answered.status_code == 303, text(answered)
    page = text(anna.get(answered.headers["Location"]))
    assert "The answer is saved" not in page  # anna reads German
    assert "Die Antwort ist gespeichert" in page
    assert "Befund Orthopädie liegt bei." in page and "Zugewiesen an ben" in page

    from chalicelib.notify.delivery import retry_pending

    retry_pending()
    answer_mail = [m for m in mails() if m["X-Civicat-Kind"] == "answer"]
    assert len(answer_mail) == 1 and answer_mail[0]["To"] == "erika@example.org"
    assert "We have forwarded it." in answer_mail[0].get_body(("plain",)).get_content()

    status_page = citizen.http.get(status_url.removeprefix("/api"), headers={"Accept": "text/html"})
    body = text(status_page)
    assert "Answer from Hainbach District Office – Disability Law Team" in body
    link = re.search(r'href="/api(/status/[^"]+/documents/[^"]+)"', body).group(1).replace("&amp;", "&")
    document = citizen.http.get(link, headers={"Accept": "*/*"})
    assert document.status_code == 200 and document.body == PDF
    assert citizen.http.get(link.split("?")[0] + "?token=wrong").status_code == 404

    entries = [(e["actor"], e["action"]) for e in store.list_audit(None, 100)]
    for expected in [("anna", "sign-in"), ("anna", "view"), ("anna", "view-file"),
                     ("anna", "note"), ("anna", "assign"), ("anna", "answer")]:
        assert expected in entries


def test_an_admin_erases_a_submission_with_its_files_and_mail_copies(staff, citizen, store,
                                                                     staff_env):
    member(store, "root", admin=True)
    reference = _apply(citizen, attachments=[_upload(citizen)])["reference"]
    from chalicelib.notify.delivery import retry_pending

    retry_pending(force=True)
    admin = Browser(staff)
    admin.sign_in("root")
    admin.get(f"/staff/submissions/{reference}")
    refused = admin.post(f"/staff/submissions/{reference}/erase", {})
    assert refused.status_code == 422 and "Bestätigen Sie die Prüfung" in text(refused)
    erased = admin.post(f"/staff/submissions/{reference}/erase", {"confirm": "1"})
    assert erased.status_code == 303
    assert f"Die Einreichung {reference} ist gelöscht." in text(admin.get(erased.headers["Location"]))
    assert store.get_submission(reference) is None
    assert admin.get(f"/staff/submissions/{reference}").status_code == 404
    assert not any(staff_env["uploads"].rglob("*.*")) and not [
        p for p in staff_env["uploads"].rglob("*") if p.is_file()]
    assert not [p for p in staff_env["outbox"].glob("*.eml") if reference in p.name]
    kept = [e for e in store.list_audit(None, 100) if e["reference"] == reference]
    assert ("root", "erase") in [(e["actor"], e["action"]) for e in kept]
    assert "Arthrose" not in json.dumps(kept)


def test_overdue_counts_working_days_without_the_public_holidays(staff, citizen, store,
                                                                 monkeypatch):
    """Friday 18 Dec 2026 + 10 working days: Christmas Day and New Year's Day do not count, so it
    is due on Tuesday 5 Jan 2027 (counting every weekday it would have been due on 1 Jan)."""
    from chalicelib import clock

    member(store, "anna", ["schwerbehindertenrecht"])
    monkeypatch.setattr(clock, "now", lambda: clock.parse("2026-12-18T09:00:00Z"))
    reference = _apply(citizen)["reference"]
    anna = Browser(staff)
    monkeypatch.setattr(clock, "now", lambda: clock.parse("2027-01-04T10:00:00Z"))
    anna.sign_in("anna")
    assert reference not in text(anna.get("/staff/inbox?overdue=1"))
    assert "2027-01-05" in text(anna.get("/staff/inbox"))
    monkeypatch.setattr(clock, "now", lambda: clock.parse("2027-01-06T10:00:00Z"))
    assert anna.get("/staff/inbox").headers["Location"] == "/staff/sign-in?done=session_ended"
    anna.sign_in("anna")  # two days later the session had long ended
    overdue = text(anna.get("/staff/inbox?overdue=1"))
    assert reference in overdue and "überfällig" in overdue
