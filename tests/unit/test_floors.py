"""The one-way floors between apps: the contract holds today, and breaks at any upward import.

Each check copies the project's packages into a temporary folder, adds one import, and runs
import-linter there with the project's own contract, so nothing here edits the real tree.
"""

import itertools
import pathlib
import shutil
import subprocess
import sys
import tomllib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
FLOORS = CONTRACT["contracts"][0]["layers"]  # top first
LINT_IMPORTS = pathlib.Path(sys.executable).with_name("lint-imports")


def copy_tree(destination: pathlib.Path) -> None:
    for package in FLOORS:
        shutil.copytree(
            ROOT / package,
            destination / package,
            ignore=shutil.ignore_patterns("templates", "static", "locale", "__pycache__"),
        )
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")


def lint(folder: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    folder = tmp_path_factory.mktemp("floors")
    copy_tree(folder)
    return folder


class TestTheFloorsContract:
    def test_names_every_app_from_the_top_down(self):
        assert FLOORS == [
            "portal",
            "cms",
            "catalog",
            "aftersales",
            "payments",
            "membership",
            "appliances",
            "groundwork",
        ]
        assert CONTRACT["contracts"][0]["type"] == "layers"

    def test_holds_for_the_code_as_it_is(self, tree):
        result = lint(tree)
        assert result.returncode == 0, result.stdout + result.stderr

    @pytest.mark.parametrize(
        ("upper", "lower"),
        [pair for pair in itertools.combinations(FLOORS, 2)],
        ids=lambda floor: floor,
    )
    def test_breaks_at_a_single_upward_import(self, tree, upper, lower):
        module = tree / lower / "upward_probe.py"
        module.write_text(f"import {upper}  # noqa\n")
        try:
            result = lint(tree)
        finally:
            module.unlink()
        assert result.returncode != 0
        assert f"{lower} is not allowed to import {upper}" in result.stdout


class TestHiddenImports:
    CHECK = ROOT / ".ci" / "check_local_imports.py"

    def run_check(self, folder: pathlib.Path):
        (folder / ".ci").mkdir(exist_ok=True)
        shutil.copy(self.CHECK, folder / ".ci" / "check_local_imports.py")
        return subprocess.run(
            [sys.executable, str(folder / ".ci" / "check_local_imports.py")],
            capture_output=True,
            text=True,
        )

    def test_the_project_has_none(self):
        result = subprocess.run([sys.executable, str(self.CHECK)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout

    def test_a_cross_app_import_inside_a_function_is_refused(self, tmp_path):
        for package in FLOORS:
            (tmp_path / package).mkdir()
        (tmp_path / "membership" / "sneaky.py").write_text(
            "def f():\n    from aftersales import models\n    return models\n"
        )
        result = self.run_check(tmp_path)
        assert result.returncode == 1
        assert "membership/sneaky.py:2: imports aftersales inside a function" in result.stdout

    def test_one_with_a_written_reason_passes(self, tmp_path):
        for package in FLOORS:
            (tmp_path / package).mkdir()
        (tmp_path / "portal" / "ok.py").write_text(
            "def f():\n    import cms  # local import: the library calls us before apps load\n"
        )
        assert self.run_check(tmp_path).returncode == 0
