"""The 依申请公开 demo cases (portal/demo_data/applications.yaml): cases from 2024 to 2026
in every state and with every reply type, each going through the real workflow. The bureau's
cases are addressed to the bureau; the units' cases (units.yaml, `applications`) to each unit
and handled by its own demo officers (集约化).

A case is registered with services.create_application and each of its steps is performed
with services.perform, recorded with the day it happened (10:00 that day), so its log,
letters, pauses and deadlines are what the officers' side would have produced. A step's
`after` counts working days from the step before (from the submission for the first one);
the steps that would fall after today are not performed yet, so the demo looks current on
any day. Idempotent: a case whose key is already in the database is skipped.
"""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.rules.deadlines import reply_due_date, third_party_reply_due
from core.rules.working_days import CalendarYearMissing
from disclosure.applications import conf, letters, services
from disclosure.applications.models import Application, OfficeHeadApproval
from disclosure.applications.workflow import Action, reply_type
from disclosure.calendar import working_calendar
from disclosure.models import Organisation

from . import read, say


def all_cases(data, staff):
    """(case, unit, staff) of every demo case: the bureau's, then each unit's."""
    bureau = Organisation.objects.filter(
        uscc=read("disclosure")["organisations"]["bureau"]["uscc"]
    ).first()
    cases = [(case, bureau, staff) for case in data["cases"]]
    units = read("units")
    for key, spec in units["units"].items():
        unit = Organisation.objects.filter(uscc=units["organisations"][key]["uscc"]).first()
        if unit is None:
            continue
        users = get_user_model().objects.filter(
            username__in=[f"demo_{key}_officer", f"demo_{key}_head"]
        )
        unit_staff = {user.username.rsplit("_", 1)[1]: user for user in users}
        if len(unit_staff) < 2:
            continue  # the unit's groups were not created (units.py loads them first)
        approve_demo_head(unit_staff["head"])
        cases += [(case, unit, unit_staff) for case in spec.get("applications", [])]
    return cases


def load(stdout=None):
    data = read("applications")
    staff = {role: staff_user(spec) for role, spec in data["staff"].items()}
    existing = set(
        Application.objects.filter(remarks__startswith=data["mark"]).values_list(
            "remarks", flat=True
        )
    )
    created = 0
    cases = all_cases(data, staff)
    for case, unit, case_staff in cases:
        if data["mark"] + case["key"] in existing:
            continue
        try:
            with transaction.atomic(), services.silent_notifications():
                DemoCase(data, case_staff, case, unit).run()
        except CalendarYearMissing as error:
            say(stdout, f"演示申请 {case['key']} 未创建：{error}")
            continue
        created += 1
    say(stdout, f"依申请公开演示数据：新建 {created} 件申请（共 {len(cases)} 件）。")
    return created


def staff_user(spec):
    """A demo officer in their group, without a usable password (nobody logs in as them)."""
    fields = dict(spec)
    group = fields.pop("group")
    user, created = get_user_model().objects.get_or_create(
        username=fields.pop("username"), defaults=fields
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=group))
        approve_demo_head(user)
    return user


def approve_demo_head(user):
    """The demo head's powers need a second administrator's approval (four eyes); there is
    none in the demo, and nobody can log in as this account."""
    OfficeHeadApproval.objects.filter(user=user, approved_at=None, revoked_at=None).update(
        approved_at=timezone.now(), approval_note="演示数据：演示账号，不能登录"
    )


def happened_at(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


class DemoCase:
    def __init__(self, data, staff, case, unit=None):
        self.data = data
        self.officer = staff["officer"]
        self.head = staff["head"]
        self.case = case
        self.unit = unit
        self.calendar = working_calendar()

    def run(self):
        case = self.case
        applicant = next(a for a in self.data["applicants"] if a["name"] == case["applicant"])
        fields = {
            **applicant,
            **self.data["every_case"],
            "information_title": case["information_title"],
            "remarks": self.data["mark"] + case["key"],
            "unit": self.unit,
        }
        online = case["channel"] == Application.Channel.ONLINE
        self.application, _code = services.create_application(
            fields,
            channel=case["channel"],
            actor=None if online else self.officer,
            received_on=None if online else case["submitted"],
            officer=None if online else self.officer,
            submitted_at=happened_at(case["submitted"]),
        )
        day = case["submitted"]
        for step in case["steps"]:
            day = self.calendar.add_working_days(day, step["after"])
            if day > timezone.localdate():
                break
            action = Action(step["action"])
            day, options, letter = self.prepare(action, step, day)
            if day > timezone.localdate():
                break
            services.perform(
                self.application,
                action,
                actor=self.head if action == Action.EXTEND else self.officer,
                reason=self.data["reasons"][action],
                effective_on=day,
                letter=letter,
                at=happened_at(day),
                **options,
            )
            self.application.refresh_from_db()

    def prepare(self, action, step, day):
        """(day, perform() options, letter) of one step; a lapse happens the working day after
        its deadline at the earliest."""
        app = self.application
        wording = self.data["wording"]
        calendar = self.calendar
        if action == Action.CONFIRM:
            return day, {"received_on": day}, None
        if action == Action.ASSIGN:
            return day, {"officer": self.officer}, None
        if action == Action.REQUEST_CORRECTION:
            deadline = calendar.add_working_days(day, step["correction_days"])
            letter = self.letter(
                day,
                "correction",
                correction_deadline=deadline,
                what_to_correct=wording["what_to_correct"],
            )
            return day, {"correction_deadline": deadline}, letter
        if action == Action.CORRECTION_LAPSED:
            day = max(day, calendar.add_working_days(app.correction_deadline, 1))
            return day, {}, self.letter(day, "reply", resolution="other_1")
        if action == Action.START_CONSULTATION:
            kind, consultee = step["kind"], step["consultee"]
            letter = self.letter(
                day,
                "consultation",
                kind=kind,
                consultee=consultee,
                reply_due_on=third_party_reply_due(calendar, day),
            )
            return day, {"kind": kind, "consultee": consultee}, letter
        if action == Action.END_CONSULTATION:
            return day, {"opinion": wording["opinion"]}, None
        if action == Action.EXTEND:
            facts = app.clock_facts()
            new_due = reply_due_date(
                calendar,
                facts.received_on,
                corrected_on=facts.corrected_on,
                paused=facts.paused,
                extension_days=step["days"],
            )
            letter = self.letter(
                day,
                "extension",
                days=step["days"],
                new_due=new_due,
                reason=wording["extension_reason"],
            )
            return day, {"days": step["days"]}, letter
        if action == Action.SEND_FEE_NOTICE:
            amount, _facts = services.fee_amount(app, step["scale"], pages=step["pages"])
            letter = self.letter(
                day,
                "fee",
                amount=f"{amount:.2f}",
                basis=f"按量计收，共{step['pages']}页",
                payment_method=wording["payment_method"],
                fee_due_on=calendar.add_working_days(day, conf.fee_payment_working_days()),
            )
            return day, {"scale": step["scale"], "pages": step["pages"]}, letter
        if action == Action.PAYMENT_LAPSED:
            day = max(day, calendar.add_working_days(app.fee_due_on, 1))
            return day, {}, self.letter(day, "reply", resolution="other_2")
        if action == Action.REPLY:
            resolution = reply_type(step["outcomes"])
            return day, {"resolution": resolution}, self.letter(day, "reply", resolution=resolution)
        if action == Action.WITHDRAW:
            return day, {}, self.letter(day, "reply", resolution="other_3")
        # RECEIVE_CORRECTION, RECORD_PAYMENT, ARCHIVE, DISCARD: no letter, nothing to add.
        return day, {}, None

    def letter(self, day, letter_kind, **params):
        """The letter drafted from its template as on `day`, sent unchanged."""
        try:
            title, body = letters.draft(letter_kind, self.application, letter_date=day, **params)
        except CalendarYearMissing:
            return None
        recipient = params.get("consultee", self.application.name)
        return services.LetterDraft(letter_kind, title, body, recipient)
