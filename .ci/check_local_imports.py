"""No import of another project app inside a function, unless a comment says why.

An import hidden in a function is how a floor reaches upward without the import contract
noticing at a glance, and how cycles hide. Where a library truly needs one (an AppConfig's
ready() loading receivers), the line carries `# local import: <reason>`.

    python .ci/check_local_imports.py      # exits 1 and lists the offenders
"""

import ast
import pathlib
import sys

APPS = (
    "portal",
    "cms",
    "catalog",
    "aftersales",
    "payments",
    "membership",
    "appliances",
    "groundwork",
)
MARK = "# local import:"
ROOT = pathlib.Path(__file__).resolve().parent.parent


def app_of(module: str) -> str:
    return module.split(".")[0]


def offenders(path: pathlib.Path):
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    own = path.relative_to(ROOT).parts[0]
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                if app_of(module) in APPS and app_of(module) != own:
                    if MARK not in lines[node.lineno - 1]:
                        yield node.lineno, module


def main() -> int:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            found.extend(
                f"{path.relative_to(ROOT)}:{line}: imports {module} inside a function"
                for line, module in offenders(path)
            )
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} cross-app import(s) inside functions without '{MARK} <reason>'")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
