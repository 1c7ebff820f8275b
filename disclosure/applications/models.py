"""依申请公开: applications, their transition log, consultations, letters and personal data.

The workflow rules are in workflow.py, the clock in clock.py; models only store facts.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import models, transaction
from django.utils import timezone

from core.rules.deadlines import PausedInterval
from core.rules.identifiers import mask_name
from core.sequences import YearlySerial

from . import clock, conf, crypto, workflow
from .fields import EncryptedTextField, RowBoundEncryption

STATUS_CHOICES = [(s.value, s.label) for s in workflow.Status]
RESOLUTION_CHOICES = [(code, workflow.resolution_label(code)) for code in workflow.RESOLUTIONS]
ACTION_CHOICES = [(a.value, a.label) for a in workflow.Action]


class Application(RowBoundEncryption):
    class Channel(models.TextChoices):
        ONLINE = "online", "网上申请"
        IN_PERSON = "in_person", "当面提交"
        REGISTERED_POST = "registered_post", "邮寄（挂号信、EMS等需签收）"
        ORDINARY_POST = "ordinary_post", "邮寄（平常信函）"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"

    class ApplicantType(models.TextChoices):
        CITIZEN = "citizen", "公民"
        ORGANISATION = "organisation", "法人或其他组织"

    class OrganisationKind(models.TextChoices):
        # The five 法人或其他组织 columns of the annual report's Table 3.
        COMMERCIAL = "commercial", "商业企业"
        RESEARCH = "research", "科研机构"
        PUBLIC_INTEREST = "public_interest", "社会公益组织"
        LEGAL_SERVICE = "legal_service", "法律服务机构"
        OTHER = "other", "其他"

    class IdType(models.TextChoices):
        RESIDENT_ID = "resident_id", "居民身份证"
        PASSPORT = "passport", "护照"
        HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
        TAIWAN = "taiwan", "台湾居民来往大陆通行证"
        OTHER = "other", "其他有效身份证件"
        USCC = "uscc", "统一社会信用代码"

    class Medium(models.TextChoices):
        PAPER = "paper", "纸质"
        ELECTRONIC = "electronic", "电子文档"
        DISC = "disc", "光盘"
        ON_SITE = "on_site", "现场查阅"

    class Delivery(models.TextChoices):
        POST = "post", "邮寄"
        EMAIL = "email", "电子邮件"
        COLLECT = "collect", "自行领取"

    class FeeScale(models.TextChoices):
        BY_COUNT = "by_count", "按件计收"
        BY_PAGES = "by_pages", "按量计收"

    number = models.CharField("受理编号", max_length=24, unique=True, editable=False)
    # 集约化: the unit the application is addressed to; its officers handle it, its annual
    # report counts it. None on an installation without units.
    unit = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="受理机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    lookup_code_hash = models.CharField("查询码摘要", max_length=128, editable=False)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)

    # Art.29 (1): the applicant
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    organisation_kind = models.CharField(
        "组织类别", max_length=20, choices=OrganisationKind.choices, blank=True
    )
    name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = EncryptedTextField("证件号码")
    work_unit = models.CharField("工作单位", max_length=100, blank=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = EncryptedTextField("联系电话")
    email = EncryptedTextField("电子邮箱", blank=True)
    address = EncryptedTextField("通信地址", blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    applicant_digest = models.CharField(
        "申请人标识摘要",
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="证件号码的密钥摘要，用于按申请人统计件数（109号按件计收），不可还原。",
    )

    # Art.29 (2): the information
    information_title = models.CharField("所需信息的名称", max_length=200)
    document_number = models.CharField("文号", max_length=100, blank=True)
    description = models.TextField("所需信息的特征性描述", max_length=2000, blank=True)

    # Art.29 (3): how to obtain it
    medium = models.CharField("获取信息的方式", max_length=20, choices=Medium.choices)
    delivery = models.CharField("获取信息的途径", max_length=20, choices=Delivery.choices)
    remarks = models.TextField("备注", max_length=1000, blank=True)

    # Receipt (Art.31)
    submitted_at = models.DateTimeField("提交或登记时间", default=timezone.now)
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    receipt_note = models.CharField("收到日期说明", max_length=200, blank=True)

    # Where it is, how it ended
    status = models.CharField(
        "状态", max_length=24, choices=STATUS_CHOICES, default=workflow.Status.ACCEPTED.value
    )
    resolution = models.CharField(
        "答复类型（办理结果）", max_length=24, choices=RESOLUTION_CHOICES, blank=True
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    officer_assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分配人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer_assigned_by_head = models.BooleanField(
        "由负责人指派",
        default=False,
        help_text="经办人由政府信息公开工作机构负责人指派时，可查看本申请的完整个人信息；"
        "自行分配的不能。",
    )

    # 补正 (Art.30)
    correction_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    correction_deadline = models.DateField("补正期限", null=True, blank=True)
    corrected_on = models.DateField("收到补正申请日期", null=True, blank=True)
    correction_notice_late = models.BooleanField(
        "补正告知超期",
        default=False,
        help_text="补正告知晚于收到申请后7个工作日发出（条例第三十条）。",
    )

    # Extension (Art.33)
    extension_days = models.PositiveSmallIntegerField("延期工作日数", default=0)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延期批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_on = models.DateField("批准延期日期", null=True, blank=True)

    # 信息处理费 (国办函〔2020〕109号)
    fee_scale = models.CharField("计收方式", max_length=10, choices=FeeScale.choices, blank=True)
    fee_pages = models.PositiveIntegerField("页数", null=True, blank=True)
    fee_filed_earlier = models.PositiveIntegerField("本月此前申请件数", null=True, blank=True)
    fee_amount = models.DecimalField(
        "收费金额（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_notice_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_notice_received_on = models.DateField(
        "申请人收到收费通知日期",
        null=True,
        blank=True,
        help_text="缴费期限自收到通知的次日起算20个工作日（109号第七条）；网上送达的为发出之日。",
    )
    fee_due_on = models.DateField("缴费期限", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)

    closed_on = models.DateField("办结日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    client_hash = models.CharField(
        "来源标识", max_length=64, blank=True, db_index=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reminder_on = models.DateField("最近提醒日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at"]
        permissions = [
            ("approve_extension", "批准延期答复（政府信息公开工作机构负责人）"),
            ("view_personal_data", "查看任一申请人的完整个人信息（政府信息公开工作机构负责人）"),
            (
                "assign_officer",
                "指派经办人，被指派的经办人可查看该申请的完整个人信息（政府信息公开工作机构负责人）",
            ),
            (
                "record_late_decision",
                "答复期限届满后补记延期、收费或征求意见决定，须书面说明理由（政府信息公开工作机构负责人）",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_days__lte=20), name="extension_at_most_20_wd"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.information_title}"

    # --- small helpers -------------------------------------------------------------------

    @property
    def status_enum(self) -> workflow.Status:
        return workflow.Status(self.status)

    def get_status_display(self):
        return self.status_enum.label

    @property
    def resolution_label(self):
        return workflow.resolution_label(self.resolution) if self.resolution else ""

    @property
    def resolution_article(self):
        return workflow.resolution_article(self.resolution) if self.resolution else None

    def check_lookup_code(self, code: str) -> bool:
        return check_password(normalise_lookup_code(code), self.lookup_code_hash)

    def facts(self, today=None) -> workflow.CaseFacts:
        return workflow.CaseFacts(
            status=self.status_enum,
            correction_requested=self.correction_requested_on is not None,
            extension_days=self.extension_days,
            has_officer=self.officer_id is not None,
            today=today or timezone.localdate(),
            correction_deadline=self.correction_deadline,
            fee_due_on=self.fee_due_on,
        )

    def clock_facts(self) -> clock.ClockFacts:
        pauses, running, until = [], None, None
        for consultation in self.consultations.all():
            if consultation.ended_on is None:
                running, until = consultation.sent_on, consultation.reply_due_on
            elif min(consultation.ended_on, consultation.reply_due_on) > consultation.sent_on:
                pauses.append(
                    PausedInterval.for_consultation(
                        consultation.sent_on, consultation.ended_on, consultation.reply_due_on
                    )
                )
        if self.fee_notice_on and _fee_pauses():
            # 109号 第七条: from the day after the notice was sent until the day of payment.
            if self.fee_paid_on and self.fee_paid_on > self.fee_notice_on:
                pauses.append(
                    PausedInterval(self.fee_notice_on + timedelta(days=1), self.fee_paid_on)
                )
            elif self.status == workflow.Status.AWAITING_PAYMENT:
                running, until = self.fee_notice_on, None
        return clock.ClockFacts(
            received_on=self.received_on,
            corrected_on=self.corrected_on,
            paused=tuple(pauses),
            paused_since=running,
            paused_until=until,
            extension_days=self.extension_days,
            awaiting_correction=self.status == workflow.Status.AWAITING_CORRECTION,
        )

    def read_clock(self, calendar, today=None):
        """ClockReading for open cases; raises CalendarYearMissing when the calendar lacks
        a year the deadline needs (shown to staff, never guessed)."""
        return clock.read_clock(calendar, self.clock_facts(), today or timezone.localdate())

    @property
    def is_open(self):
        return self.status_enum in workflow.OPEN_STATUSES

    @property
    def masked_name(self):
        if self.applicant_type == self.ApplicantType.ORGANISATION:
            return self.name
        return mask_name(self.name)

    def table3_column(self) -> int:
        """Column of Table 3 this applicant counts in (TABLE3_COLUMNS order, without 总计)."""
        if self.applicant_type == self.ApplicantType.CITIZEN:
            return 0
        order = [
            self.OrganisationKind.COMMERCIAL,
            self.OrganisationKind.RESEARCH,
            self.OrganisationKind.PUBLIC_INTEREST,
            self.OrganisationKind.LEGAL_SERVICE,
            self.OrganisationKind.OTHER,
        ]
        kind = self.organisation_kind or self.OrganisationKind.OTHER
        return 1 + order.index(kind)


def _fee_pauses():
    return conf.fee_notice_pauses_clock()


def normalise_lookup_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


class ApplicationNumberSequence(YearlySerial):
    """The last 受理编号 serial handed out per year (core/sequences.py)."""

    class Meta:
        verbose_name = "受理编号序列"
        verbose_name_plural = "受理编号序列"


class Transition(models.Model):
    """One entry of the case log (Art.45 登记、审核、办理、答复、归档): who, when, why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions", verbose_name="申请"
    )
    action = models.CharField("操作", max_length=32, choices=ACTION_CHOICES)
    from_status = models.CharField("原状态", max_length=24, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField("新状态", max_length=24, choices=STATUS_CHOICES)
    resolution = models.CharField("答复类型", max_length=24, choices=RESOLUTION_CHOICES, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人说明", max_length=50, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)
    effective_on = models.DateField("事项发生日期", null=True, blank=True)
    reason = models.TextField("理由或说明", blank=True)
    late_reason = models.TextField(
        "逾期决定的书面理由",
        blank=True,
        help_text="答复期限届满后由负责人补记延期、收费或征求意见决定时的书面理由；本申请按超期统计。",
    )

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application.number} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def actor_name(self):
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label or "系统"


class Consultation(models.Model):
    """A written consultation of a third party (Art.32) or another agency (Art.34): the
    reply clock stands still from the day after it is sent until the answer arrives, at most
    until the consultee's 15 wd (from the day it received the request) run out."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见（条例第三十二条）"
        OTHER_AGENCY = "other_agency", "征求其他机关意见（条例第三十四条）"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations", verbose_name="申请"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    consultee = models.CharField("征求对象", max_length=200)
    sent_on = models.DateField("发出日期")
    consultee_received_on = models.DateField(
        "征求对象收到日期",
        null=True,
        blank=True,
        help_text="征求对象的15个工作日自收到征求意见书之日起算（条例第三十二条）；当日电子送达的即为发出日期。",
    )
    reply_due_on = models.DateField("答复期限", null=True, blank=True)
    ended_on = models.DateField("收到答复或期满日期", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)
    lapse_alerted_on = models.DateField("期满提醒日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.consultee}"


class Letter(models.Model):
    """A 告知书 or notice kept with the case; editable while a draft, fixed once sent."""

    class Kind(models.TextChoices):
        REPLY = "reply", "政府信息公开申请答复书"
        CORRECTION = "correction", "补正申请告知书"
        EXTENSION = "extension", "延期答复告知书"
        CONSULTATION = "consultation", "第三方意见征询函"
        FEE = "fee", "收费通知"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="letters", verbose_name="申请"
    )
    kind = models.CharField("文书类型", max_length=20, choices=Kind.choices)
    resolution = models.CharField("答复类型", max_length=24, choices=RESOLUTION_CHOICES, blank=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    recipient = models.CharField("收件人", max_length=200, blank=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="生成人",
    )
    sent_at = models.DateTimeField("发出时间", null=True, blank=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application.number} {self.title}"

    @property
    def for_applicant(self):
        """Letters to third parties or agencies are not shown to the applicant."""
        return self.kind != self.Kind.CONSULTATION


class IdentityDocument(models.Model):
    """The uploaded copy of the ID or licence: re-encoded pixels (or a checked PDF),
    encrypted with SM4-GCM, deleted after the retention period once the case is archived."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="identity_document", verbose_name="申请"
    )
    content_type = models.CharField("文件类型", max_length=40)
    data = models.BinaryField("加密内容", null=True, editable=False)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True)

    class Meta:
        verbose_name = "身份证明文件"
        verbose_name_plural = "身份证明文件"

    def __str__(self):
        return f"{self.application.number} 身份证明文件"

    @classmethod
    def store(cls, application, content_type: str, data: bytes) -> IdentityDocument:
        return _store_encrypted(
            cls(application=application, content_type=content_type, size=len(data)), data
        )

    def read(self) -> bytes:
        return crypto.decrypt_bytes(
            self.data, crypto.row_context(self._meta.db_table, "data", self.pk)
        )


class PendingUpload(models.Model):
    """A checked upload kept while the rest of the form still has errors, so the applicant
    does not have to choose the file again. Removed on use or after a day."""

    token = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    @classmethod
    def store(cls, token: str, content_type: str, data: bytes) -> PendingUpload:
        return _store_encrypted(
            cls(token=token, content_type=content_type, size=len(data), data=b""), data
        )

    def read(self) -> bytes:
        return crypto.decrypt_bytes(
            self.data, crypto.row_context(self._meta.db_table, "data", self.pk)
        )

    @classmethod
    def purge_stale(cls):
        cls.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()


def _store_encrypted(row, data: bytes):
    """Insert ``row``, then its ``data`` encrypted under the row's own key (its primary key
    exists only after the insert), in one transaction."""
    with transaction.atomic():
        row.save()
        row.data = crypto.encrypt_bytes(
            data, crypto.row_context(row._meta.db_table, "data", row.pk)
        )
        row.save(update_fields=["data"])
    return row


class PersonalDataAccess(models.Model):
    """Every full view of an applicant's personal data or ID copy."""

    class What(models.TextChoices):
        PERSONAL_DATA = "personal_data", "完整个人信息"
        ID_DOCUMENT = "id_document", "身份证明文件"

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="personal_data_accesses",
        verbose_name="申请",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="查看人"
    )
    what = models.CharField("查看内容", max_length=20, choices=What.choices)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
        ordering = ["-at"]


class LookupAttempt(models.Model):
    """Status look-ups per client (a salted digest of the address), to slow down guessing."""

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField(default=False)


class OfficeHeadApproval(models.Model):
    """Four eyes on the office head's powers (issue 11): a user who gains them (through the
    依申请公开负责人 group, a group permission or a user permission) holds them only once an
    administrator other than the user and other than whoever made the change approved it.
    Created and revoked by disclosure.applications.roles when memberships change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_head_approvals",
        verbose_name="被授权人",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="变更人",
    )
    requested_at = models.DateTimeField("变更时间", default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="批准人",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approval_note = models.CharField("批准说明", max_length=200, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "负责人授权"
        verbose_name_plural = "负责人授权"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.user} 负责人授权"

    @property
    def state(self):
        if self.revoked_at:
            return "已撤销"
        return "已批准" if self.approved_at else "待批准"


class AccessChange(models.Model):
    """A logged change of roles or permissions that grants (or removes) personal-data access:
    who changed what for whom, and when. Shown to the office head and administrators."""

    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="操作人",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="涉及用户",
    )
    description = models.CharField("变更内容", max_length=300)

    class Meta:
        verbose_name = "权限变更记录"
        verbose_name_plural = "权限变更记录"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return self.description


class Notification(models.Model):
    """An e-mail to the applicant about their case (a status change). Kept so that a failed
    send is recorded, retried (tasks.send_notification) and visible to officers; the
    recipient is read from the case (encrypted) when sending, never stored here. The letters
    themselves are on the status page whatever happens to the mail."""

    MAX_ATTEMPTS = 5

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications", verbose_name="申请"
    )
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近一次失败原因", max_length=300, blank=True)
    last_attempt_at = models.DateTimeField("最近一次尝试时间", null=True, blank=True)

    class Meta:
        verbose_name = "申请人通知邮件"
        verbose_name_plural = "申请人通知邮件"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.application.number} {self.subject}"

    @property
    def state(self) -> str:
        if self.sent_at:
            return "已发送"
        if self.attempts >= self.MAX_ATTEMPTS:
            return "发送失败（已停止重试）"
        return "发送失败，待重试" if self.attempts else "待发送"
