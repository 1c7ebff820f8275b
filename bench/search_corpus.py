"""A realistic corpus of Chinese government documents for the search benchmarks.

Deterministic (seeded): `generate(n)` yields n SearchRecords like those a county's disclosure
site holds: policy documents with 文号 and 索引号, interpretations, work updates and annual
reports, from a dozen publishers, over ten years, about some sixty subjects, with bodies of
roughly 300-900 characters built from subject vocabulary. Independent of the page models:
the benchmarks index these records through search's own Document classes and backends.

    .venv/bin/python bench/search_corpus.py 5      # print five documents
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PUBLISHERS = [
    ("伊金霍洛旗人民政府", "伊政发", "11150627011580002E"),
    ("伊金霍洛旗人民政府办公室", "伊政办发", "11150627011580010X"),
    ("伊金霍洛旗政务服务局", "伊政服发", "11150627011580001G"),
    ("伊金霍洛旗医疗保障局", "伊医保发", "11150627MB1958003K"),
    ("伊金霍洛旗人力资源和社会保障局", "伊人社发", "11150627011580025L"),
    ("伊金霍洛旗住房和城乡建设局", "伊住建发", "11150627011580031Q"),
    ("伊金霍洛旗教育体育局", "伊教体发", "11150627011580042W"),
    ("伊金霍洛旗农牧局", "伊农牧发", "11150627011580053C"),
    ("伊金霍洛旗财政局", "伊财发", "11150627011580064H"),
    ("伊金霍洛旗应急管理局", "伊应急发", "11150627MB1958075N"),
    ("伊金霍洛旗民政局", "伊民发", "11150627011580086T"),
    ("伊金霍洛旗市场监督管理局", "伊市监发", "11150627MB1958097Y"),
    ("伊金霍洛旗自然资源局", "伊自然资发", "11150627011580108B"),
    ("伊金霍洛旗卫生健康委员会", "伊卫健发", "11150627011580119D"),
]

# topic -> subjects; each subject: (phrase, related words used in bodies)
SUBJECTS = {
    "卫生、体育": [
        ("城乡居民医保参保缴费", ["个人缴费标准", "集中缴费期", "医疗救助资助", "蒙速办缴费"]),
        ("异地就医直接结算", ["备案手续", "定点医疗机构", "跨省结算", "住院费用"]),
        ("医保基金监管", ["欺诈骗保", "定点医药机构", "专项检查", "举报奖励"]),
        ("家庭医生签约服务", ["签约居民", "慢性病管理", "上门服务", "健康档案"]),
        ("全民健身", ["体育场地", "健身器材", "群众赛事", "体质监测"]),
        ("基本公共卫生服务", ["预防接种", "健康教育", "孕产妇管理", "老年人体检"]),
    ],
    "劳动、人事、监察": [
        ("城乡居民养老保险", ["缴费档次", "政府补贴", "待遇领取", "资格认证"]),
        ("高校毕业生就业创业", ["一次性吸纳就业补贴", "创业担保贷款", "就业见习", "招聘会"]),
        ("根治欠薪", ["农民工工资", "工资专用账户", "实名制管理", "劳动保障监察"]),
        ("职业技能培训", ["培训补贴", "技能等级认定", "以工代训", "培训机构"]),
        ("事业单位公开招聘", ["报名条件", "笔试面试", "资格复审", "拟聘用人员公示"]),
    ],
    "综合政务": [
        ("一网通办", ["政务服务网", "全程网办", "一窗受理", "电子证照"]),
        ("政务服务好差评", ["评价器", "差评整改", "回访", "绩效考核"]),
        ("12345政务服务便民热线", ["诉求办理", "工单转办", "回访满意度", "热线归并"]),
        ("政务公开", ["政策解读", "主动公开", "依申请公开", "基层政务公开标准化"]),
        ("优化营商环境", ["企业开办", "涉企政策免申即享", "诉求响应", "市场主体"]),
        ("帮办代办", ["特殊群体", "重大项目", "全程陪同", "代办员"]),
        ("高效办成一件事", ["一次告知", "一表申请", "一套材料", "跨部门协同"]),
    ],
    "城乡建设、环境保护": [
        ("老旧小区改造", ["加装电梯", "管网更新", "居民意见", "长效管理"]),
        ("住房公积金贷款", ["贷款额度", "首付比例", "缴存职工", "提取条件"]),
        ("工程建设项目审批制度改革", ["联合审图", "联合验收", "施工许可", "审批时限"]),
        ("大气污染防治", ["扬尘管控", "燃煤锅炉", "清洁取暖", "优良天数"]),
        ("城市生活垃圾分类", ["分类投放", "分类收运", "厨余垃圾", "宣传督导"]),
        ("农村牧区人居环境整治", ["厕所革命", "污水治理", "村庄清洁", "垃圾收运"]),
    ],
    "农业、林业、水利": [
        ("草原生态保护补助奖励", ["禁牧补助", "草畜平衡", "补奖资金", "草原监测"]),
        ("乡村振兴", ["防止返贫监测", "特色产业", "联农带农", "驻村工作队"]),
        ("重大动物疫病防控", ["集中免疫", "口蹄疫", "免疫密度", "防疫员"]),
        ("高标准农田建设", ["土地平整", "节水灌溉", "田间道路", "建后管护"]),
        ("防汛抗旱", ["汛期值守", "山洪灾害", "淤地坝", "群众转移"]),
        ("农村牧区饮水安全", ["供水工程", "水质检测", "管护责任", "应急供水"]),
    ],
    "财政、金融、审计": [
        ("部门预算公开", ["一般公共预算", "三公经费", "政府性基金", "预算批复"]),
        ("部门决算公开", ["决算收支", "三公经费决算", "资产情况", "绩效评价"]),
        ("预算绩效管理", ["绩效目标", "绩效监控", "评价结果应用", "低效无效资金"]),
        ("政府采购", ["采购意向公开", "中小企业", "采购合同", "履约验收"]),
        ("惠农惠牧补贴资金发放", ["一卡通", "资金公示", "发放对象", "监督检查"]),
    ],
    "市场监管、安全生产监管": [
        ("煤矿安全生产", ["重大事故隐患", "冲击地压", "瓦斯治理", "停产整顿"]),
        ("食品安全", ["校园食品", "餐饮服务", "抽检监测", "三小行业"]),
        ("药品零售监管", ["处方药销售", "执业药师", "医保定点药店", "联合检查"]),
        ("消防安全", ["人员密集场所", "疏散通道", "电动自行车", "火灾隐患"]),
        ("危险化学品安全", ["重大危险源", "安全许可", "运输车辆", "应急预案"]),
        ("企业开办", ["营业执照", "印章刻制", "发票申领", "一日办结"]),
    ],
    "民政、扶贫、救灾": [
        ("最低生活保障", ["低保标准", "家庭经济状况核对", "动态管理", "临时救助"]),
        ("居家社区养老服务", ["老年助餐", "养老服务站", "失能老人", "居家养老补贴"]),
        ("残疾人两项补贴", ["生活补贴", "护理补贴", "申请审核", "按月发放"]),
        ("自然灾害救助", ["受灾群众", "冬春救助", "倒损民房", "救灾物资"]),
        ("婚姻登记", ["预约登记", "跨省通办", "颁证服务", "婚俗改革"]),
    ],
    "科技、教育": [
        ("义务教育招生入学", ["免试就近入学", "随迁子女", "网上报名", "学区划分"]),
        ("学生资助", ["国家助学金", "免除学杂费", "家庭经济困难学生", "资助资金"]),
        ("校外培训治理", ["双减", "学科类培训", "收费监管", "预收费"]),
        ("科技创新", ["高新技术企业", "研发投入", "科技成果转化", "创新平台"]),
    ],
    "国土资源、能源": [
        ("不动产登记", ["交房即交证", "一窗受理", "登记时限", "权籍调查"]),
        ("煤炭产业转型", ["智能化煤矿", "煤化工", "绿色开采", "矿区生态修复"]),
        ("耕地保护", ["永久基本农田", "占补平衡", "违法占地", "田长制"]),
        ("新能源项目建设", ["光伏发电", "风电", "储能", "源网荷储"]),
    ],
}

GENRES = [
    "通知",
    "通知",
    "通知",
    "意见",
    "方案",
    "办法",
    "通告",
    "公告",
    "报告",
    "函",
    "解读",
    "工作动态",
]
VALIDITY = ["有效"] * 8 + ["失效", "废止"]
TITLE_PATTERNS = [
    "关于做好{year}年{subject}工作的{genre}",
    "关于进一步加强{subject}的{genre}",
    "{publisher}关于开展{subject}专项行动的{genre}",
    "伊金霍洛旗{year}年{subject}实施方案",
    "关于印发《伊金霍洛旗{subject}管理办法》的通知",
    "{year}年{subject}工作情况",
    "关于{subject}有关事项的{genre}",
]
SENTENCES = [
    "为深入贯彻落实上级决策部署，切实做好{subject}工作，现将有关事项通知如下。",
    "各镇人民政府、旗直各部门要提高思想认识，把{subject}作为重要工作抓紧抓实。",
    "重点围绕{w1}和{w2}，明确责任分工，细化工作措施，确保各项任务落到实处。",
    "{year}年全旗{subject}工作取得明显成效，{w1}稳步推进，{w3}进一步完善。",
    "对{w2}中发现的问题，建立台账、限期整改，整改情况及时向社会公开。",
    "群众可以通过政务服务网、蒙速办或12345热线咨询{w4}有关政策。",
    "加强部门协同，推动{w1}与{w4}有机衔接，形成工作合力。",
    "本{genre}自印发之日起施行，由{publisher}负责解释。",
    "各单位要加强宣传引导，通过政府网站、政务新媒体等渠道解读{subject}政策。",
    "把{subject}纳入年度绩效考核，对工作不力、推诿扯皮的依规依纪追究责任。",
    "{w3}资金实行专款专用，任何单位和个人不得截留、挤占、挪用。",
    "截至{year}年底，累计完成{w2}事项{n}项，惠及群众{m}人次。",
]


def generate(count: int, seed: int = 20240601, start: int = 0):
    """Yield `count` SearchRecords (doc ids bench-<start>..)."""
    from django.utils import timezone

    from search.schema import SearchRecord, content_type_label

    rng = random.Random(seed + start)
    subjects = [(topic, s) for topic, items in SUBJECTS.items() for s in items]
    serials: dict[tuple[str, int], int] = {}
    base = dt.datetime(2015, 1, 1)
    for number in range(start, start + count):
        publisher, prefix, code = rng.choice(PUBLISHERS)
        topic, (subject, words) = rng.choice(subjects)
        genre = rng.choice(GENRES)
        published = base + dt.timedelta(days=rng.randrange(0, 3650), hours=rng.randrange(8, 18))
        year = published.year
        serials[(code, year)] = serials.get((code, year), 0) + 1
        serial = serials[(code, year)]
        w1, w2, w3, w4 = rng.sample(words, 4)
        values = {
            "subject": subject,
            "year": year,
            "genre": genre,
            "publisher": publisher,
            "w1": w1,
            "w2": w2,
            "w3": w3,
            "w4": w4,
            "n": rng.randrange(5, 500),
            "m": rng.randrange(100, 90000),
        }
        title = rng.choice(TITLE_PATTERNS).format(**values)
        body = "".join(rng.choice(SENTENCES).format(**values) for _ in range(rng.randrange(8, 22)))
        if genre == "解读":
            content_type = "disclosure.policyinterpretationpage"
            title = f"《{title}》政策解读"
        elif genre == "工作动态":
            content_type = "portal.contentpage"
        else:
            content_type = "disclosure.policydocumentpage"
        has_number = content_type == "disclosure.policydocumentpage"
        yield SearchRecord(
            doc_id=f"bench-{number}",
            content_type=content_type,
            content_type_label=content_type_label(content_type),
            title=title,
            url=f"/bench/{number}/",
            summary=f"{publisher}关于{subject}的{genre}，涉及{w1}、{w2}等事项。",
            body=body,
            keywords=f"{subject},{w1},{w2}",
            document_number=f"{prefix}〔{year}〕{serial}号" if has_number else "",
            index_number=f"{code}/{year}-{serial:05d}",
            topic=topic,
            publisher=publisher,
            genre=genre,
            validity=rng.choice(VALIDITY),
            published_at=timezone.make_aware(published),
        )


def benchmark_queries(seed: int = 7) -> list[str]:
    """Queries a visitor might type against this corpus: subjects, words, pairs, 文号."""
    rng = random.Random(seed)
    subjects = [s for items in SUBJECTS.values() for s in items]
    queries = []
    for subject, words in subjects:
        queries.append(subject)
        queries.append(rng.choice(words))
        queries.append(f"{rng.choice(words)} {rng.choice(words)}")
    queries += [f"{prefix}〔2021〕{rng.randrange(1, 40)}号" for _p, prefix, _c in PUBLISHERS]
    rng.shuffle(queries)
    return queries


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    for record in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(record.title, record.document_number, record.index_number, record.publisher)
        print("  ", record.body[:160], f"({len(record.body)} 字)")
