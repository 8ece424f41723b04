"""CSV export of one form's submissions, safe to open in a spreadsheet.

Spreadsheets run cells that start with ``=``, ``+``, ``-`` or ``@`` (and, in some, tab or CR) as
formulas — "CSV injection". Every such cell gets a leading apostrophe, which spreadsheets show as
text and hide. A ``-5`` typed by a citizen therefore appears as text, which is the safe choice.
The file starts with a UTF-8 byte order mark so that Excel reads umlauts correctly.
"""
import csv
import io

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "ja" if value else "nein"
    elif isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS_STARTS) else text


def columns(form) -> list:
    names = ["reference", "created_at", "updated_at", "status", "lang"]
    names += [field.name for field in form.fields]
    if form.location:
        names += ["location_address", "location_lat", "location_lon"]
    if form.attachments:
        names.append("attachments")
    names += ["office_message", "notification_office"]
    return names


def row(form, submission) -> list:
    location = submission.location or {}
    values = {"reference": submission.reference, "created_at": submission.created_at,
              "updated_at": submission.updated_at, "status": submission.status,
              "lang": submission.lang, **submission.data,
              "location_address": location.get("address"), "location_lat": location.get("lat"),
              "location_lon": location.get("lon"), "attachments": submission.attachments,
              "office_message": submission.message,
              "notification_office": submission.notifications.get("office", {}).get("state")}
    return [neutralise(values.get(name)) for name in columns(form)]


def export(form, submissions) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(form))
    for submission in submissions:
        writer.writerow(row(form, submission))
    return buffer.getvalue()
