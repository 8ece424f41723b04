"""schema.org JSON-LD of the pages: GovernmentService, GovernmentOffice, BreadcrumbList.

Property choices follow schema.org: a service's offices are ``availableChannel`` →
``ServiceChannel`` → ``serviceLocation``; an office's closures are
``specialOpeningHoursSpecification`` entries with opens = closes = 00:00 (closed all day), or with
the special hours of that day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .offices import CLOSURES_DAYS

if TYPE_CHECKING:
    from .context import PageContext
    from .page import Crumb

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def breadcrumbs(p: "PageContext", crumbs: list["Crumb"]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": c.title, "item": p.absolute(c.path)}
            for n, c in enumerate(crumbs, start=1)
        ],
    }


def _address(address: Any) -> dict[str, Any]:
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "postalCode": address.postal_code,
        "addressLocality": address.locality,
        "addressCountry": address.country,
    }


def office(p: "PageContext", oid: str, *, full: bool = True) -> dict[str, Any]:
    from .. import hours

    o = p.site.cat.offices[oid]
    data: dict[str, Any] = {
        "@type": "GovernmentOffice",
        "@id": p.absolute(f"dienststellen/{oid}/") + "#office",
        "name": p.plain(o.name),
        "url": p.absolute(f"dienststellen/{oid}/"),
        "address": _address(o.address),
    }
    if o.contact.phone:
        data["telephone"] = o.contact.phone
    if o.contact.email:
        data["email"] = o.contact.email
    if not full:
        return data
    data["@context"] = "https://schema.org"
    if o.description:
        data["description"] = p.plain(o.description)
    if o.geo:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": o.geo.lat, "longitude": o.geo.lon}
        data["hasMap"] = f"https://www.openstreetmap.org/?mlat={o.geo.lat:.5f}&mlon={o.geo.lon:.5f}"
    if o.contact.fax:
        data["faxNumber"] = o.contact.fax
    specs = []
    irregular = hours.irregular_weekdays(o.opening_hours)
    for index, ranges in enumerate(hours.weekly_table(o.opening_hours)):
        if index in irregular:
            continue  # "every Saturday" would be false for a first-Saturday opening; the page says it in words
        for opens, closes in ranges:
            specs.append({"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{DAYS[index]}",
                          "opens": opens, "closes": "23:59" if closes == "24:00" else closes})
    data["openingHoursSpecification"] = specs
    special = []
    for day in hours.closed_days(o.schedule(p.site.site, p.lang), p.site.today, CLOSURES_DAYS, p.lang, p.site.default):
        for opens, closes in day.times or (("00:00", "00:00"),):
            special.append({"@type": "OpeningHoursSpecification", "validFrom": day.day.isoformat(),
                            "validThrough": day.day.isoformat(), "opens": opens,
                            "closes": "23:59" if closes == "24:00" else closes, "description": day.reason})
    if special:
        data["specialOpeningHoursSpecification"] = special
    if o.appointment_url:
        data["potentialAction"] = {"@type": "ReserveAction", "target": o.appointment_url}
    return data


def service(p: "PageContext", sid: str) -> dict[str, Any]:
    s = p.site.cat.services[sid]
    site = p.site.site
    url = p.absolute(f"leistungen/{sid}/")
    provider = {"@type": "GovernmentOrganization", "name": p.plain(site.name), "url": p.absolute("")}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": url + "#service",
        "name": p.plain(s.title),
        "description": p.plain(s.summary),
        "url": url,
        "provider": provider,
        "serviceOperator": provider,
        "areaServed": {"@type": "AdministrativeArea", "name": p.plain(site.name)},
        "availableChannel": [],
    }
    if s.leika:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "LeiKa", "value": s.leika}
    topics = {t.id: t for t in p.site.cat.topics.topics}
    if s.topics and s.topics[0] in topics:
        data["serviceType"] = p.plain(topics[s.topics[0]].title)
    audiences = {t.id: t for t in p.site.cat.topics.audiences}
    named = [p.plain(audiences[a].title) for a in s.audiences if a in audiences]
    if named:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in named]
    if s.online:
        data["availableChannel"].append({"@type": "ServiceChannel", "name": p.plain(s.online.label) or "Online",
                                         "serviceUrl": s.online.url})
    for fid in s.forms:
        data["availableChannel"].append({"@type": "ServiceChannel", "serviceUrl": p.absolute(f"formulare/{fid}/")})
    for oid in s.offices:
        o = p.site.cat.offices.get(oid)
        if o is None:
            continue
        channel: dict[str, Any] = {"@type": "ServiceChannel", "serviceLocation": office(p, oid, full=False)}
        if o.contact.phone:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": o.contact.phone}
        data["availableChannel"].append(channel)
    if s.legal_basis:
        data["termsOfService"] = [lb.url or p.plain(lb.title) for lb in s.legal_basis]
    return data
