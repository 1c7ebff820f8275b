"""manage.py search_engine start|stop|status: the local single-node Elasticsearch.

A thin wrapper around search/engine_runner.py (which also works without Django). The node is
built from Maven Central artifacts on first start; see search/engine/README.md.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from search import engine_runner


class Command(BaseCommand):
    help = "启动、停止或查看本地 Elasticsearch（开发和测试用）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status", "build"])
        parser.add_argument("--port", type=int, default=engine_runner.DEFAULT_PORT)
        parser.add_argument("--data-dir", default=None)
        parser.add_argument("--wait", type=float, default=engine_runner.DEFAULT_WAIT_SECONDS)

    def handle(self, *args, action, port, data_dir, wait, **options):
        try:
            if action == "build":
                self.stdout.write(f"已构建：{engine_runner.build()}")
            elif action == "start":
                url = engine_runner.start(port=port, data_dir=data_dir, wait_seconds=wait)
                self.stdout.write(f"Elasticsearch 已运行：{url}")
                self.stdout.write(f"使用它：export ELASTICSEARCH_URL={url}")
            elif action == "stop":
                stopped = engine_runner.stop()
                self.stdout.write("已停止。" if stopped else "没有正在运行的本地 Elasticsearch。")
            else:
                info = engine_runner.status()
                if info["running"]:
                    health = (info.get("cluster_health") or {}).get("status", "未知")
                    self.stdout.write(
                        f"运行中：{info['url']}（pid {info['pid']}，版本 {info['version']}，"
                        f"集群状态 {health}）"
                    )
                else:
                    self.stdout.write("未运行。")
                if options.get("verbosity", 1) > 1:
                    self.stdout.write(json.dumps(info, ensure_ascii=False, indent=2))
        except RuntimeError as error:
            raise CommandError(str(error)) from error
