"""A small PKI made at test time with the ``cryptography`` library, and PDFs signed with it.

    root ─┬─ intermediate ─┬─ signer (Maria Petrova)
          │                ├─ expired signer (valid only last year)
          │                ├─ revoked signer (revoked before it signed; the CRL says so)
          │                ├─ advanced signer (no qualified-certificate statements)
          │                └─ time-stamping authority
          └─ (CRL of the intermediate)
    other root ── stranger (a signer the municipality does not trust)
    seal: the authority's own certificate for sealing answers, under the intermediate

Everything lives in memory; ``write_anchors`` puts the trusted root (and the CRL) in a folder the
way a municipality configures ``CIVICAT_TRUST_ANCHORS``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .. import support  # noqa: F401 - puts functions/ on sys.path
from chalicelib.signatures.loop import outside_event_loop  # noqa: E402

UTC = dt.timezone.utc
NOW = dt.datetime.now(UTC).replace(microsecond=0)
CRL_URL = "http://crl.hainbach-trust.invalid/ca.crl"
QC_COMPLIANCE = "0.4.0.1862.1.1"
QC_SSCD = "0.4.0.1862.1.4"


def _name(common: str, org: str = "Hainbach Test Trust Services", country: str = "DE",
          **extra) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, country),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if "given" in extra:
        parts += [x509.NameAttribute(NameOID.GIVEN_NAME, extra["given"]),
                  x509.NameAttribute(NameOID.SURNAME, extra["surname"])]
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(parts)


@dataclass
class Party:
    """A key and its certificate (and the chain above it, nearest first)."""

    key: "ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey"
    cert: x509.Certificate
    chain: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())

    def signer(self):
        """A pyHanko signer for this party, carrying its chain."""
        from asn1crypto import keys as asn1_keys, x509 as asn1_x509
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = serialization.Encoding.DER
        chain = [asn1_x509.Certificate.load(c.cert.public_bytes(der)) for c in self.chain]
        return signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(self.cert.public_bytes(der)),
            signing_key=asn1_keys.PrivateKeyInfo.load(self.key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
            cert_registry=SimpleCertificateStore.from_certs(chain))


def _issue(subject: x509.Name, issuer: "Party | None", *, ca: bool, not_before, not_after,
           extended=None, qualified=False, path_length=None, rsa_key=False) -> Party:
    # pyHanko's stand-in time-stamping authority signs with RSA only; everyone else uses P-256.
    key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) if rsa_key
           else ec.generate_private_key(ec.SECP256R1()))
    signing_key = issuer.key if issuer else key
    issuer_name = issuer.cert.subject if issuer else subject
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length),
                              critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False)
        # Where the issuer publishes its CRL (never fetched in the tests: the CRL is embedded in
        # the PDF or lies in the anchors folder). Validators check revocation where it is declared.
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(CRL_URL)], relative_name=None,
            reasons=None, crl_issuer=None)]), critical=False)
    if ca:
        usage = dict(digital_signature=False, content_commitment=False, key_cert_sign=True,
                     crl_sign=True)
    else:
        usage = dict(digital_signature=True, content_commitment=extended is None,
                     key_cert_sign=False, crl_sign=False)
    builder = builder.add_extension(x509.KeyUsage(key_encipherment=False, data_encipherment=False,
                                                  key_agreement=False, encipher_only=False,
                                                  decipher_only=False, **usage), critical=True)
    if extended:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended), critical=True)
    if qualified:
        # QCStatements (ETSI EN 319 412-5): QcCompliance and QcSSCD, DER written by hand.
        statements = bytes.fromhex("3014" "3008" "060604008e460101" "3008" "060604008e460104")
        builder = builder.add_extension(x509.UnrecognizedExtension(
            x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), statements), critical=False)
    cert = builder.sign(signing_key, hashes.SHA256())
    chain = ([issuer] + issuer.chain) if issuer else []
    return Party(key, cert, chain)


@dataclass
class Pki:
    root: Party
    intermediate: Party
    signer: Party
    expired: Party
    revoked: Party
    advanced: Party
    tsa: Party
    seal: Party
    other_root: Party
    stranger: Party
    crl: x509.CertificateRevocationList

    def crl_pem(self) -> bytes:
        return self.crl.public_bytes(serialization.Encoding.PEM)

    def crl_der(self) -> bytes:
        return self.crl.public_bytes(serialization.Encoding.DER)

    def write_anchors(self, folder: Path, with_crl: bool = True) -> Path:
        """The municipality's trust anchors folder: the root (PEM), and the intermediate's CRL."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "hainbach-test-root.pem").write_bytes(self.root.cert_pem())
        if with_crl:
            (folder / "hainbach-test-intermediate.crl").write_bytes(self.crl_pem())
        return folder

    def timestamper(self, at: dt.datetime | None = None):
        from asn1crypto import keys as asn1_keys, x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = serialization.Encoding.DER
        return DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(self.tsa.cert.public_bytes(der)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(self.tsa.key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
            certs_to_embed=SimpleCertificateStore.from_certs(
                [asn1_x509.Certificate.load(c.cert.public_bytes(der)) for c in self.tsa.chain]),
            fixed_dt=at)


def make_pki() -> Pki:
    day = dt.timedelta(days=1)
    root = _issue(_name("Hainbach Test Root CA"), None, ca=True,
                  not_before=NOW - 800 * day, not_after=NOW + 3650 * day)
    intermediate = _issue(_name("Hainbach Test Qualified CA 1"), root, ca=True, path_length=0,
                          not_before=NOW - 700 * day, not_after=NOW + 2000 * day)
    signer = _issue(_name("Maria Petrova", org="Private person", given="Maria",
                          surname="Petrova"), intermediate, ca=False, qualified=True,
                    not_before=NOW - 30 * day, not_after=NOW + 700 * day)
    expired = _issue(_name("Jonas Expired", org="Private person"), intermediate, ca=False,
                     not_before=NOW - 400 * day, not_after=NOW - 35 * day)
    revoked = _issue(_name("Rita Revoked", org="Private person"), intermediate, ca=False,
                     not_before=NOW - 60 * day, not_after=NOW + 300 * day)
    advanced = _issue(_name("Paul Advanced", org="Private person"), intermediate, ca=False,
                      not_before=NOW - 30 * day, not_after=NOW + 300 * day)
    tsa = _issue(_name("Hainbach Test TSA"), intermediate, ca=False,
                 extended=[ExtendedKeyUsageOID.TIME_STAMPING], rsa_key=True,
                 not_before=NOW - 300 * day, not_after=NOW + 1000 * day)
    seal = _issue(_name("Landkreis Hainbach – Bürgerbüro", org="Landkreis Hainbach"),
                  intermediate, ca=False, qualified=True,
                  not_before=NOW - 10 * day, not_after=NOW + 700 * day)
    other_root = _issue(_name("Elsewhere Root CA", org="Elsewhere Certificates Ltd",
                              country="GB"), None, ca=True,
                        not_before=NOW - 800 * day, not_after=NOW + 3650 * day)
    stranger = _issue(_name("Sam Stranger", org="Private person"), other_root, ca=False,
                      not_before=NOW - 30 * day, not_after=NOW + 300 * day)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(intermediate.cert.subject)
           .last_update(NOW - 2 * day).next_update(NOW + 30 * day)
           .add_revoked_certificate(
               x509.RevokedCertificateBuilder().serial_number(revoked.cert.serial_number)
               .revocation_date(NOW - 10 * day).build())
           .add_extension(x509.CRLNumber(7), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
               intermediate.key.public_key()), critical=False)
           .sign(intermediate.key, hashes.SHA256()))
    return Pki(root, intermediate, signer, expired, revoked, advanced, tsa, seal, other_root,
               stranger, crl)


# --- PDFs --------------------------------------------------------------------------------------

def minimal_pdf(text: str = "Antrag auf Sondernutzung") -> bytes:
    """A one-page PDF written with pyHanko's own writer, with an empty form field for later."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter

    writer = PdfFileWriter()
    font = writer.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
        pdf_name("/BaseFont"): pdf_name("/Helvetica")}))
    safe = text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(") \
        .replace(b")", b"\\)")
    content = generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 720 Td (" + safe + b") Tj ET")
    page = PageObject(contents=writer.add_object(content), media_box=[0, 0, 595, 842],
                      resources=generic.DictionaryObject({
                          pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}))
    writer.insert_page(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def sign(pdf: bytes, party: Party, pki: Pki | None = None, *, timestamp: bool = False,
         field_name: str = "Signature1", embed_crl: bool = False, certify: bool = False,
         at: dt.datetime | None = None) -> bytes:
    """``pdf`` signed by ``party`` with pyHanko (PAdES baseline B, or B-T with a timestamp).

    ``at`` backdates the signature timestamp (the time a timestamp authority vouches for)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS if certify else None)
    signer = party.signer()
    out = outside_event_loop(signers.PdfSigner(meta, signer=signer,
                                               timestamper=pki.timestamper(at) if timestamp else None,
                                               new_field_spec=fields.SigFieldSpec(field_name)).sign_pdf, writer)
    data = out.getvalue()
    if embed_crl and pki is not None:
        data = add_dss(data, pki)
    return data


def add_dss(pdf: bytes, pki: Pki) -> bytes:
    """Add a Document Security Store with the intermediate's CRL and the chain (an LTV update)."""
    from asn1crypto import crl as asn1_crl, x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    der = serialization.Encoding.DER
    reader = PdfFileReader(BytesIO(pdf))
    contents = reader.embedded_signatures[-1].pkcs7_content
    output = BytesIO(pdf)
    DocumentSecurityStore.add_dss(
        output_stream=output, sig_contents=contents,
        certs=[asn1_x509.Certificate.load(p.cert.public_bytes(der))
               for p in (pki.intermediate, pki.root)],
        crls=[asn1_crl.CertificateList.load(pki.crl_der())])
    return output.getvalue()


def tamper(pdf: bytes) -> bytes:
    """Change one byte of the page text inside the signed range (same length: offsets stay)."""
    index = pdf.index(b"Sondernutzung")
    return pdf[:index] + b"X" + pdf[index + 1:]


def append_page_text(pdf: bytes, text: str = "Nachträglich geändert") -> bytes:
    """An incremental update after signing that changes what the page says."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    content = generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 600 Td (" +
                                   text.encode("latin-1", "replace") + b") Tj ET")
    page[generic.pdf_name("/Contents")] = writer.add_object(content)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def add_form_field(pdf: bytes, name: str = "Bemerkung") -> bytes:
    """An incremental update after signing that adds only a new empty signature field — the kind
    of change PDF readers make when a form is filled in, which PAdES tolerates."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=0))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def trusted_list_xml(ca: Party, name: str = "Hainbach Test Qualified CA 1") -> str:
    """A minimal EU trusted list (ETSI TS 119 612) with one trust service provider whose qualified
    CA service (CA/QC, granted) is ``ca`` — the shape national lists have, without their XML
    signature (the municipality vouches for the file it configures, as for the anchors folder)."""
    import base64

    cert = base64.b64encode(ca.cert.public_bytes(serialization.Encoding.DER)).decode()
    since = (NOW - dt.timedelta(days=700)).strftime("%Y-%m-%dT%H:%M:%SZ")
    issued = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" Id="TL" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <SchemeInformation>
    <TSLVersionIdentifier>5</TSLVersionIdentifier>
    <TSLSequenceNumber>1</TSLSequenceNumber>
    <TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType>
    <SchemeOperatorName><Name xml:lang="en">Test supervisory body</Name></SchemeOperatorName>
    <SchemeTerritory>DE</SchemeTerritory>
    <ListIssueDateTime>{issued}</ListIssueDateTime>
  </SchemeInformation>
  <TrustServiceProviderList>
    <TrustServiceProvider>
      <TSPInformation><TSPName><Name xml:lang="en">Hainbach Test Trust Services</Name></TSPName></TSPInformation>
      <TSPServices>
        <TSPService>
          <ServiceInformation>
            <ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
            <ServiceName><Name xml:lang="en">{name}</Name></ServiceName>
            <ServiceDigitalIdentity><DigitalId><X509Certificate>{cert}</X509Certificate></DigitalId></ServiceDigitalIdentity>
            <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
            <StatusStartingTime>{since}</StatusStartingTime>
            <ServiceInformationExtensions>
              <Extension Critical="false">
                <AdditionalServiceInformation>
                  <URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</URI>
                </AdditionalServiceInformation>
              </Extension>
            </ServiceInformationExtensions>
          </ServiceInformation>
        </TSPService>
      </TSPServices>
    </TrustServiceProvider>
  </TrustServiceProviderList>
</TrustServiceStatusList>
"""
