"""Fixtures for the annual report: real application cases (through the 依申请公开 services),
the 政府信息公开年报 column, and report pages built from them."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.rules import fees
from disclosure.annual_reports.models import AnnualReportPage
from disclosure.applications import services
from disclosure.applications.models import Application
from disclosure.applications.workflow import REPLY_RESOLUTIONS
from disclosure.models import DisclosureColumnPage

TEST_KEY = "annualreports:" + "0f" * 16
ORGANISATION_KINDS = [kind for kind, _ in Application.OrganisationKind.choices]


@pytest.fixture(autouse=True)
def encryption_key(settings):
    if not getattr(settings, "APPLICATIONS_ENCRYPTION_KEYS", None):
        settings.APPLICATIONS_ENCRYPTION_KEYS = [TEST_KEY]


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_superuser("officer", "officer@example.gov.cn", "x" * 12)


def applicant_fields(column: int, serial: int) -> dict:
    """Fields of an applicant counted in Table 3 column `column` (0 自然人, 1-5 organisations)."""
    common = {
        "phone": "13800000000",
        "information_title": f"测试申请{serial}",
        "medium": Application.Medium.ELECTRONIC,
        "delivery": Application.Delivery.EMAIL,
    }
    if column == 0:
        return common | {
            "applicant_type": Application.ApplicantType.CITIZEN,
            "name": f"申请人{serial}",
            "id_type": Application.IdType.RESIDENT_ID,
            "id_number": f"1506271990010{serial:05d}",
        }
    return common | {
        "applicant_type": Application.ApplicantType.ORGANISATION,
        "organisation_kind": ORGANISATION_KINDS[column - 1],
        "name": f"测试单位{serial}",
        "id_type": Application.IdType.USCC,
        "id_number": f"91150627MA0{serial:07d}",
    }


class CaseLog:
    """Creates and closes applications through the 依申请公开 services, as officers do."""

    def __init__(self, officer):
        self.officer = officer
        self.serial = 0

    def receive(self, received_on: date, column: int = 0) -> Application:
        self.serial += 1
        application, _code = services.create_application(
            applicant_fields(column, self.serial),
            channel=Application.Channel.IN_PERSON,
            actor=self.officer,
            received_on=received_on,
        )
        return application

    def act(self, application, action, on, **params):
        services.perform(
            application, action, actor=self.officer, reason="测试", effective_on=on, **params
        )

    def close(self, application, resolution: str, closed_on: date) -> Application:
        received = application.received_on
        if resolution in REPLY_RESOLUTIONS:
            self.act(application, "reply", closed_on, resolution=resolution)
        elif resolution == "other_1":  # 逾期不补正
            self.act(
                application,
                "request_correction",
                received,
                correction_deadline=received + timedelta(days=10),
            )
            self.act(application, "correction_lapsed", closed_on)
        elif resolution == "other_2":  # 逾期不缴费
            self.act(application, "send_fee_notice", received, scale=fees.BY_PAGES, pages=50)
            self.act(application, "payment_lapsed", closed_on)
        elif resolution == "other_3":  # 申请人撤回
            self.act(application, "withdraw", closed_on)
        else:
            raise AssertionError(resolution)
        application.refresh_from_db()
        return application

    def paid_and_granted(self, received_on: date, paid_on: date, pages: int = 50):
        """A case whose 信息处理费 was paid, then disclosed."""
        application = self.receive(received_on)
        self.act(application, "send_fee_notice", received_on, scale=fees.BY_PAGES, pages=pages)
        self.act(application, "record_payment", paid_on)
        self.act(application, "reply", paid_on, resolution="granted")
        application.refresh_from_db()
        return application


@pytest.fixture
def case_log(officer):
    return CaseLog(officer)


@pytest.fixture
def column(db):
    """A 政府信息公开年报 column under the site root."""
    root = Page.objects.get(depth=1)
    home = root.get_children().first()
    column = DisclosureColumnPage(title="政府信息公开年报", slug="annual-reports-test")
    home.add_child(instance=column)
    column.save_revision().publish()
    return column


OTHER_TEXT = "<p>本年度收取信息处理费{{fees.collected}}元。</p>"


@pytest.fixture
def make_report(column):
    def make(year, publish=False, **fields):
        fields.setdefault("other_text", OTHER_TEXT)
        report = AnnualReportPage(
            title=f"{year}年政府信息公开工作年度报告",
            slug=f"report-{year}",
            year=year,
            live=False,
            **fields,
        )
        report.refresh_computed_tables()
        column.add_child(instance=report)
        revision = report.save_revision()
        if publish:
            revision.publish()
        return AnnualReportPage.objects.get(pk=report.pk)

    return make
