"""``civicat new``: commented starting files for editors.

Where only the editor can write the text, the file says "TODO …": ``civicat validate`` reports
each placeholder left in as an error, so a half-written page never goes live.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .schema import modeline
from .source import read
from .types import SLUG_RE

FOLDERS = {"service": "services", "office": "offices", "form": "forms"}

SERVICE = """{modeline}
# A service: something citizens can ask the administration for. Every key is explained in
# docs/catalogue.md; your editor completes keys and flags mistakes through the schema above.
# Texts are German by default; add translations as a map:  title: {{de: "…", en: "…"}}

title:
  de: "TODO Titel der Leistung in Bürgersprache"
  en: "TODO Title of the service in plain words"
summary:
  de: "TODO Ein bis zwei Sätze: was ist das und wer braucht es?"
  en: "TODO One or two sentences: what it is and who needs it."
# description: |
#   Longer explanation, Markdown allowed.
prerequisites: []        # - "Sie wohnen im Landkreis."
documents: []            # - name: "Personalausweis"
costs: []                # fees, each like this:
#   - label: "Gebühr"
#     amount: 12.50
free: true               # remove when you list costs
procedure: []            # - "Antrag stellen" (steps in order)
# processing_time: "etwa 2 Wochen"
# deadlines: "…"
legal_basis: []          # laws, each like this:
#   - title: "§ 1 Beispielgesetz"
#     url: https://www.gesetze-im-internet.de/…
offices: [{office}]      # ids from catalogue/offices/, the main office first
forms: []                # ids from catalogue/forms/
topics: []               # ids from topics.yaml
life_situations: []
audiences: []
keywords: []             # words citizens search for, including colloquial ones
related: []              # ids of related services
last_reviewed: {today}   # the day you checked the facts with the office
"""

OFFICE = """{modeline}
# An office citizens can visit. Every key is explained in docs/catalogue.md.
name:
  de: "TODO Name der Dienststelle"
  en: "TODO Name of the office"
kind: other              # district-office, town-hall, citizens-office, service-point or other
address:
  street: "TODO Straße 1"
  postal_code: "{postal_code}"
  locality: "{locality}"
contact:
  phone: "{phone}"
  email: "{email}"
# Opening hours in OpenStreetMap syntax. A later rule for a day replaces that whole day, so give
# each day's times in ONE rule:  Mo-We,Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off
opening_hours: "Mo-Fr 08:00-12:00; PH off"
closures: []             # closed days, or special hours on some days, each like this:
#   - start: 2026-12-24
#     end: 2026-12-31
#     reason: "Weihnachten"
#     hours: "09:00-11:00"   # only when it opens at special times on these days
contacts: []             # teams or roles, not people's names: - role: "Bürgerbüro-Team"
accessibility:
  step_free: null        # true / false once checked
localities: []           # towns and villages this office serves
"""

FORM = """{modeline}
# A form citizens submit. Every key is explained in docs/catalogue.md.
kind: contact            # contact, feedback, application or accessibility
title:
  de: "TODO Titel des Formulars"
  en: "TODO Title of the form"
recipient: {office}      # id of the office that receives submissions
retention_days: 180      # submissions are deleted after this many days
privacy:
  purpose: "TODO Wofür die Angaben verwendet werden."
  legal_basis: "Art. 6 Abs. 1 lit. e DSGVO"
fields:
  - name: name
    label: {{de: "Ihr Name", en: "Your name"}}
    required: true
    max_length: 200
    autocomplete: name
  - name: email
    type: email
    label: {{de: "E-Mail-Adresse", en: "Email address"}}
    hint: {{de: "Für Rückfragen und die Eingangsbestätigung.", en: "For questions and your confirmation."}}
    autocomplete: email
  - name: message
    type: textarea
    label: {{de: "Ihre Nachricht", en: "Your message"}}
    required: true
    max_length: 2000
"""


def create(root: Path, kind: str, new_id: str) -> Path:
    """Write a starting file for ``kind`` with id ``new_id``; returns its path."""
    if not SLUG_RE.match(new_id):
        raise ValueError(f'"{new_id}" is not a valid id — use lower-case letters, digits and hyphens, e.g. dog-tax')
    folder = root / FOLDERS[kind]
    if not (root / "site.yaml").exists():
        raise FileNotFoundError(f"{root}/site.yaml not found — run this in a catalogue folder or pass --dir")
    existing = [p for p in folder.rglob(f"{new_id}.y*ml")] if folder.exists() else []
    if existing:
        raise FileExistsError(f"{existing[0]} already exists — choose another id or edit that file")
    office = _main_office(root)
    site = read(str(root / "site.yaml"), (root / "site.yaml").read_text(encoding="utf-8"))[0].data or {}
    address = site.get("address") or {}
    contact = site.get("contact") or {}
    text = {"service": SERVICE, "office": OFFICE, "form": FORM}[kind].format(
        modeline=modeline(kind, 1), office=office, today=dt.date.today().isoformat(),
        postal_code=address.get("postal_code", "00000"), locality=address.get("locality", "TODO"),
        phone=contact.get("phone", "+49 30 0000-0"), email=contact.get("email", "info@example.de"),
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{new_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _main_office(root: Path) -> str:
    site = read(str(root / "site.yaml"), (root / "site.yaml").read_text(encoding="utf-8"))[0].data or {}
    if isinstance(site, dict) and isinstance(site.get("main_office"), str):
        return site["main_office"]
    offices = sorted((root / "offices").glob("*.yaml")) if (root / "offices").is_dir() else []
    if not offices:
        raise FileNotFoundError("there is no office yet — create one first with `civicat new office ID`")
    return offices[0].stem
