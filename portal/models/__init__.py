"""The portal's models, one module per concept."""

from .error_reports import ErrorReport
from .operations import WorkerHeartbeat
from .pages import ContentPage, HomePage, SiteMapPage
from .site_settings import NavigationSettings, SiteIdentity

__all__ = [
    "ContentPage",
    "ErrorReport",
    "HomePage",
    "NavigationSettings",
    "SiteIdentity",
    "SiteMapPage",
    "WorkerHeartbeat",
]
