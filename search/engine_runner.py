"""Build, start, stop and inspect the local single-node Elasticsearch (search/engine).

Standard library only and no Django imports, so it works before Django is set up:

    python search/engine_runner.py build [--force]
    python search/engine_runner.py start [--port 9201] [--data-dir DIR] [--wait 120]
    python search/engine_runner.py status
    python search/engine_runner.py stop

Runtime files live under <repo>/var/elasticsearch/ (override with SEARCH_ENGINE_VAR_DIR or the
var_dir argument): elasticsearch.pid, engine.json (pid/port/url), elasticsearch.log, home/, data/.
Java: $SEARCH_ENGINE_JAVA_HOME, else a JDK 17 under /usr/lib/jvm, else $JAVA_HOME, else `java`
on PATH.
Heap: $SEARCH_ENGINE_HEAP (default 512m).
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENGINE_DIR = REPO_ROOT / "search" / "engine"
TARGET_DIR = ENGINE_DIR / "target"
JAR = TARGET_DIR / "local-elasticsearch.jar"
LIB_DIR = TARGET_DIR / "lib"
MODULES_DIR = TARGET_DIR / "modules"
BUILD_STAMP = TARGET_DIR / ".engine-build-hash"
MAIN_CLASS = "gov.disclosure.search.LocalElasticsearch"

DEFAULT_PORT = 9201
DEFAULT_WAIT_SECONDS = 120.0
# Elasticsearch 8.19 is compiled for Java 17; it also runs on newer JDKs.
PREFERRED_JDK_GLOBS = (
    "/usr/lib/jvm/java-17-openjdk-*",
    "/usr/lib/jvm/temurin-17-*",
    "/usr/lib/jvm/*17*",
)

# The JVM process started by this interpreter, if any (reaped so it never lingers as a zombie).
_child: subprocess.Popen | None = None


# --------------------------------------------------------------------------- paths & java


def default_var_dir() -> Path:
    return Path(os.environ.get("SEARCH_ENGINE_VAR_DIR") or REPO_ROOT / "var" / "elasticsearch")


def _var(var_dir) -> Path:
    return Path(var_dir) if var_dir else default_var_dir()


def java_home() -> Path:
    """The JDK used to build and run the engine."""
    configured = os.environ.get("SEARCH_ENGINE_JAVA_HOME")
    if configured:
        return Path(configured)
    for pattern in PREFERRED_JDK_GLOBS:
        for candidate in sorted(glob.glob(pattern)):
            if (Path(candidate) / "bin" / "java").exists():
                return Path(candidate)
    if os.environ.get("JAVA_HOME"):
        return Path(os.environ["JAVA_HOME"])
    java = shutil.which("java")
    if java:
        return Path(os.path.realpath(java)).parent.parent
    raise RuntimeError("no Java found: set SEARCH_ENGINE_JAVA_HOME to a JDK (17 or newer)")


def _java_env() -> dict:
    env = dict(os.environ)
    env["JAVA_HOME"] = str(java_home())
    env["PATH"] = str(java_home() / "bin") + os.pathsep + env.get("PATH", "")
    return env


# --------------------------------------------------------------------------- build


def _source_hash() -> str:
    """Hash of everything the Maven build depends on: pom.xml and src/."""
    digest = hashlib.sha256()
    files = [ENGINE_DIR / "pom.xml"] + sorted(
        p for p in (ENGINE_DIR / "src").rglob("*") if p.is_file()
    )
    for path in files:
        digest.update(str(path.relative_to(ENGINE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_built() -> bool:
    return (
        JAR.exists()
        and LIB_DIR.is_dir()
        and (MODULES_DIR / "transport-netty4" / "plugin-descriptor.properties").exists()
        and BUILD_STAMP.exists()
        and BUILD_STAMP.read_text().strip() == _source_hash()
    )


def build(force: bool = False) -> Path:
    """Run `mvn -q -B package` unless the outputs are present and pom.xml/src are unchanged.

    Returns the engine jar path. Maven resolves from Maven Central into ~/.m2 (first build only).
    """
    if not force and is_built():
        return JAR
    mvn = shutil.which("mvn")
    if not mvn:
        raise RuntimeError("Maven (`mvn`) is not on PATH; install it (e.g. apt-get install maven)")
    result = subprocess.run(
        [mvn, "-q", "-B", "package"],
        cwd=ENGINE_DIR,
        env=_java_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"mvn package failed (exit {result.returncode}):\n{result.stdout[-4000:]}"
        )
    BUILD_STAMP.write_text(_source_hash() + "\n")
    return JAR


# --------------------------------------------------------------------------- process helpers


def _pid_file(var_dir: Path) -> Path:
    return var_dir / "elasticsearch.pid"


def _state_file(var_dir: Path) -> Path:
    return var_dir / "engine.json"


def _log_file(var_dir: Path) -> Path:
    return var_dir / "elasticsearch.log"


def _read_pid(var_dir: Path) -> int | None:
    try:
        return int(_pid_file(var_dir).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _read_state(var_dir: Path) -> dict:
    try:
        return json.loads(_state_file(var_dir).read_text())
    except (FileNotFoundError, ValueError):
        return {}


def _pid_exists(pid: int) -> bool:
    """True while pid exists and is not a zombie (reaps it if it is our own exited child)."""
    global _child
    if _child is not None and _child.pid == pid and _child.poll() is not None:
        _child = None  # our child exited and is now reaped
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != b"Z"


def _is_engine_process(pid: int) -> bool:
    """True if pid is alive and is our LocalElasticsearch JVM (not a recycled pid)."""
    if not _pid_exists(pid):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return MAIN_CLASS.encode() in f.read()
    except (FileNotFoundError, ProcessLookupError):
        return False


def _wait_until_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _pid_exists(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _clear_runtime_files(var_dir: Path) -> None:
    for path in (_pid_file(var_dir), _state_file(var_dir)):
        path.unlink(missing_ok=True)


def _http_json(url: str, timeout: float = 5.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _healthy_and_ours(url: str, pid: int) -> bool:
    """True once cluster health is yellow/green AND the answering node is the JVM with this pid."""
    try:
        _http_json(f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=3)
        nodes = _http_json(f"{url}/_nodes/_local/process?filter_path=nodes.*.process.id", timeout=3)
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
        return False
    return any(node.get("process", {}).get("id") == pid for node in nodes.get("nodes", {}).values())


def _log_tail(var_dir: Path, lines: int = 30) -> str:
    try:
        return "\n".join(_log_file(var_dir).read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


# --------------------------------------------------------------------------- public API


def start(
    port: int = DEFAULT_PORT,
    data_dir: str | os.PathLike | None = None,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
    var_dir: str | os.PathLike | None = None,
    heap: str | None = None,
    settings: dict[str, str] | None = None,
) -> str:
    """Start the node (building first if needed) and return its URL, e.g. "http://127.0.0.1:9201".

    `settings` are extra Elasticsearch settings (`-E key=value`), e.g. to join a cluster:
    {"node.name": "n2", "discovery.type": "multi-node", "transport.port": "9301",
    "discovery.seed_hosts": "127.0.0.1:9300,127.0.0.1:9301"} (tests/stack/run.py).

    Returns at once if the node recorded in var_dir is already running. Otherwise spawns a detached
    JVM (own session, survives this process), writes the pid file and waits until
    GET /_cluster/health?wait_for_status=yellow succeeds. Raises RuntimeError (with the log tail)
    if the JVM exits or does not become healthy within wait_seconds.
    """
    global _child
    var_dir = _var(var_dir)
    pid = _read_pid(var_dir)
    if pid and _is_engine_process(pid):
        return _read_state(var_dir).get("url") or f"http://127.0.0.1:{port}"
    _clear_runtime_files(var_dir)

    if _port_in_use(port):
        raise RuntimeError(f"port {port} on 127.0.0.1 is already in use by another process")
    build()
    home = var_dir / "home"
    data = Path(data_dir) if data_dir else var_dir / "data"
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    heap = heap or os.environ.get("SEARCH_ENGINE_HEAP", "512m")
    url = f"http://127.0.0.1:{port}"

    command = [
        str(java_home() / "bin" / "java"),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-XX:-UsePerfData",  # no /tmp/hsperfdata_* file
        f"-XX:ErrorFile={home}/hs_err_pid%p.log",
        f"-Djava.io.tmpdir={home / 'tmp'}",
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF-8",
        # Same Netty / log4j flags as the stock jvm.options of Elasticsearch.
        "-Dio.netty.noUnsafe=true",
        "-Dio.netty.noKeySetOptimization=true",
        "-Dio.netty.recycler.maxCapacityPerThread=0",
        "-Dlog4j.shutdownHookEnabled=false",
        "-Dlog4j2.disable.jmx=true",
        "-Dlog4j2.formatMsgNoLookups=true",
        "-cp",
        f"{JAR}{os.pathsep}{LIB_DIR}/*",
        MAIN_CLASS,
        "--port",
        str(port),
        "--home",
        str(home),
        "--data",
        str(data),
        "--modules",
        str(MODULES_DIR),
    ]
    for key, value in (settings or {}).items():
        command += ["-E", f"{key}={value}"]
    var_dir.mkdir(parents=True, exist_ok=True)
    with open(_log_file(var_dir), "ab") as log:
        log.write(f"\n==== {time.strftime('%Y-%m-%d %H:%M:%S')} starting on port {port}\n".encode())
        log.flush()
        _child = subprocess.Popen(
            command,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # detached: no SIGINT from this terminal, outlives this process
        )
    _pid_file(var_dir).write_text(f"{_child.pid}\n")
    _state_file(var_dir).write_text(
        json.dumps({"pid": _child.pid, "port": port, "url": url, "data_dir": str(data)}, indent=2)
        + "\n"
    )

    deadline = time.monotonic() + wait_seconds
    child = _child
    while True:
        # Our own child: its exit status is the truth. A /proc-based check here once took a
        # node that was still starting for a dead one (CI; the node went on to start, orphaned).
        if child.poll() is not None:
            _child = None
            _clear_runtime_files(var_dir)
            raise RuntimeError(
                f"Elasticsearch exited during start-up; log tail:\n{_log_tail(var_dir)}"
            )
        if _healthy_and_ours(url, child.pid):
            return url
        if time.monotonic() > deadline:
            stop(var_dir=var_dir)
            raise RuntimeError(
                f"Elasticsearch not healthy after {wait_seconds:.0f}s (stopped it); "
                f"log tail:\n{_log_tail(var_dir)}"
            )
        time.sleep(0.5)


def stop(timeout: float = 30.0, var_dir: str | os.PathLike | None = None) -> bool:
    """Stop the node recorded in var_dir: SIGTERM (clean close), SIGKILL after timeout.

    Returns True if a running node was stopped, False if none was running.
    """
    global _child
    var_dir = _var(var_dir)
    pid = _read_pid(var_dir)
    if not pid or not _is_engine_process(pid):
        _clear_runtime_files(var_dir)
        return False
    os.kill(pid, signal.SIGTERM)
    if not _wait_until_gone(pid, timeout):
        os.kill(pid, signal.SIGKILL)
        if not _wait_until_gone(pid, 10):
            raise RuntimeError(f"Elasticsearch pid {pid} survived SIGKILL")
    if _child is not None and _child.pid == pid:
        _child.wait()
        _child = None
    _clear_runtime_files(var_dir)
    return True


def status(var_dir: str | os.PathLike | None = None) -> dict:
    """running, pid, url, version, cluster_health and log of the node recorded in var_dir.

    version and cluster_health are None when the node is not running or not answering.
    """
    var_dir = _var(var_dir)
    pid = _read_pid(var_dir)
    running = bool(pid and _is_engine_process(pid))
    info = {
        "running": running,
        "pid": pid if running else None,
        "url": _read_state(var_dir).get("url") if running else None,
        "version": None,
        "cluster_health": None,
        "log": str(_log_file(var_dir)),
    }
    if running and info["url"]:
        try:
            info["version"] = _http_json(info["url"] + "/")["version"]["number"]
            info["cluster_health"] = _http_json(info["url"] + "/_cluster/health")
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError, KeyError) as exc:
            info["error"] = str(exc)
    return info


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Local single-node Elasticsearch for development.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="mvn package (skipped when up to date)")
    p_build.add_argument("--force", action="store_true")
    p_start = sub.add_parser("start", help="start the node (builds first if needed)")
    p_start.add_argument("--port", type=int, default=DEFAULT_PORT)
    p_start.add_argument("--data-dir", default=None)
    p_start.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS)
    sub.add_parser("stop", help="stop the node")
    sub.add_parser("status", help="print status as JSON")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            began = time.monotonic()
            print(f"{build(force=args.force)} ({time.monotonic() - began:.1f}s)")
        elif args.command == "start":
            began = time.monotonic()
            if not is_built() and shutil.which("mvn"):
                print(
                    "首次使用：正在用 Maven 构建本地 Elasticsearch（首次约 1 分钟）……", flush=True
                )
            url = start(port=args.port, data_dir=args.data_dir, wait_seconds=args.wait)
            print(f"{url} ({time.monotonic() - began:.1f}s)")
        elif args.command == "stop":
            print("stopped" if stop() else "not running")
        elif args.command == "status":
            result = status()
            print(json.dumps(result, indent=2, ensure_ascii=False))
            return 0 if result["running"] else 3
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
