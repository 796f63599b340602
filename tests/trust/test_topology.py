"""docker-compose.yml, the Dockerfile, scripts/prod-smoke and the locks agree.

CI runs scripts/prod-smoke (the real topology on this machine); these tests keep
what it proves true of docker-compose.yml, which cannot run here.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = {
    "web": "scripts/serve",
    "worker": "scripts/worker",
    "beat": "scripts/beat",
}
DEV_TOOLS = {
    "pytest",
    "pytest-django",
    "playwright",
    "schemathesis",
    "ruff",
    "hypothesis",
    "factory-boy",
}


def _pins(lock: str) -> dict[str, str]:
    """name -> the requirement's whole entry (pin, hashes, comments)."""
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    pins = {}
    for entry in entries:
        m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==", entry)
        if m:
            pins[m.group(1).lower()] = entry
    return pins


def test_compose_runs_the_entry_points_the_smoke_runs():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    smoke = (ROOT / "scripts/prod-smoke").read_text()
    for service, script in ENTRY_POINTS.items():
        assert services[service]["command"] == [script]
        assert f'ROOT / "{script}"' in smoke
        assert services[service]["environment"]["CACHE_URL"].startswith("redis://")
        assert services[service]["environment"]["DEBUG"] == "false"


def test_the_image_installs_the_runtime_lock_only_with_hashes():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert installs == [
        "RUN pip install --require-hashes --only-binary=:all: -r requirements.lock"
    ]
    assert "requirements-dev.lock" not in dockerfile


def test_every_pin_has_a_hash_and_dev_tools_are_in_the_dev_lock_only():
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    for name, entry in {**runtime, **dev}.items():
        assert "--hash=sha256:" in entry, name
    assert "gunicorn" in runtime
    assert not DEV_TOOLS & set(runtime)
    assert DEV_TOOLS <= set(dev)
    assert not set(runtime) & set(dev)  # one pin per package
    assert "-r requirements.lock" in (ROOT / "requirements-dev.lock").read_text()
