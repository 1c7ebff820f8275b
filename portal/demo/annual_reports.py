"""The demo 年度报告, built from the demo cases: the bureau's (portal/demo_data/
annual_reports.yaml) and each unit's (units.yaml, `annual_reports` and `report_texts`).

Runs after applications.py. A unit's year that already has a report is left alone. Table 3
and the fees come from the unit's case log; the texts quote figures through placeholders, so
they always match the tables (rule 6). A report is published only when all seven rules pass,
on the day `published_on` gives (09:00), so the 年报发布情况 screen and the 考核评价 see when
each unit published; a day after today leaves it a draft until then.
"""

from django.db import transaction
from django.utils import timezone

from disclosure.annual_reports.models import AnnualReportPage
from disclosure.annual_reports.overview import unit_report
from disclosure.models import Organisation

from . import read, say
from .pages import child, html_paragraphs, published_at
from .site import bureau_home

COLUMN_SLUG = "annual-reports"


def report_columns():
    """(unit, its 政府信息公开年报 column, report specs, texts, unit name) of every demo unit."""
    bureau_data, data = read("annual_reports"), read("units")
    bureau = Organisation.objects.filter(
        uscc=read("disclosure")["organisations"]["bureau"]["uscc"]
    ).first()
    home = bureau_home()
    section = child(home, read("disclosure")["column_root"]["slug"]) if home else None
    found = []
    if section is not None:
        found.append(
            (
                bureau,
                child(section, bureau_data["column"]),
                bureau_data["reports"],
                bureau_data["texts"],
            )
        )
    for key, spec in data["units"].items():
        unit = Organisation.objects.filter(uscc=data["organisations"][key]["uscc"]).first()
        if unit is None or unit.section_root_id is None:
            continue
        column = child(unit.section_root, COLUMN_SLUG)
        reports = [
            {
                "title": f"{unit.name}{report['year']}年政府信息公开工作年度报告",
                "slug": str(report["year"]),
                **report,
            }
            for report in spec.get("annual_reports", [])
        ]
        texts = {
            field: [line.replace("{unit}", unit.name) for line in lines]
            for field, lines in data["report_texts"].items()
        }
        found.append((unit, column, reports, texts))
    return [entry for entry in found if entry[1] is not None]


@transaction.atomic
def load(stdout=None):
    columns = report_columns()
    if not columns:
        say(stdout, "未找到“政府信息公开年报”栏目，未生成年度报告演示内容。")
        return 0
    created = 0
    for unit, column, specs, text_lines in columns:
        for spec in specs:  # in order of year: each carries over from the one before
            spec = dict(spec)
            year = spec["year"]
            published_on = spec.pop("published_on", None)
            if unit_report(unit, year) is not None:
                continue
            texts = {
                field: html_paragraphs(line.replace("{year}", str(year)) for line in lines)
                for field, lines in text_lines.items()
            }
            report = AnnualReportPage(live=False, **spec, **texts)
            report.unit_parent = column
            if published_on:
                report.first_published_at = published_at(published_on)
            report.refresh_computed_tables()
            column.specific.add_child(instance=report)
            revision = report.save_revision()
            problems = report.publication_problems()
            if problems:
                say(stdout, f"{unit.name}{year}年度报告已保存为草稿，规则核对未通过：")
                for problem in problems:
                    say(stdout, f"  - {problem.message}")
            elif published_on is None or published_on <= timezone.localdate():
                revision.publish()
                if published_on:
                    AnnualReportPage.objects.filter(pk=report.pk).update(
                        last_published_at=report.first_published_at
                    )
            created += 1
    say(stdout, f"年度报告演示内容：新建{created}份。")
    return created
