"""Wagtail API v2: pages, images, documents, and `policy-documents` with the full metadata.

/api/v2/policy-documents/ lists only what the public may see (live, 主动公开) and accepts the
usual Wagtail API parameters (fields, limit, offset, order, search, child_of, descendant_of).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from disclosure.models import DisclosureAttribute, PolicyDocumentPage, PolicyInterpretationPage

DOCUMENT_LISTING_FIELDS = [
    "index_number",
    "document_number",
    "publisher",
    "topic",
    "genre",
    "written_date",
    "publish_date",
    "validity",
]


class PolicyDocumentsAPIViewSet(PagesAPIViewSet):
    """Filter on any metadata field: ?genre=通知, ?validity=valid, ?index_number=…"""

    model = PolicyDocumentPage
    listing_default_fields = PagesAPIViewSet.listing_default_fields + DOCUMENT_LISTING_FIELDS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(disclosure_attribute=DisclosureAttribute.PROACTIVE)
            .select_related("publisher", "topic", "topic__parent")
            .prefetch_related("attachments__document")
            .order_by("-publish_date", "-pk")
        )


class PolicyInterpretationsAPIViewSet(PagesAPIViewSet):
    model = PolicyInterpretationPage
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "policy_document",
        "interpretation_form",
        "publish_date",
    ]

    def get_queryset(self):
        return super().get_queryset().order_by("-publish_date", "-pk")


api_router = WagtailAPIRouter("wagtailapi")
# Specific endpoints first: the router links a page to the first endpoint whose model fits.
api_router.register_endpoint("policy-documents", PolicyDocumentsAPIViewSet)
api_router.register_endpoint("policy-interpretations", PolicyInterpretationsAPIViewSet)
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
