"""cc_lint: know what the BlueKing CMDB server will do with a process payload.

>>> import cc_lint
>>> [d.rule for d in cc_lint.check(b'{"bk_biz_id": 1, "processes": []}',
...                                 "update_process_instance")]
['empty-batch']

The checks are cc-lint's (Rust), the same as the ``cc-lint`` command's, which
this package also installs.
"""

from ._errors import (
    ArgumentTypeError,
    ArgumentValueError,
    EndpointNotDetectedError,
    Error,
    InputError,
    InternalError,
    PayloadError,
    PayloadWarning,
    UnknownEndpointError,
    UnknownRuleError,
)
from ._native import (
    Diagnostic,
    Related,
    __version__,
    check,
    endpoints,
    explain,
    instantiate,
    preview,
    rules,
    schema,
    sync,
)
from ._paths import find_cc_lint_bin

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "Diagnostic",
    "EndpointNotDetectedError",
    "Error",
    "InputError",
    "InternalError",
    "PayloadError",
    "PayloadWarning",
    "Related",
    "UnknownEndpointError",
    "UnknownRuleError",
    "__version__",
    "check",
    "endpoints",
    "explain",
    "find_cc_lint_bin",
    "instantiate",
    "preview",
    "rules",
    "schema",
    "sync",
]
