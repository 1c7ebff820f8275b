"""Policy lifecycle (disclosure/lifecycle.py): 有效性 following its dates around midnight
Beijing time, the editor-confirmed 废止, in force on a date (catalogue and API), the page's
timeline and the stable /id/ and /wenhao/ addresses."""

import datetime as dt
from datetime import date
from urllib.parse import quote

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail import hooks
from wagtail.models import PageLogEntry, PageViewRestriction

from disclosure import lifecycle
from disclosure.catalogue import in_force_q
from disclosure.models import DisclosureColumnPage, DocumentRelation, PolicyDocumentPage, Validity

UTC = dt.UTC


def at_utc(monkeypatch, *args):
    """Make "now" the given UTC instant (the site's days are Asia/Shanghai dates)."""
    instant = dt.datetime(*args, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)
    return instant


def test_a_document_expires_at_midnight_beijing_time_not_utc(monkeypatch, make_document):
    # 2025-12-31 23:30 in Beijing (15:30 UTC): still the day before 废止日期.
    at_utc(monkeypatch, 2025, 12, 31, 15, 30)
    page = make_document(repeal_date=date(2026, 1, 1))
    assert lifecycle.apply_scheduled_validity() == []
    page.refresh_from_db()
    assert page.validity == Validity.VALID
    # 2026-01-01 00:30 in Beijing, still 2025-12-31 in UTC: 失效 now.
    at_utc(monkeypatch, 2025, 12, 31, 16, 30)
    changes = lifecycle.apply_scheduled_validity()
    assert [(c.page.pk, c.old, c.new) for c in changes] == [
        (page.pk, Validity.VALID, Validity.EXPIRED)
    ]
    page.refresh_from_db()
    assert page.validity == Validity.EXPIRED
    # Run again the same day: nothing more to change.
    assert lifecycle.apply_scheduled_validity() == []


def test_a_pending_document_comes_into_force_on_its_effective_date(monkeypatch, make_document):
    at_utc(monkeypatch, 2026, 2, 27, 12, 0)  # 2026-02-27 20:00 Beijing
    page = make_document(effective_date=date(2026, 3, 1))
    lifecycle.apply_scheduled_validity()
    page.refresh_from_db()
    assert page.validity == Validity.PENDING
    at_utc(monkeypatch, 2026, 2, 28, 15, 59)  # 23:59 Beijing on the 28th
    lifecycle.apply_scheduled_validity()
    page.refresh_from_db()
    assert page.validity == Validity.PENDING
    at_utc(monkeypatch, 2026, 2, 28, 16, 1)  # 00:01 Beijing on 1 March
    lifecycle.apply_scheduled_validity()
    page.refresh_from_db()
    assert page.validity == Validity.VALID


def test_a_change_is_logged_and_survives_the_next_publish(monkeypatch, make_document):
    at_utc(monkeypatch, 2024, 12, 1, 4, 0)
    page = make_document(repeal_date=date(2025, 1, 1), written_date=date(2024, 3, 1))
    lifecycle.apply_scheduled_validity(date(2025, 1, 1))
    entry = PageLogEntry.objects.get(page=page, action=lifecycle.SCHEDULED_CHANGE)
    assert entry.data["old"] == "valid" and entry.data["new"] == "expired"
    assert entry.message.startswith("有效性由“有效”改为“失效”")
    # An editor publishes the latest revision afterwards: the 失效 stays.
    page.refresh_from_db()
    page.latest_revision.publish()
    page.refresh_from_db()
    assert page.validity == Validity.EXPIRED


def test_command_dry_run_changes_nothing_and_reports(monkeypatch, make_document, capsys):
    at_utc(monkeypatch, 2024, 12, 1, 4, 0)
    page = make_document(repeal_date=date(2025, 1, 1))
    call_command("update_validity", "--date", "2025-01-01", "--dry-run")
    out = capsys.readouterr().out
    assert f"{page.title}：有效 → 失效" in out and "将变更 1 份" in out
    page.refresh_from_db()
    assert page.validity == Validity.VALID
    call_command("update_validity", "--date", "2025年1月1日")
    assert "已变更 1 份" in capsys.readouterr().out
    page.refresh_from_db()
    assert page.validity == Validity.EXPIRED


def test_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="无法识别日期"):
        call_command("update_validity", "--date", "明天")


def test_in_force_query_agrees_with_the_rule(make_document):
    """The catalogue's query and the plain rule, over documents and days around each edge."""
    pages = [
        make_document(),
        make_document(effective_date=date(2024, 4, 1)),
        make_document(
            validity=Validity.EXPIRED, effective_date=date(2024, 4, 1), repeal_date=date(2024, 6, 1)
        ),
        make_document(validity=Validity.REPEALED, repeal_date=date(2024, 5, 1)),
        make_document(validity=Validity.EXPIRED),
    ]
    for day in (date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 31), date(2024, 4, 1)) + (
        date(2024, 4, 30),
        date(2024, 5, 1),
        date(2024, 5, 31),
        date(2024, 6, 1),
    ):
        found = set(PolicyDocumentPage.objects.filter(in_force_q(day)).values_list("pk", flat=True))
        expected = {page.pk for page in pages if page.in_force_on(day)}
        assert found == expected, day
    # A sanity check on the rule itself: on 2024-05-15 the first three are in force.
    assert {p.pk for p in pages if p.in_force_on(date(2024, 5, 15))} == {
        pages[0].pk,
        pages[1].pk,
        pages[2].pk,
    }


@pytest.fixture
def replaced(make_document):
    old = make_document(title="旧办法", document_number="伊政服发〔2020〕1号")
    new = make_document(title="新办法", effective_date=date(2024, 3, 15), publish=False)
    new.relations.add(DocumentRelation(target=old, kind=DocumentRelation.Kind.REPLACES))
    new.save_revision()
    return old, new


def test_publishing_a_replacing_document_asks_editors_to_confirm(rf, replaced):
    old, new = replaced
    new.refresh_from_db()
    new.latest_revision.publish()
    request = rf.post(f"/admin/pages/{new.pk}/edit/")
    request._messages = CookieStorage(request)
    for hook in hooks.get_hooks("after_publish_page"):
        hook(request, new)
    shown = [str(message) for message in request._messages]
    assert any("《旧办法》" in text and "待确认废止" in text for text in shown), shown
    old.refresh_from_db()
    assert old.validity == Validity.VALID  # not silently changed


def test_confirming_a_repeal_sets_the_date_and_logs_it(admin_client, replaced):
    old, new = replaced
    new.refresh_from_db()
    new.latest_revision.publish()
    relation = DocumentRelation.objects.get(page=new)
    url = "/admin/lifecycle/unconfirmed-repeals/"
    listing = admin_client.get(url).content.decode()
    assert "旧办法" in listing and 'value="2024-03-15"' in listing

    bad = admin_client.post(
        url, {"relation": relation.pk, "repeal_date": "2024-02-30"}, follow=True
    )
    assert "未变更" in bad.content.decode()
    old.refresh_from_db()
    assert old.validity == Validity.VALID

    admin_client.post(url, {"relation": relation.pk, "repeal_date": "2024-03-15"})
    old.refresh_from_db()
    assert (old.validity, old.repeal_date) == (Validity.REPEALED, date(2024, 3, 15))
    entry = PageLogEntry.objects.get(page=old, action=lifecycle.REPEAL_CONFIRMED)
    assert "被《新办法》替代" in entry.message
    assert "没有待确认的废止" in admin_client.get(url).content.decode()
    page = admin_client.get(old.url).content.decode()
    assert "本文件已废止" in page and "新办法" in page


def test_catalogue_filters_documents_in_force_on_a_date(client, make_document, policy_column):
    make_document(title="早已失效", validity=Validity.EXPIRED, repeal_date=date(2024, 4, 1))
    make_document(title="一直有效")
    make_document(title="五月起施行", effective_date=date(2024, 5, 1))
    page = client.get(policy_column.url, {"in_force_on": "2024-04-15"}).content.decode()
    assert "一直有效" in page and "早已失效" not in page and "五月起施行" not in page
    page = client.get(policy_column.url, {"in_force_on": "2024年5月1日"}).content.decode()
    assert "五月起施行" in page and "早已失效" not in page


def test_catalogue_explains_a_bad_date(client, make_document, policy_column):
    make_document(title="一直有效")
    response = client.get(policy_column.url, {"in_force_on": "2024-13-45"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "有效期内（日期）" in page and "已忽略" in page and "一直有效" in page


def test_api_lists_documents_in_force_on_a_date(client, make_document):
    make_document(title="早已失效", validity=Validity.EXPIRED, repeal_date=date(2024, 4, 1))
    kept = make_document(title="一直有效")
    response = client.get("/api/v2/policy-documents/", {"in_force_on": "2024-04-15"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["一直有效"]
    assert items[0]["permalink"] == f"/id/{quote(kept.index_number, safe='')}"
    bad = client.get("/api/v2/policy-documents/", {"in_force_on": "20240415x"})
    assert bad.status_code == 400
    assert "in_force_on 应为日期" in bad.json()["message"]


def test_document_page_shows_its_timeline_and_stable_addresses(client, make_document):
    old = make_document(title="旧办法", document_number="伊政服发〔2020〕1号")
    amending = make_document(title="修改决定", publish=False)
    amending.relations.add(DocumentRelation(target=old, kind=DocumentRelation.Kind.AMENDS))
    amending.save_revision().publish()
    html = client.get(old.url).content.decode()
    assert "文件时间线" in html
    assert "2024-03-01</time> 成文" in html
    assert "被修改：" in html and "修改决定" in html
    assert f'href="/id/{quote(old.index_number, safe="")}"' in html
    assert f'href="/wenhao/{quote("伊政服发〔2020〕1号", safe="")}"' in html


def test_stable_addresses_follow_the_document_when_it_moves(client, make_document, column_root):
    page = make_document(document_number="伊政服发〔2021〕3号")
    by_id = f"/id/{page.index_number}"
    by_number = "/wenhao/" + quote("伊政服发〔2021〕3号")
    for address in (by_id, by_number, "/wenhao/伊政服发[2021]3号"):
        response = client.get(address)
        assert response.status_code == 301, address
        assert response["Location"] == page.url
    other = DisclosureColumnPage(title="规范性文件", slug="rules", column_type="信息发布")
    column_root.add_child(instance=other)
    other.save_revision().publish()
    page.move(other, pos="last-child")
    page.refresh_from_db()
    assert page.url.startswith(other.url)
    assert client.get(by_id)["Location"] == page.url
    assert client.get(by_number)["Location"] == page.url


def test_unknown_private_or_unpublished_identifiers_are_a_chinese_404(
    client, make_document, column_root
):
    draft = make_document(document_number="伊政服发〔2021〕9号", publish=False)
    assert client.get("/wenhao/" + quote(draft.document_number)).status_code == 404
    response = client.get("/id/NO-SUCH-INDEX")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
    hidden = make_document(document_number="伊政服发〔2021〕8号")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    assert client.get(f"/id/{hidden.index_number}").status_code == 404
    # A control character never reaches the database (PostgreSQL refuses a NUL byte).
    for address in ("/id/%00", "/wenhao/%00", "/id/a%01b", "/wenhao/%E4%BC%8A%7F"):
        assert client.get(address).status_code == 404, address
