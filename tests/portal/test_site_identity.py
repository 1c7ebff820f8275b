"""Site identity settings: validated in the admin, rendered in every footer and <head>."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from portal.models import SiteIdentity

VALID = {
    "site_name": "伊金霍洛旗政务服务局",
    "sponsor": "伊金霍洛旗政务服务局",
    "organizer": "",
    "site_id_code": "1506270001",
    "icp_number": "",
    "icp_link": "https://beian.miit.gov.cn/",
    "police_number": "",
    "police_link": "https://www.beian.gov.cn/",
    "party_gov_mark": "",
    "party_gov_mark_link": "",
    "contact_address": "",
    "contact_postcode": "",
    "contact_phone": "",
    "contact_email": "",
    "uscc": "11150627011580001G",
    "division_code": "150627",
}


@pytest.fixture
def admin_client_for_site(client, demo_site):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-1234567")
    client.force_login(admin)
    return client


def settings_url(site):
    return f"/admin/settings/portal/siteidentity/{site.pk}/"


def post_identity(client, site, **changes):
    return client.post(settings_url(site), {**VALID, **changes})


@pytest.mark.django_db
def test_valid_identity_is_saved(admin_client_for_site, demo_site):
    response = post_identity(admin_client_for_site, demo_site, sponsor="伊金霍洛旗人民政府")
    assert response.status_code == 302
    assert SiteIdentity.for_site(demo_site).sponsor == "伊金霍洛旗人民政府"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("site_id_code", "15062700", "10 位数字"),
        ("site_id_code", "150627000A", "10 位数字"),
        ("uscc", "11150627011580001A", "校验码"),
        ("uscc", "1115062701158000", "18 位"),
        ("site_name", "", "必需字段"),
    ],
)
def test_invalid_identity_shows_message_and_saves_nothing(
    admin_client_for_site, demo_site, field, value, message
):
    before = SiteIdentity.for_site(demo_site).site_id_code
    response = post_identity(admin_client_for_site, demo_site, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    identity = SiteIdentity.objects.get(site=demo_site)
    assert identity.site_id_code == before
    assert identity.sponsor == "伊金霍洛旗政务服务局"


@pytest.mark.django_db
def test_footer_renders_every_identity_field(client, demo_site):
    identity = SiteIdentity.for_site(demo_site)
    html = client.get("/").content.decode()
    for value in [
        identity.sponsor,
        identity.organizer,
        identity.site_id_code,
        identity.icp_number,
        identity.police_number,
        identity.contact_address,
        identity.contact_phone,
        identity.contact_email,
        identity.uscc,
        identity.division_code,
    ]:
        assert value and value in html
    assert 'href="https://beian.miit.gov.cn/"' in html
    assert 'href="https://www.beian.gov.cn/"' in html
    for link in ["网站地图", "联系我们", "隐私声明", "我为政府网站找错"]:
        assert link in html


@pytest.mark.django_db
def test_head_carries_site_and_column_meta_tags(client, demo_site):
    html = client.get("/xxgk/guide/").content.decode()
    assert '<meta name="SiteName" content="伊金霍洛旗政务服务局">' in html
    assert '<meta name="SiteIDCode" content="1506270001">' in html
    assert '<meta name="SiteDomain" content="testserver">' in html
    # The column is the top-level section the page belongs to.
    assert '<meta name="ColumnName" content="政府信息公开">' in html
    assert '<meta name="ColumnType" content="政府信息公开">' in html
    assert 'name="ColumnDescription" content="本机关依法主动公开的政府信息' in html
    assert '<meta name="ColumnKeywords"' in html


@pytest.mark.django_db
def test_identity_is_per_site(demo_site):
    other = Site.objects.create(hostname="other.example", root_page=demo_site.root_page)
    assert SiteIdentity.for_site(other).site_name == ""
    assert SiteIdentity.for_site(demo_site).site_name == "伊金霍洛旗政务服务局"


@pytest.mark.django_db
def test_site_id_code_of_another_area_is_refused(admin_client_for_site, demo_site):
    response = post_identity(admin_client_for_site, demo_site, site_id_code="1101010001")
    assert response.status_code == 200
    assert "网站标识码前6位（110101）应与本网站的行政区划代码（150627）一致" in (
        response.content.decode()
    )
    assert SiteIdentity.objects.get(site=demo_site).site_id_code == "1506270001"


@pytest.mark.django_db
def test_pasted_codes_are_stripped_before_their_length_is_checked(admin_client_for_site, demo_site):
    # The inputs carry no maxlength: the browser would cut " …01G" to " …01" before sending.
    html = admin_client_for_site.get(settings_url(demo_site)).content.decode()
    for name in ("uscc", "site_id_code", "division_code"):
        tag = html.split(f'id="id_{name}"')[0].rsplit("<input", 1)[1]
        assert "maxlength" not in tag, name
    response = post_identity(
        admin_client_for_site,
        demo_site,
        uscc=" 11150627011580001G\u3000",
        site_id_code="\t1506270002 ",
        division_code=" 150627 ",
    )
    assert response.status_code == 302
    identity = SiteIdentity.objects.get(site=demo_site)
    assert (identity.uscc, identity.site_id_code, identity.division_code) == (
        "11150627011580001G",
        "1506270002",
        "150627",
    )
