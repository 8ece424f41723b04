import json

from .support import Browser, application, member, submit, text


def test_smoke(staff, citizen, store):
    member(store, "anna", ["schwerbehindertenrecht"])
    created = submit(citizen, "antrag-schwerbehindertenausweis", application())
    assert created.status_code == 201, created.body
    ref = json.loads(created.body)["reference"]
    person = Browser(staff)
    signed = person.sign_in("anna")
    assert signed.status_code == 303, text(signed)
    inbox = person.get("/staff/inbox")
    assert ref in text(inbox), text(inbox)
    page = person.get(f"/staff/submissions/{ref}")
    assert "Arthrose" in text(page), text(page)
