"""The demo 年度报告 (portal/demo_data/annual_reports.yaml), built from the demo cases.

Runs after applications.py. A year that already has a report is left alone. Table 3 and the
fees come from the case log; the texts quote figures through placeholders, so they always
match the tables (rule 6). A report is published only when all seven rules pass.
"""

from django.db import transaction
from wagtail.models import Page

from disclosure.annual_reports.models import AnnualReportPage

from . import read, say
from .pages import html_paragraphs

COLUMN_TITLE = "政府信息公开年报"


@transaction.atomic
def load(stdout=None):
    data = read("annual_reports")
    column = Page.objects.filter(slug=data["column"]).first()
    if column is None:
        column = Page.objects.filter(title=COLUMN_TITLE).first()
    if column is None:
        say(stdout, "未找到“政府信息公开年报”栏目，未生成年度报告演示内容。")
        return 0
    created = 0
    for spec in data["reports"]:  # in order of year: each carries over from the one before
        year = spec["year"]
        if AnnualReportPage.objects.filter(year=year).exists():
            continue
        texts = {
            field: html_paragraphs(line.replace("{year}", str(year)) for line in lines)
            for field, lines in data["texts"].items()
        }
        report = AnnualReportPage(live=False, **spec, **texts)
        report.refresh_computed_tables()
        column.specific.add_child(instance=report)
        revision = report.save_revision()
        problems = report.publication_problems()
        if problems:
            say(stdout, f"{year}年度报告已保存为草稿，规则核对未通过：")
            for problem in problems:
                say(stdout, f"  - {problem.message}")
        else:
            revision.publish()
        created += 1
    say(stdout, f"年度报告演示内容：新建{created}份。")
    return created
