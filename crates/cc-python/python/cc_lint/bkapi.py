"""A guard for the official BlueKing clients: check every process payload before it is sent.

>>> from bkapi_component.open.client import Client
>>> from cc_lint.bkapi import guard
>>> client = guard(Client(endpoint="https://paas.example.com"))
>>> client.cc.update_process_instance({"bk_biz_id": 1, "processes": []})  # doctest: +SKIP

Works with a ``bkapi-component-open`` client, or any ``bkapi-client-core`` client with a
``cc`` operation group; neither package is needed to import cc_lint. The check runs in the
session's ``operation-prepared`` hook, before the request is built: in ``"raise"`` mode a
payload with errors raises :class:`cc_lint.PayloadError` and is never sent (warnings are
emitted as :class:`cc_lint.PayloadWarning`); in ``"warn"`` mode every finding is a warning
and the payload is sent. Calls of other groups and of endpoints cc-lint does not model
pass through untouched.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from typing import Any, Callable, Dict, Iterable, Optional, TypeVar, Union

from ._errors import ArgumentTypeError, ArgumentValueError, PayloadError, PayloadWarning
from ._native import Diagnostic, check, endpoints

__all__ = ["guard"]

# bkapi_client_core.config.HookEvent.OPERATION_PREPARED (not imported: the package is optional).
OPERATION_PREPARED = "operation-prepared"

MODES = ("raise", "warn")

Client = TypeVar("Client")

RuleIds = Union[str, Iterable[str]]

# Frames of these packages are skipped, so that warnings point at the caller's line.
_INTERNAL_PACKAGES = ("bkapi_client_core", "requests")
_HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep


class _Guard:
    """The hook registered on a guarded client's session."""

    def __init__(self, group: Any, mode: str, overrides: Dict[str, Optional[RuleIds]]) -> None:
        self.group = group
        self.mode = mode
        self.overrides = overrides
        self.modelled = frozenset(endpoints())

    def __call__(self, context: Dict[str, Any], operation: Any = None, **_: Any) -> Dict[str, Any]:
        if getattr(operation, "_manager", None) is not self.group:
            return context  # another group's, or another client's sharing the session
        name = getattr(operation, "name", "")
        if name not in self.modelled:
            return context
        data = context.get("data")
        # What requests sends: the dict as JSON (`json=data`); no data is no body.
        if isinstance(data, (dict, list)):
            payload: Any = data
        else:
            try:
                payload = json.dumps(data)
            except (TypeError, ValueError):
                return context  # requests cannot send it either, and says so
        diagnostics = check(payload, name, kind="request", **self.overrides)
        if self.mode == "raise" and any(d.severity == "error" for d in diagnostics):
            raise PayloadError(name, diagnostics)
        for diagnostic in diagnostics:
            _warn(name, diagnostic)
        return context


def _warn(endpoint: str, diagnostic: Diagnostic) -> None:
    pointer = diagnostic.pointer or "/"
    message = f"{endpoint}: {pointer}: {diagnostic.severity}[{diagnostic.rule}]: {diagnostic.message}"
    warnings.warn(PayloadWarning(message, diagnostic), stacklevel=_caller_level())


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside cc_lint, bkapi_client_core and requests."""
    frame = sys._getframe(2)  # _warn's caller; _warn is level 1
    level = 2
    while frame is not None and _internal(frame.f_code.co_filename):
        frame = frame.f_back
        level += 1
    return level


def _internal(filename: str) -> bool:
    if filename.startswith(_HERE):
        return True
    parts = filename.split(os.sep)
    return any(package in parts for package in _INTERNAL_PACKAGES)


def guard(
    client: Client,
    mode: str = "raise",
    *,
    allow: Optional[RuleIds] = None,
    warn: Optional[RuleIds] = None,
    deny: Optional[RuleIds] = None,
) -> Client:
    """Makes ``client`` check the payload of every call of a modelled ``cc`` endpoint first.

    ``mode`` is ``"raise"`` (a payload with errors raises :class:`cc_lint.PayloadError` and
    is not sent) or ``"warn"`` (each finding is a :class:`cc_lint.PayloadWarning`, and the
    payload is sent). ``allow``/``warn``/``deny`` re-grade rules as in :func:`cc_lint.check`.
    Returns the client itself. Guarding a client again replaces its guard.
    """
    if mode not in MODES:
        raise ArgumentValueError(f'mode must be "raise" or "warn", not {mode!r}')
    group = getattr(client, "cc", None)
    session = getattr(client, "session", None)
    register: Optional[Callable[..., Any]] = getattr(session, "register_hook", None)
    if group is None or register is None or not hasattr(session, "hooks"):
        raise ArgumentTypeError(
            "guard() takes a bkapi-component-open client, or a bkapi-client-core client with a "
            f"`cc` operation group, not {type(client).__name__}"
        )
    overrides = {"allow": allow, "warn": warn, "deny": deny}
    # Validate the rule ids now, not at the first call.
    check(b"{}", "get_proc_template", **overrides)
    hooks = session.hooks.setdefault(OPERATION_PREPARED, [])
    hooks[:] = [hook for hook in hooks if not (isinstance(hook, _Guard) and hook.group is group)]
    register(OPERATION_PREPARED, _Guard(group, mode, overrides))
    return client
