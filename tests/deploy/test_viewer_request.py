"""The CloudFront Function in front of the site, run by node on CloudFront's event shape: folder
addresses get their index.html, addresses without the trailing slash are redirected to it, and
every link of the built demo site ends at a file the build wrote."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlparse

import pytest

from civicat.deploy.template import viewer_request_code
from tests.conftest import require

HARNESS = """
const code = require("fs").readFileSync(0, "utf8");
const input = JSON.parse(code.slice(code.indexOf("\\n//EVENTS ") + 10));
const handler = new Function(code.slice(0, code.indexOf("\\n//EVENTS ")) + "\\nreturn handler;")();
process.stdout.write(JSON.stringify(input.map((e) => handler(e))));
"""


def run(events: list[dict]) -> list[dict]:
    require(shutil.which("node") is not None, "node (runs the CloudFront Function's JavaScript)")
    payload = viewer_request_code() + "\n//EVENTS " + json.dumps(events)
    done = subprocess.run(["node", "-e", HARNESS], input=payload, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def event(uri: str, query: dict | None = None) -> dict:
    """A viewer-request event as CloudFront builds it (values still URL-encoded)."""
    return {"version": "1.0", "context": {"eventType": "viewer-request"},
            "viewer": {"ip": "198.51.100.7"},
            "request": {"method": "GET", "uri": uri, "querystring": query or {}, "headers": {}, "cookies": {}}}


def test_folder_addresses_are_served_from_their_index_html():
    answers = run([event("/"), event("/de/"), event("/ar/leistungen/hundesteuer/")])
    assert [a["uri"] for a in answers] == ["/index.html", "/de/index.html", "/ar/leistungen/hundesteuer/index.html"]


def test_files_pass_unchanged():
    uris = ["/de/assets/civicat/civicat.js", "/de/hours/landratsamt.json", "/404.html", "/robots.txt",
            "/de/assets/stylesheets/main.57a0d79d.min.css"]
    assert [a["uri"] for a in run([event(u) for u in uris])] == uris


def test_a_folder_without_its_slash_is_redirected_to_it_with_the_query_kept():
    [plain, searched, repeated] = run([
        event("/de/leistungen/hundesteuer"),
        event("/de", {"q": {"value": "Hund%20anmelden"}}),
        event("/en/leistungen", {"a": {"value": "1", "multiValue": [{"value": "1"}, {"value": "2"}]},
                                 "flag": {"value": ""}})])
    assert plain["statusCode"] == 301
    assert plain["headers"]["location"]["value"] == "/de/leistungen/hundesteuer/"
    assert searched["headers"]["location"]["value"] == "/de/?q=Hund%20anmelden"
    assert repeated["headers"]["location"]["value"] == "/en/leistungen/?a=1&a=2&flag"


def test_the_function_fits_cloudfronts_limits_and_runtime():
    code = viewer_request_code()
    assert len(code.encode()) < 10 * 1024  # CloudFront Functions: at most 10 KB
    assert "require(" not in code and "fetch(" not in code and "async " not in code


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("link", "script", "img") and name in ("href", "src"))):
                self.found.append(value)


@pytest.mark.slow
def test_every_link_of_the_built_site_ends_at_a_file_it_wrote(demo_build):
    """Each page's same-site links, resolved as a browser does, through the function (and its
    redirect), must name a key the upload puts into the bucket."""
    site, _ = demo_build
    keys = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = sorted(k for k in keys if k.endswith(".html"))
    base = "https://service.landkreis-hainbach.de/"
    uris: dict[str, str] = {}
    for page in pages:
        parser = Links()
        parser.feed((site / page).read_text(encoding="utf-8"))
        address = "/" + re.sub(r"(^|/)index\.html$", r"\1", page)
        for link in parser.found:
            target = urlparse(urljoin(base + address.lstrip("/"), link))
            if target.netloc == urlparse(base).netloc and target.scheme in ("http", "https"):
                uris.setdefault(unquote(target.path), page)
    assert len(uris) > 100
    answers = run([event(u) for u in uris])
    redirected = [a["headers"]["location"]["value"] for a in answers if "statusCode" in a]
    answers = [a for a in answers if "statusCode" not in a] + run([event(u) for u in redirected])
    missing = sorted({a["uri"] for a in answers} - {"/" + k for k in keys})
    assert missing == [], f"e.g. linked from {uris.get(missing[0].removesuffix('index.html'))}"
    assert all(PurePosixPath(a["uri"]).suffix for a in answers)
