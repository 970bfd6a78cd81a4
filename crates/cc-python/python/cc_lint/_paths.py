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
    directories = [sysconfig.get_path("scripts")]
    user_scheme = "nt_user" if os.name == "nt" else "posix_user"
    if user_scheme in sysconfig.get_scheme_names():
        directories.append(sysconfig.get_path("scripts", user_scheme))
    for directory in directories:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError(f"{name} is not installed beside the cc_lint package")
