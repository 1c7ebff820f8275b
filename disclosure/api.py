"""Wagtail API v2: pages, images, documents, and `policy-documents` with the full metadata.

/api/v2/policy-documents/ lists only what the public may see (live, 主动公开) and accepts the
usual Wagtail API parameters (fields, limit, offset, order, search, child_of, descendant_of).

Every endpoint here is a `CheckedParametersMixin` endpoint: the query parameters are checked
before Wagtail reads them, so a bad value is a 400 with a JSON `message` (or a 404 for an id
that cannot exist), never a server error.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page

from core.text import search_words
from disclosure.catalogue import in_force_q
from disclosure.models import DisclosureAttribute, PolicyDocumentPage, PolicyInterpretationPage
from portal.languages import DEFAULT as DEFAULT_LANGUAGE

# The largest id any supported database stores (a 64-bit integer); larger ones match nothing.
MAX_ID = 2**63 - 1
# An offset past this finds nothing on any site this software runs; larger ones are refused
# before they reach the database (SQLite refuses an OFFSET beyond 64 bits).
MAX_OFFSET = 1_000_000
# Page-id parameters of Wagtail's page endpoints ("root" is also allowed for child_of).
PAGE_ID_PARAMETERS = ("child_of", "descendant_of", "ancestor_of", "translation_of")


def _positive_integer(name, value, maximum=MAX_ID):
    if not (value.isascii() and value.isdigit()):
        raise BadRequestError(f"参数 {name} 应为正整数，收到“{value[:40]}”。")
    number = int(value)
    if number > maximum:
        raise BadRequestError(f"参数 {name} 不能大于 {maximum}。")
    return number


class CheckedParametersMixin:
    """Checks the query parameters of a Wagtail API endpoint before Wagtail reads them.

    Numbers (offset, limit, ids, foreign keys) must be non-negative integers that fit the
    database, dates must be dates (YYYY-MM-DD), `type` must be a page type this endpoint
    lists, and `search` is reduced to its words. A bad value raises BadRequestError, which
    Wagtail's handle_exception answers with 400 and {"message": …}; an id beyond any stored id
    answers 404.
    """

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_parameters(request)

    def check_parameters(self, request):
        params = request.GET
        for name in ("limit", "offset"):
            if name in params:
                _positive_integer(name, params[name], MAX_OFFSET)
        if "id" in params:
            _positive_integer("id", params["id"])
        for name in PAGE_ID_PARAMETERS:
            if name in params and not (name == "child_of" and params[name] == "root"):
                _positive_integer(name, params[name])
        if "type" in params:
            self.check_type(params["type"])
        for name, field in self.filter_fields().items():
            if name in params:
                self.check_field_value(name, field, params[name])
        if "search" in params:
            words = search_words(params["search"])
            if not words:
                raise BadRequestError("参数 search 应包含要查找的文字或数字。")
            cleaned = params.copy()
            cleaned["search"] = words
            cleaned._mutable = False
            # Wagtail's SearchFilter reads request.GET: hand it the words only.
            request._request.GET = cleaned

    def filter_fields(self):
        """{name: model field} of the fields Wagtail's FieldsFilter filters on."""
        model = self.model
        if issubclass(model, Page) and "type" in self.request.GET:
            model = self.requested_model() or model
        # "locale" takes a language code: Wagtail filters it separately.
        names = set(self.get_available_fields(model, db_fields_only=True)) - {"locale"}
        fields = {}
        for name in names:
            try:
                fields[name] = model._meta.get_field(name)
            except LookupError:
                continue
        return fields

    def requested_model(self):
        try:
            found = page_models_from_string(self.request.GET["type"])
        except (LookupError, ValueError):
            return None
        return found[0] if len(found) == 1 else None

    def check_type(self, value):
        try:
            found = page_models_from_string(value)
        except (LookupError, ValueError):
            raise BadRequestError(f"参数 type 不是已知的页面类型：“{value[:60]}”。") from None
        if not all(issubclass(model, self.model) for model in found):
            raise BadRequestError(
                f"本接口只列出{self.model._meta.verbose_name}，参数 type 应为它或它的子类型。"
            )

    def check_field_value(self, name, field, value):
        while isinstance(field, models.ForeignKey):  # a OneToOneField too (page_ptr)
            field = field.target_field
        if isinstance(field, models.IntegerField | models.AutoField):
            if value.startswith("-") and value[1:].isdigit():
                value = value[1:]
            _positive_integer(name, value)
        elif isinstance(field, models.DateField):  # DateTimeField too
            try:
                field.to_python(value)
            except ValidationError:
                raise BadRequestError(
                    f"参数 {name} 应为日期，格式 YYYY-MM-DD，收到“{value[:40]}”。"
                ) from None

    def get_object(self):
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if str(lookup).isdigit() and int(lookup) > MAX_ID:
            raise Http404("没有这个编号的对象。")
        return super().get_object()


DOCUMENT_LISTING_FIELDS = [
    "index_number",
    "document_number",
    "permalink",
    "publisher",
    "topic",
    "genre",
    "written_date",
    "publish_date",
    "validity",
]


class CheckedPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    pass


class PolicyDocumentsAPIViewSet(CheckedPagesAPIViewSet):
    """Filter on any metadata field: ?genre=通知, ?validity=valid, ?index_number=…, and
    ?in_force_on=YYYY-MM-DD: the documents in force on that day (catalogue.in_force_q)."""

    model = PolicyDocumentPage
    listing_default_fields = PagesAPIViewSet.listing_default_fields + DOCUMENT_LISTING_FIELDS
    known_query_parameters = CheckedPagesAPIViewSet.known_query_parameters | {"in_force_on"}

    def in_force_day(self):
        value = self.request.GET.get("in_force_on")
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise BadRequestError(
                f"参数 in_force_on 应为日期，格式 YYYY-MM-DD，收到“{value[:40]}”。"
            ) from None

    def check_parameters(self, request):
        super().check_parameters(request)
        self.in_force_day()

    def get_queryset(self):
        documents = super().get_queryset()
        if "locale" not in self.request.GET:
            # Originals only unless ?locale= asks (docs/MONGOLIAN.md): a translation is the
            # same document, so existing consumers see each document once.
            # By the Locale row itself: `locale` is one of Wagtail's search filter fields, a
            # join through it is not (the API's ?search= would refuse it).
            default = Locale.objects.filter(language_code=DEFAULT_LANGUAGE).first()
            if default is not None:
                documents = documents.filter(locale=default)
        if (day := self.in_force_day()) is not None:
            documents = documents.filter(in_force_q(day))
        return (
            documents.filter(disclosure_attribute=DisclosureAttribute.PROACTIVE)
            .select_related("publisher", "topic", "topic__parent")
            .prefetch_related("attachments__document")
            .order_by("-publish_date", "-pk")
        )


class PolicyInterpretationsAPIViewSet(CheckedPagesAPIViewSet):
    model = PolicyInterpretationPage
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "policy_document",
        "interpretation_form",
        "publish_date",
    ]

    def get_queryset(self):
        return super().get_queryset().order_by("-publish_date", "-pk")


class CheckedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
# Specific endpoints first: the router links a page to the first endpoint whose model fits.
api_router.register_endpoint("policy-documents", PolicyDocumentsAPIViewSet)
api_router.register_endpoint("policy-interpretations", PolicyInterpretationsAPIViewSet)
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
