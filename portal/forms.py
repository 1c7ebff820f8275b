"""Public forms of the portal."""

from django import forms

from core.text import clean_text
from portal.models import ErrorReport


class ErrorReportForm(forms.ModelForm):
    # A field people never see: bots fill it in, and then the report is refused.
    website = forms.CharField(required=False, label="请勿填写此项", max_length=100)
    page_url = forms.URLField(
        label="问题页面地址",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="出现问题的页面地址（可选）。",
        error_messages={"invalid": "请输入有效的网址，例如 https://www.example.gov.cn/page/。"},
    )

    class Meta:
        model = ErrorReport
        fields = ["category", "page_url", "description", "contact_name", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "description": "请具体说明问题所在，最多 2000 字。",
            "contact": "电话或电子邮箱（可选），便于我们回复您。",
        }
        error_messages = {
            "category": {"required": "请选择问题类型。"},
            "description": {"required": "请填写问题描述。"},
        }

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未通过校验，请刷新页面后重试。")
        return ""

    def clean_description(self):
        text = clean_text(self.cleaned_data["description"])
        if len(text) < 5:
            raise forms.ValidationError("问题描述至少需要 5 个字。")
        return text

    def clean_contact_name(self):
        return clean_text(self.cleaned_data["contact_name"])

    def clean_contact(self):
        return clean_text(self.cleaned_data["contact"])
