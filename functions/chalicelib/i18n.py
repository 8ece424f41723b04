"""The function's own words in every site language (de, en, ar).

Field messages come from the contract (each field's ``messages``); these are the messages the
contract cannot know about (fill time, unknown fields, rate limit, location, attachments …) and the
words of the pages the function renders itself. A language without an entry falls back to German,
the site's default language in the contract.
"""

TEXT = {
    # --- error summary (GOV.UK pattern) ------------------------------------------------------
    "problem_title": {"de": "Es gibt ein Problem", "en": "There is a problem",
                      "ar": "هناك مشكلة"},
    "error_prefix": {"de": "Fehler:", "en": "Error:", "ar": "خطأ:"},
    # --- submission-level messages -------------------------------------------------------------
    "unknown_field": {"de": "Dieses Feld gehört nicht zum Formular: {name}",
                      "en": "This field is not part of the form: {name}",
                      "ar": "هذا الحقل ليس جزءًا من النموذج: {name}"},
    "too_fast": {"de": "Das ging sehr schnell. Prüfen Sie bitte Ihre Angaben und senden Sie das "
                       "Formular noch einmal ab.",
                 "en": "That was very quick. Check your answers and send the form again.",
                 "ar": "تم الإرسال بسرعة كبيرة. راجع بياناتك وأرسل النموذج مرة أخرى."},
    "form_incomplete": {"de": "Das Formular wurde nicht vollständig geladen. Laden Sie die Seite "
                              "neu und versuchen Sie es noch einmal.",
                        "en": "The form did not load completely. Reload the page and try again.",
                        "ar": "لم يتم تحميل النموذج بالكامل. أعد تحميل الصفحة وحاول مرة أخرى."},
    "consent_required": {"de": "Bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben",
                         "en": "Confirm that you have read the privacy notice",
                         "ar": "أكّد أنك قرأت إشعار الخصوصية"},
    "consent_label": {"de": "Ich habe die Datenschutzhinweise gelesen und bin mit der "
                            "Verarbeitung meiner Angaben einverstanden.",
                      "en": "I have read the privacy notice and agree to my information being "
                            "processed.",
                      "ar": "لقد قرأت إشعار الخصوصية وأوافق على معالجة بياناتي."},
    "location_legend": {"de": "Ort (freiwillig)", "en": "Location (optional)",
                        "ar": "الموقع (اختياري)"},
    "location_address": {"de": "Adresse oder Beschreibung des Ortes",
                         "en": "Address or description of the place",
                         "ar": "العنوان أو وصف المكان"},
    "location_lat": {"de": "Breitengrad", "en": "Latitude", "ar": "خط العرض"},
    "location_lon": {"de": "Längengrad", "en": "Longitude", "ar": "خط الطول"},
    "location_both": {"de": "Geben Sie Breiten- und Längengrad zusammen an oder keinen von beiden",
                      "en": "Enter both latitude and longitude, or neither",
                      "ar": "أدخل خط العرض وخط الطول معًا أو اتركهما فارغين"},
    "location_lat_invalid": {"de": "Geben Sie einen Breitengrad zwischen -90 und 90 ein",
                             "en": "Enter a latitude between -90 and 90",
                             "ar": "أدخل خط عرض بين ‎-90 و90"},
    "location_lon_invalid": {"de": "Geben Sie einen Längengrad zwischen -180 und 180 ein",
                             "en": "Enter a longitude between -180 and 180",
                             "ar": "أدخل خط طول بين ‎-180 و180"},
    "location_address_too_long": {"de": "Die Ortsangabe darf höchstens 300 Zeichen lang sein",
                                  "en": "The location must be 300 characters or fewer",
                                  "ar": "يجب ألا يزيد وصف الموقع على 300 حرف"},
    "attachments_label": {"de": "Dateien anhängen (freiwillig)",
                          "en": "Attach files (optional)",
                          "ar": "إرفاق ملفات (اختياري)"},
    "attachments_hint": {"de": "Bis zu {max_files} Dateien ({types}), je höchstens {size}.",
                         "en": "Up to {max_files} files ({types}), each up to {size}.",
                         "ar": "حتى {max_files} ملفات ({types})، بحد أقصى {size} لكل ملف."},
    "attachments_kept": {"de": "Bereits hochgeladene Dateien: {count}. Sie werden mitgesendet.",
                         "en": "Files already uploaded: {count}. They will be sent with the form.",
                         "ar": "الملفات التي تم تحميلها: {count}. سيتم إرسالها مع النموذج."},
    "attachments_too_many": {"de": "Sie können höchstens {max_files} Dateien anhängen",
                             "en": "You can attach up to {max_files} files",
                             "ar": "يمكنك إرفاق {max_files} ملفات كحد أقصى"},
    "attachment_unknown": {"de": "Eine angehängte Datei wurde nicht gefunden. Laden Sie sie "
                                 "bitte noch einmal hoch.",
                           "en": "An attached file could not be found. Upload it again.",
                           "ar": "لم يتم العثور على ملف مرفق. حمّله مرة أخرى."},
    "attachment_type": {"de": "Die Datei {name} muss vom Typ {types} sein",
                        "en": "The file {name} must be a {types}",
                        "ar": "يجب أن يكون الملف {name} من نوع {types}"},
    "attachment_too_large": {"de": "Die Datei {name} muss kleiner als {size} sein",
                             "en": "The file {name} must be smaller than {size}",
                             "ar": "يجب أن يكون حجم الملف {name} أقل من {size}"},
    "attachment_empty": {"de": "Die Datei {name} ist leer", "en": "The file {name} is empty",
                         "ar": "الملف {name} فارغ"},
    # --- generic field messages, used only if the contract lacks one --------------------------
    "field_required": {"de": "Füllen Sie dieses Feld aus", "en": "Fill in this field",
                       "ar": "املأ هذا الحقل"},
    "field_invalid": {"de": "Prüfen Sie diese Angabe", "en": "Check this answer",
                      "ar": "تحقق من هذه الإجابة"},
    "field_too_long": {"de": "Geben Sie höchstens {max_length} Zeichen ein",
                       "en": "Enter {max_length} characters or fewer",
                       "ar": "أدخل {max_length} حرفًا أو أقل"},
    "field_too_short": {"de": "Geben Sie mindestens {min_length} Zeichen ein",
                        "en": "Enter {min_length} characters or more",
                        "ar": "أدخل {min_length} أحرف على الأقل"},
    "field_pattern": {"de": "Prüfen Sie das Format dieser Angabe",
                      "en": "Check the format of this answer",
                      "ar": "تحقق من صيغة هذه الإجابة"},
    # --- request-level errors ----------------------------------------------------------------
    "too_large": {"de": "Ihre Angaben sind zu umfangreich, um sie zu senden. Kürzen Sie bitte "
                        "Ihren Text oder hängen Sie weniger Dateien an.",
                  "en": "What you entered is too large to send. Shorten your text or attach "
                        "fewer files.",
                  "ar": "البيانات التي أدخلتها كبيرة جدًا لإرسالها. اختصر النص أو أرفق ملفات أقل."},
    "rate_limited": {"de": "Sie haben in kurzer Zeit viele Formulare gesendet. Versuchen Sie es "
                           "in {minutes} Minuten noch einmal.",
                     "en": "You have sent many forms in a short time. Try again in {minutes} "
                           "minutes.",
                     "ar": "لقد أرسلت نماذج كثيرة في وقت قصير. حاول مرة أخرى بعد {minutes} دقيقة."},
    "unknown_form": {"de": "Dieses Formular gibt es nicht.", "en": "This form does not exist.",
                     "ar": "هذا النموذج غير موجود."},
    "bad_request": {"de": "Die Anfrage konnte nicht gelesen werden.",
                    "en": "The request could not be read.",
                    "ar": "تعذرت قراءة الطلب."},
    "bad_characters": {"de": "Dieser Text enthält ein unvollständiges Zeichen und kann nicht "
                             "gespeichert werden. Geben Sie ihn bitte noch einmal ein.",
                       "en": "This text contains an incomplete character and cannot be saved. "
                             "Type it again.",
                       "ar": "يحتوي هذا النص على حرف غير مكتمل ولا يمكن حفظه. اكتبه مرة أخرى."},
    "key_reused": {"de": "Dieses Formular wurde schon einmal mit anderen Angaben gesendet. Laden "
                         "Sie die Seite neu, um eine neue Anfrage zu senden.",
                   "en": "This form was already sent with different answers. Reload the page to "
                         "send a new request.",
                   "ar": "تم إرسال هذا النموذج من قبل ببيانات مختلفة. أعد تحميل الصفحة لإرسال طلب "
                         "جديد."},
    "unsupported_type": {"de": "Dieses Format nehmen wir nicht an.",
                         "en": "We do not accept this format.",
                         "ar": "لا نقبل هذا التنسيق."},
    "not_found": {"de": "Nicht gefunden.", "en": "Not found.", "ar": "غير موجود."},
    # --- pages --------------------------------------------------------------------------------
    "submit": {"de": "Absenden", "en": "Send", "ar": "إرسال"},
    "honeypot_label": {"de": "Dieses Feld bitte leer lassen",
                       "en": "Leave this field empty", "ar": "اترك هذا الحقل فارغًا"},
    "back_to_form": {"de": "Zurück zum Formular", "en": "Back to the form",
                     "ar": "العودة إلى النموذج"},
    "page_error_title": {"de": "Fehler", "en": "Error", "ar": "خطأ"},
    "status_title": {"de": "Stand Ihrer Anfrage", "en": "Status of your request",
                     "ar": "حالة طلبك"},
    "reference": {"de": "Referenz", "en": "Reference", "ar": "الرقم المرجعي"},
    "thanks_title": {"de": "Vielen Dank, Ihre Nachricht ist eingegangen",
                     "en": "Thank you, we have received your message",
                     "ar": "شكرًا لكم، لقد استلمنا رسالتكم"},
    "thanks_reference": {"de": "Ihre Referenznummer", "en": "Your reference number",
                         "ar": "رقمكم المرجعي"},
    "thanks_bookmark": {"de": "Speichern Sie diese Seite als Lesezeichen: Hier sehen Sie jederzeit, wie weit Ihre "
                              "Anfrage ist. Wenn Sie eine E-Mail-Adresse angegeben haben, erhalten Sie auch eine Bestätigung.",
                        "en": "Bookmark this page to see how your request is progressing at any time. If you gave "
                              "an email address, you will also receive a confirmation.",
                        "ar": "احفظوا هذه الصفحة في المفضلة لمتابعة حالة طلبكم في أي وقت. إذا أدخلتم بريدًا إلكترونيًا "
                              "فستصلكم رسالة تأكيد أيضًا."},
    "back_to_site": {"de": "Zurück zur Startseite", "en": "Back to the home page",
                     "ar": "العودة إلى الصفحة الرئيسية"},
    "received_on": {"de": "Eingegangen am", "en": "Received on", "ar": "تاريخ الاستلام"},
    "status": {"de": "Stand", "en": "Status", "ar": "الحالة"},
    "status_received": {"de": "Eingegangen", "en": "Received", "ar": "تم الاستلام"},
    "status_in_progress": {"de": "In Bearbeitung", "en": "In progress", "ar": "قيد المعالجة"},
    "status_answered": {"de": "Beantwortet", "en": "Answered", "ar": "تم الرد"},
    "office_message": {"de": "Nachricht der Behörde", "en": "Message from the office",
                       "ar": "رسالة من الجهة المختصة"},
    "office_answer": {"de": "Antwort von {office}", "en": "Answer from {office}",
                      "ar": "ردّ من {office}"},
    "answer_sent_on": {"de": "Gesendet am {date}", "en": "Sent on {date}",
                       "ar": "أُرسل بتاريخ {date}"},
    "answer_documents": {"de": "Dokumente zum Herunterladen", "en": "Documents to download",
                         "ar": "مستندات للتنزيل"},
    "document_link": {"de": "{name} (PDF, {size})", "en": "{name} (PDF, {size})",
                      "ar": "{name} (PDF، {size})"},
}


def t(key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` (German if missing), with ``{placeholders}`` filled."""
    entry = TEXT[key]
    template = entry.get(lang) or entry["de"]
    return template.format(**values) if values else template


def choose(requested, languages, default: str) -> str:
    """The submission's ``lang`` if the site has it, else the default language."""
    if isinstance(requested, str):
        requested = requested.strip().lower()
        if requested in languages:
            return requested
        base = requested.split("-")[0]
        if base in languages:
            return base
    return default


def from_accept_language(header: str | None, languages, default: str) -> str:
    """Best site language from ``Accept-Language`` (for errors before the body is read)."""
    best, best_q = default, -1.0
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang = tag.strip().lower().split("-")[0]
        # Earlier entries win ties, as browsers list languages in order of preference.
        if lang in languages and q > best_q:
            best, best_q = lang, q - position * 1e-6
    return best


def human_size(size: int, lang: str) -> str:
    """``10 MB`` / ``500 KB``, with the decimal comma in German."""
    if size >= 1024 * 1024:
        number, unit = size / (1024 * 1024), "MB"
    else:
        number, unit = size / 1024, "KB"
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    if lang == "de":
        text = text.replace(".", ",")
    return f"{text} {unit}"


def type_names(types) -> str:
    """``PDF, JPEG, PNG`` from MIME types."""
    names = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
    return ", ".join(names.get(t, t) for t in types)
