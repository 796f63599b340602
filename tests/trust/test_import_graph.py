"""The apps depend one way only: tariffs <- offers <- budgets, with config.lib
beneath all of them (STYLE.md 1.2). import-linter checks the contract in
pyproject.toml ([tool.importlinter]) over every import, at module level or inside
a function, direct or through other modules; `make lint` runs the same check.
"""

import re
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


# Lowest first: a template of an app may load tag libraries of its own app and of
# the apps beneath it (config.lib's `dansk` is a builtin), never of one above.
LAG = ["tariffs", "offers", "budgets"]
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def _biblioteker() -> dict[str, str]:
    """Tag library name → the app that defines it."""
    return {
        fil.stem: app
        for app in LAG
        for fil in (ROOT / app / "templatetags").glob("*.py")
        if fil.stem != "__init__"
    }


def test_templates_load_no_tag_library_of_a_higher_app():
    ejer = _biblioteker()
    forkerte = []
    for app in LAG:
        for skabelon in (ROOT / "templates" / app).rglob("*.html"):
            for navne in LOAD.findall(skabelon.read_text()):
                for navn in navne.split():
                    if navn in ejer and LAG.index(ejer[navn]) > LAG.index(app):
                        forkerte.append(f"{skabelon.relative_to(ROOT)}: {navn}")
    assert not forkerte, forkerte
