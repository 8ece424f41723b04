"""When something breaks: the citizen's submission survives, and nobody sees a traceback."""
import pytest

from chalicelib import clock

from .support import body_json, kontakt, post_json


def test_the_app_never_runs_in_debug_mode(app):
    assert app.debug is False


def test_a_crash_answers_500_without_details(client, monkeypatch):
    from chalicelib.views import meta

    def explode(request):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(meta, "health", explode)
    response = client.http.get("/health")
    assert response.status_code == 500
    assert b"secret" not in response.body and b"Traceback" not in response.body


def test_an_unwritable_outbox_keeps_the_submission_and_queues_the_mail(client, store, tmp_path,
                                                                      monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the outbox folder should be")
    monkeypatch.setenv("CIVICAT_OUTBOX_DIR", str(blocked))
    response = post_json(client, "kontakt", kontakt(email=""))
    assert response.status_code == 201
    submission = store.get_submission(body_json(response)["reference"])
    assert submission.notifications["office"]["state"] == "pending"
    assert submission.notifications["office"]["last_error"].startswith("outbox:")


def test_housekeeping_retries_due_mails_and_purges_expired_submissions(
        client, store, monkeypatch, tmp_path, functions_env):
    from chalicelib.housekeeping import run

    blocked = tmp_path / "blocked"
    blocked.write_text("")
    monkeypatch.setenv("CIVICAT_OUTBOX_DIR", str(blocked))
    reference = body_json(post_json(client, "kontakt", kontakt(email="")))["reference"]
    monkeypatch.setenv("CIVICAT_OUTBOX_DIR", str(functions_env["outbox"]))  # works again

    soon = clock.later(clock.now(), 5 * 60)
    monkeypatch.setattr(clock, "now", lambda: soon)
    assert run() == {"tried": 1, "sent": 1, "pending": 0, "purged": 0}
    assert store.get_submission(reference).notifications["office"]["state"] == "sent"

    after_retention = clock.later(soon, 181 * 86400)
    monkeypatch.setattr(clock, "now", lambda: after_retention)
    assert run()["purged"] == 1
    assert store.get_submission(reference) is None


@pytest.mark.parametrize("path", ["/status/HBN-2026-AAAAA?token=x", "/no/such/route"])
def test_unknown_things_are_not_found(client, path):
    assert client.http.get(path).status_code in (403, 404)  # API Gateway says 403 for no route
