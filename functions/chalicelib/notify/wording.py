"""The words of the mails. The office reads the site's default language; citizens their own."""

MAIL_TEXT = {
    "office_subject": {"de": "[{reference}] {form} – neue Einreichung",
                       "en": "[{reference}] {form} – new submission",
                       "ar": "[{reference}] {form} – طلب جديد"},
    "office_intro": {"de": "Über das Formular „{form}“ ist eine neue Einreichung eingegangen.",
                     "en": "A new submission has arrived through the form “{form}”.",
                     "ar": "وصل طلب جديد عبر نموذج «{form}»."},
    "office_reply": {"de": "Mit „Antworten“ schreiben Sie direkt an die absendende Person.",
                     "en": "Use “Reply” to write directly to the sender.",
                     "ar": "استخدم «رد» للكتابة مباشرة إلى المرسل."},
    "office_no_reply": {"de": "Die Person hat keine E-Mail-Adresse angegeben.",
                        "en": "The sender did not give an email address.",
                        "ar": "لم يقدم المرسل عنوان بريد إلكتروني."},
    "received": {"de": "Eingegangen", "en": "Received", "ar": "تاريخ الاستلام"},
    "language": {"de": "Sprache", "en": "Language", "ar": "اللغة"},
    "reference": {"de": "Referenz", "en": "Reference", "ar": "الرقم المرجعي"},
    "location": {"de": "Ort", "en": "Location", "ar": "الموقع"},
    "map": {"de": "Karte", "en": "Map", "ar": "الخريطة"},
    "media_url": {"de": "Foto (Link, über Open311 gesendet)",
                  "en": "Photo (link, sent through Open311)",
                  "ar": "صورة (رابط، أُرسل عبر Open311)"},
    "attachments": {"de": "Anhänge", "en": "Attachments", "ar": "المرفقات"},
    "attachments_where": {"de": "Abrufbar über die Staff-API: {path}",
                          "en": "Available through the staff API: {path}",
                          "ar": "متاحة عبر واجهة الموظفين: {path}"},
    "yes": {"de": "Ja", "en": "Yes", "ar": "نعم"},
    "no": {"de": "Nein", "en": "No", "ar": "لا"},
    "confirm_subject": {"de": "Ihre Nachricht ist eingegangen ({reference})",
                        "en": "We have received your message ({reference})",
                        "ar": "تم استلام رسالتك ({reference})"},
    "greeting": {"de": "Guten Tag,", "en": "Hello,", "ar": "مرحبًا،"},
    "confirm_body": {"de": "vielen Dank. Ihre Nachricht über das Formular „{form}“ ist bei "
                           "{office} eingegangen.",
                     "en": "thank you. Your message sent with the form “{form}” has reached "
                           "{office}.",
                     "ar": "شكرًا لك. وصلت رسالتك المرسلة عبر نموذج «{form}» إلى {office}."},
    "your_reference": {"de": "Ihre Referenz: {reference}", "en": "Your reference: {reference}",
                       "ar": "رقمك المرجعي: {reference}"},
    "status_link": {"de": "Den Stand Ihrer Anfrage sehen Sie hier:",
                    "en": "You can see the status of your request here:",
                    "ar": "يمكنك متابعة حالة طلبك هنا:"},
    "automatic": {"de": "Diese Nachricht wurde automatisch erstellt. Wenn Sie das Formular nicht "
                        "ausgefüllt haben, können Sie sie ignorieren.",
                  "en": "This message was sent automatically. If you did not fill in the form, "
                        "you can ignore it.",
                  "ar": "تم إرسال هذه الرسالة تلقائيًا. إذا لم تملأ النموذج، يمكنك تجاهلها."},
    "answer_subject": {"de": "Neuigkeiten zu Ihrer Anfrage ({reference})",
                       "en": "Update on your request ({reference})",
                       "ar": "مستجدات بشأن طلبك ({reference})"},
    "answered_subject": {"de": "Antwort auf Ihre Anfrage ({reference})",
                         "en": "Answer to your request ({reference})",
                         "ar": "ردّ على طلبك ({reference})"},
    "answered_body": {"de": "{office} hat Ihre Anfrage {reference} beantwortet.",
                      "en": "{office} has answered your request {reference}.",
                      "ar": "ردّ {office} على طلبك {reference}."},
    "answered_link": {"de": "Die Antwort und alle Dokumente dazu finden Sie auf Ihrer Statusseite:",
                      "en": "You find the answer and any documents with it on your status page:",
                      "ar": "تجد الرد وأي مستندات مرفقة به في صفحة الحالة الخاصة بك:"},
    "welcome_subject": {"de": "Ihr Zugang zur Sachbearbeitung – {site}",
                        "en": "Your access to casework – {site}"},
    "welcome_body": {"de": "für Sie ({name}) ist ein Zugang zur Sachbearbeitung eingerichtet. "
                           "Legen Sie über diesen Link Ihr Passwort fest:",
                     "en": "an account for casework has been set up for you ({name}). Choose "
                           "your password with this link:"},
    "welcome_expiry": {"de": "Der Link gilt 72 Stunden und nur einmal.",
                       "en": "The link is valid for 72 hours and can be used once."},
    "answer_body": {"de": "der Stand Ihrer Anfrage {reference} ist jetzt: {status}.",
                    "en": "the status of your request {reference} is now: {status}.",
                    "ar": "حالة طلبك {reference} الآن: {status}."},
}


def w(key: str, lang: str, **values) -> str:
    entry = MAIL_TEXT[key]
    template = entry.get(lang) or entry["de"]
    return template.format(**values) if values else template
