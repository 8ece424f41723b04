"""The catalogue model: every file an editor writes, declared once as types.

The validator, the JSON Schema that editors' IDEs use (``civicat schema``), the field reference in
``docs/catalogue.md`` and the forms contract are all derived from these classes. Each field's
docstring is its documentation; the mapping to FIM/XZuFi, schema.org and CPSV-AP is in
``docs/mapping.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .types import (
    Count,
    Date,
    Email,
    LangCode,
    LeikaKey,
    Money,
    NonEmpty,
    Phone,
    Slug,
    Text,
    TimeSpans,
    Url,
)

if TYPE_CHECKING:
    from .. import hours


class Strict(BaseModel):
    """Base of every catalogue object: unknown keys are errors (a typo must never pass silently)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=False)


# --------------------------------------------------------------------------- site


class Contact(Strict):
    phone: Phone | None = None
    """Phone number, international notation preferred: +49 3621 214-0."""
    email: Email | None = None
    """E-mail address."""
    fax: Phone | None = None
    """Fax number, if the office still has one."""
    hours: Text | None = None
    """When this contact can be reached, in words (e.g. "Mon–Fri 8–12")."""


class Address(Strict):
    street: str
    """Street and number, e.g. "Marktplatz 1"."""
    postal_code: Annotated[str, Field(pattern=r"^[0-9]{4,5}$")]
    """Postal code (PLZ), in quotes: "99867"."""
    locality: str
    """Town or village, e.g. "Hainbach"."""
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = "DE"
    """Two-letter country code."""


class SitePages(Strict):
    imprint: str = "impressum"
    """File name (without .md) in catalogue/pages/ of the imprint (Impressum)."""
    privacy: str = "datenschutz"
    """File name of the privacy statement (Datenschutzerklärung)."""
    accessibility: str = "barrierefreiheit"
    """File name of the accessibility statement (Erklärung zur Barrierefreiheit)."""
    easy_language: str = "leichte-sprache"
    """File name of the easy-language page (Leichte Sprache)."""
    sign_language: str = "gebaerdensprache"
    """File name of the sign-language page (Gebärdensprache)."""


class Licence(Strict):
    name: Text
    """Name of the licence as people know it, e.g. "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    or "Creative Commons Attribution 4.0 International (CC BY 4.0)"."""
    url: Url
    """Address of the licence text, e.g. https://www.govdata.de/dl-de/by-2-0 or
    https://creativecommons.org/licenses/by/4.0/."""
    attribution: str | None = None
    """How users must name the source, e.g. "Landkreis Hainbach, service.landkreis-hainbach.de"."""


class Site(Strict):
    """catalogue/site.yaml: the municipality and the site as a whole."""

    name: Text
    """Name of the municipality as citizens know it, e.g. "Landkreis Hainbach"."""
    short_name: str | None = None
    """Short name for narrow screens and mail subjects."""
    default_language: LangCode = "de"
    """Language every required text must be written in; other languages fall back to it."""
    languages: Annotated[list[LangCode], NonEmpty] = ["de"]
    """Languages of the site, default language first, e.g. [de, en, ar]."""
    region: Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
    """Country and state for public holidays (ISO 3166-2), e.g. DE-TH for Thuringia."""
    timezone: str = "Europe/Berlin"
    """Time zone of the offices; "open now" is computed in it, not in the visitor's."""
    base_url: Url
    """Public address of the site, e.g. https://service.landkreis-hainbach.de/."""
    forms_api_url: str = "/api"
    """Where the forms post to: /api on the site's own address, locally and on AWS (CloudFront passes it on)."""
    reference_prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")] = "REF"
    """Prefix of submission reference numbers, e.g. HBN gives HBN-2026-4F7KQ."""
    contact: Contact
    """Central contact of the administration."""
    address: Address
    """Postal address of the administration."""
    main_office: Slug | None = None
    """Id of the office shown as the main point of contact."""
    pages: SitePages = SitePages()
    """Legal pages required of public bodies, as Markdown files in catalogue/pages/."""
    description: Text | None = None
    """One or two sentences for search engines and the home page."""
    logo: str | None = None
    """Path of the logo image inside catalogue/assets/, if any."""
    open_data_licence: Licence | None = None
    """Licence of the open data files every build publishes (the catalogue as JSON, CSV, CPSV-AP,
    the offices' calendars), shown on the "Open data" page and in their DCAT-AP description.
    Without it the files are published with "no licence stated", which keeps others from reusing them."""


# --------------------------------------------------------------------------- offices


class Geo(Strict):
    lat: Annotated[float, Field(ge=-90, le=90)]
    """Latitude in decimal degrees, e.g. 50.9271."""
    lon: Annotated[float, Field(ge=-180, le=180)]
    """Longitude in decimal degrees, e.g. 10.7412."""


class Closure(Strict):
    start: Date
    """First closed day, e.g. 2026-12-24."""
    end: Date | None = None
    """Last closed day (inclusive); leave out for a single day."""
    reason: Text
    """Why the office is closed, shown to citizens (e.g. "Christmas closure")."""
    hours: TimeSpans | None = None
    """Special opening times on these days instead of closing all day, as OpenStreetMap times:
    "09:00-11:00", or "09:00-11:00,14:00-15:00". Leave out when the office is closed."""


class Accessibility(Strict):
    step_free: bool | None = None
    """Entrance and service rooms reachable without steps (ramp or lift)."""
    accessible_toilet: bool | None = None
    """An accessible toilet is available."""
    hearing_loop: bool | None = None
    """An induction loop for hearing aids is available at the counter."""
    accessible_parking: bool | None = None
    """Disabled parking spaces near the entrance."""
    notes: Text | None = None
    """Anything else visitors with disabilities should know."""


class OfficeContact(Contact):
    role: Text
    """A team or role, not a person's name: e.g. "Bürgerbüro team", "Kfz-Zulassung"."""


class Office(Strict):
    """catalogue/offices/<id>.yaml: a place citizens can go to (GovernmentOffice)."""

    id: Slug | None = None
    """Id used in references; defaults to the file name."""
    name: Text
    """Name of the office, e.g. "Bürgerbüro Hainbach"."""
    kind: Literal["district-office", "town-hall", "citizens-office", "service-point", "other"] = "other"
    """Kind of office."""
    description: Text | None = None
    """What citizens can do here, in one or two sentences."""
    address: Address
    """Street address."""
    geo: Geo | None = None
    """Location, for the OpenStreetMap link and JSON-LD."""
    contact: Contact = Contact()
    """Phone and e-mail of the office."""
    opening_hours: str
    """Opening hours in OpenStreetMap syntax, e.g. "Mo-Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off"."""
    open_at_night: bool = False
    """True for a service open at night or over midnight: its hours past 24:00 and days longer
    than 14 hours are then meant, not mistakes."""
    hours_note: Text | None = None
    """A note shown under the hours, e.g. "Appointments recommended"."""
    appointment_url: Url | None = None
    """Online appointment booking, if any."""
    closures: list[Closure] = []
    """Extra closed days beyond public holidays (Christmas, staff training)."""
    contacts: list[OfficeContact] = []
    """Teams and their direct lines."""
    accessibility: Accessibility = Accessibility()
    """Accessibility of the building."""
    localities: list[str] = []
    """Towns and villages this office serves."""
    public_transport: Text | None = None
    """How to get there by bus or train."""

    def schedule(self, site: "Site", lang: str | None = None) -> "hours.Schedule":
        """These hours as ``civicat.hours`` evaluates them, closure reasons in ``lang`` (the
        site's default language when None)."""
        from .. import hours
        from .text import localize

        lang = lang or site.default_language
        closures = []
        for c in self.closures:
            reason = localize(c.reason, lang, site.default_language)
            closures.append(hours.Closure(c.start, c.end or c.start, reason.text if reason else "", c.hours or "",
                                          reason.lang if reason and reason.fallback else ""))
        return hours.Schedule(self.opening_hours, site.region, site.timezone, tuple(closures))


# --------------------------------------------------------------------------- services


class Document(Strict):
    name: Text
    """What to bring, e.g. "Valid passport or ID card"."""
    note: Text | None = None
    """Details: which copies, originals, when it is not needed."""
    required: bool = True
    """False for documents needed only in some cases."""


class Cost(Strict):
    label: Text
    """What the fee is for, e.g. "ID card, applicant 24 or older"."""
    amount: Money | None = None
    """Amount in euros, e.g. 37.00. Leave it out when there is no fixed amount and explain in `note`."""
    amount_to: Money | None = None
    """Upper end of a range, e.g. amount 30.00 and amount_to 400.00."""
    note: Text | None = None
    """Exemptions, reductions, how to pay."""


class LegalBasis(Strict):
    title: Text
    """Short citation, e.g. "§ 9 Personalausweisgesetz (PAuswG)"."""
    url: Url | None = None
    """Link to the law, e.g. on gesetze-im-internet.de."""


class OnlineService(Strict):
    url: Url
    """Address of the online application."""
    label: Text | None = None
    """Text of the button, e.g. "Apply online at the state portal"."""


class Service(Strict):
    """catalogue/services/<id>.yaml: something a citizen can ask the administration for."""

    id: Slug | None = None
    """Id used in references and the page address; defaults to the file name."""
    leika: LeikaKey | None = None
    """Key of the service in the federal catalogue (LeiKa/FIM), 14 digits in quotes."""
    title: Text
    """Name of the service in citizens' words, e.g. "Apply for an ID card"."""
    summary: Text
    """One or two sentences: what it is and who needs it. Shown in lists and search results."""
    description: Text | None = None
    """Full explanation (Markdown allowed)."""
    prerequisites: list[Text] = []
    """Conditions the applicant must meet (Voraussetzungen)."""
    documents: list[Document] = []
    """Documents to bring or upload (Erforderliche Unterlagen)."""
    costs: list[Cost] = []
    """Fees (Kosten). Leave empty and set `free: true` for free services."""
    free: bool = False
    """True when the service costs nothing."""
    procedure: list[Text] = []
    """Steps of the procedure in order (Verfahrensablauf)."""
    processing_time: Text | None = None
    """How long it takes (Bearbeitungsdauer), e.g. "3 to 4 weeks"."""
    deadlines: Text | None = None
    """Deadlines the citizen must keep (Fristen)."""
    legal_basis: list[LegalBasis] = []
    """Laws and regulations (Rechtsgrundlage)."""
    redress: Text | None = None
    """What to do if the application is refused (Rechtsbehelf)."""
    hints: Text | None = None
    """Further hints (Hinweise), e.g. special cases."""
    offices: Annotated[list[Slug], NonEmpty]
    """Ids of the offices where the service is provided; the first is the main one."""
    forms: list[Slug] = []
    """Ids of the civicat forms to apply with."""
    online: OnlineService | None = None
    """An external online service to apply with (e.g. the state portal)."""
    in_person: bool = True
    """Whether the citizen can (or must) come in person."""
    appointment_required: bool = False
    """Whether an appointment is required."""
    topics: list[Slug] = []
    """Ids of topics from topics.yaml."""
    life_situations: list[Slug] = []
    """Ids of life situations from topics.yaml."""
    audiences: list[Slug] = []
    """Ids of audiences from topics.yaml (young people, seniors, families …)."""
    keywords: list[Text] = []
    """Search words, including colloquial synonyms ("Perso", "Ummeldung")."""
    related: list[Slug] = []
    """Ids of related services."""
    online_maturity: Annotated[int, Field(ge=0, le=4)] | None = None
    """Online maturity (OZG level 0–4): 0 information only … 4 fully online."""
    easy_language: Text | None = None
    """The same explanation in easy language (Leichte Sprache)."""
    popularity: Annotated[int, Field(ge=0, le=100)] = 0
    """0–100: how often citizens ask for it; the most used are listed on the home page."""
    last_reviewed: Date
    """When an editor last checked this page's facts."""


# --------------------------------------------------------------------------- forms


FieldType = Literal[
    "text", "textarea", "email", "tel", "number", "date", "select", "radio", "checkbox", "checkboxes", "postcode"
]


class Option(Strict):
    value: Slug
    """Value stored and sent to the office, e.g. "waste"."""
    label: Text
    """What the citizen sees."""


class FormField(Strict):
    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    """Name of the field in submissions and exports: lower case, digits, underscores."""
    type: FieldType = "text"
    """Kind of input."""
    label: Text
    """Label shown above the input."""
    hint: Text | None = None
    """Help text under the label."""
    required: bool = False
    """Whether the field must be filled."""
    min_length: Count | None = None
    """Fewest characters (text fields)."""
    max_length: Count | None = None
    """Most characters (text fields); shows a character count for long texts."""
    min: float | None = None
    """Smallest number (number fields)."""
    max: float | None = None
    """Largest number (number fields)."""
    pattern: str | None = None
    """Regular expression the whole value must match."""
    pattern_message: Text | None = None
    """Message shown when the pattern does not match, in the citizen's words."""
    options: list[Option] = []
    """Choices for select, radio and checkboxes fields."""
    autocomplete: str | None = None
    """HTML autocomplete token, e.g. "email", "name", "street-address"."""
    width: Literal["short", "medium", "long"] = "long"
    """Width of the input: match the expected answer length."""


class Privacy(Strict):
    purpose: Text
    """Why the data is processed (GDPR Art. 13 (1) c)."""
    legal_basis: Text
    """Legal basis, e.g. "Art. 6 (1) e GDPR with § 3 ThürVwVfG"."""
    controller: Text | None = None
    """Controller; defaults to the site's name and address."""
    recipients: Text | None = None
    """Who else receives the data, if anyone."""


class Attachments(Strict):
    max_files: Annotated[int, Field(ge=1, le=10)] = 3
    """How many files a citizen may attach."""
    max_size_mb: Annotated[float, Field(gt=0, le=25)] = 10
    """Largest file in megabytes."""
    types: list[Literal["pdf", "jpeg", "png"]] = ["pdf", "jpeg", "png"]
    """Allowed file types."""
    label: Text | None = None
    """What to attach, e.g. "Photo of the damaged street light"."""
    signature: Literal["none", "optional", "required"] = "none"
    """Whether attached PDFs must be electronically signed (PAdES): "required" refuses an
    application without a valid signature, "optional" checks and shows the signature of every PDF
    but accepts unsigned ones, "none" does not check. Needs "pdf" in types."""
    signature_level: Literal["advanced", "qualified"] = "advanced"
    """Lowest signature level accepted where a signature is required: "advanced" (a valid
    signature whose certificate leads to one of the municipality's trust anchors) or "qualified"
    (a qualified electronic signature or seal under eIDAS, which replaces a handwritten signature,
    e.g. for an objection under § 3a VwVfG)."""


class Form(Strict):
    """catalogue/forms/<id>.yaml: a form citizens submit to an office."""

    id: Slug | None = None
    """Id used in references and the form's address; defaults to the file name."""
    kind: Literal["contact", "feedback", "application", "accessibility"] = "contact"
    """Kind of form: contact, feedback (ideas & complaints), application, accessibility."""
    title: Text
    """Title of the form page."""
    intro: Text | None = None
    """Introduction above the form."""
    fields: Annotated[list[FormField], NonEmpty]
    """The questions, in order."""
    recipient: Slug
    """Id of the office that receives submissions."""
    recipient_email: Email | None = None
    """Mailbox for submissions; defaults to the office's e-mail."""
    reference_prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")] | None = None
    """Prefix of reference numbers; defaults to the site's."""
    service_code: Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,40}$")] | None = None
    """Open311 service code for ideas and complaints; defaults to the form id."""
    privacy: Privacy
    """Privacy notice shown with the form (GDPR Art. 13)."""
    retention_days: Annotated[int, Field(ge=1, le=3650)]
    """Days after which a submission is deleted."""
    consent: Text | None = None
    """Consent checkbox text, where consent is the legal basis."""
    location: bool = False
    """Whether citizens may give a location (address or coordinates)."""
    attachments: Attachments | None = None
    """Whether citizens may attach files, and which."""
    confirmation: bool = True
    """Whether a citizen who gives an e-mail address gets a confirmation."""
    service: Slug | None = None
    """Id of the service this form applies for, if any."""
    thank_you: Text | None = None
    """What happens next, shown under the reference number once the form is sent (in place with
    the script, on the function's status page without)."""
    target_days: Annotated[int, Field(ge=1, le=365)] | None = None
    """Working days within which the office aims to answer (weekends and the state's public holidays
    do not count); the staff inbox marks submissions that are older as overdue."""


# --------------------------------------------------------------------------- topics


class Term(Strict):
    id: Slug
    """Id used in services' topics, life_situations and audiences."""
    title: Text
    """Name shown to citizens."""
    description: Text | None = None
    """One sentence shown under the name."""
    icon: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")] | None = None
    """Material icon name (without prefix), e.g. "car"."""


class Topics(Strict):
    """catalogue/topics.yaml: the ways citizens look for services."""

    topics: Annotated[list[Term], NonEmpty]
    """Subject areas, e.g. "Vehicles and driving"."""
    life_situations: list[Term] = []
    """Life situations, e.g. "Moving house", "Having a baby"."""
    audiences: list[Term] = []
    """Groups of citizens, e.g. "Seniors", "Families"."""


KINDS: dict[str, type[Strict]] = {"office": Office, "service": Service, "form": Form}
"""The catalogue folders that hold one file per object, by kind."""
