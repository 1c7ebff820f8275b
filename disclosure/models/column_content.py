"""What a 政府信息公开 column holds, and so which page types 添加子页面 offers under it.

A column of policy documents offers 政策文件 (and sub-columns), not 年度报告 or 指南; the 年报
column offers only 年度报告. The page types that live in columns check their parent with
ColumnChild.can_exist_under(), which Wagtail consults when offering, creating and moving pages.
"""

from django.db import models


class ColumnContent(models.TextChoices):
    DOCUMENTS = "documents", "政策文件等信息（可下设子栏目）"
    INTERPRETATIONS = "interpretations", "政策解读（可下设子栏目）"
    ANNUAL_REPORTS = "annual_reports", "政府信息公开年报"
    SECTIONS = "sections", "下级栏目、公开指南和标准目录"


# The page types (app_label.modelname) each kind of column accepts as children.
CHILD_TYPES = {
    ColumnContent.DOCUMENTS: {"disclosure.disclosurecolumnpage", "disclosure.policydocumentpage"},
    ColumnContent.INTERPRETATIONS: {
        "disclosure.disclosurecolumnpage",
        "disclosure.policyinterpretationpage",
    },
    ColumnContent.ANNUAL_REPORTS: {"annual_reports.annualreportpage"},
    ColumnContent.SECTIONS: {
        "disclosure.disclosurecolumnpage",
        "disclosure.disclosureguidepage",
        "disclosure.standardcataloguepage",
    },
}


class ColumnChild:
    """Mixin of the page types that live in columns: a column whose content kind does not list
    the type neither offers it nor accepts it (parents without a content kind accept as
    their subpage_types say)."""

    @classmethod
    def can_exist_under(cls, parent):
        if not super().can_exist_under(parent):
            return False
        accepts = getattr(parent.specific, "accepts_child_type", None)
        return accepts is None or accepts(cls)
