#!/usr/bin/env python3
"""The live suite: real server products, written by others, installed pinned
from PyPI and started on loopback; for each, the generator reads the OpenAPI
document the running server serves (`codegen generate http://...`), builds
the client crate, and user scenarios written in Rust (tests/live/<server>/)
run through it against the server, each asserting what it reads back.

    python3 scripts/live.py                 # every server
    python3 scripts/live.py lnbits          # one
    python3 scripts/live.py --capture       # also rewrite tests/live/fixtures/
    python3 scripts/live.py --lock lnbits   # re-pin tests/live/<server>/requirements.txt

One line per scenario, a summary, exit 1 on a failure that
tests/live/known-failures.txt does not list (each listed one names the
defect it hits; a listed scenario that passes is reported, to be removed
from the list). Servers run in their own process group, stopped by their
PID in a `finally`, whatever happens. Each server gets a virtualenv under
target/live/venv/ (made on first use from its pinned, hashed requirements)
and a fresh data folder under target/live/data/; uv (pinned, from PyPI)
installs them.
"""

from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parent.parent
LIVE = ROOT / "tests" / "live"
WORK = ROOT / "target" / "live"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
PYTHON = "python3"


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


# name -> how to install, start and reach it. `start` gets (venv, port, data).
SERVERS = {
    "lnbits": {
        "what": "LNbits 1.6.2, a Lightning wallet and payments server (FastAPI, SQLite)",
        "pins": ["lnbits==1.6.2", "bitstring==4.3.1"],
        "start": lambda venv, port, data: {
            "argv": [str(venv / "bin" / "lnbits"), "--host", "127.0.0.1", "--port", str(port)],
            # LNbits mounts lnbits/static relative to the working directory.
            "cwd": site_packages(venv),
            "env": {
                "LNBITS_DATA_FOLDER": str(data),
                "LNBITS_BACKEND_WALLET_CLASS": "FakeWallet",
                "LNBITS_ADMIN_UI": "false",
                "AUTH_ALLOWED_METHODS": '["user-id-only", "username-password"]',
                # Nothing leaves the machine: no extension manifests, no
                # exchange rates from the internet.
                "LNBITS_EXTENSIONS_MANIFESTS": "[]",
                "LNBITS_WASM_EXTENSIONS_MANIFESTS": "[]",
                "LNBITS_PRICE_AGGREGATOR_ENABLED": "false",
                "LNBITS_EXCHANGE_RATE_PROVIDERS": "[]",
            },
        },
        "document": "/openapi.json",
        "features": ["tag-auth", "tag-core", "tag-wallet", "tag-payments"],
    },
    "prefect": {
        "what": "Prefect 3.9.1, a workflow orchestration server (FastAPI, SQLite)",
        "pins": ["prefect==3.9.1"],
        "start": lambda venv, port, data: {
            "argv": [
                str(venv / "bin" / "prefect"), "server", "start",
                "--host", "127.0.0.1", "--port", str(port), "--no-services",
            ],
            "cwd": data,
            "env": {
                "PREFECT_HOME": str(data),
                "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{data}/prefect.db",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PREFECT_UI_ENABLED": "false",
                "PREFECT_SERVER_UI_ENABLED": "false",
            },
        },
        "document": "/api/openapi.json",
        "features": None,
    },
    "chroma": {
        "what": "Chroma 1.5.5, a vector database (its Rust server, axum and utoipa, shipped in the PyPI package; SQLite)",
        "pins": ["chromadb==1.5.5"],
        "start": lambda venv, port, data: {
            "argv": [str(venv / "bin" / "chroma"), "run", "--path", str(data / "db"),
                     "--host", "127.0.0.1", "--port", str(port)],
            "cwd": data,
            "env": {"ANONYMIZED_TELEMETRY": "False", "CHROMA_TELEMETRY": "False"},
        },
        "document": "/openapi.json",
        "features": None,
    },
}


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=True, **kwargs)


def cargo(*args: str) -> None:
    """cargo, building into the workspace's target directory: the scenario
    packages are workspaces of their own, and would otherwise each build
    every dependency again into their own."""
    run(["cargo", *args], cwd=ROOT, env={**os.environ, "CARGO_TARGET_DIR": str(TARGET)})


def lock(name: str) -> None:
    """Resolves the server's pins into every package it installs, each with
    its version and hash (pip's installation report)."""
    spec = SERVERS[name]
    report = WORK / f"{name}-report.json"
    WORK.mkdir(parents=True, exist_ok=True)
    run([PYTHON, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed",
         "--report", str(report), *spec["pins"]])
    installs = json.loads(report.read_text())["install"]
    lines = [f"# {spec['what']}: every package, pinned with its hash.",
             f"# Written by `python3 scripts/live.py --lock {name}` from: {' '.join(spec['pins'])}"]
    for item in sorted(installs, key=lambda i: i["metadata"]["name"].lower()):
        meta = item["metadata"]
        digest = item["download_info"]["archive_info"]["hashes"]["sha256"]
        lines.append(f"{meta['name']}=={meta['version']} --hash=sha256:{digest}")
    (LIVE / name / "requirements.txt").write_text("\n".join(lines) + "\n")
    log(f"{name}: {len(installs)} packages pinned")


def fresh(venv: Path, requirements: Path) -> tuple[bool, str]:
    """Whether `venv` was made from `requirements` as they are now."""
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    stamp = venv / "requirements.sha256"
    return stamp.exists() and stamp.read_text() == digest, digest


def uv() -> Path:
    """uv, pinned (tests/live/uv-requirements.txt), in its own virtualenv."""
    requirements = LIVE / "uv-requirements.txt"
    venv = WORK / "venv" / "_uv"
    ok, digest = fresh(venv, requirements)
    if not ok:
        shutil.rmtree(venv, ignore_errors=True)
        run([PYTHON, "-m", "venv", str(venv)])
        run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
             "--require-hashes", "--no-deps", "-r", str(requirements)])
        (venv / "requirements.sha256").write_text(digest)
    return venv / "bin" / "uv"


def venv_for(name: str) -> Path:
    """The server's virtualenv, made (or remade) when its requirements changed."""
    requirements = LIVE / name / "requirements.txt"
    venv = WORK / "venv" / name
    ok, digest = fresh(venv, requirements)
    if ok:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    started = time.monotonic()
    tool = str(uv())
    # The machine's Python; uv never downloads one.
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
    run([tool, "venv", "--quiet", "--python", sys.executable, str(venv)], env=env)
    run([tool, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
         "--require-hashes", "--no-deps", "-r", str(requirements)], env=env)
    (venv / "requirements.sha256").write_text(digest)
    log(f"{name}: installed in {time.monotonic() - started:.0f} s")
    return venv


class Server:
    """A server process in its own process group, stopped by its PID."""

    def __init__(self, name: str, venv: Path):
        self.name = name
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.data = WORK / "data" / name
        shutil.rmtree(self.data, ignore_errors=True)
        self.data.mkdir(parents=True)
        how = SERVERS[name]["start"](venv, self.port, self.data)
        env = {**os.environ, **how["env"]}
        self.log_path = WORK / f"{name}.log"
        self.log_file = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            how["argv"], cwd=how["cwd"], env=env, stdout=self.log_file,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )

    def wait_ready(self, path: str, timeout: float = 180) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.origin + path, timeout=5) as answer:
                    if answer.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not serve {path} within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self.log_file.close()


def codegen_binary() -> Path:
    cargo("build", "-q", "-p", "codegen")
    return TARGET / "debug" / "codegen"


def generate(codegen: Path, name: str, url: str) -> None:
    """Generates the server's client from the document it serves, with the
    server's overlay (tests/live/<name>/overlay.yaml) when it has one: the
    fixes its document needs, the document itself left as served."""
    out = WORK / "gen" / name
    overlay = LIVE / name / "overlay.yaml"
    fixes = ["--overlay", str(overlay)] if overlay.is_file() else []
    run([str(codegen), "generate", url, *fixes, "--out", str(out), "--crate-name", f"{name}-client",
         "--runtime-path", str(ROOT / "runtime"), "--tag-features", "--quiet"], cwd=ROOT)


def scenarios(name: str, origin: str) -> list[tuple[str, str | None]]:
    """Builds and runs the server's scenario program; (scenario, failure)."""
    package = LIVE / name
    shutil.copy(ROOT / "Cargo.lock", package / "Cargo.lock")
    manifest = str(package / "Cargo.toml")
    cargo("build", "-q", "--manifest-path", manifest)
    result = subprocess.run(
        [str(TARGET / "debug" / f"live-{name}")], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "LIVE_ORIGIN": origin}, timeout=600,
    )
    outcomes = []
    for line in result.stdout.splitlines():
        if line.startswith("PASS "):
            outcomes.append((line[5:].strip(), None))
        elif line.startswith("FAIL "):
            scenario, _, why = line[5:].partition(": ")
            outcomes.append((scenario.strip(), why.strip()))
    if result.returncode not in (0, 1) or not outcomes:
        outcomes.append(("(program)", f"exit {result.returncode}: {result.stderr.strip()[-2000:]}"))
    return outcomes


def known_failures() -> dict[str, str]:
    known = {}
    for line in (LIVE / "known-failures.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, cause = line.partition(" ")
            known[key] = cause.strip()
    return known


def capture(name: str, origin: str) -> None:
    module = __import__("live_capture")
    module.capture(name, origin, LIVE / "fixtures")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("servers", nargs="*", help=f"among {', '.join(SERVERS)} (default: all)")
    parser.add_argument("--capture", action="store_true", help="rewrite tests/live/fixtures/ from the servers")
    parser.add_argument("--lock", action="store_true", help="re-pin the servers' requirements and stop")
    args = parser.parse_args()
    names = args.servers or list(SERVERS)
    for name in names:
        if name not in SERVERS:
            parser.error(f"unknown server {name!r}; known: {', '.join(SERVERS)}")
    if args.lock:
        for name in names:
            lock(name)
        return 0
    # A SIGTERM (a CI timeout) unwinds through the `finally`s that stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.path.insert(0, str(Path(__file__).parent))
    known = known_failures()
    codegen = codegen_binary()
    passed, expected, unexpected, fixed = 0, [], [], []
    for name in names:
        started = time.monotonic()
        server = None
        ready = float("nan")
        try:
            server = Server(name, venv_for(name))
            ready = server.wait_ready(SERVERS[name]["document"])
            url = server.origin + SERVERS[name]["document"]
            generate(codegen, name, url)
            if args.capture:
                capture(name, server.origin)
            outcomes = scenarios(name, server.origin)
        except (RuntimeError, OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            outcomes = [("(setup)", str(e))]
        finally:
            if server is not None:
                server.stop()
        for scenario, failure in outcomes:
            key = f"{name}/{scenario}"
            if failure is None:
                passed += 1
                if key in known:
                    fixed.append(key)
                    log(f"pass  {key}  (listed as a known failure: remove it from tests/live/known-failures.txt)")
                else:
                    log(f"pass  {key}")
            elif key in known:
                expected.append(key)
                log(f"xfail {key}: {failure}\n      known: {known[key]}")
            else:
                unexpected.append(key)
                log(f"FAIL  {key}: {failure}")
        log(f"{name}: ready in {ready:.1f} s, done in {time.monotonic() - started:.0f} s (log: {WORK / (name + '.log')})")
    log(f"live: {passed} scenarios passed, {len(expected)} known failures, {len(unexpected)} unexpected failures")
    for key in unexpected:
        log(f"  unexpected: {key}")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
