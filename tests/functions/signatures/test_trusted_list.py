"""An EU trusted list read from disk: its qualified CAs are trusted, and it decides the level."""
import pytest

from chalicelib.signatures.trust import TrustConfigError
from chalicelib.signatures.verify import verify_pdf

from . import pki as P


@pytest.fixture
def trusted_list(pki, tmp_path, monkeypatch):
    path = tmp_path / "tl-de.xml"
    path.write_text(P.trusted_list_xml(pki.intermediate), encoding="utf-8")
    monkeypatch.delenv("CIVICAT_TRUST_ANCHORS", raising=False)  # the list alone
    monkeypatch.delenv("CIVICAT_TRUSTED_LIST_SIGNERS", raising=False)
    monkeypatch.setenv("CIVICAT_TRUSTED_LIST", str(path))
    return path


def test_a_signature_under_a_listed_qualified_ca_is_qualified_by_the_list(pki, blank_pdf,
                                                                           trusted_list):
    result = verify_pdf(P.sign(blank_pdf, pki.signer))

    one = result["signatures"][0]
    assert result["state"] == "valid"
    assert (result["level"], one["level_source"]) == ("qualified", "trusted_list")
    assert one["anchor"] == "Hainbach Test Qualified CA 1"
    assert result["trust"]["trusted_list"] == "tl-de.xml"


def test_a_certificate_that_is_not_qualified_stays_advanced_under_the_list(pki, blank_pdf,
                                                                           trusted_list):
    result = verify_pdf(P.sign(blank_pdf, pki.advanced))

    assert result["state"] == "valid" and result["level"] == "advanced"


def test_a_ca_not_on_the_list_is_not_trusted(pki, blank_pdf, trusted_list):
    assert verify_pdf(P.sign(blank_pdf, pki.stranger))["problem"] == "untrusted"


def test_a_file_that_is_not_a_trusted_list_is_reported_with_its_name(tmp_path, monkeypatch):
    from chalicelib.signatures.trust import load

    broken = tmp_path / "tl.xml"
    broken.write_text("<html>not a list</html>", encoding="utf-8")
    monkeypatch.setenv("CIVICAT_TRUSTED_LIST", str(broken))

    with pytest.raises(TrustConfigError, match="tl.xml: not a trusted list"):
        load()
