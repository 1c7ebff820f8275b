"""How an admin screen declares who may use it (docs/ARCHITECTURE.md), the same in every app.

- A model listing (add/edit/delete/inspect of one model) is a Wagtail SnippetViewSet: its
  ModelPermissionPolicy checks the model's add/change/delete/view permissions itself.
- A function view names the permission that opens it with ``@permission_required("app.perm")``
  from here; a class-based view with ``@class_permission_required("app.perm")``. Wagtail
  already sends an anonymous visitor to the admin login; a signed-in user without the
  permission gets 403. An action inside a screen that needs a further permission checks it
  where that action is handled (e.g. the reviewer's decision on a monitoring finding).
- The screen's menu item is a ``PermissionMenuItem`` with the same permission, so the menu
  shows only what opens.
"""

from django.contrib.auth.decorators import permission_required as django_permission_required
from django.utils.decorators import method_decorator
from wagtail.admin.menu import MenuItem


def permission_required(permission):
    """Django's decorator, answering 403 rather than the login page to a signed-in user."""
    return django_permission_required(permission, raise_exception=True)


def class_permission_required(permission):
    """The same for a class-based view (decorates its dispatch)."""
    return method_decorator(permission_required(permission), name="dispatch")


class PermissionMenuItem(MenuItem):
    """An admin menu item shown only to users with `permission`."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
