"""Admin sign-in security: a TOTP second factor for the roles that see personal data, and a
log line for every login lockout.

Who needs the second factor (`requires_second_factor`): superusers and members of 管理员,
依申请公开经办 and 依申请公开负责人, and anyone else holding their permissions (a unit's
依申请公开 groups) — the roles that can see applicants' personal data or give themselves that
right. After the password (Wagtail's login, throttled by django-axes), such a
user reaches nothing in the admin until this session is verified with a code from an
authenticator app (django-otp's TOTP device, RFC 6238): `SecondFactorMiddleware` sends them to
the verification page, or to the set-up page (QR code drawn by segno) when they have no
device yet. The verification lives in the session, so it ends when the session expires (two
hours idle) or at logout.
"""

from __future__ import annotations

import base64
import logging

import segno
from axes.signals import user_locked_out
from django import forms
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.clients import client_address
from core.redirects import safe_next_url

logger = logging.getLogger("portal.security")

SECOND_FACTOR_GROUPS = ("管理员", "依申请公开经办", "依申请公开负责人")
ISSUER = "政府信息公开网站"
DEVICE_NAME = "身份验证器"


# The permissions that open applicants' case files or user administration: held by the groups
# above and by every unit's 依申请公开 groups (集约化, disclosure/units.py).
SECOND_FACTOR_PERMISSIONS = ("applications.view_application", "auth.change_user")


def requires_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=SECOND_FACTOR_GROUPS).exists()
        or any(user.has_perm(permission) for permission in SECOND_FACTOR_PERMISSIONS)
    )


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: an admin request of a user who needs the second
    factor and has not given it in this session goes to the verification (or set-up) page."""

    # The pages such a user may see before the second factor, and what they load: the
    # translation catalogue and the icon sprite (no data). Wagtail's icons.js puts whatever
    # the sprite address returns into the page: redirected, it put a hidden second copy of
    # the code form there, whose field (same id) took the label, so the typed code was lost.
    OPEN_URL_NAMES = (
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "portal_second_factor_verify",
        "portal_second_factor_setup",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")) and self.must_verify(request):
            open_paths = {self._path(name) for name in self.OPEN_URL_NAMES}
            if request.path not in open_paths:
                user = request.user
                name = "portal_second_factor_verify"
                if not user_has_device(user, confirmed=True):
                    name = "portal_second_factor_setup"
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(name)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _path(name):
        try:
            return reverse(name)
        except Exception:  # a URL name this Wagtail version does not have
            return None

    @staticmethod
    def must_verify(request):
        user = request.user
        return requires_second_factor(user) and not user.is_verified()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码",
        min_length=6,
        max_length=6,
        help_text=(
            "打开手机上的身份验证器（如腾讯身份验证器、Microsoft Authenticator），"
            "输入显示的6位数字。"
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
        error_messages={
            "required": "请输入6位动态验证码。",
            "min_length": "动态验证码为6位数字。",
            "max_length": "动态验证码为6位数字。",
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("动态验证码为6位数字。")
        return code


def _next(request):
    return safe_next_url(request, request.GET.get("next"), fallback=reverse("wagtailadmin_home"))


def verify(request):
    """The second step of signing in: a code from the user's authenticator."""
    if not requires_second_factor(request.user):
        return redirect(_next(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('portal_second_factor_setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled(request.user):
            form.add_error("code", "输错次数较多，请稍等几秒，再输入身份验证器上最新的6位数字。")
        else:
            device = match_token(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                logger.info("second factor verified: user %s", request.user.pk)
                return redirect(_next(request))
            logger.warning(
                "second factor refused: user %s from %s",
                request.user.pk,
                client_address(request),
            )
            form.add_error("code", "动态验证码不正确或已过期，请输入身份验证器上最新的6位数字。")
    return render(request, "portal/admin/second_factor.html", {"form": form, "setup": None})


def _throttled(user):
    """Whether a code may not be tried yet: django-otp doubles the wait after each wrong one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device is not None and not device.verify_is_allowed()[0]


def setup(request):
    """Register an authenticator: scan the QR code, then type a code to confirm."""
    user = request.user
    if not requires_second_factor(user) or user_has_device(user, confirmed=True):
        return redirect(_next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            logger.info("second factor registered: user %s", user.pk)
            return redirect(_next(request))
        form.add_error("code", "动态验证码不正确，请确认手机时间准确后，输入最新的6位数字。")
    uri = device.config_url.replace("otpauth://totp/", f"otpauth://totp/{ISSUER}:", 1)
    qr = segno.make(uri, error="m")
    context = {
        "form": form,
        "setup": {
            "qr_svg": qr.svg_inline(scale=4, dark="#000", light="#fff"),
            "secret": _base32(device),
        },
    }
    return render(request, "portal/admin/second_factor.html", context)


def _base32(device):
    """The key as people type it into an app without a camera: groups of four letters."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes locked an account or a client out: one warning line for the logs."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    logger.warning(
        "login locked out: account %s (user %s) from %s",
        username or "-",
        user.pk if user else "-",
        ip_address or (client_address(request) if request else "-"),
    )
