"""A PKI for the session, PDFs signed with it, and the municipality's trust anchors folder."""
import pytest

from . import pki as pki_module


@pytest.fixture(scope="session")
def pki():
    return pki_module.make_pki()


@pytest.fixture(scope="session")
def blank_pdf():
    return pki_module.minimal_pdf()


@pytest.fixture
def anchors(pki, tmp_path, monkeypatch):
    """``CIVICAT_TRUST_ANCHORS`` with the test root and the intermediate's CRL."""
    folder = pki.write_anchors(tmp_path / "trust-anchors")
    monkeypatch.setenv("CIVICAT_TRUST_ANCHORS", str(folder))
    for name in ("CIVICAT_TRUSTED_LIST", "CIVICAT_TRUSTED_LIST_SIGNERS", "CIVICAT_SIGNATURE_FETCH",
                 "CIVICAT_REVOCATION"):
        monkeypatch.delenv(name, raising=False)
    return folder
