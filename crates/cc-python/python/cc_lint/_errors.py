"""The exceptions of cc_lint, defined once here and raised by the native module too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, Tuple

if TYPE_CHECKING:
    from ._native import Diagnostic


class Error(Exception):
    """The base of every exception cc_lint raises."""


class ArgumentTypeError(Error, TypeError):
    """An argument of the wrong type (also a TypeError)."""


class ArgumentValueError(Error, ValueError):
    """An argument of the right type with a value that cannot be used (also a ValueError)."""


class UnknownEndpointError(ArgumentValueError):
    """A name that is no endpoint; the message suggests the closest one."""


class UnknownRuleError(ArgumentValueError):
    """An id that is no rule; the message suggests the closest one."""


class EndpointNotDetectedError(Error, ValueError):
    """The payload's endpoint cannot be told from its content: pass ``endpoint=``.

    ``candidates`` holds the endpoints the payload fits (empty when none does).
    """

    def __init__(self, message: str, candidates: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.candidates: Tuple[str, ...] = tuple(candidates)


class InputError(Error, ValueError):
    """A template, host, edit or instance that cannot be used: invalid JSON, not a
    process template, not a process, or something the server cannot do with it."""


class InternalError(Error):
    """A bug of cc-lint (a Rust panic, caught before it reached Python)."""


class PayloadError(Error):
    """A payload with errors, refused by :func:`cc_lint.bkapi.guard` before sending it.

    ``endpoint`` is the endpoint called and ``diagnostics`` every finding.
    """

    def __init__(self, endpoint: str, diagnostics: Sequence[Diagnostic]) -> None:
        self.endpoint = endpoint
        self.diagnostics: Tuple[Diagnostic, ...] = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        lines = [f"{endpoint}: {len(errors)} error(s) in the payload, not sent"]
        lines += [f"  {d.pointer or '/'}: {d}" for d in errors]
        super().__init__("\n".join(lines))


class PayloadWarning(UserWarning):
    """One finding of a payload sent by a guarded client (``diagnostic`` holds it)."""

    def __init__(self, message: str, diagnostic: Diagnostic | None = None) -> None:
        super().__init__(message)
        self.diagnostic = diagnostic
