"""Forms: the public application form, staff registration, and the officers' action forms.

Art.29 decides what is required: the applicant's name, proof of identity and a way to
reach them; a description of the information; how to obtain it. Nothing else is mandatory
(since 2019 there is no 用途 requirement).
"""

from __future__ import annotations

import re

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.rules import fees
from core.rules.deadlines import MAX_EXTENSION_DAYS
from core.rules.identifiers import validate_resident_id, validate_uscc
from core.text import clean_text

from . import workflow
from .models import Application, Consultation


def staff_name(user) -> str:
    """How officers are named in lists: 姓名（登录名）, or the login name alone."""
    full = f"{user.last_name}{user.first_name}".strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return staff_name(obj)


PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
OTHER_ID = re.compile(r"^[A-Za-z0-9\-]{5,30}$")

A = Application


class ChineseCaptchaInput(CaptchaTextInput):
    template_name = "applications/widgets/captcha.html"


class ApplicantFieldsForm(forms.Form):
    """The Art.29 contents, shared by the public form and staff registration."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=A.ApplicantType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型。"},
    )
    # 公民
    citizen_name = forms.CharField(label="姓名", max_length=100, required=False)
    id_type = forms.ChoiceField(
        label="证件类型",
        required=False,
        choices=[(v, lbl) for v, lbl in A.IdType.choices if v != A.IdType.USCC],
    )
    id_number = forms.CharField(
        label="证件号码",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    work_unit = forms.CharField(label="工作单位（选填）", max_length=100, required=False)
    # 法人或其他组织
    org_name = forms.CharField(label="名称", max_length=100, required=False)
    uscc = forms.CharField(
        label="统一社会信用代码", max_length=18, required=False, help_text="18位，含校验位。"
    )
    organisation_kind = forms.ChoiceField(
        label="组织类别（选填）",
        required=False,
        choices=[("", "请选择")] + list(A.OrganisationKind.choices),
    )
    legal_representative = forms.CharField(
        label="法定代表人或负责人（选填）", max_length=50, required=False
    )
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    # 联系方式
    phone = forms.CharField(
        label="联系电话",
        max_length=20,
        error_messages={"required": "请填写联系电话。"},
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=100,
        help_text="选择“电子邮件”获取信息时必填；办理进度也会发到此邮箱。",
        error_messages={"invalid": "请输入有效的电子邮箱地址。"},
    )
    address = forms.CharField(
        label="通信地址", max_length=200, required=False, help_text="选择“邮寄”获取信息时必填。"
    )
    postcode = forms.CharField(label="邮政编码（选填）", max_length=6, required=False)
    # 所需信息
    information_title = forms.CharField(
        label="所需信息的名称",
        max_length=200,
        help_text="一份申请只申请一项（一类）政府信息，便于准确、及时答复。",
        error_messages={"required": "请填写所需信息的名称。"},
    )
    document_number = forms.CharField(
        label="文号（选填）", max_length=100, required=False, help_text="如：伊政服发〔2021〕3号。"
    )
    description = forms.CharField(
        label="所需信息的特征性描述（选填）",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="如制作时间、发文机关、内容要点，便于查找。",
    )
    medium = forms.ChoiceField(
        label="获取信息的方式",
        choices=A.Medium.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的途径",
        choices=A.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的途径。"},
    )
    remarks = forms.CharField(
        label="备注（选填）",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, units=None, **kwargs):
        """`units`: the 受理机关 the applicant may choose (集约化); none, no choice to make."""
        super().__init__(*args, **kwargs)
        if units is not None and units.exists():
            unit = forms.ModelChoiceField(
                label="受理机关",
                queryset=units,
                empty_label="请选择受理机关",
                help_text="向哪个行政机关申请，由该机关的政府信息公开工作机构办理和答复。",
                error_messages={
                    "required": "请选择向哪个机关提出申请。",
                    "invalid_choice": "所选受理机关不存在，请重新选择。",
                },
            )
            if units.count() == 1 and not self.is_bound:
                self.initial.setdefault("unit", units.first().pk)
            self.fields = {"unit": unit, **self.fields}

    TEXT_FIELDS = (
        "citizen_name",
        "work_unit",
        "org_name",
        "legal_representative",
        "contact_person",
        "address",
        "information_title",
        "document_number",
        "description",
        "remarks",
    )

    def clean(self):
        data = super().clean()
        for name in self.TEXT_FIELDS:
            if name in data:
                data[name] = clean_text(data[name])
        kind = data.get("applicant_type")
        if kind == A.ApplicantType.CITIZEN:
            self._clean_citizen(data)
        elif kind == A.ApplicantType.ORGANISATION:
            self._clean_organisation(data)
        if "information_title" in data and not data["information_title"]:
            self.add_error("information_title", "请填写所需信息的名称。")
        delivery = data.get("delivery")
        if delivery == A.Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择通过电子邮件获取信息时，请填写电子邮箱。")
        if delivery == A.Delivery.POST and not data.get("address"):
            self.add_error("address", "选择邮寄获取信息时，请填写通信地址。")
        return data

    def _clean_citizen(self, data):
        if not data.get("citizen_name"):
            self.add_error("citizen_name", "请填写姓名。")
        id_type = data.get("id_type")
        number = (data.get("id_number") or "").strip().replace(" ", "")
        if not id_type:
            self.add_error("id_type", "请选择证件类型。")
        if not number:
            self.add_error("id_number", "请填写证件号码。")
            return
        if id_type == A.IdType.RESIDENT_ID:
            number = number.upper()
            message = validate_resident_id(number)
            if message:
                self.add_error("id_number", message + "。")
                return
        elif not OTHER_ID.match(number):
            self.add_error("id_number", "证件号码应为5至30位字母或数字。")
            return
        data["id_number"] = number

    def _clean_organisation(self, data):
        if not data.get("org_name"):
            self.add_error("org_name", "请填写法人或其他组织的名称。")
        if not data.get("contact_person"):
            self.add_error("contact_person", "请填写联系人。")
        code = (data.get("uscc") or "").strip().replace(" ", "").upper()
        if not code:
            self.add_error("uscc", "请填写统一社会信用代码。")
            return
        message = validate_uscc(code)
        if message:
            self.add_error("uscc", message + "。")
            return
        data["uscc"] = code

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone):
            raise forms.ValidationError("请输入有效的电话号码，例如 13800000000 或 0477-8612345。")
        return phone

    def clean_postcode(self):
        code = self.cleaned_data["postcode"].strip()
        if code and not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return code

    def application_fields(self) -> dict:
        """The cleaned data as Application model fields."""
        d = self.cleaned_data
        citizen = d["applicant_type"] == A.ApplicantType.CITIZEN
        unit = {"unit": d["unit"]} if "unit" in d else {}
        return {
            **unit,
            "applicant_type": d["applicant_type"],
            "organisation_kind": "" if citizen else (d.get("organisation_kind") or ""),
            "name": d["citizen_name"] if citizen else d["org_name"],
            "id_type": d["id_type"] if citizen else A.IdType.USCC,
            "id_number": d["id_number"] if citizen else d["uscc"],
            "work_unit": d["work_unit"] if citizen else "",
            "legal_representative": "" if citizen else d["legal_representative"],
            "contact_person": "" if citizen else d["contact_person"],
            "phone": d["phone"],
            "email": d["email"],
            "address": d["address"],
            "postcode": d["postcode"],
            "information_title": d["information_title"],
            "document_number": d["document_number"],
            "description": d["description"],
            "medium": d["medium"],
            "delivery": d["delivery"],
            "remarks": d["remarks"],
        }


class PublicApplicationForm(ApplicantFieldsForm):
    """The public form. `reviewed=True`: the applicant confirms on the 核对 page what they
    entered; the captcha was answered on the step before (views.apply checks the signed
    review token instead)."""

    id_document = forms.FileField(
        label="身份证明或营业执照等证照的扫描件或照片",
        required=False,
        help_text="JPEG、PNG 图片或 PDF 文件，不超过 5 MB。图片会被重新编码，只保存图像本身。",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    upload_token = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha = CaptchaField(
        label="验证码",
        widget=ChineseCaptchaInput(),
        error_messages={
            "invalid": "验证码不正确或已过期，请输入新图片中的字符。",
            "required": "请输入验证码。",
        },
        help_text="请输入图片中的4个字符（不区分大小写）。",
    )

    # What the applicant entered, as the 核对 page shows and re-sends it (not the captcha,
    # the file or its token).
    ENTERED = (
        "unit",
        "applicant_type",
        "citizen_name",
        "id_type",
        "id_number",
        "work_unit",
        "org_name",
        "uscc",
        "organisation_kind",
        "legal_representative",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "information_title",
        "document_number",
        "description",
        "medium",
        "delivery",
        "remarks",
    )
    CITIZEN_ONLY = ("citizen_name", "id_type", "id_number", "work_unit")
    ORGANISATION_ONLY = (
        "org_name",
        "uscc",
        "organisation_kind",
        "legal_representative",
        "contact_person",
    )

    def __init__(self, *args, reviewed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reviewed:
            del self.fields["captcha"]

    def entered_values(self) -> list[tuple[str, str]]:
        """(field name, submitted value) of every entered field, to re-send from 核对."""
        return [(name, self.data.get(name, "")) for name in self.ENTERED if name in self.fields]

    def review_rows(self) -> list[tuple[str, str]]:
        """(label, text) of what a valid form says, in the form's order, for the 核对 page:
        only the applicant block of the chosen type, choices by their labels, empty optional
        fields as 未填写."""
        data = self.cleaned_data
        skip = (
            self.ORGANISATION_ONLY
            if data["applicant_type"] == A.ApplicantType.CITIZEN
            else self.CITIZEN_ONLY
        )
        rows = []
        for name in self.ENTERED:
            if name not in self.fields or name in skip:
                continue
            field, value = self.fields[name], data.get(name)
            if name == "unit":
                text = str(value)
            elif isinstance(field, forms.ChoiceField):
                text = str(dict(field.choices).get(value, "")) if value else ""
            else:
                text = str(value or "")
            rows.append((str(field.label).removesuffix("（选填）"), text or "未填写"))
        return rows


# A browser's date input only takes ISO dates: without the format the zh-hans default
# (2026/12/01) is rendered and the browser shows an empty field.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterApplicationForm(ApplicantFieldsForm):
    """Staff register applications received in person, by post, fax or email."""

    channel = forms.ChoiceField(
        label="申请渠道",
        choices=[(v, lbl) for v, lbl in A.Channel.choices if v != A.Channel.ONLINE],
    )
    received_on = forms.DateField(
        label="收到申请日期",
        widget=DATE,
        help_text="条例第三十一条：当面提交的为提交之日；挂号信、EMS等为签收之日；平常信函为"
        "与申请人确认之日；传真、电子邮件为双方确认之日。",
    )
    receipt_note = forms.CharField(
        label="收到日期说明（选填）",
        max_length=200,
        required=False,
        help_text="如：挂号信签收单号、电话确认情况。",
    )
    officer = StaffChoiceField(
        label="经办人（选填）", required=False, queryset=get_user_model().objects.none()
    )
    id_document = forms.FileField(label="身份证明文件（选填）", required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("收到申请日期不能晚于今天。")
        return value


class LookupForm(forms.Form):
    number = forms.CharField(
        label="受理编号", max_length=24, error_messages={"required": "请填写受理编号。"}
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请填写查询码。"},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


# --- officers' action forms --------------------------------------------------------------


class ActionForm(forms.Form):
    """Base of every action form: the date the event happened and the reason (why)."""

    effective_on = forms.DateField(label="办理日期", widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(
        label="理由或说明",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": "请填写理由或说明。"},
    )

    letter_kind = None  # the Letter.Kind this action sends, if any

    def __init__(self, *args, application=None, late_due=None, **kwargs):
        """``late_due``: the reply's due date when this decision comes after it; the office
        head then has to give a written reason (services.perform refuses it otherwise)."""
        self.application = application
        super().__init__(*args, **kwargs)
        if late_due is not None:
            self.fields["late_reason"] = forms.CharField(
                label="逾期决定的书面理由（负责人填写）",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
                help_text=f"答复期限{late_due:%Y-%m-%d}已届满。办理日期在此之后的，须填写理由；"
                "补记的决定记入办理记录，本申请按超期统计。",
            )

    def params(self) -> dict:
        """Keyword arguments for services.perform besides date, reason and resolution."""
        return {}

    def letter_params(self) -> dict:
        return self.params()


class ConfirmForm(ActionForm):
    received_on = forms.DateField(
        label="双方确认收到申请的日期",
        widget=DATE,
        help_text="条例第三十一条：通过互联网渠道提交的，以双方确认之日为收到申请之日。",
    )

    def params(self):
        return {"received_on": self.cleaned_data["received_on"]}


class AssignForm(ActionForm):
    officer = StaffChoiceField(
        label="经办人",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="（不指定）",
    )

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers

    def params(self):
        return {"officer": self.cleaned_data["officer"]}


class CorrectionForm(ActionForm):
    letter_kind = "correction"
    correction_deadline = forms.DateField(label="补正期限", widget=DATE)
    what_to_correct = forms.CharField(
        label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean(self):
        data = super().clean()
        deadline, notice_on = data.get("correction_deadline"), data.get("effective_on")
        if deadline and deadline < timezone.localdate():
            self.add_error(
                "correction_deadline", "补正期限不能早于今天，请给申请人留出合理的补正时间。"
            )
        elif deadline and notice_on and deadline <= notice_on:
            self.add_error("correction_deadline", "补正期限应晚于告知补正的日期。")
        return data

    def params(self):
        return {"correction_deadline": self.cleaned_data["correction_deadline"]}

    def letter_params(self):
        return {**self.params(), "what_to_correct": self.cleaned_data["what_to_correct"]}


class ConsultationForm(ActionForm):
    letter_kind = "consultation"
    kind = forms.ChoiceField(label="类型", choices=Consultation.Kind.choices)
    consultee = forms.CharField(label="征求意见的对象", max_length=200)
    consultee_received_on = forms.DateField(
        label="征求对象收到日期（选填）",
        widget=DATE,
        required=False,
        help_text="征求对象的15个工作日自收到征求意见书之日起算。不填：当日电子送达，即为"
        "办理日期；邮寄的可在签收后通过“登记征求对象收到日期”补录。",
    )

    def params(self):
        return {
            "kind": self.cleaned_data["kind"],
            "consultee": self.cleaned_data["consultee"],
            "consultee_received_on": self.cleaned_data["consultee_received_on"],
        }


class ReceiptForm(ActionForm):
    """登记征求对象收到日期 / 登记收费通知送达日期: the day the other side received it."""

    received_on = forms.DateField(label="收到日期", widget=DATE)

    def params(self):
        return {"received_on": self.cleaned_data["received_on"]}


class EndConsultationForm(ActionForm):
    opinion = forms.CharField(
        label="意见",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="第三方或其他机关的意见；逾期未答复的请注明。",
    )

    def params(self):
        return {"opinion": self.cleaned_data["opinion"]}


class ExtensionForm(ActionForm):
    letter_kind = "extension"
    days = forms.IntegerField(
        label="延长的工作日数",
        min_value=1,
        max_value=MAX_EXTENSION_DAYS,
        initial=MAX_EXTENSION_DAYS,
        error_messages={
            "max_value": "延长期限最长不得超过20个工作日。",
            "min_value": "延长期限至少1个工作日。",
        },
    )

    def params(self):
        return {"days": self.cleaned_data["days"]}

    def letter_params(self):
        return {**self.params(), "reason": self.cleaned_data["reason"]}


class FeeForm(ActionForm):
    letter_kind = "fee"
    scale = forms.ChoiceField(
        label="计收方式（只能选一种）", choices=A.FeeScale.choices, widget=forms.RadioSelect
    )
    pages = forms.IntegerField(label="页数（按量计收时填写）", min_value=0, required=False)
    payment_method = forms.CharField(
        label="缴纳方式",
        max_length=300,
        initial="凭本通知到本机关政务公开窗口缴纳或通过非税收入缴款书缴纳",
    )
    notice_received_on = forms.DateField(
        label="申请人收到通知日期（选填）",
        widget=DATE,
        required=False,
        help_text="缴费期限自收到通知的次日起算20个工作日（109号第七条）。不填：网上或当面"
        "送达，即为办理日期；邮寄的可在签收后通过“登记收费通知送达日期”补录。",
    )

    def clean(self):
        data = super().clean()
        if data.get("scale") == fees.BY_PAGES and data.get("pages") is None:
            self.add_error("pages", "按量计收时请填写页数。")
        return data

    def params(self):
        pages = (
            self.cleaned_data.get("pages") if self.cleaned_data["scale"] == fees.BY_PAGES else None
        )
        return {
            "scale": self.cleaned_data["scale"],
            "pages": pages,
            "notice_received_on": self.cleaned_data["notice_received_on"],
        }

    def letter_params(self):
        return {"payment_method": self.cleaned_data["payment_method"]}


class ReplyForm(ActionForm):
    letter_kind = "reply"
    outcomes = forms.MultipleChoiceField(
        label="答复类型",
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, workflow.resolution_label(code)) for code in workflow.REPLY_RESOLUTIONS],
        help_text="选择本申请各部分的处理结果；既有公开又有其他处理的，按“部分公开”办结"
        "（条例第三十七条）。",
        error_messages={"required": "请选择答复类型。"},
    )

    def clean_outcomes(self):
        try:
            return workflow.reply_type(self.cleaned_data["outcomes"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def resolution(self):
        return self.cleaned_data["outcomes"]

    def shown_value(self, name):
        """What the confirmation step shows for a field: the reply type's Chinese label."""
        if name == "outcomes":
            return workflow.resolution_label(self.cleaned_data["outcomes"])
        return None


class LapseForm(ActionForm):
    """逾期未补正 / 逾期未缴费: closes the case with its Table 3 row and a letter."""

    letter_kind = "reply"


class PlainForm(ActionForm):
    """Actions with nothing but a date and a reason."""


class LetterForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="正文（发送前可修改）", widget=forms.Textarea(attrs={"rows": 22}))
    recipient = forms.CharField(label="收件人", max_length=200, required=False)


class FeeCalculatorForm(forms.Form):
    scale = forms.ChoiceField(
        label="计收方式",
        choices=A.FeeScale.choices,
        widget=forms.RadioSelect,
        initial=fees.BY_PAGES,
    )
    pages = forms.IntegerField(label="页数", min_value=0, required=False)
    filed_earlier = forms.IntegerField(
        label="同一申请人本月此前已提交的申请件数", min_value=0, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("scale") == fees.BY_PAGES and data.get("pages") is None:
            self.add_error("pages", "按量计收时请填写页数。")
        if data.get("scale") == fees.BY_COUNT and data.get("filed_earlier") is None:
            self.add_error("filed_earlier", "按件计收时请填写本月此前已提交的申请件数。")
        return data


ACTION_FORMS = {
    workflow.Action.CONFIRM: ConfirmForm,
    workflow.Action.DISCARD: PlainForm,
    workflow.Action.ASSIGN: AssignForm,
    workflow.Action.REQUEST_CORRECTION: CorrectionForm,
    workflow.Action.RECEIVE_CORRECTION: PlainForm,
    workflow.Action.CORRECTION_LAPSED: LapseForm,
    workflow.Action.START_CONSULTATION: ConsultationForm,
    workflow.Action.RECORD_CONSULTEE_RECEIPT: ReceiptForm,
    workflow.Action.END_CONSULTATION: EndConsultationForm,
    workflow.Action.EXTEND: ExtensionForm,
    workflow.Action.SEND_FEE_NOTICE: FeeForm,
    workflow.Action.RECORD_FEE_NOTICE_RECEIPT: ReceiptForm,
    workflow.Action.RECORD_PAYMENT: PlainForm,
    workflow.Action.PAYMENT_LAPSED: LapseForm,
    workflow.Action.REPLY: ReplyForm,
    workflow.Action.WITHDRAW: LapseForm,
    workflow.Action.ARCHIVE: PlainForm,
}

DEFAULT_REASONS = {
    workflow.Action.CONFIRM: "已与申请人确认收到申请",
    workflow.Action.RECEIVE_CORRECTION: "收到申请人补正的申请",
    workflow.Action.CORRECTION_LAPSED: "申请人无正当理由逾期未补正，视为放弃申请",
    workflow.Action.PAYMENT_LAPSED: "申请人逾期未缴纳信息处理费，视为放弃申请",
    workflow.Action.RECORD_PAYMENT: "申请人已缴纳信息处理费",
    workflow.Action.END_CONSULTATION: "收到意见",
    workflow.Action.ARCHIVE: "办结材料整理归档",
    workflow.Action.ASSIGN: "分配经办人",
    workflow.Action.WITHDRAW: "申请人撤回申请",
    workflow.Action.RECORD_CONSULTEE_RECEIPT: "征求对象签收征求意见书",
    workflow.Action.RECORD_FEE_NOTICE_RECEIPT: "申请人签收收费通知",
}
