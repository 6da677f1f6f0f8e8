"""deploy/ checked statically (no container engine or cluster here; review L7): a non-root image, pods that
cannot gain privileges or write their root filesystem, NetworkPolicies that leave the unauthenticated action
server reachable only from Rasa, and an ingress that exposes only the widget and the signed webhooks."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [d for d in yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text()) if d]
DEPLOYMENTS = [d for d in DOCUMENTS if d["kind"] == "Deployment"]
POLICIES = [d for d in DOCUMENTS if d["kind"] == "NetworkPolicy"]
SIGNED_WEBHOOKS = {f"/webhooks/{name}/webhook" for name in ("telegram", "slack", "facebook", "twilio")}


def labels(deployment: dict) -> dict:
    return deployment["spec"]["template"]["metadata"]["labels"]


def selects(selector: dict, pod: dict) -> bool:
    if not all(pod.get(k) == v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for rule in selector.get("matchExpressions", []):
        if rule["operator"] == "In" and pod.get(rule["key"]) not in rule["values"]:
            return False
    return True


def test_the_image_runs_as_an_unprivileged_user() -> None:
    lines = (ROOT / "deploy" / "Dockerfile").read_text().splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users, "the Dockerfile sets no USER"
    user = users[-1].split(":")[0]
    assert user.isdigit() and int(user) >= 1000  # numeric, so runAsNonRoot can verify it
    last_from = max(i for i, line in enumerate(lines) if line.startswith("FROM "))
    assert max(i for i, line in enumerate(lines) if line.startswith("USER ")) > last_from
    image_users = {d["spec"]["template"]["spec"]["securityContext"]["runAsUser"] for d in DEPLOYMENTS}
    assert image_users == {int(user)}


def test_pods_cannot_gain_privileges_or_write_their_root_filesystem() -> None:
    for deployment in DEPLOYMENTS:
        spec = deployment["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        assert spec["automountServiceAccountToken"] is False
        writable = {v["name"] for v in spec.get("volumes", []) if "emptyDir" in v}
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False
            assert context["readOnlyRootFilesystem"] is True
            assert context["capabilities"]["drop"] == ["ALL"] and not context.get("privileged")
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            assert mounts.get("/app/var") in writable and mounts.get("/tmp") in writable


def allowed_sources(pod: dict) -> list[list[dict]]:
    """The `from` lists of every policy that selects `pod` (an empty list: no source allowed)."""
    return [
        [source for rule in policy.get("spec", {}).get("ingress", []) for source in rule.get("from", [])]
        for policy in POLICIES
        if "Ingress" in policy["spec"]["policyTypes"] and selects(policy["spec"]["podSelector"], pod)
    ]


def test_every_pod_denies_by_default_and_the_action_server_accepts_only_rasa() -> None:
    for deployment in DEPLOYMENTS:
        sources = allowed_sources(labels(deployment))
        assert [] in sources, f"{deployment['metadata']['name']}: no default-deny policy"
        for source in (s for group in sources for s in group):
            assert source, "an empty 'from' entry would allow everyone"
            assert "ipBlock" not in source or source["ipBlock"]["cidr"] != "0.0.0.0/0"
    actions = next(d for d in DEPLOYMENTS if labels(d)["component"] == "actions")
    callers = [s for group in allowed_sources(labels(actions)) for s in group]
    assert callers and all(
        set(s) == {"podSelector"} and s["podSelector"]["matchLabels"] == {"app": "stemsafe", "component": "rasa"}
        for s in callers
    )


def test_the_ingress_exposes_only_the_widget_and_the_signed_webhooks() -> None:
    ingresses = [d for d in DOCUMENTS if d["kind"] == "Ingress"]
    assert len(ingresses) == 1
    ingress = ingresses[0]["spec"]
    assert ingress["tls"]
    services = {d["metadata"]["name"]: labels_of for d in DOCUMENTS if d["kind"] == "Service"
                for labels_of in [d["spec"]["selector"]["component"]]}  # fmt: skip
    routed = {}
    for rule in ingress["rules"]:
        for path in rule["http"]["paths"]:
            routed[path["path"]] = (path["pathType"], services[path["backend"]["service"]["name"]])
    to_rasa = {p: kind for p, (kind, component) in routed.items() if component == "rasa"}
    assert to_rasa == {"/socket.io": "Prefix", **{p: "Exact" for p in SIGNED_WEBHOOKS}}
    assert {component for _, component in routed.values()} == {"rasa", "web"}  # never the action server
    # the REST webhook, Rasa's own routes and set_webhook reach only the web server, which has none of them
    for path in ("/webhooks/rest/webhook", "/webhooks/telegram/set_webhook", "/conversations/x/tracker", "/model"):
        matches = [p for p, (kind, _) in routed.items() if path == p or (kind == "Prefix" and path.startswith(p))]
        assert all(routed[p][1] == "web" for p in matches), path


def test_the_rest_channel_is_not_configured_in_the_manifests() -> None:
    text = (ROOT / "deploy" / "kubernetes.yaml").read_text()
    assert "STEMSAFE_REST_TOKEN" not in text and not re.search(r"--enable-api", text)
