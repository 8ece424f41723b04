"""Check every signature of a PDF with pyHanko's validator, offline unless configured otherwise.

For each signature: integrity (the signed bytes match), coverage and the changes made after
signing (pyHanko's difference analysis: filling in form fields and adding validation data are
allowed, anything else is a change), the signer's certificate path to the configured anchors (or
the trusted list), revocation from what the PDF carries (its DSS and the signature's archived
revocation information) and the CRLs in the anchors folder, and a signature timestamp if there is
one. The certificate is judged at the signing time a trusted timestamp proves, or else now: a
certificate that has expired since a timestamped signature still counts.

``verify_pdf(data) -> dict`` (the shape is in ``__init__.py``). Imports pyHanko: never import this
module from a route's cold path.
"""
from __future__ import annotations

import asyncio
import logging
from io import BytesIO

from . import describe
from .loop import outside_event_loop
from .trust import Trust, load as load_trust

log = logging.getLogger("civicat.signatures")
# pyHanko logs every failed rule with a traceback; the result carries the rule and its message,
# so the worker's log keeps only what pyHanko itself cannot recover from.
for _noisy in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)


def verify_pdf(data: bytes, trust: Trust | None = None) -> dict:
    """The check's result for the bytes of one PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    trust = trust or load_trust()
    base = {"checked_at": describe.now_iso(), "verifier": _version(),
            "trust": trust.summary()}
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
    except Exception as error:  # noqa: BLE001 — whatever the parser trips on, it is not a PDF we can read
        log.info("unreadable PDF: %s", error)
        return {**base, "state": "unreadable", "problem": "unreadable", "level": None,
                "signer": None, "issuer": None, "signed_at": None, "signatures": [],
                "detail": str(error)[:300]}
    if not signatures:
        return {**base, "state": "unsigned", "problem": "unsigned", "level": None,
                "signer": None, "issuer": None, "signed_at": None, "signatures": []}
    results = [_one(reader, signature, trust) for signature in signatures]
    return {**base, **describe.document(results)}


def _version() -> str:
    from importlib.metadata import version

    return f"pyHanko {version('pyhanko')}"


def _one(reader, embedded, trust: Trust) -> dict:
    try:
        status, retried = outside_event_loop(lambda: asyncio.run(_validate(reader, embedded, trust)))
    except Exception as error:  # noqa: BLE001 — a signature pyHanko cannot even parse is broken
        log.info("signature %s could not be validated: %s", embedded.field_name, error)
        return describe.broken(embedded, error)
    return describe.signature(reader, embedded, status, trust, retried)


async def _validate(reader, embedded, trust: Trust):
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko.sign.validation.status import TimestampSignatureStatus  # noqa: F401

    status = await async_validate_pdf_signature(embedded, _context(reader, embedded, trust),
                                                ts_validation_context=_context(reader, embedded,
                                                                                trust))
    proven = _proven_signing_time(status)
    if proven is not None and _failed_for_time(status) and proven <= status.signing_cert.not_valid_after:
        # Signed while the certificate was valid, as a trusted timestamp proves: judge it then.
        again = await async_validate_pdf_signature(
            embedded, _context(reader, embedded, trust, moment=proven),
            ts_validation_context=_context(reader, embedded, trust))
        if again.bottom_line:
            return again, True
    return status, False


def _proven_signing_time(status):
    stamp = status.timestamp_validity
    if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
        return stamp.timestamp
    return None


def _failed_for_time(status) -> bool:
    indication = status.trust_problem_indic
    return indication is not None and indication.name in ("OUT_OF_BOUNDS_NO_POE", "EXPIRED")


def _context(reader, embedded, trust: Trust, moment=None):
    """A validation context with every piece of offline knowledge: the anchors (and trusted list),
    the CRLs of the anchors folder, the DSS of the PDF and the signature's archived revocation
    information. Network fetching only when configured."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy

    crls, ocsps = list(trust.crls), []
    archived = _archived_revocation(embedded)
    crls += archived[0]
    ocsps += archived[1]
    legacy = "require" if trust.revocation == "require" else "soft-fail"
    # Judged in the past (a timestamp's time), a CRL issued later still tells: a certificate it
    # does not list was not revoked then, and one it lists carries its revocation date.
    policy = CertRevTrustPolicy(RevocationCheckingPolicy.from_legacy(legacy),
                                retroactive_revinfo=moment is not None)
    kwargs = {"trust_manager": trust.trust_manager(), "crls": crls, "ocsps": ocsps,
              "allow_fetching": trust.fetching, "revinfo_policy": policy, "moment": moment}
    try:
        return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
    except NoDSSFoundError:
        return ValidationContext(**kwargs)


def _archived_revocation(embedded) -> tuple[list, list]:
    """CRLs and OCSP responses the signer embedded in the signature itself (Adobe's
    ``revocationInfoArchival`` attribute, what many signing tools write)."""
    from pyhanko.sign.general import find_unique_cms_attribute

    try:
        archival = find_unique_cms_attribute(embedded.signer_info["signed_attrs"],
                                             "adobe_revocation_info_archival")
    except Exception:  # noqa: BLE001 — absent or malformed: nothing embedded to honour
        return [], []
    return list(archival["crl"] or []), list(archival["ocsp"] or [])
