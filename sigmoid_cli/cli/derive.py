"""`sigmoid derive`: the command function. Light at import time: SymPy and rich are imported
only when the command runs (start-up of the other commands depends on it).

No `from __future__ import annotations`: Typer reads the annotations at run time."""

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from sigmoid_cli.errors import DataError, UsageError, VerificationError
from sigmoid_cli.grammar.parser import MAX_LENGTH as MAX_EXPRESSION

from .encoding import for_output, proof_format
from .options import Fn, ProofFormat

if TYPE_CHECKING:  # the proofs package is imported only when a derivation runs
    from sigmoid_cli.proofs.steps import Proof, Step

MAX_ORDER = 20  # proofs.budget.MAX_ORDER (a test checks); importing proofs here would be slow


class ResultForm(StrEnum):
    """What --form states the result in: σ where possible, or exp."""

    sigma = "sigma"
    exp = "exp"


class Detail(StrEnum):
    """How much --detail shows (proofs.detail.DETAILS; a test checks they agree)."""

    brief = "brief"
    normal = "normal"
    full = "full"


class Lang(StrEnum):
    en = "en"
    ja = "ja"
    ko = "ko"


def derive_command(
    log: Annotated[
        bool, typer.Option("--log", help="d/dx log σ(x) = 1 − σ(x); with -c: log(1 − σ(x)).")
    ] = False,
    complement: Annotated[
        bool, typer.Option("--complement", "-c", help="d/dx (1 − σ(x)) = −σ(x)(1 − σ(x)).")
    ] = False,
    order: Annotated[
        int,
        typer.Option(
            "--order",
            "-n",
            help=f"The N-th derivative (1 to {MAX_ORDER}); σ's as a polynomial in σ.",
            metavar="N",
        ),
    ] = 1,
    fn: Annotated[
        Fn,
        typer.Option("--fn", help="A family member instead of the logistic σ.", case_sensitive=False),
    ] = Fn.logistic,
    expr: Annotated[
        str | None,
        typer.Option(
            "--expr",
            "-e",
            help="Any expression of one variable (+ − * / ^, exp log sqrt sin cos tan sinh cosh tanh atan "
            "erf abs sigmoid); other names are constants. '-' reads it from standard input.",
            metavar="EXPR",
        ),
    ] = None,
    var: Annotated[
        list[str] | None,
        typer.Option(
            "--var",
            help="The variable to differentiate by; repeated (--var w --var b), the gradient: "
            "one derivation per variable.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    form: Annotated[
        ResultForm | None,
        typer.Option("--form", help="State the result in σ where possible (sigma, the default) or in exp."),
    ] = None,
    fmt: Annotated[
        ProofFormat | None,
        typer.Option(
            "--format", "-f", help="Output format: rich on a terminal, plain otherwise.", show_default=False
        ),
    ] = None,
    standalone: Annotated[
        bool,
        typer.Option("--standalone", help="With --format latex: a whole document that pdflatex compiles."),
    ] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="The language of the explanations.")] = Lang.en,
    detail: Annotated[
        Detail,
        typer.Option(
            "--detail",
            help="brief: fold constant, variable and tidy-up steps, and take the short route through "
            "σ' = σ(1 − σ) for --log/--complement; normal: cite a derivative worked out before; "
            "full: derive everything every time.",
        ),
    ] = Detail.normal,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip checking the steps (faster).")] = False,
    softmax: Annotated[
        bool,
        typer.Option(
            "--softmax",
            help="∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) for the softmax pᵢ = e^zᵢ/Σₖ e^zₖ, and the two-class softmax "
            "p₁ = σ(z₁ − z₂); each step checked for n = 2, 3, 4.",
        ),
    ] = False,
) -> None:
    """Print a step-by-step derivation in which every step is checked.

    Each step shows the rule that justifies it and whether it is proved (SymPy reduces
    before − after to 0 with σ written out, and the two agree numerically), checked
    numerically (SymPy could not decide in time), or failed; a failed step makes the
    exit status 3. The result is compared with an independent differentiation.

    Limits: --order up to 20, expressions up to 10000 characters, proofs up to 400 steps
    and 4000 terms per line, 20 s in all; beyond them the command refuses (exit 2).

    \b
    Examples:
      sigmoid derive                          σ' = σ(1 − σ) in ten steps
      sigmoid derive --log                    d/dx log σ(x) = 1 − σ(x)
      sigmoid derive --log -c                 d/dx log(1 − σ(x)) = −σ(x)
      sigmoid derive --log --detail brief     the same through σ' = σ(1 − σ), in three steps
      sigmoid derive --order 2                σ'' = σ(1 − σ)(1 − 2σ)
      sigmoid derive --fn tanh                tanh' = 1 − tanh²
      sigmoid derive --expr 'x*sigmoid(x)'    the SiLU, by the general rule engine
      sigmoid derive --expr 'L/(1+exp(-k*(x-x0)))' --form sigma
      sigmoid derive --expr 'sigmoid(w*x+b)' --var w --var b    the gradient
      sigmoid derive --softmax                ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ), and p₁ = σ(z₁ − z₂)
      sigmoid derive --format latex --standalone > proof.tex
      sigmoid derive --format json --lang ja
    """
    if standalone and fmt is not ProofFormat.latex:
        raise UsageError("--standalone goes with --format latex")
    if not 1 <= order <= MAX_ORDER:
        raise UsageError(f"--order must be between 1 and {MAX_ORDER}, not {order}")
    if softmax:
        _check_softmax(log=log, complement=complement, order=order, fn=fn, expr=expr, var=var, form=form)
        if standalone:
            raise UsageError("--standalone makes one document of one derivation; --softmax prints two")
    variables = _variables(var, expr)
    text = _read_expression(expr) if expr is not None else None
    chosen = proof_format(fmt)
    if len(variables) > 1 and standalone:
        raise UsageError("--standalone makes one document of one derivation: give one --var")

    from sigmoid_cli.proofs import derive

    if softmax:
        from sigmoid_cli.proofs.softmax import derive_softmax

        proofs = list(derive_softmax(lang=lang.value, verify=not no_verify))
    else:
        proofs = [
            derive(
                log=log,
                complement=complement,
                order=order,
                fn=fn.member,
                expr=text,
                var=name,
                form=form.value if form is not None else None,
                lang=lang.value,
                verify=not no_verify,
                detail=detail.value,
            )
            for name in variables
        ]
    if chosen is ProofFormat.rich:
        from .rich_output import print_proof

        for index, proof in enumerate(proofs):
            if index:
                sys.stdout.write("\n")
            print_proof(proof, lang=lang.value)
    else:
        shown = _rendered(proofs, chosen.value, lang.value, standalone)
        sys.stdout.write(for_output(shown, sys.stdout, fmt=chosen.value, lang=lang.value))
    for proof in proofs:
        if proof.verified is False:
            sys.stdout.flush()
            raise VerificationError(_failure(proof))


def _check_softmax(
    *, log: bool, complement: bool, order: int, fn: Fn, expr: str | None, var: list[str] | None, form: object
) -> None:
    """--softmax derives one fixed pair of results: the options that choose another function refuse."""
    given = [
        name
        for name, used in (
            ("--log", log),
            ("--complement", complement),
            ("--order", order != 1),
            ("--fn", fn is not Fn.logistic),
            ("--expr", expr is not None),
            ("--var", bool(var)),
            ("--form", form is not None),
        )
        if used
    ]
    if given:
        raise UsageError(f"--softmax derives ∂pᵢ/∂zⱼ of the softmax; it does not take {', '.join(given)}")


def _variables(var: list[str] | None, expr: str | None) -> list[str]:
    """The --var names (x by default); several only with --expr, each once."""
    variables = var or ["x"]
    if len(variables) > 1 and expr is None:
        raise UsageError("several --var need --expr: the family's derivations have one variable")
    for name in variables:
        if variables.count(name) > 1:
            raise UsageError(f"--var {name} was given twice")
    return variables


def _rendered(proofs: "list[Proof]", fmt: str, lang: str, standalone: bool) -> str:
    """The derivations one after the other; in JSON one object: {"gradient": [...], "verified"}
    ({"softmax": [...], ...} for --softmax's two)."""
    from sigmoid_cli.proofs.render import render

    texts = [render(proof, fmt, lang=lang, standalone=standalone) for proof in proofs]
    if len(texts) == 1:
        return texts[0]
    if fmt == "json":
        import json

        parts = [json.loads(text) for text in texts]
        verified = all(part.get("verified") is not False for part in parts)
        key = "softmax" if proofs[0].kind == "softmax" else "gradient"
        return json.dumps({key: parts, "verified": verified}, ensure_ascii=False, indent=2) + "\n"
    return "\n".join(texts)


def _read_expression(expr: str) -> str:
    """The --expr text; '-' reads standard input, refusing more than the parser's limit
    without reading all of it."""
    if expr != "-":
        return expr
    data = sys.stdin.read(MAX_EXPRESSION + 1)
    if len(data) > MAX_EXPRESSION:
        raise DataError(
            f"expression is more than {MAX_EXPRESSION} characters long; the limit is {MAX_EXPRESSION}"
        )
    return data.strip()


def _failure(proof: "Proof") -> str:
    from sigmoid_cli.proofs.render import rule_name

    def where(steps: "tuple[Step, ...]", path: tuple[int, ...]) -> str | None:
        for index, step in enumerate(steps, 1):
            here = (*path, index)
            found = where(step.substeps, here)
            if found:
                return found
            if step.verification.status == "failed":
                detail = step.verification.detail
                number = ".".join(map(str, here))
                name = rule_name(step.rule, step.params, "en")  # the rule as the steps name it, not its id
                return f"step {number} ({name}) failed verification" + (f": {detail}" if detail else "")
        return None

    found = where(proof.steps, ())
    if found:
        return found
    if proof.check.status == "failed":
        return "the result does not agree with an independent differentiation (sympy.diff)"
    return "a lemma failed verification"
