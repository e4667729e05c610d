"""European and spreadsheet files: `-d/--delimiter CHAR` and `--decimal-comma`, by recoding bytes.

The stream engine knows one layout well and fast: commas, tabs or spaces between values, a
point in numbers. A file such as `0,5;1,25` (decimal commas, `;` between values) is recoded on
its way in to that layout (`0.5,1.25`), computed by the same engine, and recoded on its way out
(`0,5;0,62…`). Bytes that would change meaning are parked on control bytes that never occur
in text (a comma inside a `;` field goes to \\x02, a point under --decimal-comma to \\x01) and
come back as they were, so a field passes through byte for byte and an error quotes the value
as it was typed. bytes.translate runs at memory speed: the recoding costs the stream little.

JSON output is recoded only inside its strings (texts that passed through): its numbers keep
JSON's point and its separators JSON's commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sigmoid_cli.errors import UsageError

_POINT, _COMMA = b"\x01", b"\x02"  # parking places: control bytes no text file has
# The names a --delimiter may be given by (a tab or a space also as itself).
DELIMITERS = {";": b";", ",": b",", "|": b"|", ":": b":", "tab": b"\t", "\\t": b"\t", "space": b" "}
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


def delimiter_byte(text: str) -> bytes:
    """The byte of a --delimiter value (`;`, `,`, `|`, `:`, `tab` or `\\t`, `space`)."""
    found = DELIMITERS.get(text.strip().lower()) or (text.encode() if text in (" ", "\t") else None)
    if found is None:
        raise UsageError(f"--delimiter must be one of ';' ',' '|' ':' tab space, not {text!r}")
    return found


@dataclass(frozen=True)
class Recode:
    """The two translations for one (delimiter, decimal comma) choice."""

    inward: bytes  # a 256-byte table for bytes.translate
    outward: bytes
    outward_csv: bytes  # --format csv writes commas of its own

    def into(self, data: bytes) -> bytes:
        return data.translate(self.inward)

    def out(self, data: bytes, fmt: str) -> bytes:
        if fmt in ("json", "jsonl"):
            return _JSON_STRING.sub(self._json_string, data)
        return data.translate(self.outward_csv if fmt == "csv" else self.outward)

    def _json_string(self, match: re.Match[bytes]) -> bytes:
        # JSON escapes the parking bytes (\u0001): they come back as what they park.
        string = match.group(0).translate(self.outward)
        return string.replace(b"\\u0001", b".").replace(b"\\u0002", b",")

    def text_in(self, value: str) -> str:
        """A VALUE argument, recoded as the stream's lines are."""
        return self.into(value.encode()).decode("utf-8", "replace")

    def text(self, value: str) -> str:
        """A message or a value, as the user typed it (a message quotes a parked byte as \\x01)."""
        shown = self.out(value.encode(), "plain").decode("utf-8", "replace")
        return shown.replace("\\x01", ".").replace("\\x02", ",")


def recode(delimiter: str | None, decimal_comma: bool) -> Recode | None:
    """None when the engine reads the input as it is (no flags, or -d , / tab / space alone)."""
    separator = delimiter_byte(delimiter) if delimiter is not None else (b";" if decimal_comma else None)
    if separator == b"," and decimal_comma:
        raise UsageError("--decimal-comma needs another --delimiter than ',' (a German CSV has ';')")
    if separator in (None, b",") and not decimal_comma:
        return None  # commas, tabs and spaces all separate already
    native = separator in (None, b",", b"\t", b" ")  # the engine separates at it by itself
    inward: dict[bytes, bytes] = {}
    outward: dict[bytes, bytes] = {_POINT: b".", _COMMA: b","}
    if decimal_comma:
        inward.update({b",": b".", b".": _POINT})
        outward[b"."] = b","
    else:
        inward[b","] = _COMMA  # a comma inside a field does not separate
    if separator is not None and not native:
        inward[separator] = b","
        outward[b","] = separator
    outward_csv = dict(outward)
    if decimal_comma and native:
        outward_csv[b","] = b";"  # csv's own commas beside decimal commas: Excel's European CSV
    return Recode(_table(inward), _table(outward), _table(outward_csv))


def _table(mapping: dict[bytes, bytes]) -> bytes:
    source = b"".join(mapping)
    target = b"".join(mapping.values())
    return bytes.maketrans(source, target)
