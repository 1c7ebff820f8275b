"""Result links through /search/click/ (counted once per client, query and day; never an open
redirect), 推荐结果 on both backends, and 搜索分析's weekly aggregation."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from portal.models import ContentPage
from search import analytics, indexing, service
from search.models import SearchPin, SearchQueryClient, SearchQueryDaily

CLICK = "/search/click/"


@pytest.fixture
def root(db):
    return Site.objects.get(is_default_site=True).root_page


def publish(parent, title, body_text, slug):
    page = ContentPage(
        title=title, slug=slug, body=[("paragraph", f"<p>{body_text}</p>")] if body_text else []
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(root, django_capture_on_commit_callbacks):
    """Three published pages, drained into the store (and Elasticsearch when configured)."""
    with django_capture_on_commit_callbacks(execute=True):
        guide = publish(root, "不动产登记预约办理须知", "预约后按时到窗口办理不动产登记。", "guide")
        notice = publish(root, "不动产登记窗口调整通知", "不动产登记窗口迁至三楼。", "notice")
        faq = publish(root, "办事常见问题", "营业执照、社保卡等常见问题解答。", "faq")
    indexing.drain()
    return {"guide": guide, "notice": notice, "faq": faq}


def daily(query):
    return SearchQueryDaily.objects.get(query=query, day=timezone.localdate())


# --------------------------------------------------------------------------- clicks


def test_result_links_go_through_the_click_counter(client, pages, database_settings):
    html = client.get("/search/", {"q": "不动产登记"}).content.decode()
    assert f'href="{CLICK}?q=' in html
    data = client.get("/search/api/", {"q": "不动产登记"}).json()
    hit = data["hits"][0]
    # New fields only: the old ones are still there with their meaning.
    assert {"url", "title", "doc_id", "page_id", "pinned", "click_url"} <= set(hit)
    assert hit["pinned"] is False
    params = parse_qs(urlsplit(hit["click_url"]).query)
    assert params == {"q": ["不动产登记"], "url": [hit["url"]]}


def test_clicks_are_counted_once_per_client_and_day(client, pages, database_settings):
    client.get("/search/", {"q": "不动产登记"}, REMOTE_ADDR="10.0.0.1")
    client.get("/search/", {"q": "不动产登记"}, REMOTE_ADDR="10.0.0.2")
    target = pages["guide"].url
    for _ in range(3):  # the same visitor, clicking again (and on another result)
        response = client.get(CLICK, {"q": "不动产登记", "url": target}, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 302 and response["Location"] == target
    client.get(CLICK, {"q": "不动产登记", "url": pages["notice"].url}, REMOTE_ADDR="10.0.0.1")
    assert daily("不动产登记").clicks == 1
    client.get(CLICK, {"q": "不动产登记 ", "url": target}, REMOTE_ADDR="10.0.0.2")  # normalised
    row = daily("不动产登记")
    assert (row.count, row.clients, row.clicks) == (2, 2, 2)
    # Never searched today: nothing to count (and nothing is created).
    client.get(CLICK, {"q": "从未检索", "url": target}, REMOTE_ADDR="10.0.0.3")
    assert not SearchQueryDaily.objects.filter(query="从未检索").exists()
    # Nothing about the client is stored but salted digests of (client, day, query).
    assert all(len(d) == 64 for d in SearchQueryClient.objects.values_list("digest", flat=True))
    assert not SearchQueryClient.objects.filter(digest__contains="10.0.0").exists()


def test_a_click_without_a_query_still_goes_to_the_page(client, pages, database_settings):
    response = client.get(CLICK, {"url": pages["faq"].url})
    assert response.status_code == 302 and response["Location"] == pages["faq"].url
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "//evil.com",
        "//evil.com/xxgk/",
        "https://evil.com",
        "https://evil.com/guide/",
        "http://localhost@evil.com/",
        "javascript:alert(1)",
        "JavaScript:alert(1)//",
        "\\\\evil.com",
        "/\\evil.com",
        "\\/evil.com",
        "/guide/\r\nSet-Cookie: a=b",
        "/gu\x00ide/",
        "\x01//evil.com",
        "/guide/\u202e",
        " //evil.com",
        "///evil.com",
        "https:evil.com",
        "data:text/html,<script>alert(1)</script>",
        "http://[::1",
        "guide/",
        "/" + "a" * 3000,
        "",
    ],
)
def test_no_open_redirect(client, pages, database_settings, url):
    client.get("/search/", {"q": "不动产登记"})
    response = client.get(CLICK, {"q": "不动产登记", "url": url})
    assert response.status_code == 400
    html = response.content.decode()
    assert "无法打开该链接" in html and "返回“不动产登记”的搜索结果" in html
    assert daily("不动产登记").clicks == 0


def test_missing_parameters_get_the_clear_page(client, db):
    response = client.get(CLICK)
    assert response.status_code == 400 and "返回站内搜索" in response.content.decode()
    assert client.post(CLICK, {"url": "/"}).status_code == 405


def test_another_site_of_the_installation_is_allowed(client, pages, root, database_settings):
    Site.objects.create(hostname="unit.example.gov.cn", port=80, root_page=root)
    url = "https://unit.example.gov.cn/guide/"
    response = client.get(CLICK, {"q": "x", "url": url})
    assert response.status_code == 302 and response["Location"] == url
    assert (
        client.get(CLICK, {"q": "x", "url": "https://unit.example.gov.cn.evil.com/"}).status_code
        == 400
    )
    assert client.get(CLICK, {"q": "x", "url": "ftp://unit.example.gov.cn/"}).status_code == 400


# --------------------------------------------------------------------------- 推荐结果


def search_backend(request):
    if request.param == "elasticsearch":
        request.getfixturevalue("es_settings")
    else:
        request.getfixturevalue("database_settings")
    return request.param


@pytest.fixture(params=["database", "elasticsearch"])
def either_backend(request):
    """The pages fixture drains into whichever backend this points the settings at."""
    return search_backend(request)


def test_pinned_page_comes_first_once_on_both_backends(client, either_backend, pages):
    before = [hit.page_id for hit in service.search("不动产登记").hits]
    assert set(before) == {pages["guide"].pk, pages["notice"].pk}
    expected_backend = "elasticsearch" if either_backend == "elasticsearch" else "database"
    assert service.search("不动产登记").backend == expected_backend
    last = before[-1]
    SearchPin.objects.create(query="不动产登记", page_id=last)
    results = service.search("不动产登记")
    assert [hit.page_id for hit in results.hits] == [last, *before[:-1]]  # not twice
    assert [hit.pinned for hit in results.hits] == [True, False]
    assert results.total == 2
    html = client.get("/search/", {"q": "不动产登记"}).content.decode()
    assert html.count('<span class="search-pinned">推荐</span>') == 1
    assert 'class="search-hit search-hit-pinned"' in html
    data = client.get("/search/api/", {"q": "不动产登记"}).json()
    assert [(h["page_id"], h["pinned"]) for h in data["hits"]] == [(last, True), (before[0], False)]


def test_a_pin_answers_a_query_without_results(client, either_backend, pages):
    assert service.search("量子计算机").total == 0
    SearchPin.objects.create(query="  量子计算机 ", page=pages["guide"])
    assert SearchPin.objects.get().query == "量子计算机"
    results = service.search("量子计算机")
    assert [(h.page_id, h.pinned) for h in results.hits] == [(pages["guide"].pk, True)]
    assert results.total == 1 and not results.corrected
    assert results.hits[0].title == "不动产登记预约办理须知"
    # Case and full-width letters are normalised as the query log normalises them.
    SearchPin.objects.create(query="ＡＢＣ证明", page=pages["faq"])
    assert [h.page_id for h in service.search("abc证明").hits] == [pages["faq"].pk]
    # The query is counted as having had a result.
    client.get("/search/", {"q": "量子计算机"})
    assert daily("量子计算机").had_results


def test_only_active_live_public_pins_show(
    either_backend, pages, django_capture_on_commit_callbacks
):
    pin = SearchPin.objects.create(query="量子计算机", page=pages["guide"], active=False)
    assert service.search("量子计算机").total == 0
    pin.active = True
    pin.save()
    assert service.search("量子计算机").total == 1
    # Filters narrow the list: a pin is not shown then (nor with another query).
    assert service.search("量子计算机", {"year": "1999"}).total == 0
    assert service.search("量子").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=pages["guide"], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert service.search("量子计算机").total == 0
    PageViewRestriction.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=pages["guide"].pk).specific.unpublish()
    assert service.search("量子计算机").total == 0


def test_pinned_page_is_not_repeated_on_later_pages(settings, database_settings, pages):
    settings.SEARCH_PAGE_SIZE = 1
    second = service.search("不动产登记", page=2).hits[0].page_id
    SearchPin.objects.create(query="不动产登记", page_id=second)
    assert [h.page_id for h in service.search("不动产登记").hits][0] == second
    assert second not in [h.page_id for h in service.search("不动产登记", page=2).hits]


# --------------------------------------------------------------------------- admin


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("admin", "admin@example.com", "password-123456")
    client.force_login(user)
    return client


def test_pins_are_edited_as_a_snippet(admin_client, pages):
    response = admin_client.get("/admin/snippets/search/searchpin/add/", {"query": "量子计算机"})
    assert response.status_code == 200
    assert 'value="量子计算机"' in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/search/searchpin/add/",
        {"query": "量子 计算机", "page": pages["guide"].pk, "note": "", "active": "on"},
    )
    assert response.status_code == 302
    pin = SearchPin.objects.get()
    assert (pin.query, pin.page_id, pin.created_by.username) == (
        "量子 计算机",
        pages["guide"].pk,
        "admin",
    )
    again = admin_client.post(
        "/admin/snippets/search/searchpin/add/",
        {"query": "量子 计算机", "page": pages["guide"].pk, "active": "on"},
    )
    assert again.status_code == 200 and "已推荐了该页面" in again.content.decode()
    response = admin_client.get("/admin/snippets/search/synonym/add/", {"terms": "量子计算机"})
    assert 'value="量子计算机"' in response.content.decode()


def test_roles_may_edit_pins(db):
    for name in ("管理员", "内容监管"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_searchpin", "change_searchpin", "view_searchpin"} <= codenames
    assert not Group.objects.get(name="编辑").permissions.filter(codename="add_searchpin").exists()


# --------------------------------------------------------------------------- 搜索分析


def log(query, day, count, clients, clicks, had_results):
    SearchQueryDaily.objects.create(
        query=query, day=day, count=count, clients=clients, clicks=clicks, had_results=had_results
    )


@pytest.fixture
def week_rows(db):
    monday = dt.date(2026, 11, 23)  # ISO 2026-W48
    log("量子计算机", monday, 4, 3, 0, False)
    log("量子计算机", monday + dt.timedelta(days=6), 2, 2, 0, False)  # Sunday, same week
    log("低保申请", monday, 9, 8, 0, False)
    log("低保申请", monday + dt.timedelta(days=2), 3, 3, 1, True)  # had results one day
    log("医保", monday, 20, 10, 8, True)
    log("公积金", monday + dt.timedelta(days=1), 6, 5, 1, True)
    log("社保卡", monday, 4, 4, 0, True)  # fewer searches than the minimum
    log("下周的词", monday + dt.timedelta(days=7), 50, 50, 0, False)  # 2026-W49
    log("上周的词", monday - dt.timedelta(days=1), 50, 50, 0, False)  # 2026-W47
    return analytics.Week(2026, 48)


def test_weekly_zero_result_and_low_click_queries(week_rows, settings):
    settings.SEARCH_ANALYTICS_MIN_SEARCHES = 5
    assert analytics.zero_result_queries(week_rows) == [
        {"query": "量子计算机", "searches": 6, "visitors": 5}
    ]
    low = analytics.low_click_queries(week_rows)
    assert [(r["query"], r["searches"], r["clicks"]) for r in low] == [
        ("低保申请", 12, 1),  # 1/11
        ("公积金", 6, 1),  # 1/5
        ("医保", 20, 8),  # 8/10
    ]
    assert low[0]["rate"] == pytest.approx(1 / 11)
    settings.SEARCH_ANALYTICS_ROWS = 1
    assert [r["query"] for r in analytics.low_click_queries(week_rows)] == ["低保申请"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W54", "2026年没有第54周"),
        ("2026-W00", "2026年没有第0周"),
        ("abc", "不是有效的周"),
        ("2026-13", "不是有效的周"),
        ("<script>", "不是有效的周"),
        ("9999-W01", "不在可查询的范围内"),
        ("1999-W10", "不在可查询的范围内"),
    ],
)
def test_bad_weeks_get_a_message(text, message):
    with pytest.raises(analytics.BadWeek, match=message):
        analytics.parse_week(text, dt.date(2026, 12, 2))


def test_week_parsing():
    today = dt.date(2026, 12, 2)
    assert analytics.parse_week("", today) == analytics.Week(2026, 49)
    assert analytics.parse_week("2026w48", today).start == dt.date(2026, 11, 23)
    assert analytics.parse_week("2020-W53", today).end == dt.date(2021, 1, 3)


def test_analytics_screen(admin_client, week_rows, settings):
    settings.SEARCH_ANALYTICS_MIN_SEARCHES = 5
    response = admin_client.get("/admin/search-analytics/", {"week": "2026-W48"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2026年第48周（2026-11-23 至 2026-11-29）" in html
    assert (
        "/admin/snippets/search/synonym/add/?terms=%E9%87%8F%E5%AD%90%E8%AE%A1%E7%AE%97%E6%9C%BA"
        in html
    )
    assert (
        "/admin/snippets/search/searchpin/add/?query=%E9%87%8F%E5%AD%90%E8%AE%A1%E7%AE%97%E6%9C%BA"
        in html
    )
    assert "下周的词" not in html and "上周的词" not in html
    assert "9%" in html  # 低保申请: 1 of 11 visitors clicked
    bad = admin_client.get("/admin/search-analytics/", {"week": "2026-W99"})
    assert bad.status_code == 400 and "2026年没有第99周" in bad.content.decode()


def test_analytics_screen_shows_actions_by_permission(client, django_user_model, week_rows):
    group = Group.objects.create(name="viewers")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_searchquerydaily"],
            content_type__app_label__in=["wagtailadmin", "search"],
        )
    )
    user = django_user_model.objects.create_user("viewer", password="pw-for-tests-only")
    user.groups.add(group)
    client.force_login(user)
    html = client.get("/admin/search-analytics/", {"week": "2026-W48"}).content.decode()
    assert "量子计算机" in html and "设为推荐结果" not in html and "添加同义词" not in html
