"""--expr, --var and --set of eval and grad: the Expression they make (without Typer: the
quick reader of command lines, cli/quick.py, calls it too; the options are in cli/app.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sigmoid_cli.errors import UsageError

if TYPE_CHECKING:
    from sigmoid_cli.numeric.expression import Expression


def expression(
    text: str | None, var: str, sets: list[str] | None, curve_options: dict[str, bool]
) -> Expression | None:
    """The Expression of --expr (None without it); refuses --set or --var without --expr, and
    the options of the family (``curve_options``: given or not), which --expr replaces."""
    if text is None:
        if sets or var != "x":
            raise UsageError(f"{'--set' if sets else '--var'} names a variable of --expr: give --expr too")
        return None
    given = [name for name, on in curve_options.items() if on]
    if given:
        raise UsageError(f"--expr is the function: drop {given[0]} (write it into the expression)")
    from sigmoid_cli.numeric.expression import Expression, check_name

    bindings: dict[str, str] = {}
    for item in sets or []:
        name, equals, value = item.partition("=")
        name = check_name(name.strip(), "--set")
        if not equals or not value.strip():
            raise UsageError(f"--set {item!r}: write NAME=VALUE, as in --set beta=1.702")
        if name in bindings:
            raise UsageError(f"--set {name} was given twice")
        bindings[name] = value.strip()
    return Expression(text, var, tuple(bindings.items()))
