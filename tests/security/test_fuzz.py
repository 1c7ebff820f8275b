"""Fuzz suite: hostile input on every public URL and every API filter of the demo site.

Every public URL name in the URLconf has an entry in `ROUTES` (a test fails when a new one has
none), and every live page of the demo site is visited. The targets (a URL and its
parameters, sent as GET query values or POST form fields) are grouped in families: the
search, the API, the catalogue and its feeds and exports, the public forms, the pages, and
hostile path segments. Every payload in payloads.py reaches every family once, on the next
target and parameter in turn; every target also gets a bad percent-encoding and a repeated
parameter. No response may be a 5xx, reflect a markup payload unescaped in HTML or XML,
contain the secret key, or redirect to another site.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from disclosure.alert_forms import SubscribeForm
from disclosure.applications.forms import LookupForm, PublicApplicationForm
from disclosure.catalogue import CatalogueFilterForm
from interaction.forms import LookupForm as MessageLookupForm
from interaction.forms import MessageForm
from portal.forms import ErrorReportForm
from search.query import FACET_KEYS

from .payloads import MARKER, PATH_SEGMENTS, PAYLOADS, RAW_QUERY_VALUES

# Characters that make a reflected payload dangerous in HTML.
MARKUP_CHARACTERS = set("<>\"'")


@dataclass
class Target:
    method: str
    path: str
    params: list[str]
    family: str = "pages"
    fixed: dict = field(default_factory=dict)  # sent with every request


@dataclass
class Context:
    pages: list
    columns: list
    catalogue_columns: list
    annual_reports: list
    guides: list
    documents: list
    policy_documents: list


def _api_targets(ctx):
    common = ["search", "offset", "limit", "order", "fields", "type", "child_of", "id"]
    pages = ["descendant_of", "ancestor_of", "locale", "html_path", "show_in_menus", "slug"]
    documents = [
        "written_date",
        "publish_date",
        "effective_date",
        "repeal_date",
        "publisher",
        "topic",
        "genre",
        "validity",
        "index_number",
        "document_number",
        "in_force_on",
    ]
    interpretations = ["policy_document", "publish_date", "interpretation_form"]
    targets = [
        Target("GET", "/api/v2/pages/", common + pages, "api"),
        Target("GET", "/api/v2/policy-documents/", common + documents, "api"),
        Target("GET", "/api/v2/policy-interpretations/", common + interpretations, "api"),
        Target("GET", "/api/v2/images/", common + ["title"], "api"),
        Target("GET", "/api/v2/documents/", common + ["title"], "api"),
    ]
    for endpoint in ("pages", "policy-documents", "policy-interpretations", "images", "documents"):
        targets.append(Target("GET", f"/api/v2/{endpoint}/find/", ["id", "html_path"], "api"))
        for pk in (1, 10**20, ctx.policy_documents[0].pk):
            targets.append(Target("GET", f"/api/v2/{endpoint}/{pk}/", ["fields"], "api"))
    return targets


def _page_targets(ctx):
    targets = []
    for page in ctx.pages:
        targets.append(Target("GET", page.url, ["page", "q", "next"]))
    for column in ctx.catalogue_columns:
        names = list(CatalogueFilterForm.base_fields) + ["page"]
        targets.append(Target("GET", column.url, names, "catalogue"))
    for report in ctx.annual_reports:
        for suffix in ("xlsx/", "json/"):
            targets.append(Target("GET", report.url + suffix, ["format"]))
    for guide in ctx.guides:
        targets.append(Target("GET", guide.url + "print/", ["page"]))
    return targets


def _column_targets(name):
    def targets(ctx):
        return [
            Target(
                "GET",
                f"/disclosure/columns/{pk}/{name}",
                list(CatalogueFilterForm.base_fields),
                "catalogue",
            )
            for pk in [column.pk for column in ctx.columns[:3]] + [10**20]
        ]

    return targets


def _document_targets(ctx):
    targets = [Target("GET", doc.url, ["download"]) for doc in ctx.documents[:3]]
    return targets + [Target("GET", f"/documents/{10**20}/x.pdf", ["download"])]


ERROR_REPORT_FIELDS = list(ErrorReportForm.base_fields)
APPLICATION_FIELDS = list(PublicApplicationForm.base_fields) + ["refresh_captcha"]
LOOKUP_FIELDS = list(LookupForm.base_fields)
MESSAGE_FIELDS = list(MessageForm.base_fields) + ["find_answers", "refresh_captcha"]
MESSAGE_LOOKUP_FIELDS = list(MessageLookupForm.base_fields)
SUBSCRIBE_FIELDS = list(SubscribeForm.base_fields)


def _subscribe_targets(ctx):
    document = str(ctx.policy_documents[0].pk)
    return [
        Target("GET", "/disclosure/alerts/subscribe/", ["scope", "target"], "forms"),
        Target("POST", "/disclosure/alerts/subscribe/", SUBSCRIBE_FIELDS, "forms"),
        Target(
            "POST",
            "/disclosure/alerts/subscribe/",
            ["email", "website"],
            "forms",
            fixed={"scope": "document", "target": document},
        ),
    ]


def _feed_targets(kind, ids):
    def targets(ctx):
        return [
            Target("GET", f"/disclosure/{kind}/{pk}/{name}", ["x"])
            for pk in ids(ctx) + [10**20]
            for name in ("rss.xml", "atom.xml")
        ]

    return targets


# URL name (as in the URLconf) -> the targets on it. Names not listed here fail
# test_every_public_url_is_fuzzed.
ROUTES = {
    "wagtail_serve": _page_targets,
    "wagtaildocs_serve": _document_targets,
    "wagtaildocs_authenticate_with_password": lambda ctx: [
        Target("GET", "/documents/authenticate_with_password/1/", ["next"]),
        Target("POST", "/documents/authenticate_with_password/1/", ["password", "return_url"]),
    ],
    "wagtailcore_authenticate_with_password": lambda ctx: [
        Target("POST", "/_util/authenticate_with_password/1/1/", ["password", "return_url"]),
    ],
    "wagtailcore_login": lambda ctx: [Target("GET", "/_util/login/", ["next"])],
    "search": lambda ctx: [
        Target("GET", "/search/", ["q", "sort", "page", "lang", *FACET_KEYS], "search"),
    ],
    "api": lambda ctx: [
        Target("GET", "/search/api/", ["q", "sort", "page", "lang", *FACET_KEYS], "search"),
    ],
    "suggest": lambda ctx: [Target("GET", "/search/suggest/", ["q"], "search")],
    "hot": lambda ctx: [Target("GET", "/search/hot/", ["limit"], "search")],
    "click": lambda ctx: [
        Target("GET", "/search/click/", ["q", "url"], "search"),
        Target("GET", "/search/click/", ["q"], "search", fixed={"url": "/"}),
    ],
    "sitemap_xml": lambda ctx: [Target("GET", "/sitemap.xml", ["p", "section"])],
    "error_report": lambda ctx: [
        Target("GET", "/report-error/", ["page"], "forms"),
        Target("POST", "/report-error/", ERROR_REPORT_FIELDS, "forms"),
    ],
    "error_report_thanks": lambda ctx: [Target("GET", "/report-error/thanks/", ["next"])],
    "toggle_elder_mode": lambda ctx: [
        Target("POST", "/accessibility/elder-mode/", ["next"], "forms"),
        Target("GET", "/accessibility/elder-mode/", ["next"]),
    ],
    "column_rss": _column_targets("rss.xml"),
    "column_atom": _column_targets("atom.xml"),
    "catalogue_csv": _column_targets("catalogue.csv"),
    # 订阅提醒: the feeds of a topic, a publisher and one document; subscribe, confirm and
    # unsubscribe (bad tokens are in PATH_TEMPLATES).
    "topic_rss": _feed_targets("topics", lambda ctx: [1]),
    "topic_atom": lambda ctx: [],  # in topic_rss
    "publisher_rss": _feed_targets(
        "publishers", lambda ctx: [ctx.policy_documents[0].publisher_id]
    ),
    "publisher_atom": lambda ctx: [],  # in publisher_rss
    "document_rss": _feed_targets("documents", lambda ctx: [ctx.policy_documents[0].pk]),
    "document_atom": lambda ctx: [],  # in document_rss
    "alerts_subscribe": _subscribe_targets,
    "alerts_confirm": lambda ctx: [
        Target("GET", "/disclosure/alerts/confirm/abc/", ["x"]),
        Target("POST", "/disclosure/alerts/confirm/abc/", ["x"], "forms"),
    ],
    "alerts_unsubscribe": lambda ctx: [
        Target("GET", "/disclosure/alerts/unsubscribe/abc/", ["x"]),
        Target("POST", "/disclosure/alerts/unsubscribe/abc/", ["List-Unsubscribe"], "forms"),
    ],
    "catalogue_xlsx": _column_targets("catalogue.xlsx"),
    "listing": _api_targets,
    "detail": lambda ctx: [],  # in _api_targets
    "find": lambda ctx: [],  # in _api_targets
    "landing": lambda ctx: [Target("GET", "/applications/", ["next"])],
    "apply": lambda ctx: [
        Target("GET", "/applications/apply/", ["next"]),
        Target("POST", "/applications/apply/", APPLICATION_FIELDS, "forms"),
    ],
    # 依申请公开 and 互动交流 share the names receipt, status and status_detail.
    "receipt": lambda ctx: [
        Target("GET", "/applications/receipt/", ["pk"]),
        Target("GET", "/interaction/receipt/", ["pk"]),
    ],
    "status": lambda ctx: [
        Target("GET", "/applications/status/", ["number"]),
        Target("POST", "/applications/status/", LOOKUP_FIELDS, "forms"),
        Target("GET", "/interaction/status/", ["number"]),
        Target("POST", "/interaction/status/", MESSAGE_LOOKUP_FIELDS, "forms"),
    ],
    "ask": lambda ctx: [
        Target("GET", "/interaction/ask/", ["kind", "next"]),
        Target("POST", "/interaction/ask/", MESSAGE_FIELDS, "forms"),
    ],
    "rate": lambda ctx: [
        Target("POST", "/interaction/rate/HD2026-00001/", ["score", "next"], "forms"),
    ],
    "letter": lambda ctx: [
        Target("GET", "/applications/status/letters/1/", ["format"]),
        Target("GET", f"/applications/status/letters/{10**20}/", ["format"]),
    ],
    "status_detail": lambda ctx: [
        Target("GET", "/applications/status/YSQ20250001/", ["format"]),
        Target("GET", "/interaction/status/HD2026-00001/", ["format"]),
    ],
    "healthz": lambda ctx: [Target("GET", "/healthz", ["x"])],
    # 集约化: the directory of units, their feeds and sitemaps, the banner-wide ones.
    "unit_directory": lambda ctx: [Target("GET", "/units/", ["q", "kind", "page"])],
    "unit_rss": lambda ctx: [Target("GET", "/units/1/rss.xml", ["x"])],
    "unit_atom": lambda ctx: [Target("GET", f"/units/{10**20}/atom.xml", ["x"])],
    "unit_sitemap": lambda ctx: [Target("GET", "/units/1/sitemap.xml", ["p"])],
    "banner_rss": lambda ctx: [Target("GET", "/rss.xml", ["x"])],
    "banner_atom": lambda ctx: [Target("GET", "/atom.xml", ["x"])],
    "banner_sitemap": lambda ctx: [Target("GET", "/sitemap.xml", ["p", "section"])],
    "status_detail_json": lambda ctx: [
        Target("GET", "/applications/status/YSQ20250001.json", ["format"]),
    ],
    "readyz": lambda ctx: [Target("GET", "/readyz", ["x"])],
    # Stable identifiers of a policy document (the hostile values go in PATH_TEMPLATES).
    "document_by_index": lambda ctx: [
        Target("GET", f"/id/{doc.index_number}", ["x"]) for doc in ctx.policy_documents[:2]
    ],
    "document_by_number": lambda ctx: [Target("GET", "/wenhao/伊政服发〔2021〕3号", ["x"])],
    "matrix": lambda ctx: [Target("GET", "/monitoring/matrix/", ["platform", "page", "q"])],
    # 开放数据 and 依申请公开统计 (the hostile file names and years go in PATH_TEMPLATES).
    "open_data": lambda ctx: [Target("GET", "/open-data/", ["x"])],
    "open_data_file": lambda ctx: [
        Target("GET", f"/open-data/{name}", ["x"])
        for name in ("catalogue.jsonl", "catalogue.csv", "catalogue.xlsx", "manifest.json")
    ],
    "statistics": lambda ctx: [Target("GET", "/applications/statistics/", ["year"])],
    "statistics_year": lambda ctx: [
        Target("GET", f"/applications/statistics/{year}/", ["year"])
        for year in (2025, 1999, 10**20)
    ],
    "statistics_json": lambda ctx: [Target("GET", "/applications/statistics/2025.json", ["x"])],
    "statistics_csv": lambda ctx: [Target("GET", f"/applications/statistics/{10**20}.csv", ["x"])],
    "captcha-image": lambda ctx: [Target("GET", "/captcha/image/abc/", ["x"])],
    "captcha-image-2x": lambda ctx: [Target("GET", "/captcha/image/abc@2/", ["x"])],
    "captcha-audio": lambda ctx: [Target("GET", "/captcha/audio/abc.wav", ["x"])],
    "captcha-refresh": lambda ctx: [Target("GET", "/captcha/refresh/", ["x"])],
}

# Paths with a hostile segment: each is requested as it is.
PATH_TEMPLATES = [
    "/applications/status/{}/",
    "/interaction/status/{}/",
    "/units/{}/rss.xml",
    "/applications/status/{}.json",
    "/interaction/rate/{}/",
    "/documents/1/{}",
    "/documents/{}/x.pdf",
    "/disclosure/columns/{}/rss.xml",
    "/disclosure/documents/{}/atom.xml",
    "/disclosure/alerts/confirm/{}/",
    "/disclosure/alerts/unsubscribe/{}/",
    "/api/v2/pages/{}/",
    "/{}/",
    "/xxgk/{}/",
    "/mn-mong/{}/",
    "/search/{}/",
    "/id/{}",
    "/wenhao/{}",
    "/open-data/{}",
    "/applications/statistics/{}/",
]


def public_url_names():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.name

    return {
        name for route, name in walk(get_resolver().url_patterns) if not route.startswith("admin/")
    }


def test_every_public_url_is_fuzzed():
    missing = public_url_names() - set(ROUTES)
    assert not missing, f"public URLs without fuzz targets: {sorted(missing)}"


def build_context():
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific())
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page).__name__, []).append(page)
    columns = by_type.get("DisclosureColumnPage", [])
    return Context(
        pages=pages,
        columns=columns,
        catalogue_columns=[c for c in columns if c.get_children().live().exists()][:3],
        annual_reports=by_type.get("AnnualReportPage", []),
        guides=by_type.get("DisclosureGuidePage", []),
        documents=list(get_document_model().objects.order_by("pk")[:5]),
        policy_documents=by_type.get("PolicyDocumentPage", []),
    )


class Fuzzer:
    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.requests = 0
        self.failures = []
        self.secret = settings.SECRET_KEY
        # The site's own hosts: Wagtail's API "find" redirects to an absolute URL on them.
        self.own_hosts = {"testserver", *Site.objects.values_list("hostname", flat=True)}
        self.seconds = defaultdict(float)

    def send(self, method, path, query="", data=None, payload=""):
        self.requests += 1
        # A different client address for every request, so rate limits do not stop the
        # payloads before validation sees them.
        address = (
            f"10.{self.requests // 65536 % 256}.{self.requests // 256 % 256}.{self.requests % 256}"
        )
        started = time.monotonic()
        if method == "GET":
            response = self.client.get(path, QUERY_STRING=query, REMOTE_ADDR=address)
        else:
            response = self.client.post(
                path,
                data=data,
                content_type="application/x-www-form-urlencoded",
                QUERY_STRING=query,
                REMOTE_ADDR=address,
            )
        self.seconds[path.split("?")[0][:40]] += time.monotonic() - started
        self.check(response, method, path, query or data, payload)

    def check(self, response, method, path, sent, payload):
        where = f"{method} {path} {str(sent)[:120]!r}"
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code}: {where}")
            return
        content_type = response.get("Content-Type", "")
        body = b"" if response.streaming else response.content
        if self.secret.encode() in body:
            self.failures.append(f"secret key in response: {where}")
        dangerous = MARKER in payload and MARKUP_CHARACTERS & set(payload)
        if dangerous and ("html" in content_type or "xml" in content_type):
            if payload.encode() in body:
                self.failures.append(f"unescaped reflection ({content_type}): {where}")
        location = response.get("Location", "")
        if location:
            parts = urlsplit(location)
            if (parts.netloc and parts.hostname not in self.own_hosts) or location.startswith("//"):
                self.failures.append(f"redirect off the site to {location[:80]!r}: {where}")
            if parts.scheme and parts.scheme not in ("http", "https"):
                self.failures.append(f"redirect to {parts.scheme}: URL: {where}")

    def run_family(self, targets):
        """Every payload once, on the next target and parameter in turn."""
        for number, payload in enumerate(PAYLOADS):
            target = targets[number % len(targets)]
            name = target.params[(number // len(targets)) % len(target.params)]
            self.send_values(target, {**target.fixed, name: payload}, payload)

    def run_encodings(self, index, target):
        """A bad percent-encoding and a repeated parameter."""
        name = quote(target.params[index % len(target.params)])
        raw = RAW_QUERY_VALUES[index % len(RAW_QUERY_VALUES)]
        self.send_raw(target, f"{name}={raw}")
        self.send_raw(target, f"{name}=1&{name}=%3Cb%3E{MARKER}&{name}=")

    def send_values(self, target, values, payload):
        encoded = urlencode(values)
        if target.method == "GET":
            self.send("GET", target.path, query=encoded, payload=payload)
        else:
            self.send("POST", target.path, data=encoded, payload=payload)

    def send_raw(self, target, encoded):
        if target.method == "GET":
            self.send("GET", target.path, query=encoded)
        else:
            self.send("POST", target.path, data=encoded)


@pytest.mark.django_db
def test_no_server_error_and_no_reflection(demo_site, capsys):
    from search.models import IndexOutbox

    # The rows search migration 0003 queued when the test database was made: no worker drains
    # them in tests, and /readyz rightly answers 503 once they are older than 15 minutes.
    IndexOutbox.objects.filter(reason="initial").delete()
    ctx = build_context()
    assert ctx.catalogue_columns and ctx.policy_documents and ctx.documents and ctx.annual_reports
    targets = [target for make in ROUTES.values() for target in make(ctx)]
    families = defaultdict(list)
    for target in targets:
        families[target.family].append(target)
    fuzzer = Fuzzer()
    started = time.monotonic()
    for family in families.values():
        fuzzer.run_family(family)
    for index, target in enumerate(targets):
        fuzzer.run_encodings(index, target)
    paths = [template.format(segment) for template in PATH_TEMPLATES for segment in PATH_SEGMENTS]
    for path in paths:
        fuzzer.send("GET", path)
    for number, payload in enumerate(PAYLOADS):
        template = PATH_TEMPLATES[number % len(PATH_TEMPLATES)]
        fuzzer.send("GET", template.format(quote(payload[:500], safe="")), payload=payload)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\nfuzz: {fuzzer.requests} requests, {len(PAYLOADS)} payloads, {len(targets)} "
            f"targets in {len(families)} families, {len(paths)} hostile paths, {elapsed:.0f} s"
        )
        slowest = sorted(fuzzer.seconds.items(), key=lambda item: -item[1])[:12]
        print("slowest paths (s):", ", ".join(f"{p} {t:.1f}" for p, t in slowest))
    assert len(PAYLOADS) >= 200
    assert not fuzzer.failures, "\n".join(fuzzer.failures[:60]) + f"\n({len(fuzzer.failures)})"
