"""Forms of the monitoring admin: review decisions, imports and the gate override."""

from django import forms
from wagtail.forms import TaskStateCommentForm

# The model modules rather than the monitoring.models package: the 内容安全审查 task model
# loads this module (for its override form) while that package is being loaded.
from .models.accounts import NewMediaAccount
from .models.runs import Finding, FindingReview


class OverrideForm(TaskStateCommentForm):
    comment = forms.CharField(
        label="强制通过理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
        error_messages={"required": "请填写强制通过的理由，该理由将记入审查记录。"},
    )


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label="审核结论",
        choices=[
            (FindingReview.Action.CONFIRM, "确认"),
            (FindingReview.Action.FALSE_POSITIVE, "误报"),
            (FindingReview.Action.FIXED, "已整改"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结论。"},
    )
    note = forms.CharField(
        label="说明",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action")
            in (
                FindingReview.Action.FALSE_POSITIVE,
                FindingReview.Action.FIXED,
            )
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "标记为误报或已整改时请填写说明。")
        return cleaned


class ImportForm(forms.Form):
    KIND_CHOICES = [("posts", "发文"), ("messages", "互动留言")]

    account = forms.ModelChoiceField(
        label="账号",
        queryset=NewMediaAccount.objects.all(),
        required=False,
        help_text="文件中没有“账号”列时，所有行导入到此账号。",
    )
    kind = forms.ChoiceField(label="导入内容", choices=KIND_CHOICES)
    file = forms.FileField(label="CSV 或 XLSX 文件", help_text="第一行为列名，见下方说明。")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("只支持 .csv 或 .xlsx 文件。")
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过 10 MB。")
        return upload


class RunForm(forms.Form):
    scope = forms.ChoiceField(
        label="监测范围",
        choices=[("both", "网站和政务新媒体"), ("site", "网站"), ("accounts", "政务新媒体")],
    )


class ReportForm(forms.Form):
    period = forms.ChoiceField(label="报告类型", choices=[("month", "月度"), ("quarter", "季度")])
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label="月份或季度", min_value=1, max_value=12, help_text="月度报告填 1–12，季度报告填 1–4。"
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == "quarter" and (cleaned.get("number") or 0) > 4:
            self.add_error("number", "季度只能是 1–4。")
        return cleaned


__all__ = ["Finding", "ImportForm", "OverrideForm", "ReportForm", "ReviewForm", "RunForm"]
