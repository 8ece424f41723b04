"""Seal an office's answer: a PAdES certification signature with the authority's key, so that
the citizen's download is verifiable in any PDF reader (and nobody can change it unnoticed).

``seal_pdf(pdf_bytes, office_id) -> bytes`` is what the staff workspace's answer feature calls;
``can_seal(office_id)`` tells it whether this office has a seal at all (sealing is optional and
configured per office, ``sealkeys.py``). Imports pyHanko: call it from staff code paths only.
"""
from __future__ import annotations

from io import BytesIO

from . import sealkeys
from .loop import outside_event_loop

FIELD = "Siegel"


class SealingNotConfigured(LookupError):
    """This office has no seal configured (``CIVICAT_SEALS``)."""


def can_seal(office_id: str) -> bool:
    return sealkeys.load(office_id) is not None


def seal_pdf(pdf_bytes: bytes, office_id: str, reason: str | None = None) -> bytes:
    """The PDF with the office's seal added as an incremental update (the original bytes stay
    first, unchanged). The seal certifies the document: later changes other than added
    validation data break it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    keys = sealkeys.load(office_id)
    if keys is None:
        raise SealingNotConfigured(f"no seal is configured for office {office_id!r} (CIVICAT_SEALS)")
    signer = _signer(keys)
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    name = FIELD if FIELD not in existing else f"{FIELD}{len(existing) + 1}"
    meta = signers.PdfSignatureMetadata(
        field_name=name, subfilter=fields.SigSeedSubFilter.PADES, reason=reason,
        certify=not existing, docmdp_permissions=fields.MDPPerm.NO_CHANGES)
    out = outside_event_loop(signers.PdfSigner(meta, signer=signer, new_field_spec=fields.SigFieldSpec(name)).sign_pdf,
                             writer)
    return out.getvalue()


def _signer(keys: sealkeys.SealKeys):
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        key = load_private_key_from_pemder_data(keys.key_pem, passphrase=keys.password)
        cert = next(iter(load_certs_from_pemder_data(keys.cert_pem)))
        chain = [c for pem in keys.chain_pem for c in load_certs_from_pemder_data(pem)]
    except Exception as error:  # noqa: BLE001 — wrong password, wrong file: say which part
        raise sealkeys.SealConfigError(f"the seal's key or certificate cannot be read ({error})") \
            from None
    return signers.SimpleSigner(signing_cert=cert, signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs(chain))
