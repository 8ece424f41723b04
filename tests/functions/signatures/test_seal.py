"""An office's answer sealed with the authority's key verifies in pyHanko's validator and in a
second, independent verifier (poppler's ``pdfsig``); the key comes from files locally and from
Secrets Manager on AWS (moto server over HTTP)."""
import json
import shutil
import subprocess

import pytest

from chalicelib.signatures import seal, sealkeys
from chalicelib.signatures.verify import verify_pdf

from ...conftest import require
from . import pki as P

OFFICE = "buergerbuero-hainbach"


@pytest.fixture
def seal_files(pki, tmp_path, monkeypatch):
    folder = tmp_path / "seals"
    folder.mkdir()
    (folder / "office.key.pem").write_bytes(pki.seal.key_pem())
    (folder / "office.cert.pem").write_bytes(pki.seal.cert_pem())
    (folder / "ca.pem").write_bytes(pki.intermediate.cert_pem())
    config = folder / "seals.json"
    config.write_text(json.dumps({OFFICE: {"key": "office.key.pem", "cert": "office.cert.pem",
                                           "chain": ["ca.pem"]}}))
    monkeypatch.setenv("CIVICAT_SEALS", str(config))
    return folder


def test_a_sealed_answer_verifies_with_pyhankos_validator(seal_files, blank_pdf, anchors):
    sealed = seal.seal_pdf(blank_pdf, OFFICE)

    result = verify_pdf(sealed)

    assert sealed.startswith(blank_pdf)  # an incremental update: the answer itself is untouched
    assert result["state"] == "valid" and result["level"] == "qualified"
    assert result["signer"] == "Landkreis Hainbach – Bürgerbüro"


def test_a_sealed_answer_verifies_with_poppler_pdfsig(seal_files, blank_pdf, anchors, tmp_path):
    """pdfsig checks the signature itself (-nocert: its trust store is the system's NSS
    database, which does not know the test root; trust is pyHanko's part above)."""
    require(shutil.which("pdfsig") is not None, "pdfsig (Debian package poppler-utils)")
    path = tmp_path / "bescheid.pdf"
    path.write_bytes(seal.seal_pdf(blank_pdf, OFFICE))

    report = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True,
                            timeout=60).stdout

    assert "Signer Certificate Common Name: Landkreis Hainbach – Bürgerbüro" in report
    assert "Signature Validation: Signature is Valid." in report


def test_a_changed_sealed_answer_fails_in_pdfsig_too(seal_files, blank_pdf, anchors, tmp_path):
    require(shutil.which("pdfsig") is not None, "pdfsig (Debian package poppler-utils)")
    path = tmp_path / "bescheid.pdf"
    path.write_bytes(P.tamper(seal.seal_pdf(blank_pdf, OFFICE)))

    report = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True,
                            timeout=60).stdout

    assert "Signature Validation: Digest Mismatch." in report
    assert verify_pdf(path.read_bytes())["problem"] == "integrity"


def test_an_office_without_a_seal_is_told_apart(seal_files, blank_pdf):
    assert seal.can_seal(OFFICE) and not seal.can_seal("standesamt-hainbach")
    with pytest.raises(seal.SealingNotConfigured):
        seal.seal_pdf(blank_pdf, "standesamt-hainbach")


def test_a_missing_key_file_is_named(seal_files, blank_pdf):
    (seal_files / "office.key.pem").unlink()
    with pytest.raises(sealkeys.SealConfigError, match="office.key.pem"):
        seal.seal_pdf(blank_pdf, OFFICE)


@pytest.mark.aws
def test_on_aws_the_seal_comes_from_secrets_manager(pki, blank_pdf, anchors, moto_url, monkeypatch):
    import boto3
    import requests

    requests.post(f"{moto_url}/moto-api/reset", timeout=10).raise_for_status()
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "eu-central-1", "CIVICAT_AWS_ENDPOINT": moto_url,
                        "CIVICAT_SEALS": "secretsmanager:civicat/seal/"}.items():
        monkeypatch.setenv(name, value)
    sealkeys.reset_cache()
    secrets = boto3.client("secretsmanager", endpoint_url=moto_url, region_name="eu-central-1")
    secrets.create_secret(Name=f"civicat/seal/{OFFICE}", SecretString=json.dumps({
        "key": pki.seal.key_pem().decode(), "cert": pki.seal.cert_pem().decode(),
        "chain": [pki.intermediate.cert_pem().decode()]}))

    sealed = seal.seal_pdf(blank_pdf, OFFICE)

    assert verify_pdf(sealed)["state"] == "valid"
    assert not seal.can_seal("standesamt-hainbach")
    sealkeys.reset_cache()
