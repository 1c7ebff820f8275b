"""Editable dictionaries of the dictionary checks."""

from django.core.exceptions import ValidationError
from django.db import models

from monitoring.rules.matcher import Term


class DictionaryTerm(models.Model):
    class Kind(models.TextChoices):
        SEVERE = "severe", "严重表述错误"
        SENSITIVE = "sensitive", "敏感词"
        TYPO = "typo", "错别字"

    # Classes of severe errors as inspection vendors report them under 国办秘函〔2019〕19号,
    # and of sensitive words.
    CATEGORY_SUGGESTIONS = [
        "国家领导人",
        "机构名称",
        "会议名称",
        "行政区划",
        "法律法规政策",
        "规范表述",
        "落马官员",
        "反动",
        "暴力",
        "色情",
        "一般错别字",
    ]

    kind = models.CharField("词库", max_length=10, choices=Kind.choices)
    wrong = models.CharField("错误写法/敏感词", max_length=100)
    right = models.CharField(
        "正确写法", max_length=100, blank=True, help_text="敏感词和“不应出现”的表述可不填。"
    )
    category = models.CharField(
        "类别", max_length=30, blank=True, help_text="如：" + "、".join(CATEGORY_SUGGESTIONS[:7])
    )
    note = models.CharField("说明", max_length=200, blank=True)
    active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "监测词库"
        verbose_name_plural = "监测词库"
        ordering = ["kind", "category", "wrong"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "wrong"], name="monitoring_term_unique")
        ]

    def __str__(self):
        if self.right:
            return f"{self.wrong} → {self.right}"
        return self.wrong

    def clean(self):
        self.wrong = self.wrong.strip()
        self.right = self.right.strip()
        if self.kind == self.Kind.TYPO and not self.right:
            raise ValidationError({"right": "错别字请填写正确写法。"})
        if self.right and self.right == self.wrong:
            raise ValidationError({"right": "正确写法与错误写法相同。"})


def active_terms():
    """{kind: [matcher.Term]} of every active entry."""
    terms = {kind: [] for kind in DictionaryTerm.Kind.values}
    for entry in DictionaryTerm.objects.filter(active=True):
        terms[entry.kind].append(Term(entry.wrong, entry.right, entry.category))
    return terms
