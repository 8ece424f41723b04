"""The staff workspace's hooks: an answer document is sealed with its office's seal before it is
stored (and left as it is for an office without one), and the staff page says an attachment's
signature check in one sentence."""
import json
from concurrent.futures import ThreadPoolExecutor

from chalicelib import clock, documents
from chalicelib.multipart import FilePart
from chalicelib.signatures.verify import verify_pdf
from chalicelib.stores import Submission, get_store
from chalicelib.uploads.storage import get_storage

OFFICE = "buergerbuero-hainbach"


def _submission():
    now = clock.now()
    return Submission(reference="HBN-2026-SEAL1", submission_key="kontakt:seal", form_id="kontakt",
                      status_token="t" * 22, lang="de", created_at=clock.iso(now),
                      expires_at=clock.epoch(now) + 3600, data={})


def test_an_answer_document_is_sealed_with_the_offices_seal(pki, blank_pdf, anchors, tmp_path,
                                                            monkeypatch):
    (tmp_path / "k.pem").write_bytes(pki.seal.key_pem())
    (tmp_path / "c.pem").write_bytes(pki.seal.cert_pem())
    (tmp_path / "ca.pem").write_bytes(pki.intermediate.cert_pem())
    (tmp_path / "seals.json").write_text(json.dumps(
        {OFFICE: {"key": "k.pem", "cert": "c.pem", "chain": ["ca.pem"]}}))
    monkeypatch.setenv("CIVICAT_SEALS", str(tmp_path / "seals.json"))
    store, storage = get_store(), get_storage()
    part = FilePart("documents", "Bescheid.pdf", "application/pdf", blank_pdf)

    # In a thread of its own, as in a server: pyHanko runs its own event loop, and a browser test
    # earlier in the session leaves Playwright's loop running in the main thread.
    with ThreadPoolExecutor(1) as worker:
        (sealed,) = worker.submit(documents.store_all, store, storage, _submission(), [part],
                                  OFFICE).result()
        (plain,) = worker.submit(documents.store_all, store, storage, _submission(), [part],
                                 "landratsamt").result()
        stored = storage.read(store.get_upload(sealed["id"]))
        checked = worker.submit(verify_pdf, stored).result()

    assert stored.startswith(blank_pdf) and stored != blank_pdf
    assert checked["signer"] == "Landkreis Hainbach – Bürgerbüro"
    assert storage.read(store.get_upload(plain["id"])) == blank_pdf  # no seal for that office


def test_the_staff_page_says_an_attachments_check_in_one_sentence():
    from chalicelib.stores import Upload

    upload = Upload(upload_id="u", form_id="kontakt", content_type="application/pdf",
                    filename="antrag.pdf", max_size=1, created_at="", expires_at=0)
    assert documents.check(upload, None, "de") is None  # never checked: nothing to say
    upload.signature = {"state": "unsigned", "problem": "unsigned", "signatures": []}
    assert "antrag.pdf" in documents.check(upload, None, "en")
    assert "not electronically signed" in documents.check(upload, None, "en")
