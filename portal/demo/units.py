"""The 集约化 demo (portal/demo_data/units.yaml): the organisation tree, the banner government's
portal as a second site, and the 政府信息公开 sections of the banner government, three
departments and two towns below it, each with its 受理机构, staff groups and workflow.

The bureau's own site (site.yaml, disclosure.yaml) stays the default site; here it becomes a
unit with a domain of its own (its home page is its section root). Each section is built the
way the bureau's is (disclosure.py's DisclosureDemo): the level-1 columns the site creates,
filled with the bureau's guide texts in the unit's name, the 法定主动公开内容 sub-columns,
documents published as revisions in the order of their 发布日期 (so each publisher's 索引号
serials follow), interpretations. Then `create_unit_groups` (disclosure/unit_roles.py) gives
every unit its groups, collection and workflow, and a demo member in each group.

Idempotent: organisations by USCC, pages by slug under their parent, the site by hostname,
users by username; what exists is left as editors changed it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from disclosure.applications.models import OfficeHeadApproval
from disclosure.models import DisclosureOffice, Organisation, UnitGroup
from disclosure.unit_roles import create_unit_groups
from portal.models import HomePage, NavigationSettings, SiteIdentity

from . import read, say
from .disclosure import DisclosureDemo
from .pages import child, new_page, publish
from .site import bureau_home


def organisations(data, bureau_data):
    """Every demo organisation by its key (units.yaml and disclosure.yaml), in the tree."""
    found = {}
    for key, fields in bureau_data["organisations"].items():
        found[key] = Organisation.objects.get(uscc=fields["uscc"])
    for key, fields in data["organisations"].items():
        found[key], created = Organisation.objects.get_or_create(
            uscc=fields["uscc"], defaults=fields
        )
    government = found["government"]
    for key in data["organisations"]:
        if key != "government" and found[key].parent_id is None:
            found[key].parent = government
            found[key].save(update_fields=["parent"])
    for key, spec in data["tree"].items():
        organisation = found[key]
        if organisation.parent_id is None:
            organisation.parent = found[spec["parent"]]
            organisation.kind = spec["kind"]
            organisation.sort_order = spec["sort_order"]
            organisation.save(update_fields=["parent", "kind", "sort_order"])
    return found


def banner_site(spec):
    """The banner portal: its home page (a second HomePage), Site, identity and pages."""
    created = 0
    home = HomePage.objects.filter(slug=spec["home"]["slug"], depth=2).first()
    if home is None:
        home = new_page(spec["home"])
        Page.get_first_root_node().add_child(instance=home)
        publish(home)
        created += 1
    site = Site.objects.filter(hostname=spec["site"]["hostname"]).first()
    if site is None:
        site = Site.objects.create(root_page=home, port=80, **spec["site"])
    identity = SiteIdentity.for_site(site)
    if not identity.site_name:
        for field, value in spec["identity"].items():
            setattr(identity, field, value)
        identity.save()
    pages = {}
    for page_spec in spec["pages"]:
        page = child(home, page_spec["slug"])
        if page is None:
            page = new_page(page_spec)
            home.add_child(instance=page)
            publish(page)
            created += 1
        pages[page_spec["slug"]] = page
    return home, site, pages, created


def banner_navigation(site, spec, pages):
    navigation = NavigationSettings.for_site(site)
    if navigation.main_navigation:
        return
    navigation.main_navigation = [
        ("link", {"page": pages[slug], "title": ""}) for slug in spec["main_navigation"]
    ]
    navigation.sitemap_page = pages[spec["sitemap_page"]]
    navigation.contact_page = pages[spec["contact_page"]]
    navigation.privacy_page = pages[spec["privacy_page"]]
    navigation.save()


def renamed(value, old, new):
    """`value` (YAML data: dicts, lists, strings) with `old` replaced by `new` in every text."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [renamed(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: renamed(item, old, new) for key, item in value.items()}
    return value


def unit_disclosure_data(key, spec, data, bureau_data, unit):
    """A unit's section as disclosure.py's DisclosureDemo reads it (disclosure.yaml's shape)."""
    bureau_name = bureau_data["organisations"]["bureau"]["name"]
    level1 = renamed(bureau_data["level1_columns"], bureau_name, unit.name)
    statutory = []
    for column in data["statutory_columns"]:
        column = dict(column)
        if column["slug"] == "organisation":
            column["body"] = [{"paragraph": [spec["functions"]]}]
        statutory.append(column)
    office = {**spec["office"], "organisation": key}
    return {
        "organisations": {**bureau_data["organisations"], **data["organisations"]},
        "office": office,
        "column_root": spec["section"],
        "level1_columns": level1,
        "statutory_columns": statutory,
    }


def staff_members(key, unit, roles):
    """One demo member per role of the unit's groups (no usable password)."""
    for link in UnitGroup.objects.filter(unit=unit, role__in=roles).select_related("group"):
        user, created = get_user_model().objects.get_or_create(
            username=f"demo_{key}_{link.role}",
            defaults={"first_name": link.get_role_display(), "last_name": unit.label},
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(link.group)
        # As for the bureau's demo head (portal/demo/applications.py): a unit head's powers
        # need a second administrator's approval; the demo has none and nobody logs in here.
        OfficeHeadApproval.objects.filter(user=user, approved_at=None, revoked_at=None).update(
            approved_at=timezone.now(), approval_note="演示数据：演示账号，不能登录"
        )


@transaction.atomic
def load(stdout=None):
    data = read("units")
    bureau_data = read("disclosure")
    bureau = bureau_home()
    if bureau is None:
        return 0
    found = organisations(data, bureau_data)
    home, site, pages, created = banner_site(data["banner"])
    parents = {"home": home, **pages}
    for key, spec in data["units"].items():
        unit = found[key]
        demo = DisclosureDemo(unit_disclosure_data(key, spec, data, bureau_data, unit))
        root = demo.column_root(parents[spec["parent"]], in_navigation=False)
        demo.statutory_columns(root)
        documents = demo.documents(spec.get("documents", {}))
        demo.interpretations(spec.get("interpretations", []), documents)
        created += demo.created
        if unit.section_root_id is None:
            unit.section_root = root
            unit.save(update_fields=["section_root"])
        office = DisclosureOffice.objects.get(pk=demo.office.pk)
        if office.online_application_url == "/applications/apply/":
            office.online_application_url = f"/applications/apply/?unit={unit.pk}"
            office.save(update_fields=["online_application_url"])
        pages[spec["section"]["slug"]] = root
    banner_navigation(site, data["banner"]["navigation"], pages)
    unit_of_bureau = found["bureau"]
    if unit_of_bureau.section_root_id is None:
        unit_of_bureau.section_root = bureau
        unit_of_bureau.save(update_fields=["section_root"])
    for key in [*data["units"], "bureau"]:
        create_unit_groups(found[key])
        staff_members(key, found[key], data["staff_roles"])
    count = len(data["units"]) + 1
    say(stdout, f"集约化演示内容已就绪（新建页面 {created} 个，单位 {count} 个）。")
    return created
