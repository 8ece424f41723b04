"""Fixtures of the going-live tests: the stack's template as ``civicat deploy package`` writes it
for the demo district (Chalice runs offline on a copy of functions/, so the repository's bundled
contract is never touched)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Path:
    """The output folder: ``sam.json``, ``deployment.zip`` and the merge template."""
    root = tmp_path_factory.mktemp("deploy")
    functions = root / "functions"
    shutil.copytree(REPO / "functions", functions,
                    ignore=shutil.ignore_patterns("__pycache__", "deployments", "var", "out"))
    from civicat.deploy.package import package

    package(REPO / "catalogue", functions, root / "out")
    return root / "out"


@pytest.fixture(scope="session")
def template(packaged) -> dict:
    return json.loads((packaged / "sam.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def resources(template) -> dict:
    return template["Resources"]


@pytest.fixture(scope="session")
def distribution(resources) -> dict:
    return resources["SiteDistribution"]["Properties"]["DistributionConfig"]


@pytest.fixture(scope="session")
def moto_url():
    """One moto server (S3 and CloudFront over real HTTP) for the session."""
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def aws(moto_url, monkeypatch):
    """Fresh emulated S3 and CloudFront with the credentials and region a deployment would have;
    returns ``(s3 client, cloudfront client, moto url)``."""
    import boto3
    import requests

    requests.post(f"{moto_url}/moto-api/reset", timeout=10).raise_for_status()
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "eu-central-1"}.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=moto_url, region_name="eu-central-1")
    cloudfront = boto3.client("cloudfront", endpoint_url=moto_url, region_name="eu-central-1")
    yield s3, cloudfront, moto_url
    s3.close()
    cloudfront.close()


@pytest.fixture(scope="session")
def edge(demo_build, resources, tmp_path_factory):
    """``(address, site folder)``: the demo site and the functions behind one origin, served with
    the stack's response headers and not-found page (tests/deploy/edge.py)."""
    from .edge import running_edge

    site, catalogue = demo_build
    with running_edge(site, catalogue, resources, tmp_path_factory.mktemp("edge")) as url:
        yield url, site
