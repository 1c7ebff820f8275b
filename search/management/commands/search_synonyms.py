"""manage.py search_synonyms load: add the shipped dictionary's new synonym groups."""

from django.core.management.base import BaseCommand

from search import service, synonyms
from search.models import Synonym


class Command(BaseCommand):
    help = (
        "载入随系统提供的口语词—规范用语词典（search/data/colloquial_terms.yaml）中尚未载入的"
        "同义词组；已有的词组（包括工作人员修改或停用的）保持不变。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])

    def handle(self, *args, action, **options):
        report = synonyms.load(Synonym)
        service.clear_synonym_cache()
        self.stdout.write(
            f"新增 {len(report.created)} 组同义词，已有 {len(report.kept)} 组保持不变。"
        )
