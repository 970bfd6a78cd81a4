"""Type stubs of the native module (crates/cc-python/src)."""

from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Union

JSONPayload = Union[bytes, bytearray, str, Mapping[str, Any], Sequence[Any]]
"""A payload: its JSON text (``bytes``, ``str``) or the parsed value (``dict``, ``list``)."""

RuleIds = Union[str, Iterable[str]]

__version__: str

class Related:
    """Another place a finding refers to."""

    @property
    def pointer(self) -> str:
        """RFC 6901 JSON pointer of the other place."""
    @property
    def line(self) -> Optional[int]:
        """1-based line."""
    @property
    def column(self) -> Optional[int]:
        """1-based column, in characters."""
    @property
    def note(self) -> str:
        """What is there."""
    def to_dict(self) -> Dict[str, Any]:
        """``{"pointer", "line", "column", "note"}``, as in ``cc-lint --format json``."""

class Diagnostic:
    """One finding (frozen, hashable, compared by value)."""

    @property
    def rule(self) -> str:
        """The rule's id, such as ``"schema"`` (``cc_lint.rules()`` lists them)."""
    @property
    def severity(self) -> Literal["error", "warning"]:
        """After the ``allow``/``warn``/``deny`` overrides."""
    @property
    def pointer(self) -> str:
        """RFC 6901 JSON pointer to the offending value (or key); ``""`` is the whole payload."""
    @property
    def line(self) -> Optional[int]:
        """1-based line in the payload's text (for a dict, in ``json.dumps(payload, indent=2,
        ensure_ascii=False)``)."""
    @property
    def column(self) -> Optional[int]:
        """1-based column, in characters."""
    @property
    def message(self) -> str:
        """What is wrong."""
    @property
    def help(self) -> Optional[str]:
        """How to fix it, when there is more to say."""
    @property
    def related(self) -> Tuple[Related, ...]:
        """Other places the finding refers to."""
    @property
    def fix(self) -> Optional[Dict[str, Any]]:
        """The fix ``cc-lint --fix`` would apply (``applicability`` ``"safe"`` or ``"unsafe"``,
        ``message``, ``edits`` as byte offsets into the payload's text), or ``None``."""
    @property
    def is_error(self) -> bool:
        """``severity == "error"``."""
    def to_dict(self) -> Dict[str, Any]:
        """The finding as an entry of ``diagnostics`` in ``cc-lint --format json``."""

def check(
    payload: JSONPayload,
    endpoint: Optional[str] = None,
    *,
    kind: Optional[Literal["request", "response"]] = None,
    template: Optional[JSONPayload] = None,
    host: Optional[JSONPayload] = None,
    raw: bool = False,
    allow: Optional[RuleIds] = None,
    warn: Optional[RuleIds] = None,
    deny: Optional[RuleIds] = None,
) -> List[Diagnostic]:
    """Every finding of ``payload``, as ``cc-lint`` reports them for a file of the same bytes.

    ``endpoint`` is told from the content when omitted (``EndpointNotDetectedError`` names
    the candidates when it cannot be); ``kind`` from the top-level ``result``/``code``/``data``
    keys of a response. ``template`` (and ``host``) check ``update_process_instance`` edits
    against the process template they were created from, as ``--template``/``--host``;
    ``raw=True`` checks them as edits of processes made without a template (``--raw``).
    ``allow``/``warn``/``deny`` drop or re-grade a rule's findings, applied in that order.
    Invalid JSON is one ``json-syntax`` finding, not an exception. The GIL is released while
    checking.
    """

def preview(edit: JSONPayload, template: JSONPayload, host: Optional[JSONPayload] = None) -> Dict[str, Any]:
    """What the server stores of each edited process and what it drops: the document of
    ``cc-lint preview --format json``."""

def sync(instance: JSONPayload, template: JSONPayload, host: Optional[JSONPayload] = None) -> Dict[str, Any]:
    """What applying the template changes in each instance: the document of
    ``cc-lint sync --format json``."""

def instantiate(template: JSONPayload, host: Optional[JSONPayload] = None) -> Dict[str, Any]:
    """The process instance the server creates from the template: the document of
    ``cc-lint instantiate --format json``."""

def explain(rule: str) -> Dict[str, Optional[str]]:
    """A rule's catalogue entry: ``rule``, ``severity``, ``summary``, ``explanation``,
    ``endpoint``, ``template`` (or None), ``bad`` and ``good`` (what ``cc-lint explain`` prints)."""

def rules() -> List[Dict[str, str]]:
    """Every rule as ``{"rule", "severity", "summary"}``, in catalogue order."""

def endpoints() -> List[str]:
    """The names of the endpoints covered."""

def schema(endpoint: str, kind: Literal["request", "response"] = "request") -> Dict[str, Any]:
    """The JSON Schema of ``endpoint``'s requests or responses (``cc-lint schema``)."""

def _panic(message: str, detached: bool = False) -> None:
    """Panics in Rust (the tests' way to reach the panic barrier). Not API."""
