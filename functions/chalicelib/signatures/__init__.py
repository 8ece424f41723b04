"""Electronic signatures: check the PAdES signatures of uploaded PDFs, seal the office's answers.

Only ``rules`` and ``wording`` may be imported by the citizen routes: they read a stored result
and say it in the citizen's words. Everything that needs pyHanko or cryptography (``verify``,
``describe``, ``trust``, ``seal``, ``sealkeys``) is imported inside the functions that use it, and
runs in the local delivery worker, in the AWS checker function (``s3event``), or — only for a form
that *requires* a signature and a file not yet checked — inside the submission request itself.
A test keeps pyHanko out of the app's cold start.

A check's result is a JSON-ready dict, stored with the upload (``Upload.signature``):

``state``
    ``checking`` (waiting), ``valid``, ``invalid``, ``unsigned`` or ``unreadable``.
``problem``
    why it is not valid: ``unreadable``, ``unsigned``, ``integrity`` (the bytes do not match the
    signature), ``coverage`` (the signature covers only part of the file), ``modified`` (changed
    after signing beyond filling in form fields), ``untrusted`` (no path to a trust anchor),
    ``expired`` / ``not_yet_valid`` (certificate not valid when signed), ``revoked``,
    ``revocation_unknown`` (revocation required but no information), ``chain`` (another rule of
    the certificate path), ``algorithm`` (a weak algorithm), ``error`` (the check itself failed).
``level``
    ``qualified`` or ``advanced`` for a valid signature, else None.
``signer``, ``issuer``, ``signed_at``
    of the signature that decides (the first failing one, else the first).
``signatures``
    one entry per signature with every detail an official needs: signer and issuer names and
    subjects, certificate validity, claimed signing time, timestamp (time, authority, trusted),
    intact / valid / trusted / revoked, coverage and the changes made after signing (changed and
    added form fields), level and where it comes from (trusted list or the certificate's own
    QC statements), the chain up to the anchor, pyHanko's AdES sub-indication and its message.
``checked_at``, ``verifier``, ``trust``
    when, with which pyHanko, and against what (anchors count, trusted list, fetching on/off).
"""
