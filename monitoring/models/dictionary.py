"""Editable dictionaries of the dictionary checks, and the record of each shipped release.

Entries come from two places (`origin`): the shipped data files in monitoring/dictionaries/,
loaded by monitoring.dictionaries.load_shipped(), and staff in the admin (监测词库). A shipped
entry keeps its `shipped_key` and the version it came from; once staff edit it, it becomes
theirs (origin 人工维护) and later releases leave it alone. Wagtail's history of the snippet
keeps who changed what.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from monitoring.rules.matcher import Term, pattern_problem

CONTEXT_FIELDS = ("preceded_by", "not_preceded_by", "followed_by", "not_followed_by", "pattern")
TEXT_FIELDS = ("kind", "wrong", "right", "category", "note", "source", "active") + CONTEXT_FIELDS


class DictionaryTermForm(WagtailAdminModelForm):
    """The admin form: an edit by staff makes a shipped entry theirs."""

    def save(self, commit=True):
        if self.instance.pk and self.has_changed():
            self.instance.origin = DictionaryTerm.Origin.STAFF
        return super().save(commit=commit)


class DictionaryTerm(models.Model):
    class Kind(models.TextChoices):
        SEVERE = "severe", "严重表述错误"
        SENSITIVE = "sensitive", "敏感词"
        CAUTION = "caution", "禁用和慎用表述"
        TYPO = "typo", "错别字"
        ALLOW = "allow", "不报错的词（误报词）"

    class Origin(models.TextChoices):
        SHIPPED = "shipped", "随系统发布"
        STAFF = "staff", "人工维护"

    # Classes of severe errors as inspection vendors report them under 国办秘函〔2019〕19号,
    # and of sensitive words.
    CATEGORY_SUGGESTIONS = [
        "国家领导人",
        "机构名称",
        "会议名称",
        "行政区划",
        "法律法规政策",
        "涉台港澳",
        "规范表述",
        "落马官员",
        "反动",
        "暴力",
        "色情",
        "成语",
        "异形词",
        "一般错别字",
    ]

    base_form_class = DictionaryTermForm

    kind = models.CharField("词库", max_length=10, choices=Kind.choices)
    wrong = models.CharField(
        "错误写法/敏感词",
        max_length=100,
        help_text="要查找的文字。带上下文条件或匹配模式时，这是触发检查的文字。",
    )
    right = models.CharField(
        "正确写法",
        max_length=200,
        blank=True,
        help_text="敏感词和“不应出现”的表述可不填。使用匹配模式时可用 \\1、\\2 引用匹配到的部分。",
    )
    category = models.CharField(
        "类别", max_length=30, blank=True, help_text="如：" + "、".join(CATEGORY_SUGGESTIONS[:7])
    )
    note = models.CharField("说明", max_length=300, blank=True, help_text="为什么这样写不对。")
    source = models.CharField(
        "来源", max_length=200, blank=True, help_text="依据的标准、规范或文件。"
    )
    preceded_by = models.CharField(
        "上文须为",
        max_length=300,
        blank=True,
        help_text="正则表达式，须与紧挨在前面的文字相符（以 $ 结尾），例如 (?:认真|积极)$。",
    )
    not_preceded_by = models.CharField(
        "上文不得为", max_length=300, blank=True, help_text="正则表达式，相符时不报。"
    )
    followed_by = models.CharField(
        "下文须为",
        max_length=300,
        blank=True,
        help_text="正则表达式，须与紧跟在后面的文字相符（以 ^ 开头），例如 ^(?:目前|今年)。",
    )
    not_followed_by = models.CharField(
        "下文不得为", max_length=300, blank=True, help_text="正则表达式，相符时不报。"
    )
    pattern = models.CharField(
        "匹配模式",
        max_length=300,
        blank=True,
        help_text="正则表达式，在触发文字附近查找，匹配到的整段作为问题报告（如错误的数值范围、日期）。",
    )
    active = models.BooleanField("启用", default=True)
    origin = models.CharField(
        "来源类型", max_length=10, choices=Origin.choices, default=Origin.STAFF, editable=False
    )
    shipped_key = models.CharField("发布条目标识", max_length=200, blank=True, editable=False)
    shipped_version = models.CharField("发布版本", max_length=20, blank=True, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "监测词库"
        verbose_name_plural = "监测词库"
        ordering = ["kind", "category", "wrong"]
        constraints = [
            # A plain term once per dictionary; terms with context rules may share a literal.
            models.UniqueConstraint(
                fields=["kind", "wrong"],
                condition=Q(
                    preceded_by="",
                    not_preceded_by="",
                    followed_by="",
                    not_followed_by="",
                    pattern="",
                ),
                name="monitoring_term_unique",
            ),
            models.UniqueConstraint(
                fields=["shipped_key"],
                condition=~Q(shipped_key=""),
                name="monitoring_term_shipped_key_unique",
            ),
        ]

    def __str__(self):
        if self.right:
            return f"{self.wrong} → {self.right}"
        return self.wrong

    @property
    def has_context(self):
        return any(getattr(self, name) for name in CONTEXT_FIELDS)

    def clean(self):
        for name in ("wrong", "right", "category", "note", "source") + CONTEXT_FIELDS:
            setattr(self, name, getattr(self, name).strip())
        problems = {}
        for name in CONTEXT_FIELDS:
            problem = pattern_problem(getattr(self, name))
            if problem:
                problems[name] = problem
        if self.kind == self.Kind.TYPO and not self.right and not self.has_context:
            problems["right"] = "错别字请填写正确写法。"
        if self.right and self.right == self.wrong and not self.has_context:
            problems["right"] = "正确写法与错误写法相同。"
        if problems:
            raise ValidationError(problems)
        same = DictionaryTerm.objects.filter(kind=self.kind, wrong=self.wrong).exclude(pk=self.pk)
        for name in CONTEXT_FIELDS:
            same = same.filter(**{name: getattr(self, name)})
        if same.exists():
            raise ValidationError({"wrong": "该词库中已有相同的词条（含相同的上下文条件）。"})

    def as_term(self):
        return Term(
            wrong=self.wrong,
            right=self.right,
            category=self.category,
            note=self.note,
            source=self.source,
            preceded_by=self.preceded_by,
            not_preceded_by=self.not_preceded_by,
            followed_by=self.followed_by,
            not_followed_by=self.not_followed_by,
            pattern=self.pattern,
        )


class DictionaryRelease(models.Model):
    """One load of the shipped dictionaries: which version, what changed, which entries."""

    version = models.CharField("版本", max_length=20)
    checksum = models.CharField("校验值", max_length=64)
    loaded_at = models.DateTimeField("载入时间", auto_now_add=True)
    # {"created": n, "updated": n, "removed": n, "kept_staff": n, "kept_deleted": n}
    counts = models.JSONField("变更统计", default=dict)
    # Every shipped_key of the release: an entry staff deleted is not brought back.
    keys = models.JSONField("条目标识", default=list)

    class Meta:
        verbose_name = "词库发布记录"
        verbose_name_plural = "词库发布记录"
        ordering = ["-loaded_at", "-pk"]

    def __str__(self):
        return f"{self.version}（{self.loaded_at:%Y-%m-%d %H:%M}）"


def active_terms():
    """{kind: [matcher.Term]} of every active entry."""
    terms = {kind: [] for kind in DictionaryTerm.Kind.values}
    for entry in DictionaryTerm.objects.filter(active=True):
        terms[entry.kind].append(entry.as_term())
    return terms
