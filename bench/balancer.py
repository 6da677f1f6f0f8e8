"""Runs HAProxy in front of Rasa replicas for the benchmark, as deploy/haproxy.cfg does in production.

Each conversation goes to one replica, chosen by hashing the ``sender`` of the REST request body.
HAProxy comes from Debian's packages (``make bench`` installs it when it is missing).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.servers import wait_http

INSTALL_HINT = "HAProxy is needed for the replica benchmark: apt-get install haproxy (make bench does this)"


def config(port: int, replicas: list[str]) -> str:
    servers = "\n".join(
        f"  server rasa{i} {url.removeprefix('http://')} check inter 2s" for i, url in enumerate(replicas)
    )
    return f"""global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option http-buffer-request
frontend stemsafe
  bind 127.0.0.1:{port}
  default_backend rasa_rest
backend rasa_rest
  balance hash req.body,json_query('$.sender')
  hash-type consistent
{servers}
"""


class Balancer:
    def __init__(self, workdir: Path, port: int, replicas: list[str]) -> None:
        binary = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")
        if not binary:
            raise SystemExit(INSTALL_HINT)
        self.url = f"http://127.0.0.1:{port}"
        cfg = workdir / "haproxy.cfg"
        cfg.write_text(config(port, replicas), encoding="utf-8")
        subprocess.run([binary, "-c", "-q", "-f", str(cfg)], check=True)
        self.proc = subprocess.Popen(
            [binary, "-db", "-f", str(cfg)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_http(f"{self.url}/", timeout=20, proc=self.proc)  # a replica's health page, through HAProxy
        except Exception:
            self.stop()
            raise

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
