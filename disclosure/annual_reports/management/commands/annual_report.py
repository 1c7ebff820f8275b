"""manage.py annual_report YEAR [--unit UNIT] [--json]: the report's tables as they stand now.

With --unit (集约化): that unit's report, from its own case log and catalogue. Without it: the
report outside every unit's section, or, when there is none, the figures of all applications.
"""

import json
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS
from disclosure.annual_reports.models import AnnualReportPage
from disclosure.annual_reports.overview import unit_report
from disclosure.units import units


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, size: int, right=False) -> str:
    text = str(text)
    space = " " * max(size - width(text), 0)
    return space + text if right else text + space


class Command(BaseCommand):
    help = (
        "按申请台账、政策文件目录和已填报内容计算某年度政府信息公开工作年度报告的表二、表三、表四，"
        "并核对七项规则（不保存任何内容）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度，如 2025")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="以 JSON 输出，供程序读取"
        )
        parser.add_argument("--unit", default="", help="单位全称或简称（集约化平台上的单位）")

    def handle(self, *args, year, as_json=False, unit="", **options):
        if not 2008 <= year <= 2100:
            raise CommandError(f"报告年度“{year}”不正确，应为2008至2100之间的年份。")
        chosen = None
        if unit:
            chosen = units().filter(name=unit).first() or units().filter(short_name=unit).first()
            if chosen is None:
                raise CommandError(f"找不到名称为“{unit}”且设置了栏目的单位。")
        report = unit_report(chosen, year)
        existing = report is not None
        if report is None:
            report = AnnualReportPage(year=year, title=f"{year}年政府信息公开工作年度报告")
            if chosen is not None:
                report.unit_parent = chosen.section_root
        report.refresh_computed_tables()  # in memory only: nothing is saved
        data = report.as_json()
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        source = "已有报告的填报内容" if existing else "尚未创建报告，填报项按0计"
        self.stdout.write(f"{year}年政府信息公开工作年度报告（{source}）")
        self.stdout.write(f"表三“二、上年结转”来源：{report.carried_over_source}")
        self.stdout.write(f"本年收取信息处理费：{report.fees_collected}元\n")
        self.print_table2(data["table2"])
        self.print_table3(report.table3())
        self.print_table4(data["table4"])
        if data["errors"]:
            self.stdout.write(self.style.ERROR(f"规则核对：{len(data['errors'])} 项未通过"))
            for error in data["errors"]:
                self.stdout.write(f"  - {error['message']}")
        else:
            self.stdout.write(self.style.SUCCESS("规则核对：全部通过"))

    def print_rows(self, title, columns, rows, label_width):
        self.stdout.write(title)
        self.stdout.write(pad("", label_width) + "".join(pad(c, 14, right=True) for c in columns))
        for label, values in rows:
            self.stdout.write(
                pad(label, label_width) + "".join(pad(v, 14, right=True) for v in values)
            )
        self.stdout.write("")

    def print_table2(self, table2):
        self.stdout.write("表二 主动公开政府信息情况")
        for section in table2["sections"]:
            rows = [(row["label"], row["values"]) for row in section["rows"]]
            self.print_rows(f"  {section['title']}", section["columns"], rows, 20)

    def print_table3(self, table3):
        rows = [(row.label, table3[row.code]) for row in TABLE3_ROWS]
        label_width = max(width(label) for label, _ in rows) + 2
        self.print_rows("表三 收到和处理政府信息公开申请情况", TABLE3_COLUMNS, rows, label_width)

    def print_table4(self, table4):
        rows = [(row["label"], row["values"]) for row in table4["rows"]]
        self.print_rows("表四 政府信息公开行政复议、行政诉讼情况", table4["columns"], rows, 32)
