"""What a signature check means, in the citizen's words (de, en, ar), with what to do next.

All the words citizens see about signatures live here, in one table, so that a colleague who
unifies the functions' string tables finds them in one place. Plain Python: the upload status
route and the submission's error messages import this, never pyHanko.

``describe(result, rule, filename, lang)`` → ``{"tone", "message", "accepted"}``: tone is
``pending``, ``ok``, ``notice`` (accepted, but worth knowing: unsigned where optional, changes
after signing that leave the signed content alone) or ``error`` (refused where required; where
optional the same words with tone ``notice``, since the file is still accepted).
"""
from . import rules

LEVEL = {
    "qualified": {"de": "qualifizierte elektronische Signatur", "en": "qualified electronic signature",
                  "ar": "توقيع إلكتروني مؤهَّل"},
    "advanced": {"de": "fortgeschrittene elektronische Signatur", "en": "advanced electronic signature",
                 "ar": "توقيع إلكتروني متقدّم"},
}

WITH_LEVEL = {
    "qualified": {"de": "einer qualifizierten elektronischen Signatur",
                  "en": "a qualified electronic signature", "ar": "توقيع إلكتروني مؤهَّل"},
    "advanced": {"de": "einer fortgeschrittenen elektronischen Signatur",
                 "en": "an advanced electronic signature", "ar": "توقيع إلكتروني متقدّم"},
}
"""The level as it reads after "with" (German needs the dative, English the article)."""

TEXT = {
    "checking": {"de": "Die elektronische Signatur von {name} wird geprüft …",
                 "en": "Checking the electronic signature of {name} …",
                 "ar": "جارٍ التحقق من التوقيع الإلكتروني للملف {name} …"},
    "valid": {"de": "Unterschrieben von {signer}: Signatur unverändert, Zertifikat vertrauenswürdig ({level}).",
              "en": "Signed by {signer}: signature intact, certificate trusted ({level}).",
              "ar": "موقَّع من {signer}: التوقيع سليم والشهادة موثوقة ({level})."},
    "filled_in": {"de": "Nach dem Unterschreiben wurden nur Formularfelder ergänzt ({fields}); der unterschriebene Inhalt ist unverändert.",
                  "en": "After signing, only form fields were added or filled in ({fields}); the signed content is unchanged.",
                  "ar": "بعد التوقيع أُضيفت حقول نموذج فقط أو مُلئت ({fields})؛ والمحتوى الموقَّع لم يتغيّر."},
    "unsigned_optional": {"de": "{name} ist nicht elektronisch unterschrieben. Für dieses Formular ist das in Ordnung.",
                          "en": "{name} is not electronically signed. That is fine for this form.",
                          "ar": "الملف {name} غير موقَّع إلكترونيًا. وهذا مقبول في هذا النموذج."},
    "unsigned": {"de": "{name} ist nicht elektronisch unterschrieben. Unterschreiben Sie die PDF-Datei mit {level} und laden Sie sie noch einmal hoch – oder schicken Sie Ihren Antrag mit Unterschrift per Post.",
                 "en": "{name} is not electronically signed. Sign the PDF with {level} and upload it again, or send your application signed by post.",
                 "ar": "الملف {name} غير موقَّع إلكترونيًا. وقّعوا ملف PDF بـ{level} ثم حمّلوه مرة أخرى، أو أرسلوا طلبكم موقَّعًا بالبريد."},
    "missing": {"de": "Hängen Sie Ihren Antrag als PDF-Datei mit {level} an.",
                "en": "Attach your application as a PDF file with {level}.",
                "ar": "أرفقوا طلبكم كملف PDF يحمل {level}."},
    "unreadable": {"de": "{name} lässt sich nicht als PDF lesen. Speichern Sie die Datei noch einmal als PDF und laden Sie sie erneut hoch.",
                   "en": "{name} cannot be read as a PDF. Save the file as a PDF again and upload it again.",
                   "ar": "تعذّرت قراءة الملف {name} كملف PDF. احفظوه مرة أخرى بصيغة PDF ثم حمّلوه من جديد."},
    "integrity": {"de": "Die Signatur von {name} ist beschädigt: Die Datei stimmt nicht mehr mit dem überein, was {signer} unterschrieben hat. Laden Sie die Datei genau so hoch, wie sie nach dem Unterschreiben gespeichert wurde (nicht erneut speichern oder drucken).",
                  "en": "The signature of {name} is broken: the file no longer matches what {signer} signed. Upload the file exactly as it was saved after signing (do not save or print it again).",
                  "ar": "توقيع الملف {name} تالف: الملف لم يعد مطابقًا لما وقّعه {signer}. حمّلوا الملف كما حُفظ بعد التوقيع تمامًا (من دون حفظه أو طباعته مرة أخرى)."},
    "coverage": {"de": "Die Signatur von {name} deckt nicht die ganze Datei ab. Unterschreiben Sie die fertige Datei noch einmal und laden Sie sie erneut hoch.",
                 "en": "The signature of {name} does not cover the whole file. Sign the finished file again and upload it again.",
                 "ar": "التوقيع في الملف {name} لا يشمل الملف كله. وقّعوا الملف النهائي مرة أخرى ثم حمّلوه من جديد."},
    "modified": {"de": "{name} wurde verändert, nachdem {signer} unterschrieben hat. Unterschreiben Sie die endgültige Fassung noch einmal und laden Sie sie erneut hoch.",
                 "en": "{name} was changed after {signer} signed it. Sign the final version again and upload it again.",
                 "ar": "تم تعديل الملف {name} بعد أن وقّعه {signer}. وقّعوا النسخة النهائية مرة أخرى ثم حمّلوها من جديد."},
    "untrusted": {"de": "Das Zertifikat von {signer} wurde von „{issuer}“ ausgestellt. Diesen Aussteller erkennen wir nicht als Vertrauensdienst an. Unterschreiben Sie mit dem Zertifikat eines anerkannten Vertrauensdiensteanbieters.",
                  "en": "The certificate of {signer} was issued by “{issuer}”. We do not recognise this issuer as a trust service. Sign with a certificate from a recognised trust service provider.",
                  "ar": "شهادة {signer} صادرة عن «{issuer}». لا نعترف بهذه الجهة كمقدّم خدمة ثقة. وقّعوا بشهادة من مقدّم خدمات ثقة معترف به."},
    "expired": {"de": "Das Zertifikat von {signer} war beim Unterschreiben nicht mehr gültig (gültig bis {until}). Unterschreiben Sie noch einmal mit einem gültigen Zertifikat.",
                "en": "The certificate of {signer} was no longer valid when the file was signed (valid until {until}). Sign again with a valid certificate.",
                "ar": "لم تعد شهادة {signer} صالحة عند التوقيع (صالحة حتى {until}). وقّعوا مرة أخرى بشهادة صالحة."},
    "not_yet_valid": {"de": "Das Zertifikat von {signer} war beim Unterschreiben noch nicht gültig (gültig ab {since}). Unterschreiben Sie noch einmal.",
                      "en": "The certificate of {signer} was not yet valid when the file was signed (valid from {since}). Sign again.",
                      "ar": "لم تكن شهادة {signer} صالحة بعد عند التوقيع (صالحة اعتبارًا من {since}). وقّعوا مرة أخرى."},
    "revoked": {"de": "Das Zertifikat von {signer} wurde am {revoked} gesperrt, bevor unterschrieben wurde. Unterschreiben Sie noch einmal mit einem gültigen Zertifikat.",
                "en": "The certificate of {signer} was revoked on {revoked}, before the file was signed. Sign again with a valid certificate.",
                "ar": "أُلغيت شهادة {signer} بتاريخ {revoked} قبل التوقيع. وقّعوا مرة أخرى بشهادة صالحة."},
    "revocation_unknown": {"de": "Wir konnten nicht prüfen, ob das Zertifikat von {signer} gesperrt ist. Versuchen Sie es später noch einmal oder schicken Sie Ihren Antrag per Post.",
                           "en": "We could not check whether the certificate of {signer} has been revoked. Try again later or send your application by post.",
                           "ar": "تعذّر علينا التحقق مما إذا كانت شهادة {signer} ملغاة. حاولوا مرة أخرى لاحقًا أو أرسلوا طلبكم بالبريد."},
    "chain": {"de": "Das Zertifikat von {signer} erfüllt die Regeln für Signaturzertifikate nicht. Unterschreiben Sie mit einem Signaturzertifikat eines anerkannten Vertrauensdiensteanbieters.",
              "en": "The certificate of {signer} does not meet the rules for signing certificates. Sign with a signing certificate from a recognised trust service provider.",
              "ar": "شهادة {signer} لا تستوفي قواعد شهادات التوقيع. وقّعوا بشهادة توقيع من مقدّم خدمات ثقة معترف به."},
    "algorithm": {"de": "Die Signatur von {name} verwendet ein veraltetes, unsicheres Verfahren. Unterschreiben Sie noch einmal mit aktueller Software.",
                  "en": "The signature of {name} uses an outdated, insecure method. Sign again with up-to-date software.",
                  "ar": "يستخدم توقيع الملف {name} طريقة قديمة وغير آمنة. وقّعوا مرة أخرى ببرنامج حديث."},
    "level": {"de": "{name} ist von {signer} mit {found} unterschrieben. Für diesen Antrag brauchen wir eine Unterschrift mit {level}, zum Beispiel mit der Online-Ausweisfunktion und einem Signaturdienst.",
              "en": "{name} is signed by {signer} with {found}. This application needs a signature with {level}, for example made with your ID card's online function and a signing service.",
              "ar": "الملف {name} موقَّع من {signer} بـ{found}. يحتاج هذا الطلب إلى {level}، مثلًا باستخدام وظيفة الهوية الإلكترونية وخدمة توقيع."},
    "error": {"de": "Die Signatur von {name} konnte nicht geprüft werden. Versuchen Sie es später noch einmal oder schicken Sie Ihren Antrag per Post.",
              "en": "The signature of {name} could not be checked. Try again later or send your application by post.",
              "ar": "تعذّر التحقق من توقيع الملف {name}. حاولوا مرة أخرى لاحقًا أو أرسلوا طلبكم بالبريد."},
    "optional_note": {"de": "Sie können die Datei trotzdem mitsenden; wir prüfen sie dann selbst.",
                      "en": "You can still send the file; we will then check it ourselves.",
                      "ar": "يمكنكم إرسال الملف رغم ذلك؛ وسنتحقق منه بأنفسنا."},
    # --- the form page without JavaScript (pages/form_page.py) ----------------------------------
    "form_required": {"de": "Die PDF-Datei muss elektronisch unterschrieben sein, mit {level}. Ohne gültige Signatur nehmen wir den Antrag nicht an.",
                      "en": "The PDF must be electronically signed, with {level}. Without a valid signature we cannot accept the application.",
                      "ar": "يجب أن يكون ملف PDF موقَّعًا إلكترونيًا بـ{level}. لا يمكننا قبول الطلب من دون توقيع صالح."},
    "form_optional": {"de": "Ist Ihre PDF-Datei elektronisch unterschrieben, prüfen wir die Signatur und zeigen Ihnen das Ergebnis.",
                      "en": "If your PDF is electronically signed, we check the signature and show you the result.",
                      "ar": "إذا كان ملف PDF موقَّعًا إلكترونيًا، نتحقق من التوقيع ونعرض لكم النتيجة."},
    "what_is": {"de": "Eine elektronisch unterschriebene PDF-Datei trägt eine digitale Signatur: Sie zeigt, wer unterschrieben hat, und dass die Datei danach nicht verändert wurde. Sie erstellen sie zum Beispiel mit der Online-Ausweisfunktion Ihres Personalausweises und einem Signaturdienst oder mit einer Signaturkarte. Ein eingescannter Brief mit Unterschrift ist keine elektronische Signatur.",
                "en": "An electronically signed PDF carries a digital signature: it shows who signed it and that the file has not been changed since. You make one, for example, with your ID card's online function and a signing service, or with a signature card. A scanned letter with a handwritten signature is not an electronic signature.",
                "ar": "يحمل ملف PDF الموقَّع إلكترونيًا توقيعًا رقميًا يبيّن من وقّعه وأن الملف لم يتغيّر بعد ذلك. يمكنكم إنشاؤه مثلًا بوظيفة الهوية الإلكترونية في بطاقة الهوية مع خدمة توقيع، أو ببطاقة توقيع. الرسالة الممسوحة ضوئيًا بتوقيع بخط اليد ليست توقيعًا إلكترونيًا."},
    "someone": {"de": "der Unterzeichner", "en": "the signer", "ar": "الموقِّع"},
    "unknown_issuer": {"de": "unbekannt", "en": "unknown", "ar": "غير معروف"},
}


def t(key: str, lang: str, **values) -> str:
    entry = TEXT[key]
    return (entry.get(lang) or entry["de"]).format(**values)


def level_name(level: str | None, lang: str) -> str:
    entry = LEVEL.get(level or "advanced")
    return entry.get(lang) or entry["de"]


def form_hint(rule, lang: str) -> str:
    """What the form says about its signature rule, and what a signed PDF is."""
    key = "form_required" if rule.required else "form_optional"
    return t(key, lang, level=with_level(rule.level, lang)) + " " + t("what_is", lang)


def with_level(level: str | None, lang: str) -> str:
    entry = WITH_LEVEL.get(level or "advanced")
    return entry.get(lang) or entry["de"]


def _date(iso: str | None, lang: str) -> str:
    """``2026-11-24T…`` → 24.11.2026 (de) or 2026-11-24, isolated so it keeps its order in Arabic."""
    if not iso:
        return "?"
    day = iso[:10]
    if lang == "de" and len(day) == 10:
        day = f"{day[8:10]}.{day[5:7]}.{day[0:4]}"
    return f"\u2068{day}\u2069"


def _isolate(text: str) -> str:
    """Names and file names keep their own direction inside an Arabic sentence."""
    return f"\u2068{text}\u2069"


def describe(result: dict | None, rule, filename: str, lang: str) -> dict:
    """What the citizen is told about one checked upload."""
    name = _isolate(filename or "PDF")
    if rules.pending(result):
        return {"tone": "pending", "accepted": None, "message": t("checking", lang, name=name)}
    problem = rules.problem(result, rule)
    signer = _isolate(result.get("signer") or t("someone", lang))
    values = {"name": name, "signer": signer, "level": with_level(rule.level if rule else None, lang),
              "issuer": _isolate(result.get("issuer") or t("unknown_issuer", lang))}
    decisive = _decisive(result)
    if problem is None and result.get("state") == "valid":
        message = t("valid", lang, signer=signer, level=level_name(result.get("level"), lang))
        fields = decisive.get("changed_fields", []) + decisive.get("added_fields", [])
        if fields:
            message += " " + t("filled_in", lang, fields=", ".join(_isolate(f) for f in fields))
        return {"tone": "ok", "accepted": True, "message": message}
    if problem is None:  # optional rule: whatever it is, the file is accepted
        if result.get("state") == "unsigned":
            return {"tone": "notice", "accepted": True, "message": t("unsigned_optional", lang, name=name)}
        return {"tone": "notice", "accepted": True,
                "message": _problem_text(result.get("problem") or "error", values, decisive, result, lang)
                + " " + t("optional_note", lang)}
    return {"tone": "error", "accepted": False,
            "message": _problem_text(problem, values, decisive, result, lang)}


def _decisive(result: dict) -> dict:
    signatures = result.get("signatures") or []
    failing = [s for s in signatures if s.get("state") != "valid"]
    return (failing or signatures or [{}])[0]


def _problem_text(problem: str, values: dict, decisive: dict, result: dict, lang: str) -> str:
    certificate = decisive.get("certificate") or {}
    if problem == "level":
        return t("level", lang, **values, found=with_level(result.get("level"), lang))
    if problem == "expired":
        return t("expired", lang, **values, until=_date(certificate.get("valid_until"), lang))
    if problem == "not_yet_valid":
        return t("not_yet_valid", lang, **values, since=_date(certificate.get("valid_from"), lang))
    if problem == "revoked":
        return t("revoked", lang, **values,
                 revoked=_date((decisive.get("revocation") or {}).get("date"), lang))
    return t(problem if problem in TEXT else "error", lang, **values)
