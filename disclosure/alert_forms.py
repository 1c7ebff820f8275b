"""The public 订阅提醒 form (disclosure/alerts.py), with Chinese messages."""

from django import forms

from disclosure.models import Scope


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="电子邮箱",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "请填写电子邮箱。",
            "invalid": "请输入有效的电子邮箱地址，例如 name@example.com。",
        },
    )
    scope = forms.ChoiceField(
        choices=Scope.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "订阅范围无效，请从页面上的订阅入口重新订阅。"},
    )
    target = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"invalid": "订阅对象无效，请从页面上的订阅入口重新订阅。"},
    )
    # A field people never see: bots fill it in, and then the request is refused.
    website = forms.CharField(required=False, label="请勿填写此项", max_length=100)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未通过校验，请刷新页面后重试。")
        return ""
