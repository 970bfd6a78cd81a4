"""Where the installed ``cc-lint`` binary is (the wheel puts it in the scripts directory)."""

from __future__ import annotations

import os
import sys
import sysconfig


def find_cc_lint_bin() -> str:
    """The path of the ``cc-lint`` binary installed with this package.

    Raises FileNotFoundError when it is missing (a broken install).
    """
    name = "cc-lint" + (".exe" if sys.platform == "win32" else "")
    schemes = [sysconfig.get_default_scheme()]
    if sys.version_info >= (3, 10):
        schemes.append(sysconfig.get_preferred_scheme("user"))
    for scheme in schemes:
        candidate = os.path.join(sysconfig.get_path("scripts", scheme), name)
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError(f"{name} is not installed beside the cc_lint package")
