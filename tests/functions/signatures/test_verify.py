"""What the verifier finds in signed PDFs, for each way a signature can be good or bad.

Every PDF here is made and signed at test time with pyHanko, under the test PKI (``pki.py``);
the municipality trusts the test root (``CIVICAT_TRUST_ANCHORS``) and nothing else.
"""
import datetime as dt

from chalicelib.signatures.verify import verify_pdf

from . import pki as P


def test_a_valid_signature_is_accepted_with_signer_issuer_chain_and_level(pki, blank_pdf, anchors):
    result = verify_pdf(P.sign(blank_pdf, pki.signer))

    assert result["state"] == "valid" and result["problem"] is None
    assert result["signer"] == "Maria Petrova"
    assert result["issuer"] == "Hainbach Test Qualified CA 1"
    one = result["signatures"][0]
    assert [c["name"] for c in one["chain"]] == ["Maria Petrova", "Hainbach Test Qualified CA 1",
                                                  "Hainbach Test Root CA"]
    assert one["anchor"] == "Hainbach Test Root CA"
    assert one["intact"] and one["valid"] and one["trusted"] and not one["revoked"]
    assert one["coverage"] == "entire_file" and one["changes_after_signing"] == "none"
    # Without a trusted list, the certificate's own QcCompliance + QcSSCD under our anchor count.
    assert (result["level"], one["level_source"]) == ("qualified", "certificate")
    assert one["signing_time"] is not None


def test_a_signer_without_qualified_statements_signs_at_the_advanced_level(pki, blank_pdf, anchors):
    result = verify_pdf(P.sign(blank_pdf, pki.advanced))

    assert result["state"] == "valid" and result["level"] == "advanced"


def test_a_certificate_not_meant_for_signing_breaks_a_rule_of_the_chain(pki, blank_pdf, anchors):
    """The time-stamping authority's certificate lacks the non-repudiation key usage."""
    tsa_as_signer = P.Party(pki.tsa.key, pki.tsa.cert, pki.tsa.chain)

    result = verify_pdf(P.sign(blank_pdf, tsa_as_signer))

    assert result["state"] == "invalid" and result["problem"] == "chain"


def test_a_timestamp_is_reported_with_its_time_and_authority(pki, blank_pdf, anchors):
    result = verify_pdf(P.sign(blank_pdf, pki.signer, pki, timestamp=True))

    stamp = result["signatures"][0]["timestamp"]
    assert result["state"] == "valid"
    assert stamp["authority"] == "Hainbach Test TSA" and stamp["trusted"] is True
    assert result["signed_at"] == stamp["time"]


def test_a_pdf_changed_inside_the_signed_bytes_is_refused_as_broken(pki, blank_pdf, anchors):
    result = verify_pdf(P.tamper(P.sign(blank_pdf, pki.signer)))

    assert result["state"] == "invalid" and result["problem"] == "integrity"
    assert "digest does not match" in result["signatures"][0]["detail"]


def test_a_pdf_whose_page_was_changed_after_signing_is_refused(pki, blank_pdf, anchors):
    result = verify_pdf(P.append_page_text(P.sign(blank_pdf, pki.signer)))

    assert result["state"] == "invalid" and result["problem"] == "modified"
    assert result["signatures"][0]["changes_after_signing"] == "other"


def test_an_update_that_only_adds_a_form_field_is_accepted_and_reported(pki, blank_pdf, anchors):
    result = verify_pdf(P.add_form_field(P.sign(blank_pdf, pki.signer), "Bemerkung"))

    one = result["signatures"][0]
    assert result["state"] == "valid"
    assert one["coverage"] == "entire_revision"  # there is something after the signed revision
    assert one["added_fields"] == ["Bemerkung"]


def test_a_certificate_expired_before_signing_is_refused(pki, blank_pdf, anchors):
    result = verify_pdf(P.sign(blank_pdf, pki.expired))

    assert result["state"] == "invalid" and result["problem"] == "expired"
    assert result["signatures"][0]["indication"] == "OUT_OF_BOUNDS_NO_POE"


def test_a_certificate_expired_after_a_timestamped_signature_still_counts(pki, blank_pdf, anchors):
    """Validity at signing time: the timestamp proves the file was signed while the certificate
    was valid, so its expiry since then does not matter."""
    signed_then = P.NOW - dt.timedelta(days=40)
    result = verify_pdf(P.sign(blank_pdf, pki.expired, pki, timestamp=True, at=signed_then))

    assert result["state"] == "valid", result["signatures"][0]["detail"]
    assert result["signatures"][0]["judged_at"] == "timestamp"


def test_a_certificate_revoked_before_signing_is_refused_from_the_anchors_folders_crl(
        pki, blank_pdf, anchors):
    result = verify_pdf(P.sign(blank_pdf, pki.revoked))

    one = result["signatures"][0]
    assert result["state"] == "invalid" and result["problem"] == "revoked"
    assert one["revocation"]["date"][:10] == (P.NOW - dt.timedelta(days=10)).date().isoformat()


def test_a_revocation_list_embedded_in_the_pdf_is_honoured(pki, blank_pdf, tmp_path, monkeypatch):
    """No CRL in the anchors folder: the one the PDF carries in its DSS tells."""
    monkeypatch.setenv("CIVICAT_TRUST_ANCHORS", str(pki.write_anchors(tmp_path / "a", with_crl=False)))

    without = verify_pdf(P.sign(blank_pdf, pki.revoked))
    embedded = verify_pdf(P.sign(blank_pdf, pki.revoked, pki, embed_crl=True))

    assert without["state"] == "valid"  # nothing fetched: nobody could know
    assert embedded["state"] == "invalid" and embedded["problem"] == "revoked"


def test_a_certificate_from_an_unknown_root_is_refused_naming_the_issuer(pki, blank_pdf, anchors):
    result = verify_pdf(P.sign(blank_pdf, pki.stranger))

    assert result["state"] == "invalid" and result["problem"] == "untrusted"
    assert result["issuer"] == "Elsewhere Root CA"
    assert "Elsewhere Root CA" in result["signatures"][0]["detail"]


def test_an_unsigned_pdf_and_a_broken_file_are_told_apart(blank_pdf, anchors):
    assert verify_pdf(blank_pdf)["state"] == "unsigned"
    assert verify_pdf(b"%PDF-1.7\nnot really a pdf")["state"] == "unreadable"


def test_every_signature_counts_and_the_first_failing_one_decides(pki, blank_pdf, anchors):
    both = P.sign(P.sign(blank_pdf, pki.signer), pki.stranger, field_name="Signature2")

    result = verify_pdf(both)

    assert [s["state"] for s in result["signatures"]] == ["valid", "invalid"]
    # The first signature sees the second one as a filled-in signature field: allowed.
    assert result["signatures"][0]["changed_fields"] == ["Signature2"]
    assert result["state"] == "invalid" and result["signer"] == "Sam Stranger"
