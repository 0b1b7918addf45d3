"""A small, safe expression language for indicator formulas and validation rules.

Hand-written tokenizer and recursive-descent parser; user text is never given to ``eval``.

- numbers with a ``.`` decimal point (``7.5``), identifiers (indicator codes
  ``[A-Za-z_][A-Za-z0-9_.]*``), ``+ - * /``, unary minus and plus, parentheses;
- comparisons ``< <= > >= == !=`` (not chained), ``and``, ``or``, ``not``;
- functions ``abs(x)``, ``min(x, ...)``, ``max(x, ...)``, ``sum(x, ...)``, ``round(x[, places])``.

Types are checked when parsing (arithmetic on numbers, ``and``/``or``/``not`` on truth values), so
``evaluate`` never raises: a missing variable, a ``None`` value, division by zero or an arithmetic
overflow give ``None`` ("cannot compute"). ``and``/``or`` follow three-valued logic
(``False and None`` is ``False``). Arithmetic is ``Decimal``.

    >>> parse("GRDP_CUR * 1000 / POPULATION").evaluate({"GRDP_CUR": Decimal(2), ...})
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.utils.translation import gettext as _

MAX_LENGTH = 500
MAX_DEPTH = 50
KEYWORDS = frozenset({"and", "or", "not"})
FUNCTIONS = frozenset({"abs", "min", "max", "round", "sum"})
_ARITY = {"abs": (1, 1), "round": (1, 2), "min": (1, None), "max": (1, None), "sum": (1, None)}
_OPERATORS = ("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", ",")
_COMPARISONS = frozenset({"<", "<=", ">", ">=", "==", "!="})
_DIGITS = frozenset("0123456789")
_IDENT_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_IDENT_REST = _IDENT_START | _DIGITS | {"."}
_SPACE = frozenset(" \t\r\n")
_CONTEXT = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_UP, Emax=999_999, Emin=-999_999)

NUM, BOOL = "number", "boolean"
Result = Decimal | bool | None


class ExpressionError(ValueError):
    """A formula that cannot be read: a Vietnamese message and the 0-based character position."""

    def __init__(self, message: str, position: int):
        super().__init__(_("%(m)s (vị trí %(p)s)") % {"m": message, "p": position + 1})
        self.message = message
        self.position = position


# --- tokens -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _SPACE:
            i += 1
        elif ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            i = _number(text, i, tokens)
        elif ch in _IDENT_START:
            j = i + 1
            while j < n and text[j] in _IDENT_REST:
                j += 1
            tokens.append(Token("name", text[i:j], i))
            i = j
        else:
            op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
            if op is None:
                raise ExpressionError(_("Ký tự “%(c)s” không được dùng trong công thức.") % {"c": ch}, i)
            tokens.append(Token("op", op, i))
            i += len(op)
    tokens.append(Token("end", "", n))
    return tokens


def _number(text: str, start: int, tokens: list[Token]) -> int:
    j, seen_dot = start, False
    while j < len(text) and (text[j] in _DIGITS or (text[j] == "." and not seen_dot)):
        seen_dot = seen_dot or text[j] == "."
        j += 1
    if j < len(text) and (text[j] == "." or text[j] in _IDENT_START):
        raise ExpressionError(_("Số “%(t)s” viết sai.") % {"t": text[start : j + 1]}, start)
    tokens.append(Token("number", text[start:j], start))
    return j


# --- the tree -----------------------------------------------------------------------------------


def _num(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number if number.is_finite() else None


@dataclass(frozen=True)
class Node:
    type: str

    def eval(self, env: Mapping[str, Any]) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Node):
    value: Decimal

    def eval(self, env: Mapping[str, Any]) -> Result:
        return self.value


@dataclass(frozen=True)
class Variable(Node):
    name: str

    def eval(self, env: Mapping[str, Any]) -> Result:
        return _num(env.get(self.name))


@dataclass(frozen=True)
class Unary(Node):
    op: str
    operand: Node

    def eval(self, env: Mapping[str, Any]) -> Result:
        value = self.operand.eval(env)
        if value is None:
            return None
        if self.op == "not":
            return not value
        number = cast(Decimal, value)
        return -number if self.op == "-" else +number


def _divide(a: Decimal, b: Decimal) -> Decimal | None:
    return None if b == 0 else a / b


_ARITHMETIC: dict[str, Callable[[Decimal, Decimal], Decimal | None]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _divide,
}
_COMPARE: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


@dataclass(frozen=True)
class Binary(Node):
    op: str
    left: Node
    right: Node

    def eval(self, env: Mapping[str, Any]) -> Result:
        if self.op in ("and", "or"):
            return self._logic(env)
        a, b = self.left.eval(env), self.right.eval(env)
        if a is None or b is None:
            return None
        x, y = cast(Decimal, a), cast(Decimal, b)
        if self.op in _COMPARE:
            return _COMPARE[self.op](x, y)
        return _ARITHMETIC[self.op](x, y)

    def _logic(self, env: Mapping[str, Any]) -> Result:
        a = self.left.eval(env)
        decisive = self.op == "or"  # True decides "or", False decides "and"
        if a is decisive:
            return decisive
        b = self.right.eval(env)
        if b is decisive:
            return decisive
        return None if a is None or b is None else b


def _round(args: list[Decimal]) -> Decimal | None:
    places = args[1] if len(args) > 1 else Decimal(0)
    if places != places.to_integral_value() or not -20 <= places <= 20:
        return None
    return args[0].quantize(Decimal(1).scaleb(-int(places)))


_FUNCTIONS: dict[str, Callable[[list[Decimal]], Decimal | None]] = {
    "abs": lambda args: abs(args[0]),
    "min": min,
    "max": max,
    "sum": lambda args: sum(args, Decimal(0)),
    "round": _round,
}


@dataclass(frozen=True)
class Call(Node):
    name: str
    args: tuple[Node, ...]

    def eval(self, env: Mapping[str, Any]) -> Result:
        values = [a.eval(env) for a in self.args]
        if any(v is None for v in values):
            return None
        return _FUNCTIONS[self.name](values)  # type: ignore[arg-type]


# --- the parser ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.names: set[str] = set()

    @property
    def token(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def at(self, *texts: str) -> bool:
        return self.token.kind in ("op", "name") and self.token.text in texts

    def expect(self, text: str) -> Token:
        if not self.at(text):
            raise self.unexpected(_("cần “%(t)s”") % {"t": text})
        return self.take()

    def unexpected(self, wanted: str) -> ExpressionError:
        token = self.token
        if token.kind == "end":
            return ExpressionError(_("Công thức kết thúc quá sớm: %(w)s.") % {"w": wanted}, token.position)
        hint = _(" (số thập phân dùng dấu chấm: 7.5)") if token.text == "," and self.depth == 0 else ""
        return ExpressionError(
            _("Không hiểu “%(t)s”: %(w)s%(h)s.") % {"t": token.text, "w": wanted, "h": hint},
            token.position,
        )

    def nest(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                _("Công thức lồng nhau quá sâu (tối đa %(n)s mức).") % {"n": MAX_DEPTH}, position
            )

    def check(self, node: Node, wanted: str, position: int) -> Node:
        if node.type != wanted:
            message = (
                _("cần một số, không phải một điều kiện đúng/sai")
                if wanted == NUM
                else _("cần một điều kiện đúng/sai, không phải một số")
            )
            raise ExpressionError(message[:1].upper() + message[1:] + ".", position)
        return node

    # expression := or
    def parse(self) -> Node:
        node = self.logical("or")
        if self.token.kind != "end":
            raise self.unexpected(_("cần một phép toán hoặc hết công thức"))
        return node

    def logical(self, op: str) -> Node:
        start = self.token.position
        left = self.logical("and") if op == "or" else self.negation()
        while self.at(op):
            self.take()
            self.check(left, BOOL, start)
            right_start = self.token.position
            right = self.logical("and") if op == "or" else self.negation()
            left = Binary(BOOL, op, left, self.check(right, BOOL, right_start))
        return left

    def negation(self) -> Node:
        if not self.at("not"):
            return self.comparison()
        self.nest(self.take().position)
        start = self.token.position
        operand = self.check(self.negation(), BOOL, start)
        self.depth -= 1
        return Unary(BOOL, "not", operand)

    def comparison(self) -> Node:
        start = self.token.position
        left = self.additive()
        if self.token.kind != "op" or self.token.text not in _COMPARISONS:
            return left
        op = self.take()
        self.check(left, NUM, start)
        right_start = self.token.position
        right = self.check(self.additive(), NUM, right_start)
        if self.token.kind == "op" and self.token.text in _COMPARISONS:
            raise ExpressionError(
                _("Không nối tiếp hai phép so sánh; dùng “and”."), self.token.position
            )
        return Binary(BOOL, op.text, left, right)

    def additive(self) -> Node:
        return self._chain(("+", "-"), self.term)

    def term(self) -> Node:
        return self._chain(("*", "/"), self.unary)

    def _chain(self, ops: tuple[str, ...], operand: Callable[[], Node]) -> Node:
        start = self.token.position
        left = operand()
        while self.token.kind == "op" and self.token.text in ops:
            op = self.take()
            self.check(left, NUM, start)
            right_start = self.token.position
            right = self.check(operand(), NUM, right_start)
            left = Binary(NUM, op.text, left, right)
        return left

    def unary(self) -> Node:
        if not (self.token.kind == "op" and self.token.text in ("-", "+")):
            return self.primary()
        op = self.take()
        self.nest(op.position)
        start = self.token.position
        operand = self.check(self.unary(), NUM, start)
        self.depth -= 1
        return Unary(NUM, op.text, operand)

    def primary(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.take()
            return Number(NUM, Decimal(token.text))
        if token.kind == "name" and token.text not in KEYWORDS:
            self.take()
            if token.text in FUNCTIONS and self.at("("):
                return self.call(token)
            self.names.add(token.text)
            return Variable(NUM, token.text)
        if self.at("("):
            self.take()
            self.nest(token.position)
            node = self.logical("or")
            self.expect(")")
            self.depth -= 1
            return node
        raise self.unexpected(_("cần một số, một mã chỉ tiêu hoặc “(”"))

    def call(self, name: Token) -> Node:
        self.nest(name.position)
        self.expect("(")
        args = [self.check(self.logical("or"), NUM, self.token.position)]
        while self.at(","):
            self.take()
            start = self.token.position
            args.append(self.check(self.logical("or"), NUM, start))
        self.expect(")")
        self.depth -= 1
        low, high = _ARITY[name.text]
        if len(args) < low or (high is not None and len(args) > high):
            raise ExpressionError(
                _("Hàm %(f)s không nhận %(n)s đối số.") % {"f": name.text, "n": len(args)},
                name.position,
            )
        return Call(NUM, name.text, tuple(args))


# --- the public API -----------------------------------------------------------------------------


class Expression:
    """A parsed expression. Build it with ``parse``."""

    __slots__ = ("text", "variables", "_root")

    def __init__(self, text: str, root: Node, variables: frozenset[str]):
        self.text = text
        self.variables = variables
        self._root = root

    @property
    def is_condition(self) -> bool:
        """True for a rule (comparison, and/or/not), False for an arithmetic formula."""
        return self._root.type == BOOL

    def evaluate(self, env: Mapping[str, Decimal | None]) -> Decimal | bool | None:
        """The value with ``env`` for the variables; ``None`` when it cannot be computed."""
        try:
            with decimal.localcontext(_CONTEXT):
                return self._root.eval(env)
        except (ArithmeticError, ValueError):
            return None

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"


def parse(text: str) -> Expression:
    """Parse ``text``; raise ``ExpressionError(message_vi, position)`` when it is not valid."""
    if not isinstance(text, str):
        raise ExpressionError(_("Công thức phải là văn bản."), 0)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            _("Công thức dài quá %(n)s ký tự.") % {"n": MAX_LENGTH}, MAX_LENGTH
        )
    if not text.strip():
        raise ExpressionError(_("Công thức trống."), 0)
    parser = _Parser(text)
    root = parser.parse()
    return Expression(text, root, frozenset(parser.names))
