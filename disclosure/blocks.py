"""StreamField blocks of the disclosure pages (the shared body blocks live in portal/blocks.py)."""

from wagtail import blocks

# 国办发〔2019〕54号 基层政务公开标准目录: the columns of the catalogue table.
CHANNEL_CHOICES = [
    (name, name)
    for name in (
        "政府网站",
        "两微一端",
        "广播电视",
        "公开查阅点",
        "便民服务站",
        "政府公报",
        "发布会/听证会",
        "纸质媒体",
        "政务服务中心",
        "入户/现场",
        "社区/村公示栏（电子屏）",
        "精准推送",
        "其他",
    )
]
AUDIENCE_CHOICES = [("全社会", "全社会"), ("特定群体", "特定群体")]
MANNER_CHOICES = [("主动", "主动"), ("依申请", "依申请")]
LEVEL_CHOICES = [("县级", "县级"), ("乡级", "乡级")]
STANDARD_AREAS = [
    (name, name)
    for name in (
        "重大建设项目 公共资源交易 财政预决算 安全生产 税收管理 征地补偿 国有土地上房屋征收与补偿 "
        "农村危房改造 城市综合执法 扶贫 救灾 社会救助 养老服务 户籍管理 涉农补贴 义务教育 医疗卫生 "
        "市政服务 公共文化服务 公共法律服务 环境保护 食品药品监管 就业 社会保险 保障性住房 城乡规划"
    ).split()
]
DEFAULT_TIME_LIMIT = "信息形成或者变更之日起20个工作日内"


class CatalogueRowBlock(blocks.StructBlock):
    """One row of a 基层政务公开标准目录 table."""

    item_level1 = blocks.CharBlock(label="公开事项（一级）", max_length=100)
    item_level2 = blocks.CharBlock(
        label="公开事项（二级）", max_length=100, required=False, default=""
    )
    content = blocks.TextBlock(label="公开内容（要素）")
    basis = blocks.TextBlock(label="公开依据")
    time_limit = blocks.CharBlock(label="公开时限", max_length=200, default=DEFAULT_TIME_LIMIT)
    subject = blocks.CharBlock(label="公开主体", max_length=100)
    channels = blocks.MultipleChoiceBlock(label="公开渠道和载体", choices=CHANNEL_CHOICES)
    audience = blocks.MultipleChoiceBlock(label="公开对象", choices=AUDIENCE_CHOICES)
    manner = blocks.MultipleChoiceBlock(label="公开方式", choices=MANNER_CHOICES)
    level = blocks.MultipleChoiceBlock(label="公开层级", choices=LEVEL_CHOICES)

    class Meta:
        icon = "table"
        label = "目录事项"


class CatalogueTableBlock(blocks.StreamBlock):
    row = CatalogueRowBlock()

    class Meta:
        label = "标准目录事项"
