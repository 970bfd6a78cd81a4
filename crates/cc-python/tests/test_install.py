"""The tests run against the installed wheel, and the wheel holds what it should."""

from __future__ import annotations

import os
from pathlib import Path

import cc_lint
from conftest import REPO, run, rust_bin


def test_the_package_is_the_installed_one_not_the_source_tree():
    package = Path(cc_lint.__file__).resolve().parent
    assert "site-packages" in package.parts
    assert REPO / "crates" / "cc-python" / "python" not in package.parents
    assert Path(cc_lint._native.__file__).parent == package


def test_the_stubs_and_the_typed_marker_are_installed():
    package = Path(cc_lint.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()


def test_the_version_is_the_crates():
    assert run(rust_bin(), ["--version"]).stdout.decode().split() == ["cc-lint", cc_lint.__version__]


def test_the_public_names():
    for name in cc_lint.__all__:
        assert getattr(cc_lint, name) is not None, name
    for function in (cc_lint.check, cc_lint.preview, cc_lint.sync, cc_lint.instantiate, cc_lint.explain,
                     cc_lint.rules, cc_lint.endpoints, cc_lint.schema):
        assert function.__doc__ and len(function.__doc__) > 40, function.__name__
    assert os.path.isfile(cc_lint.find_cc_lint_bin())
