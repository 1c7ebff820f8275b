"""The home page's blocks of the demo (portal/demo_data/home.yaml): notice, search with 热门搜索,
政府信息公开 entrances, the newest items of four columns and quick links.

Runs last: the blocks link pages every other loader creates. A page named in the data that
does not exist is left out of its block (a link to nothing helps nobody)."""

from wagtail.models import Page

from . import read, say
from .site import bureau_home


def load(stdout=None):
    home = bureau_home()
    if home is None or home.specific.body:
        return 0
    home = home.specific
    data = read("home")

    def page(path):
        return Page.objects.filter(url_path=f"{home.url_path}{path}").first()

    blocks = []
    for block in data["blocks"]:
        value = dict(block["value"])
        if block["type"] == "latest":
            value["column"] = page(value["column"])
            if value["column"] is None:
                continue
        if block["type"] == "links":
            value["links"] = [link for link in map(_link(page), value["links"]) if link]
        if block["type"] == "notice" and "link" in value:
            value["link"] = _link(page)(value["link"]) or {"title": ""}
        blocks.append((block["type"], value))
    home.body = blocks
    home.save_revision().publish()
    say(stdout, f"首页内容演示数据已就绪（{len(blocks)} 个区块）。")
    return len(blocks)


def _link(page):
    def resolve(spec):
        link = {"title": spec["title"], "description": spec.get("description", "")}
        if "page" in spec:
            link["page"] = page(spec["page"])
            if link["page"] is None:
                return None
        else:
            link["url"] = spec["url"]
        return link

    return resolve
