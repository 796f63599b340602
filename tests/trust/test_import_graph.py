"""The apps depend one way only: tariffs <- offers <- budgets, with config.lib
beneath all of them (STYLE.md 1.2). import-linter checks the contract in
pyproject.toml ([tool.importlinter]) over every import, at module level or inside
a function, direct or through other modules; `make lint` runs the same check.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_graph_keeps_its_contracts():
    # The venv's own executable, beside its python (not resolved: a venv's
    # python is a link to the interpreter outside it).
    lint_imports = Path(sys.executable).parent / "lint-imports"
    assert lint_imports.exists(), (
        f"{lint_imports} is missing: `make venv` installs requirements-dev.lock"
    )
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
