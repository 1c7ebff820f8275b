"""Public 订阅提醒 pages: subscribe, confirm (double opt-in) and unsubscribe (one click, also
the RFC 8058 List-Unsubscribe-Post request a mail client sends). The logic is in
disclosure/alerts.py. Bad input gets a Chinese message and a 4xx status, never a 5xx."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from core.clients import client_hash
from disclosure import alerts, conf
from disclosure.alert_forms import SubscribeForm
from disclosure.models import Scope, Subscription

TEMPLATE = "disclosure/alerts/subscribe.html"
MESSAGE = "disclosure/alerts/message.html"
INVALID_LINK = "链接无效或已过期。如需订阅，请回到文件或栏目页面重新订阅。"


def message(request, heading, text, status=200, button=None):
    context = {"heading": heading, "text": text, "button": button}
    return render(request, MESSAGE, context, status=status)


def target_from(data):
    scope, target_id = data.get("scope", ""), data.get("target", "")
    well_formed = target_id.isascii() and target_id.isdigit() and len(target_id) <= 10
    if scope not in Scope.values or not well_formed:
        return scope, None
    return scope, alerts.target_of(scope, int(target_id))


def subscribe(request):
    data = request.POST if request.method == "POST" else request.GET
    scope, target = target_from(data)
    if target is None:
        return message(
            request, "无法订阅", "没有找到要订阅的栏目或文件，请从页面上的订阅入口进入。", 404
        )
    label = alerts.target_label(scope, target)
    if request.method != "POST":
        form = SubscribeForm(initial={"scope": scope, "target": target.pk})
        return render(request, TEMPLATE, {"form": form, "label": label, "target": target})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "label": label, "target": target}
        return render(request, TEMPLATE, context, status=400)
    if alerts.too_many_attempts(client_hash(request)):
        limit = conf.alerts_subscribe_per_hour()
        form.add_error(None, f"您提交得过于频繁（每小时最多 {limit} 次），请稍后再试。")
        context = {"form": form, "label": label, "target": target}
        return render(request, TEMPLATE, context, status=429)
    alerts.subscribe(form.cleaned_data["email"], scope, target)
    return message(
        request,
        "请查收确认邮件",
        f"我们已向您填写的邮箱发送了一封确认邮件。打开邮件中的链接确认后，即可收到{label}的更新提醒。"
        "如果几分钟内没有收到，请检查垃圾邮件箱。",
    )


def confirm(request, token):
    subscription = Subscription.from_token(token, "confirm")
    if subscription is None:
        return message(request, "无法确认订阅", INVALID_LINK, 400)
    if request.method != "POST":
        return message(request, "确认订阅", "请点击下面的按钮确认订阅更新提醒。", button="确认订阅")
    alerts.confirm(subscription)
    return message(
        request,
        "订阅成功",
        "您已成功订阅。有更新时我们会发邮件提醒您，每封邮件都附有一键退订链接。",
    )


@csrf_exempt  # the signed token in the address authorises it; mail clients post without a form
def unsubscribe(request, token):
    subscription = Subscription.from_token(token, "unsubscribe")
    if subscription is None:
        return message(request, "无法退订", INVALID_LINK, 400)
    if request.method != "POST":
        return message(
            request, "退订更新提醒", "点击下面的按钮即可退订，不再收到此类邮件。", button="退订"
        )
    alerts.unsubscribe(subscription)
    return message(request, "已退订", "您已退订，不会再收到此类更新提醒邮件。")
