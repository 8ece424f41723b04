"""The HTTP headers the site is served with, declared once.

CloudFront adds them to every answer through a response headers policy (``template.py`` writes it
from ``POLICY``); the CSP test serves the built site with exactly these headers in Chromium, so a
page that needs an inline script or style attribute fails there before it fails for a citizen.

Content-Security-Policy: nothing inline (no ``'unsafe-inline'``, no hashes), nothing from another
origin except the attachments bucket, which the form's script posts files to directly (a
presigned POST) and from which the read-aloud control plays a page's recording (a presigned link
the functions' ``/speech`` answers with). JSON-LD blocks are data, not scripts, and need no exception. Referrer-Policy is
``no-referrer``: a status link carries a token, and no page needs to tell another site where a
citizen came from.
"""

from __future__ import annotations

from dataclasses import dataclass

ATTACHMENTS = "${AttachmentsBucket.DomainName} ${AttachmentsBucket.RegionalDomainName}"
"""Where the form's script may post files: the bucket's global and regional host names (boto3's
presigned POST names the global one; S3 may redirect a young bucket to the regional one)."""


def content_security_policy(upload_hosts: str = ATTACHMENTS) -> str:
    """The policy, with ``upload_hosts`` (space-separated host names) allowed as fetch targets."""
    uploads = " ".join(f"https://{host}" for host in upload_hosts.split())
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
        "font-src 'self'",
        f"connect-src 'self' {uploads}".strip(),
        "worker-src 'none'",  # no page starts a worker (search runs in the page: civicat/search)
        "manifest-src 'self'",
        f"media-src 'self' {uploads}".strip(),  # read-aloud's recordings: a link into the same bucket
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",  # forms post to /api on the same origin
        "frame-ancestors 'none'",
    ])


PERMISSIONS_POLICY = ", ".join([
    "geolocation=(self)",  # the ideas & complaints form offers "use my location"
    "web-share=(self)", "clipboard-write=(self)",  # page tools: share and copy link
    "camera=()", "microphone=()", "payment=()", "usb=()", "serial=()", "bluetooth=()",
    "accelerometer=()", "gyroscope=()", "magnetometer=()", "midi=()",
    "display-capture=()", "screen-wake-lock=()", "publickey-credentials-get=()",
])
"""Powerful features the site never uses are switched off for it and anything it might embed."""

HSTS_SECONDS = 2 * 365 * 24 * 3600


@dataclass(frozen=True)
class Policy:
    """One response headers policy: the values, and whether they replace the origin's own."""

    csp: str
    override: bool

    def cloudformation(self, name: str, comment: str) -> dict:
        """``ResponseHeadersPolicyConfig`` of ``AWS::CloudFront::ResponseHeadersPolicy``."""
        return {
            "Name": name,
            "Comment": comment,
            "SecurityHeadersConfig": {
                "ContentSecurityPolicy": {"ContentSecurityPolicy": {"Fn::Sub": self.csp}, "Override": self.override},
                "ContentTypeOptions": {"Override": self.override},
                "FrameOptions": {"FrameOption": "DENY", "Override": self.override},
                "ReferrerPolicy": {"ReferrerPolicy": "no-referrer", "Override": self.override},
                "StrictTransportSecurity": {"AccessControlMaxAgeSec": HSTS_SECONDS, "IncludeSubdomains": True,
                                            "Preload": False, "Override": True},
            },
            "CustomHeadersConfig": {"Items": [
                {"Header": "Permissions-Policy", "Value": PERMISSIONS_POLICY, "Override": self.override},
            ]},
        }


SITE = Policy(content_security_policy(), override=True)
"""The site's files (S3 sets no such headers; the policy's values always win)."""

API = Policy(content_security_policy(), override=False)
"""``/api/*``: the functions set their own, stricter headers on their pages (``no-referrer``, a
CSP without scripts); CloudFront fills in only what an answer lacks, e.g. API Gateway's own
errors."""


def http_headers(config: dict, variables: dict[str, str]) -> list[tuple[str, str, bool]]:
    """The headers a ``ResponseHeadersPolicyConfig`` makes CloudFront send: ``(name, value,
    override)``, with ``${…}`` in the CSP replaced from ``variables``. Used by the test and dev
    servers that stand in for CloudFront."""
    security = config["SecurityHeadersConfig"]
    csp = security["ContentSecurityPolicy"]
    value = csp["ContentSecurityPolicy"]
    text = value["Fn::Sub"] if isinstance(value, dict) else value
    for name, replacement in variables.items():
        text = text.replace("${" + name + "}", replacement)
    if "${" in text:
        raise ValueError(f"no value for a variable in the Content-Security-Policy: {text}")
    hsts = security["StrictTransportSecurity"]
    out = [
        ("Content-Security-Policy", text, csp["Override"]),
        ("X-Content-Type-Options", "nosniff", security["ContentTypeOptions"]["Override"]),
        ("X-Frame-Options", security["FrameOptions"]["FrameOption"], security["FrameOptions"]["Override"]),
        ("Referrer-Policy", security["ReferrerPolicy"]["ReferrerPolicy"], security["ReferrerPolicy"]["Override"]),
        ("Strict-Transport-Security", f"max-age={hsts['AccessControlMaxAgeSec']}"
         + ("; includeSubDomains" if hsts["IncludeSubdomains"] else "") + ("; preload" if hsts["Preload"] else ""),
         hsts["Override"]),
    ]
    out += [(item["Header"], item["Value"], item["Override"]) for item in config["CustomHeadersConfig"]["Items"]]
    return out
