"""The Kubernetes manifests (deploy/kubernetes.yaml), checked without a cluster: every process is
restarted when it dies or hangs (liveness probe), gets traffic only when it serves (readiness probe), has
a memory limit, and runs without root; every probe asks a port the container listens on. The probes'
URLs are sent to the real processes in tests/e2e/test_make_run.py."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.entry_limits import SERVER_BODY_LIMIT

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [d for d in yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text()) if d]
DEPLOYMENTS = {d["metadata"]["name"]: d for d in DOCUMENTS if d["kind"] == "Deployment"}


def containers() -> list[dict]:
    return [c for d in DEPLOYMENTS.values() for c in d["spec"]["template"]["spec"]["containers"]]


def test_every_process_make_run_supervises_has_a_deployment() -> None:
    run_sh = (ROOT / "scripts" / "run.sh").read_text()
    assert {c["name"] for c in containers()} == {"rasa", "actions", "web"}
    assert "runtime.serve run" in run_sh and "rasa run actions" in run_sh and "bot.web" in run_sh
    commands = {c["name"]: " ".join(c.get("command", []) + c.get("args", [])) for c in containers()}
    assert "runtime.serve run" in commands["rasa"] and "rasa run actions" in commands["actions"]
    assert "bot.web" in commands["web"]


def test_every_container_is_probed_on_a_port_it_listens_on() -> None:
    for container in containers():
        ports = {p["name"] for p in container["ports"]} | {p["containerPort"] for p in container["ports"]}
        for kind in ("readinessProbe", "livenessProbe"):
            probe = container[kind]
            assert probe["httpGet"]["path"].startswith("/"), (container["name"], kind)
            assert probe["httpGet"]["port"] in ports, (container["name"], kind)
            assert probe.get("timeoutSeconds", 1) <= probe.get("periodSeconds", 10)
    rasa = next(c for c in containers() if c["name"] == "rasa")
    startup = rasa["startupProbe"]  # the model loads for up to a minute or two: liveness waits for it
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 180


def test_memory_is_limited_and_nothing_runs_as_root() -> None:
    for deployment in DEPLOYMENTS.values():
        spec = deployment["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec.get("restartPolicy", "Always") == "Always"
        assert (
            deployment["spec"]["selector"]["matchLabels"].items()
            <= deployment["spec"]["template"]["metadata"]["labels"].items()
        )
        for container in spec["containers"]:
            assert container["resources"]["limits"]["memory"]
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_services_route_to_the_deployments() -> None:
    labels = [d["spec"]["template"]["metadata"]["labels"] for d in DEPLOYMENTS.values()]
    for service in (d for d in DOCUMENTS if d["kind"] == "Service"):
        assert any(service["spec"]["selector"].items() <= found.items() for found in labels), service["metadata"]


def test_haproxy_body_limit_matches_the_channels() -> None:
    config = (ROOT / "deploy" / "haproxy.cfg").read_text()
    assert f"req.body_size gt {SERVER_BODY_LIMIT}" in config
