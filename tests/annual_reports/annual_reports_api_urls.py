"""The project's URLs plus Wagtail's pages API, for testing the report's API fields until
portal/urls.py mounts the API router."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from portal.urls import urlpatterns as portal_urlpatterns

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *portal_urlpatterns]
