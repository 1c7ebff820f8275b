"""Demo annual reports for 2024 and 2025, built from the demo application cases.

Called by ``seed_demo`` after the cases are seeded. Idempotent: a year that already has a
report is left alone, so editors' changes survive re-runs. Tables 2 (staff part) and 4 are
illustrative figures marked 演示; Table 3 and the fees come from the case log. The texts
quote figures through placeholders, so they always match the tables (rule 6).
"""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Page

from .models import AnnualReportPage

COLUMN_SLUG = "annual-reports"
COLUMN_TITLE = "政府信息公开年报"


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def demo_texts(year):
    return {
        "overview": _p(
            f"{year}年，伊金霍洛旗政务服务局深入贯彻《中华人民共和国政府信息公开条例》，"
            "围绕政务服务、“放管服”改革和优化营商环境，扎实做好政府信息公开工作（演示内容）。",
            "（一）主动公开。通过本局网站“政府信息公开”专栏及时发布机构职能、政策文件、政策解读、"
            "财政资金和行政许可等信息，本年度作出行政许可决定"
            "{{table2.licensing.本年处理决定数量}}件。",
            "（二）依申请公开。本年新收政府信息公开申请{{table3.new.总计}}件，"
            "上年结转{{table3.carried_over.总计}}件，办结{{table3.total.总计}}件，"
            "结转下年度继续办理{{table3.carry_forward.总计}}件，均在法定期限内答复。",
            "（三）政府信息管理。严格执行公开前保密审查和“三审”制度，动态更新政策文件有效性。",
            "（四）平台建设。网站支持检索、查阅、下载，提供长者模式和无障碍浏览。",
            "（五）监督保障。将政府信息公开纳入年度工作要点，定期开展内容检查和业务培训。",
        ),
        "proactive_text": _p("本年度主动公开政府信息情况见下表。"),
        "applications_text": _p(
            "本年度收到和处理政府信息公开申请情况见下表。其中予以公开"
            "{{table3.granted.总计}}件，部分公开{{table3.partially_granted.总计}}件。"
        ),
        "remedies_text": _p(
            "本年度因政府信息公开申请引起的行政复议{{table4.review.总计}}件，"
            "行政诉讼{{table4.litigation_direct.总计}}件（未经复议直接起诉）、"
            "{{table4.litigation_after_review.总计}}件（复议后起诉）。"
        ),
        "problems_text": _p(
            "一是政策解读形式还不够丰富；二是部分栏目更新不够及时。",
            "下一步，本局将丰富图解、问答等解读形式，落实栏目更新责任人，按月检查栏目更新情况。",
        ),
        "other_text": _p(
            "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
            "收取信息处理费{{fees.collected}}元。",
            "本年度政务公开工作要点落实情况、人大代表建议和政协委员提案办理结果公开情况，"
            "已在本局网站相关栏目公开。",
        ),
    }


# Staff entry, illustrative (演示): Table 2 rows not counted from the catalogue, Table 4.
DEMO_ENTRIES = {
    2024: {
        "licensing_count": 18436,
        "penalty_count": 0,
        "coercion_count": 0,
        "fees_amount": Decimal("0"),
    },
    2025: {
        "licensing_count": 19872,
        "penalty_count": 0,
        "coercion_count": 0,
        "fees_amount": Decimal("0"),
        "review_upheld": 1,
        "review_total": 1,
    },
}


def annual_report_column():
    """The 政府信息公开年报 column page, or None when the site has none."""
    column = Page.objects.filter(slug=COLUMN_SLUG).first()
    if column is None:
        column = Page.objects.filter(title=COLUMN_TITLE).first()
    return column.specific if column else None


@transaction.atomic
def seed(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    column = annual_report_column()
    if column is None:
        say("未找到“政府信息公开年报”栏目，未生成年度报告演示内容。")
        return 0
    created = 0
    for year, entries in DEMO_ENTRIES.items():  # 2024 first: 2025 carries over from it
        if AnnualReportPage.objects.filter(year=year).exists():
            continue
        report = AnnualReportPage(
            title=f"伊金霍洛旗政务服务局{year}年政府信息公开工作年度报告",
            slug=str(year),
            live=False,
            year=year,
            **demo_texts(year),
            **entries,
        )
        report.refresh_computed_tables()
        column.add_child(instance=report)
        revision = report.save_revision()
        problems = report.publication_problems()
        if problems:
            say(f"{year}年度报告已保存为草稿，规则核对未通过：")
            for problem in problems:
                say(f"  - {problem.message}")
        else:
            revision.publish()
        created += 1
    say(f"年度报告演示内容：新建{created}份。")
    return created
