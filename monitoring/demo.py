"""Demo content for content monitoring: a demo dictionary, the bureau's 政务新媒体 accounts and
posts and messages that trip each check (one stale account, a post with a severe error, one
with a sensitive word, one with a dead link, one with an ID number, an unanswered message, a
second account on one platform) next to clean ones.

Idempotent: everything is looked up by a natural key and only created when missing. Dates are
relative to the first seeding; names and numbers are illustrative (演示).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.rules.identifiers import resident_id_check_char

from .models import AccountPost, DictionaryTerm, InteractionMessage, NewMediaAccount

UNIT = "伊金霍洛旗政务服务局"

# (kind, wrong, right, category)
DEMO_DICTIONARY = [
    ("severe", "伊金霍洛期", "伊金霍洛旗", "行政区划"),
    ("severe", "内蒙古自治州", "内蒙古自治区", "行政区划"),
    ("severe", "伊金霍洛旗人民政付", "伊金霍洛旗人民政府", "机构名称"),
    ("severe", "鄂尔多斯市人民政付", "鄂尔多斯市人民政府", "机构名称"),
    ("severe", "国务院总里", "国务院总理", "国家领导人"),
    ("severe", "中国共产党第二十次全国人民代表大会", "中国共产党第二十次全国代表大会", "会议名称"),
    ("severe", "中华人民共和国政府信息公开条列", "中华人民共和国政府信息公开条例", "法律法规政策"),
    ("severe", "习近平新时代中国特色社会注意思想", "习近平新时代中国特色社会主义思想", "规范表述"),
    ("sensitive", "代开发票", "", "违法广告"),
    ("sensitive", "网络赌博", "", "违法广告"),
    ("sensitive", "出售枪支", "", "暴力"),
    ("sensitive", "裸聊", "", "色情"),
    ("typo", "既往不究", "既往不咎", "一般错别字"),
    ("typo", "按步就班", "按部就班", "一般错别字"),
    ("typo", "再接再励", "再接再厉", "一般错别字"),
    ("typo", "迫不急待", "迫不及待", "一般错别字"),
    ("typo", "截止目前", "截至目前", "一般错别字"),
    ("typo", "布署", "部署", "一般错别字"),
]


def demo_resident_id():
    first17 = "15062719850101123"
    return first17 + resident_id_check_char(first17)


def site_base():
    site = Site.objects.filter(is_default_site=True).first()
    host = site.hostname if site else "localhost"
    return f"http://{host}"


def accounts_spec(now):
    """(account fields, [(post external id, title, body, days ago)], [(message id, content,
    days ago, reply or None, replied days ago)])"""
    base = site_base()
    return [
        (
            dict(
                platform="wechat",
                name="伊金霍洛政务服务",
                account_id="yjhl_zwfw",
                filing_status="filed",
                filing_date=(now - timedelta(days=700)).date(),
                contact_name="办公室",
                contact_phone="0477-8600000（演示）",
                operator_unit="伊金霍洛旗政务服务局办公室",
            ),
            [
                (
                    "demo-wx-1",
                    "“一网通办”新增20项高频事项",
                    "即日起，企业开办、不动产登记等20项高频事项可在“蒙速办”一网通办，"
                    "群众可通过政务服务网或自助终端办理。",
                    2,
                ),
                (
                    "demo-wx-2",
                    "政务服务中心端午节期间工作安排",
                    "端午节期间政务服务中心周末窗口正常受理业务，咨询电话 0477-8600000。",
                    6,
                ),
                (
                    "demo-wx-3",
                    "我局召开政务公开工作推进会",
                    "会议强调，要认真贯彻落实伊金霍洛期政务公开工作要点，推进基层政务公开标准化规范化。",
                    9,
                ),
                (
                    "demo-wx-4",
                    "2019年政务服务事项清单（已调整）",
                    f"原清单详见 {base}/xxgk/tzgg/2019-service-list/ ，"
                    "调整后的清单以政务服务网为准。",
                    11,
                ),
            ],
            [
                (
                    "demo-wx-m1",
                    "请问营业执照变更需要带哪些材料？",
                    12,
                    "您好，需携带变更登记申请书、股东会决议和营业执照正副本。",
                    11,
                ),
            ],
        ),
        (
            dict(
                platform="douyin",
                name="伊旗政务服务局",
                account_id="yqzwfwj",
                filing_status="filed",
                filing_date=(now - timedelta(days=400)).date(),
                operator_unit="伊金霍洛旗融媒体中心",
            ),
            [
                ("demo-dy-1", "一分钟看懂企业开办流程", "企业开办全流程网上办，最快半天办结。", 40),
                (
                    "demo-dy-2",
                    "政务服务“帮办代办”来了",
                    "帮办代办专区为老年人和企业提供全程服务。",
                    55,
                ),
            ],
            [],
        ),
        (
            dict(
                platform="toutiao",
                name="伊金霍洛旗政务服务",
                account_id="yjhlq-zwfw",
                filing_status="filed",
                filing_date=(now - timedelta(days=300)).date(),
            ),
            [
                (
                    "demo-tt-1",
                    "提醒：谨防冒充政务服务人员诈骗",
                    "近期有不法分子以“代开发票”“加急办证”为名实施诈骗，请群众提高警惕。",
                    3,
                ),
                (
                    "demo-tt-2",
                    "2023年度政务服务“好差评”先进窗口公示",
                    f"获评窗口工作人员：王某，身份证号 {demo_resident_id()}。公示期5个工作日。",
                    5,
                ),
            ],
            [
                ("demo-tt-m1", "为什么我的公积金提取申请一直没有结果？", 20, None, None),
            ],
        ),
        (
            dict(
                platform="channels",
                name="伊旗政务服务",
                account_id="yqzwfw-sph",
                filing_status="filed",
                filing_date=(now - timedelta(days=200)).date(),
            ),
            [
                (
                    "demo-sph-1",
                    "“蒙速办”App 使用指南",
                    "手把手教您用手机办理社保、医保、公积金业务。",
                    4,
                ),
            ],
            [
                (
                    "demo-sph-m1",
                    "视频里的办事大厅地址在哪里？",
                    6,
                    "您好，政务服务中心位于阿勒腾席热镇，工作日8:30—18:00办公。",
                    5,
                ),
            ],
        ),
        (
            dict(
                platform="weibo",
                name="伊金霍洛政务服务",
                account_id="yjhlzwfw",
                filing_status="filed",
                filing_date=(now - timedelta(days=900)).date(),
            ),
            [("demo-wb-1", "政务服务中心延时服务通知", "工作日中午和周六上午提供延时服务。", 1)],
            [],
        ),
        (
            dict(
                platform="weibo",
                name="伊旗政务服务中心（旧）",
                account_id="yqzwfwzx",
                filing_status="not_filed",
                interaction_enabled=False,
            ),
            [("demo-wb2-1", "本账号将停止更新", "请关注“伊金霍洛政务服务”微博。", 8)],
            [],
        ),
    ]


@transaction.atomic
def seed(stdout=None):
    created = 0
    for kind, wrong, right, category in DEMO_DICTIONARY:
        _, new = DictionaryTerm.objects.get_or_create(
            kind=kind, wrong=wrong, defaults={"right": right, "category": category}
        )
        created += new
    now = timezone.now()
    for fields, posts, messages in accounts_spec(now):
        account, new = NewMediaAccount.objects.get_or_create(
            platform=fields["platform"],
            name=fields["name"],
            defaults={**fields, "sponsor_unit": UNIT},
        )
        created += new
        for external_id, title, body, days_ago in posts:
            _, new = AccountPost.objects.get_or_create(
                account=account,
                external_id=external_id,
                defaults={
                    "title": title,
                    "body": body,
                    "published_at": now - timedelta(days=days_ago),
                },
            )
            created += new
        for external_id, content, days_ago, reply, replied_days_ago in messages:
            _, new = InteractionMessage.objects.get_or_create(
                account=account,
                external_id=external_id,
                defaults={
                    "content": content,
                    "author": "网友（演示）",
                    "asked_at": now - timedelta(days=days_ago),
                    "reply": reply or "",
                    "replied_at": now - timedelta(days=replied_days_ago) if reply else None,
                },
            )
            created += new
    if stdout is not None:
        stdout.write(f"内容监管演示数据已就绪（新建 {created} 条）。")
    return created
