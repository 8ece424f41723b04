"""The AWS the tests talk to: moto in server mode over real HTTP (never a mock of our own code),
shared by the forms API and staff tests (DynamoDB, S3, SES) and the going-live tests (S3,
CloudFront). A conftest imports ``moto_url`` to have the fixture; its ``aws`` fixture starts each
test from ``reset`` and makes its clients with ``client``."""

from __future__ import annotations

import socket

import pytest

REGION = "eu-central-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
               "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}
"""What a deployment's environment has; moto takes any credentials, but boto3 wants some."""


@pytest.fixture(scope="session")
def moto_url():
    """One moto server for the session (a test folder's), on a free port."""
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def reset(moto_url: str, monkeypatch, settings: dict | None = None) -> None:
    """Empties the emulator, so that a test sees no table, bucket or distribution of another, and
    puts the credentials, the region and ``settings`` into the environment for this test."""
    import requests

    requests.post(f"{moto_url}/moto-api/reset", timeout=10).raise_for_status()
    for name, value in {**CREDENTIALS, **(settings or {})}.items():
        monkeypatch.setenv(name, value)


def client(service: str, moto_url: str):
    """A boto3 client of ``service`` talking to the emulator; close it after the test."""
    import boto3

    return boto3.client(service, endpoint_url=moto_url, region_name=REGION)
