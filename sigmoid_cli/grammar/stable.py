"""A syntax tree rewritten so that float64 computes it without the known cancellations.

Each rule replaces a formula that loses digits (or overflows) in floating point by the
registry function whose kernel does not: 1 − σ(u) → σ(−u), log(1 + e^u) → softplus(u),
e^u − 1 → expm1(u), log(1 + u) → log1p(u), log σ(u) → −softplus(−u), 1/(1 + e^−u) → σ(u) and
u·σ(u) → silu(u).
The value is the same real function; only the way float64 computes it changes.
"""

from __future__ import annotations

from .parser import BinOp, Call, Const, Neg, Node, Num


def _is_one(node: Node) -> bool:
    return isinstance(node, Num) and float(node.text) == 1.0


def _exp_argument(node: Node) -> Node | None:
    """u, when the node is exp(u) or e^u."""
    if isinstance(node, Call) and node.func == "exp":
        return node.arg
    if isinstance(node, BinOp) and node.op == "^" and node.left == Const("e"):
        return node.right
    return None


def _one_plus(node: Node) -> Node | None:
    """u, when the node is 1 + u or u + 1."""
    if isinstance(node, BinOp) and node.op == "+":
        if _is_one(node.left):
            return node.right
        if _is_one(node.right):
            return node.left
    return None


def _negated(node: Node) -> Node:
    return node.operand if isinstance(node, Neg) else Neg(node)


def _rewrite(node: Node) -> Node:
    """One rule at the top of a node whose children are already rewritten."""
    if isinstance(node, BinOp) and node.op == "-":
        if _is_one(node.left) and isinstance(node.right, Call) and node.right.func == "sigmoid":
            return Call("sigmoid", _negated(node.right.arg))
        u = _exp_argument(node.left)
        if u is not None and _is_one(node.right):
            return Call("expm1", u)
    if isinstance(node, BinOp) and node.op == "/" and _is_one(node.left):
        inner = _one_plus(node.right)
        u = _exp_argument(inner) if inner is not None else None
        if u is not None:
            return Call("sigmoid", _negated(u))
    if isinstance(node, BinOp) and node.op == "*":  # u·σ(u): silu scales its subnormal tail
        for u, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, Call) and other.func == "sigmoid" and other.arg == u:
                return Call("silu", u)
    if isinstance(node, Call) and node.func == "log":
        if isinstance(node.arg, Call) and node.arg.func == "sigmoid":
            return Neg(Call("softplus", _negated(node.arg.arg)))
        inner = _one_plus(node.arg)
        if inner is not None:
            u = _exp_argument(inner)
            return Call("softplus", u) if u is not None else Call("log1p", inner)
    return node


def stable(node: Node) -> Node:
    """The tree with every known cancellation rewritten, bottom up (so log(1 − σ(u)) becomes
    log σ(−u) and then −softplus(u))."""
    if isinstance(node, Neg):
        return Neg(stable(node.operand))
    if isinstance(node, BinOp):
        return _rewrite(BinOp(node.op, stable(node.left), stable(node.right)))
    if isinstance(node, Call):
        return _rewrite(Call(node.func, stable(node.arg)))
    return node
