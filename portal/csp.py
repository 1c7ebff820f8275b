"""The Content-Security-Policy header (django-csp), with one addition for Wagtail's admin.

The public site needs nothing inline: scripts and styles come from /static/ only. Wagtail's
admin sets inline styles (and previews images from blob: URLs), so responses under /admin/
get settings.ADMIN_CSP_UPDATE on top of CONTENT_SECURITY_POLICY. A response that already has
its own policy (Wagtail's document serve view: default-src 'none') keeps it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(reverse("wagtailadmin_home")):
            update = dict(parts.update or {})
            for directive, sources in settings.ADMIN_CSP_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
