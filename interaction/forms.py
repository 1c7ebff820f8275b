"""Forms of 互动交流 with Chinese messages: the public message form, the status look-up, the
满意度 rating, and the handlers' action forms."""

from __future__ import annotations

import re

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from core.text import clean_text
from disclosure.models import Organisation

from . import conf, workflow
from .models import MessageTopic, Rating

PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
Kind = workflow.Kind


class CaptchaInput(CaptchaTextInput):
    template_name = "interaction/widgets/captcha.html"


class MessageForm(forms.Form):
    """写留言. Name is optional for a 咨询; some way to reach the writer (phone or email) is
    always required, since every message gets an answer."""

    kind = forms.ChoiceField(
        label="留言类型",
        choices=[(k.value, k.label) for k in Kind],
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择留言类型：咨询、建议或投诉。",
            "invalid_choice": "请选择留言类型：咨询、建议或投诉。",
        },
    )
    topic = forms.ModelChoiceField(
        label="主题",
        queryset=MessageTopic.objects.filter(active=True),
        empty_label="请选择",
        error_messages={"required": "请选择留言主题。", "invalid_choice": "请从列表中选择主题。"},
    )
    department = forms.ModelChoiceField(
        label="受理部门",
        queryset=Organisation.objects.all(),
        empty_label="请选择",
        help_text="不确定时可选择本局，由工作人员转交承办部门。",
        error_messages={
            "required": "请选择受理部门。",
            "invalid_choice": "请从列表中选择受理部门。",
        },
    )
    title = forms.CharField(
        label="标题",
        max_length=50,
        help_text="用一句话概括您的问题，4至50个字。",
        error_messages={"required": "请填写标题。", "max_length": "标题最多50个字。"},
    )
    content = forms.CharField(
        label="留言内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明时间、地点、事项等具体情况，10至2000个字。请勿在内容中填写身份证号码等个人信息。",
        error_messages={"required": "请填写留言内容。", "max_length": "留言内容最多2000个字。"},
    )
    name = forms.CharField(
        label="姓名",
        max_length=50,
        required=False,
        help_text="咨询可不填；建议和投诉请填写，便于核实情况。",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=20,
        required=False,
        help_text="联系电话和电子邮箱至少填写一项，用于答复和核实，不会公开。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱",
        max_length=100,
        required=False,
        help_text="填写后，办理进度会发到此邮箱。",
        error_messages={"invalid": "请输入有效的电子邮箱地址，例如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_to_publish = forms.BooleanField(
        label="同意在网站公开我的留言和答复（公开前删除姓名、电话等个人信息）",
        required=False,
    )
    captcha = CaptchaField(
        label="验证码",
        widget=CaptchaInput(),
        error_messages={
            "invalid": "验证码不正确或已过期，请输入新图片中的字符。",
            "required": "请输入验证码。",
        },
        help_text="请输入图片中的4个字符（不区分大小写）。",
    )

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"])
        if len(title) < 4:
            raise forms.ValidationError("标题至少需要4个字。")
        return title

    def clean_content(self):
        content = clean_text(self.cleaned_data["content"])
        if len(content) < 10:
            raise forms.ValidationError("留言内容至少需要10个字，请写明具体情况。")
        return content

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def clean_phone(self):
        phone = clean_text(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请输入有效的电话号码，例如 13800000000 或 0477-8612345。")
        return phone

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (Kind.SUGGESTION, Kind.COMPLAINT) and not data.get("name"):
            self.add_error("name", f"{Kind(kind).label}请填写姓名，便于核实情况。")
        if "phone" in data and "email" in data and not (data["phone"] or data["email"]):
            self.add_error("phone", "请至少填写联系电话或电子邮箱中的一项，以便答复您。")
        return data

    def message_fields(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "topic": d["topic"],
            "department": d["department"],
            "title": d["title"],
            "content": d["content"],
            "name": d["name"],
            "phone": d["phone"],
            "email": d["email"],
            "consent_to_publish": d["consent_to_publish"],
        }


class LookupForm(forms.Form):
    number = forms.CharField(
        label="留言编号", max_length=24, error_messages={"required": "请填写留言编号。"}
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请填写查询码。"},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label="您对这条答复满意吗？",
        choices=Rating.Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择满意、基本满意或不满意。",
            "invalid_choice": "请选择满意、基本满意或不满意。",
        },
    )


# --- handlers' action forms ---------------------------------------------------------------


def handlers():
    """Users who may handle messages (for the assignment lists)."""
    perm = {"codename": "change_message", "content_type__app_label": "interaction"}
    by_group = Q(**{f"groups__permissions__{key}": value for key, value in perm.items()})
    by_user = Q(**{f"user_permissions__{key}": value for key, value in perm.items()})
    return (
        get_user_model()
        .objects.filter(by_group | by_user | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


class ActionForm(forms.Form):
    note = forms.CharField(
        label="说明（选填）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def params(self) -> dict:
        return {}


class OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def officer_field(label, required=False):
    return OfficerField(
        label=label,
        queryset=get_user_model().objects.none(),
        required=required,
        empty_label="（不指定）",
    )


class AcceptForm(ActionForm):
    officer = officer_field("办理人（选填）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = handlers()

    def params(self):
        return {"officer": self.cleaned_data["officer"]}


class AssignForm(AcceptForm):
    pass


class RejectForm(ActionForm):
    note = forms.CharField(
        label="不予受理的理由（将告知留言人）",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：内容与本机关职责无关，建议向××反映；属于信访事项，请通过信访渠道反映；"
        "内容不具体，无法办理。",
        error_messages={"required": "请填写不予受理的理由。"},
    )


class TransferForm(ActionForm):
    department = forms.ModelChoiceField(
        label="承办部门",
        queryset=Organisation.objects.all(),
        empty_label="请选择",
        error_messages={"required": "请选择承办部门。"},
    )
    days = forms.IntegerField(
        label="承办部门的办理时限（工作日）",
        min_value=1,
        max_value=60,
        help_text="自转办之日起计算。",
        error_messages={
            "required": "请填写办理时限。",
            "invalid": "请输入整数个工作日，例如 10。",
            "min_value": "办理时限至少1个工作日。",
            "max_value": "办理时限最多60个工作日。",
        },
    )
    officer = officer_field("承办人（选填）")

    def __init__(self, *args, message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = handlers()
        if message is not None:
            self.fields["department"].queryset = Organisation.objects.exclude(
                pk=message.department_id
            )
            self.fields["days"].initial = conf.reply_working_days(message.kind)

    def params(self):
        data = self.cleaned_data
        return {"department": data["department"], "days": data["days"], "officer": data["officer"]}


class ReplyForm(ActionForm):
    text = forms.CharField(
        label="答复内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "请填写答复内容。", "max_length": "答复内容最多4000个字。"},
    )

    def params(self):
        return {"text": self.cleaned_data["text"]}


class PublishForm(ActionForm):
    title = forms.CharField(label="公开的标题", max_length=100)
    question = forms.CharField(
        label="公开的留言内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
    answer = forms.CharField(
        label="公开的答复内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def params(self):
        data = self.cleaned_data
        return {"title": data["title"], "question": data["question"], "answer": data["answer"]}


class PlainForm(ActionForm):
    """Actions with nothing but a note."""


ACTION_FORMS = {
    workflow.Action.ACCEPT: AcceptForm,
    workflow.Action.REJECT: RejectForm,
    workflow.Action.ASSIGN: AssignForm,
    workflow.Action.TRANSFER: TransferForm,
    workflow.Action.REPLY: ReplyForm,
    workflow.Action.PUBLISH: PublishForm,
    workflow.Action.UNPUBLISH: PlainForm,
}
