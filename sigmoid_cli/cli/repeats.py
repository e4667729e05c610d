"""An option given twice where it takes one value is an error, not silently the last one.

Click keeps the last of `--k 1 --k 2`; we read the command line against the command's own
options first (the same tokens click will see) and refuse the second one.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sigmoid_cli.errors import UsageError


def refuse_repeats(command: Any, args: list[str]) -> None:
    """Raise UsageError when a single-valued option or a flag of ``command`` (a click
    command) appears twice in ``args`` (its arguments, before any `--`)."""
    options: dict[str, Any] = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or param.multiple or param.count:
            continue
        for name in (*param.opts, *param.secondary_opts):
            options[name] = param
    seen: Counter[str] = Counter()
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "--":
            return
        name, equals, _ = token.partition("=")
        param = options.get(name)
        if param is None:
            continue
        if not param.is_flag and not equals:
            index += 1  # its value, whatever it looks like (`--k -3`)
        seen[param.name] += 1
        if seen[param.name] == 2:
            spelled = max(param.opts, key=len)
            what = "it is a flag" if param.is_flag else "it takes one value"
            raise UsageError(f"{spelled} was given twice; {what}")
