"""Build the issue-19 relevance set from data/relevance_set_topics.yaml (not a test).

    .venv/bin/python tests/search/build_relevance_set.py

Writes data/relevance_set_documents.csv (the columns `manage.py import_documents` reads) and
data/relevance_set_queries.json (graded queries; documents are named by their title, which is
unique). Every document, query and grade comes from the topics file and the rules below, which
were written before any ranking was run; the output is committed so a change shows in review.

Documents per topic (role: what it is):
- main: the policy in force, with its 文号; repeals `old` when the topic has one (its body says
  so: "原《…》（文号）同时废止");
- interpretation: a 解读 of the main document (文种 解读, names its 文号);
- old: the repealed earlier version (有效性 废止), when the topic has `old`;
- notice: a yearly work notice, when the topic has `notice`;
- news: a work report that mentions the subject;
- meeting: a meeting notice that only names the subject.
Plus a few documents about nothing any query asks (personnel, meetings).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
TOPICS_FILE = DATA / "relevance_set_topics.yaml"
DOCUMENTS_FILE = DATA / "relevance_set_documents.csv"
QUERIES_FILE = DATA / "relevance_set_queries.json"
COLUMNS = ["名称", "文号", "发布机构", "成文日期", "发布日期", "主题分类", "文种", "有效性"]
COLUMNS += ["废止日期", "内容概述", "正文", "栏目", "关键词"]

# Grade (0-3) of each document role for a query about the topic.
GRADES = {"main": 3, "interpretation": 2, "notice": 2, "old": 1, "news": 1, "meeting": 1}
# A 文号 query: the document that has it, and those related to it.
NUMBER_GRADES = {"main": 3, "interpretation": 2}
# A query for a repealed document's 文号: it, then the document that replaced it.
OLD_NUMBER_GRADES = {"old": 3, "main": 2}
# How a 文号 is typed: as printed, and with the brackets people use instead of 〔〕.
# Where each role goes below the 政府信息公开 column (slug paths of the seeded demo site).
COLUMN = {
    "main": "statutory/policies",
    "old": "statutory/policies",
    "interpretation": "statutory/interpretations",
    "notice": "statutory/services",
    "news": "statutory/services",
    "meeting": "statutory/services",
}


SOURCE = yaml.safe_load(TOPICS_FILE.read_text("utf-8"))
NUMBER_STYLES = SOURCE["number_styles"]


def number(prefix: str, year: int, serial: int, style: str = "{p}〔{y}〕{n}号") -> str:
    return style.format(p=prefix, y=year, n=serial)


def old_title(title: str) -> str:
    for word in ("办法", "细则", "方案", "规程", "规范", "规定", "措施", "计划", "预案"):
        if title.endswith(word):
            return title[: -len(word)] + "暂行" + word
    return title + "（试行）"


def document(title, topic, role, *, number_text="", written, genre, body, summary, **extra):
    return {
        "名称": title,
        "文号": number_text,
        "发布机构": topic["publisher"],
        "成文日期": written.isoformat(),
        "发布日期": (written + dt.timedelta(days=5)).isoformat(),
        "主题分类": topic["topic"],
        "文种": genre,
        "有效性": extra.get("validity", "有效"),
        "废止日期": extra.get("repealed", ""),
        "内容概述": summary,
        "正文": body,
        "栏目": COLUMN[role],
        "关键词": "",
    }


def topic_documents(topic) -> dict[str, dict]:
    """The documents of one topic by role."""
    name, title, facts = topic["name"], topic["title"], topic["facts"]
    year, serial, prefix = topic["year"], topic["serial"], topic["prefix"]
    written = dt.date(year, 1 + serial % 12, 5 + serial % 20)
    main_number = number(prefix, year, serial)
    docs = {}
    ending = "本办法自发布之日起施行。"
    if topic.get("old"):
        old_number = number(prefix, topic["old"], serial + 1)
        ending = f"本办法自发布之日起施行，原《{old_title(title)}》（{old_number}）同时废止。"
        docs["old"] = document(
            old_title(title),
            topic,
            "old",
            number_text=old_number,
            written=dt.date(topic["old"], 3, 10),
            genre="通知",
            summary=f"规范全旗{name}工作（已废止）。",
            body="\n".join([f"为规范{name}工作，制定本暂行办法。", *facts[:2]]),
            validity="废止",
            repealed=written.isoformat(),
        )
    docs["main"] = document(
        title,
        topic,
        "main",
        number_text=main_number,
        written=written,
        genre="通知",
        summary=f"明确{name}的对象、标准和办理程序。",
        body="\n".join(
            [f"为做好{name}工作，根据有关法律法规，结合本旗实际，制定本办法。", *facts, ending]
        ),
    )
    docs["interpretation"] = document(
        f"《{title}》政策解读",
        topic,
        "interpretation",
        written=written + dt.timedelta(days=3),
        genre="解读",
        summary=f"解读《{title}》（{main_number}）的出台背景、主要内容和办理方式。",
        body="\n".join(
            [
                f"一、出台背景。为进一步做好{name}工作，{topic['publisher']}制定了《{title}》。",
                "二、主要内容。" + "".join(facts),
                "三、群众如何办理。可以到各苏木乡镇便民服务中心或者通过蒙速办咨询办理。",
            ]
        ),
    )
    if topic.get("notice"):
        docs["notice"] = document(
            f"关于做好{year + 1}年{name}工作的通知",
            topic,
            "notice",
            number_text=number(prefix, year + 1, serial + 30),
            written=dt.date(year + 1, 2, 15),
            genre="通知",
            summary=f"部署{year + 1}年全旗{name}重点工作。",
            body="\n".join(
                [f"各苏木乡镇人民政府、街道办事处：现就做好{year + 1}年{name}工作通知如下。"]
                + facts[:2]
            ),
        )
    docs["news"] = document(
        f"{topic['publisher']}扎实推进{name}工作",
        topic,
        "news",
        written=written + dt.timedelta(days=60),
        genre="工作动态",
        summary=f"{topic['publisher']}{name}工作进展。",
        body=(
            f"今年以来，{topic['publisher']}把{name}作为民生实事来抓，"
            f"深入嘎查村和社区开展政策宣传，{facts[0]}"
        ),
    )
    docs["meeting"] = document(
        f"关于召开全旗{name}工作推进会议的通知",
        topic,
        "meeting",
        written=written + dt.timedelta(days=90),
        genre="通知",
        summary=f"召开全旗{name}工作推进会议。",
        body=(
            f"定于{(written + dt.timedelta(days=97)).month}月10日上午9时在旗政务服务中心"
            f"三楼会议室召开全旗{name}工作推进会议，请各有关单位分管负责同志参加。"
        ),
    )
    return docs


def unrelated_documents() -> list[dict]:
    rows = []
    for i, item in enumerate(SOURCE["unrelated"]):
        title, prefix, body = item["title"], item["prefix"], item["body"]
        topic = {"publisher": item["publisher"], "topic": "综合政务"}
        rows.append(
            document(
                title,
                topic,
                "notice",
                number_text=number(prefix, 2024, 60 + i) if prefix else "",
                written=dt.date(2024, 1 + i, 12),
                genre="通知" if prefix else "其他",
                summary=body[:40],
                body=body,
            )
        )
    return rows


def build():
    topics = SOURCE["topics"]
    rows, queries = [], []
    for index, topic in enumerate(topics):
        docs = topic_documents(topic)
        rows.extend(docs.values())
        for category, texts in topic["queries"].items():
            for text in texts:
                relevant = {doc["名称"]: GRADES[role] for role, doc in docs.items()}
                queries.append({"query": text, "category": category, "relevant": relevant})
        if index % 3 == 0:  # a 文号 query every third topic, typed in varying styles
            style = NUMBER_STYLES[(index // 3) % len(NUMBER_STYLES)]
            text = number(topic["prefix"], topic["year"], topic["serial"], style)
            relevant = {docs[role]["名称"]: grade for role, grade in NUMBER_GRADES.items()}
            queries.append({"query": text, "category": "document_number", "relevant": relevant})
        if "old" in docs:
            text = number(topic["prefix"], topic["old"], topic["serial"] + 1)
            relevant = {docs[role]["名称"]: grade for role, grade in OLD_NUMBER_GRADES.items()}
            queries.append({"query": text, "category": "replaced", "relevant": relevant})
    rows.extend(unrelated_documents())
    for text in SOURCE["no_answer"]:
        queries.append({"query": text, "category": "no_answer", "relevant": {}})
    titles = [row["名称"] for row in rows]
    assert len(titles) == len(set(titles)), "titles must be unique (they name the documents)"
    texts = [q["query"] for q in queries]
    assert len(texts) == len(set(texts)), "queries must be unique"
    with DOCUMENTS_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    QUERIES_FILE.write_text(json.dumps(queries, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return rows, queries


if __name__ == "__main__":
    documents, graded = build()
    print(f"{len(documents)} documents, {len(graded)} queries")
