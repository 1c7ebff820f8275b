"""Units (集约化): which unit a page belongs to, a unit's pages, and what a user may act on.

A unit is an Organisation with a `section_root` (disclosure/models/organisations.py): that page
and everything below it belong to the unit. Sections never nest, so the unit of a page is the
one whose root is the page or one of its ancestors. Pages outside every section (the banner
portal's home page, its unit directory, the 全旗目录) belong to no unit: they are the banner's
own, kept by the supervising bureau's platform-wide roles.

Staff belong to a unit through its groups (UnitGroup, created by `manage.py
create_unit_groups`). `user_scope(user, permission)` says which units' records a user may see
with a permission: every unit when they hold it through a platform-wide role (or are a
superuser), otherwise the units whose groups give it to them. A single-organisation
installation has no unit groups, so everybody's scope is everything, as before units existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from wagtail.models import Page, Site

# The model modules rather than the disclosure.models package: the catalogue (loaded by the
# column pages while that package is being loaded) uses this module.
from disclosure.models.organisations import Organisation
from disclosure.models.units import UnitGroup


def units():
    """Every unit (an organisation with a section), in the order of the organisation tree,
    each with its section root and that root's tree path as `root_path` (what the unit's
    pages are found by: `unit_pages_q`)."""
    return (
        Organisation.objects.exclude(section_root=None)
        .select_related("section_root")
        .annotate(root_path=F("section_root__path"))
    )


def assessed_units():
    """The units the supervising bureau assesses: every unit but the banner government."""
    return units().exclude(kind=Organisation.Kind.GOVERNMENT)


def _ancestor_paths(path: str) -> list[str]:
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def unit_of_page(page) -> Organisation | None:
    """The unit the page belongs to, or None for the banner's own pages.

    Remembered on the page object for its current tree path, so the several parts of one page
    view that ask (meta tags, header search box, report metadata) share one query (issue 15);
    a page moved to another path is looked up again.
    """
    if page is None or not getattr(page, "path", ""):
        return None
    remembered = getattr(page, "_unit_of_page", None)
    if remembered is not None and remembered[0] == page.path:
        return remembered[1]
    # Sections never nest: at most one unit matches, so the query needs no ordering (asked
    # on every page, for the search box: a third less work than .first()'s ORDER BY). The
    # root's path alone, not the whole root page: callers read the unit's name and pages.
    matches = (
        units()
        .select_related(None)
        .filter(section_root__path__in=_ancestor_paths(page.path))
        .order_by()[:1]
    )
    unit = matches[0] if matches else None
    page._unit_of_page = (page.path, unit)
    return unit


class SectionMap:
    """Every unit's section root, read once: the unit of many pages without a query each."""

    def __init__(self):
        # The root's path alone, not the whole root page: every caller asks by path.
        rows = units().select_related(None)
        self.by_root_path = {unit.root_path: unit for unit in rows}

    def unit_for_path(self, path: str) -> Organisation | None:
        for prefix in reversed(_ancestor_paths(path or "")):
            unit = self.by_root_path.get(prefix)
            if unit is not None:
                return unit
        return None

    def unit_for(self, page) -> Organisation | None:
        return self.unit_for_path(getattr(page, "path", ""))


def outside_every_section_q() -> Q:
    """The pages of no unit (the banner's own), as a query condition on pages: no unit's
    section root is the page or one of its ancestors (a subquery, not a query of its own)."""
    root_of_the_page = Organisation.objects.exclude(section_root=None).filter(
        StartsWith(OuterRef("path"), F("section_root__path"))
    )
    return ~Q(Exists(root_of_the_page))


def unit_pages_q(unit) -> Q:
    """The unit's pages (its section root and everything below), as a query condition on
    pages of any type; nothing for an organisation without a section."""
    if unit.section_root_id is None:
        return Q(pk__in=[])
    return Q(path__startswith=section_root_path(unit))


def section_root_path(unit) -> str:
    """The tree path of the unit's section root: as `units()` reads it, or from the root."""
    return getattr(unit, "root_path", None) or unit.section_root.path


def unit_pages(unit):
    """The unit's pages (its section root included), as a Page queryset."""
    return Page.objects.filter(unit_pages_q(unit))


def unit_site(unit) -> Site | None:
    """The Site whose home page is the unit's root (units with a domain of their own)."""
    if unit.section_root_id is None:
        return None
    return Site.objects.filter(root_page_id=unit.section_root_id).first()


def unit_of_site(site) -> Organisation | None:
    """The unit a whole Site belongs to (its home page is a unit's root), or None."""
    if site is None:
        return None
    return units().filter(section_root_id=site.root_page_id).first()


def banner_government():
    """The banner government (旗人民政府): the unit of kind 人民政府 at the top of the tree."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT, parent=None)
        .order_by("sort_order", "pk")
        .first()
    )


# --------------------------------------------------------------------------- who may act where


@dataclass(frozen=True)
class UnitScope:
    """The units whose records a user may see with one permission.

    `everything`: all units and the records of no unit (platform-wide roles); otherwise only
    the records of `unit_ids`.
    """

    everything: bool
    unit_ids: frozenset[int] = field(default_factory=frozenset)

    def allows(self, unit_id: int | None) -> bool:
        return self.everything or (unit_id is not None and unit_id in self.unit_ids)

    def filter(self, queryset, field_name: str = "unit"):
        """The records of `queryset` in scope (`field_name` names the unit foreign key)."""
        if self.everything:
            return queryset
        return queryset.filter(**{f"{field_name}__in": self.unit_ids})

    def units(self):
        """The units in scope, for filter menus."""
        return units() if self.everything else units().filter(pk__in=self.unit_ids)


def _permission_filter(permission: str) -> Q:
    app_label, codename = permission.split(".", 1)
    return Q(content_type__app_label=app_label, codename=codename)


def user_scope(user, permission: str) -> UnitScope:
    """The units where `user` holds `permission` (see the module docstring)."""
    if not user.is_active:
        return UnitScope(False)
    if user.is_superuser:
        return UnitScope(True)
    matching = Permission.objects.filter(_permission_filter(permission))
    direct = user.user_permissions.filter(pk__in=matching).exists()
    platform_wide = (
        Group.objects.filter(user=user, unit_role__isnull=True, permissions__in=matching)
        .distinct()
        .exists()
    )
    if direct or platform_wide:
        return UnitScope(True)
    unit_ids = UnitGroup.objects.filter(
        group__user=user, group__permissions__in=matching
    ).values_list("unit_id", flat=True)
    return UnitScope(False, frozenset(unit_ids))


def user_units(user):
    """The units the user belongs to through their groups (any role)."""
    return units().filter(unit_groups__group__user=user).distinct()
