"""The functions log one JSON object per line, each with the id of its request, and never what a
citizen wrote: on Lambda the id is API Gateway's, locally a fresh one per request.

The app runs in a process of its own, as on Lambda (an API Gateway event in, stdout out) and as
the local server (over HTTP), so the lines checked are the ones CloudWatch or a terminal gets.
"""
import json
import re
import subprocess
import sys
import urllib.request

import pytest

from .servers import LocalServer, server_env
from .support import FORMS, FUNCTIONS_DIR, free_port, kontakt

SECRETS = {"name": "Zacharias Quellenberg", "email": "zq-4711@example.org",
           "message": "Mein Geheimnis lautet Kirschbaum-0815."}
"""Values nobody else writes: if any of them shows up in a log, a citizen's input leaked."""

LAMBDA = """
import json, sys
sys.path.insert(0, {functions!r})
import app

class Context:
    aws_request_id = "lambda-run-7f3a"
    function_name = "civicat-APIHandler"
    memory_limit_in_mb = 512

event = json.loads(sys.stdin.read())
kind = event.pop("kind")
if kind == "schedule":
    app.retry_pending_notifications(event, Context())
else:
    answer = app.app(event, Context())
    sys.stderr.write(json.dumps({{"answer_status": answer["statusCode"]}}) + "\\n")
"""


def api_gateway_event(body: dict, request_id: str) -> dict:
    """POST /api/forms/kontakt as API Gateway (REST, stage api) hands it to Lambda."""
    return {"kind": "http", "resource": "/forms/{form_id}", "path": "/forms/kontakt", "httpMethod": "POST",
            "headers": {"content-type": "application/json", "accept-language": "de"},
            "multiValueHeaders": {}, "queryStringParameters": None, "multiValueQueryStringParameters": None,
            "pathParameters": {"form_id": "kontakt"}, "stageVariables": None,
            "requestContext": {"resourcePath": "/forms/{form_id}", "httpMethod": "POST", "requestId": request_id,
                               "path": "/api/forms/kontakt", "stage": "api",
                               "identity": {"sourceIp": "203.0.113.9"}},
            "body": json.dumps(body), "isBase64Encoded": False}


def run_lambda(event: dict, env: dict) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", LAMBDA.format(functions=str(FUNCTIONS_DIR))],
                          input=json.dumps(event), capture_output=True, text=True, cwd=FUNCTIONS_DIR,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines, done.stderr
    return [json.loads(line) for line in lines]  # every line is one JSON object


@pytest.fixture
def lambda_env(functions_env):
    import os

    return {**os.environ, "CIVICAT_LOG_LEVEL": "info", "CIVICAT_NOTIFIER": "outbox"}


def test_a_request_on_lambda_logs_one_line_with_api_gateways_request_id(lambda_env):
    logged = run_lambda(api_gateway_event(kontakt(**SECRETS), "c0ffee-42-req"), lambda_env)

    requests = [line for line in logged if line.get("event") == "request"]
    assert len(requests) == 1
    line = requests[0]
    assert line["request_id"] == "c0ffee-42-req"
    assert (line["level"], line["method"], line["route"], line["status"]) == ("info", "POST", "/forms/{form_id}", 201)
    assert isinstance(line["duration_ms"], (int, float)) and line["duration_ms"] >= 0
    assert all(line["request_id"] == "c0ffee-42-req" for line in logged)


def test_a_failed_mail_is_logged_as_an_event_with_a_code_but_without_the_citizens_address(lambda_env):
    closed = free_port()  # nothing listens here: the SMTP connection is refused
    env = {**lambda_env, "CIVICAT_NOTIFIER": "smtp", "CIVICAT_SMTP_HOST": "127.0.0.1",
           "CIVICAT_SMTP_PORT": str(closed), "CIVICAT_SMTP_TIMEOUT": "2"}
    logged = run_lambda(api_gateway_event(kontakt(**SECRETS), "req-mail-down"), env)

    failures = [line for line in logged if line.get("event") == "notification_failed"]
    assert failures, logged
    for line in failures:
        assert line["request_id"] == "req-mail-down" and line["level"] == "warning"
        assert line["kind"] in {"office", "citizen"} and line["attempt"] == 1
        assert re.fullmatch(r"HBN-20\d\d-\w{5}", line["reference"])
        assert line["error"] == "NotifyError < ConnectionRefusedError"  # the code, not the message
    request = next(line for line in logged if line.get("event") == "request")
    assert request["status"] == 201  # stored, and the mail stays queued
    text = json.dumps(logged, ensure_ascii=False)
    assert not [value for value in SECRETS.values() if value in text]


def test_nothing_the_citizen_typed_appears_in_any_log_line_even_when_the_form_is_refused(lambda_env):
    refused = kontakt(**{**SECRETS, "email": "not an address " + SECRETS["email"]})
    logged = run_lambda(api_gateway_event(refused, "req-422"), lambda_env)

    assert [line["status"] for line in logged if line.get("event") == "request"] == [422]
    text = json.dumps(logged, ensure_ascii=False)
    assert not [value for value in SECRETS.values() if value in text]


def test_a_scheduled_run_logs_with_its_lambda_request_id(lambda_env):
    logged = run_lambda({"kind": "schedule", "version": "0", "id": "e1", "detail-type": "Scheduled Event",
                         "source": "aws.events", "account": "123456789012", "time": "2027-03-02T10:00:00Z",
                         "region": "eu-central-1", "resources": [], "detail": {}}, lambda_env)

    jobs = [line for line in logged if line.get("event") == "job"]
    assert [(j["job"], j["ok"], j["request_id"]) for j in jobs] == [("retry_pending_notifications", True,
                                                                      "lambda-run-7f3a")]


@pytest.mark.slow
def test_the_local_server_gives_every_request_a_fresh_id(functions_env, tmp_path):
    log_file = tmp_path / "server.log"
    env = server_env(functions_env, CIVICAT_LOG_LEVEL="info", CIVICAT_FORMS=str(FORMS))
    with LocalServer(env) as server:
        for _ in range(2):
            with urllib.request.urlopen(server.base_url + "/health", timeout=10) as answer:
                assert answer.status == 200
        server.stop()
        log_file.write_text(server.output(), encoding="utf-8")

    lines = [json.loads(line) for line in log_file.read_text().splitlines() if line.startswith("{")]
    health = [line for line in lines if line.get("event") == "request" and line["route"] == "/health"]
    assert len(health) == 2
    ids = [line["request_id"] for line in health]
    assert ids[0] != ids[1]
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", i) for i in ids)
