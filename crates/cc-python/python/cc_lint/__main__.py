"""``python -m cc_lint ARGS``: runs the installed ``cc-lint`` binary with ARGS."""

import os
import subprocess
import sys

from ._paths import find_cc_lint_bin


def main() -> int:
    binary = find_cc_lint_bin()
    if sys.platform == "win32":
        return subprocess.call([binary, *sys.argv[1:]])
    os.execv(binary, [binary, *sys.argv[1:]])
    return 2  # not reached


if __name__ == "__main__":
    sys.exit(main())
