"""English: every rule's name and explanation, and the words the renderers put around them.

English is the reference: every other language has a text for each key here, with the same
placeholders and optional parts (the texts package's docstring says what they are).
"""

from __future__ import annotations

# rule id → (name, explanation); a lemma's title has no explanation.
RULES: dict[str, tuple[str, str]] = {
    # --- the general engine ------------------------------------------------------------------------
    "constant_rule": (
        "Constant rule",
        "{part} = 0: the expression does not contain {x}, so it does not change when {x} changes.",
    ),
    "variable_rule": (
        "Derivative of the variable",
        "{part} = 1: {x} grows exactly as fast as itself (the line y = {x} has slope 1).",
    ),
    "linear_rule": (
        "Slope of a straight line",
        "{part} = {value}: a constant times {x} is a straight line, and its derivative is its slope.",
    ),
    "negation_rule": (
        "Minus sign out front",
        "A minus sign is a factor of −1, and a constant factor may be taken out of the derivative: "
        "{formula}.",
    ),
    "sum_rule": (
        "Sum rule",
        "The derivative of a sum is the sum of the derivatives, term by term: {formula}.",
    ),
    "constant_multiple": (
        "Constant multiple rule",
        "The factor {c} does not contain {x}; a constant factor stays outside the derivative: {formula}.",
    ),
    "constant_divisor": (
        "Constant divisor",
        "Dividing by the constant {c} is multiplying by 1/{c}, a constant factor: {formula}.",
    ),
    "product_rule": (
        "Product rule",
        "Product rule: differentiate one factor at a time, keep the others as they are, and add: {formula}.",
    ),
    "quotient_rule": (
        "Quotient rule",
        "Quotient rule with numerator {u} and denominator {v}: {formula}.",
    ),
    "reciprocal_rule": (
        "Reciprocal rule",
        "The numerator {c} is a constant, so the quotient rule shortens to {formula}.",
    ),
    "power_rule": (
        "Power rule",
        "Power rule {formula}: bring the exponent {n} down in front and lower it by one, so {part} = "
        "{value}.",
    ),
    "chain_rule": (
        "Chain rule",
        "Chain rule: the outer function is {outer} with {u} = {inner}. Differentiate the outside as if {u} "
        "were the variable, giving {outer_derivative}, then multiply by the derivative of the inside."
        "⟦ The outer derivative {lemma} = {outer_derivative} is the lemma above.⟧"
        "⟦ That is where the factor {inner_derivative} comes from (worked out below).⟧"
        "⟦ This holds where {corner} ≠ 0; at {corner} = 0 this rule does not apply.⟧",
    ),
    "exponential_rule": (
        "Exponential rule",
        "{formula}: an exponential with the constant base {a} is its own derivative up to the factor "
        "log({a}).",
    ),
    "logarithmic_differentiation": (
        "Logarithmic differentiation",
        "Both the base {u} and the exponent {v} depend on {x}. Write the power as e^({v}·log({u})) and "
        "use the chain and product rules: {formula}.",
    ),
    "known_derivative": (
        "Known derivative",
        "From the table of derivatives: {part} = {value}."
        "⟦ This holds for {corner} ≠ 0; at {corner} = 0 there is no derivative.⟧",
    ),
    "fundamental_theorem": (
        "Fundamental theorem of calculus",
        "Differentiating an integral with respect to its upper limit gives back the integrand at that "
        "limit: {part} = {value}.",
    ),
    "derivative_of_part": (
        "Derivative of a part",
        "Work out {part} on the side (sub-steps below) and put the result {value} in its place.",
    ),
    "tidy": (
        "Tidy up",
        "Tidy up: drop terms that are 0 and factors that are 1, multiply the plain numbers and collect "
        "the signs.",
    ),
    "collect_terms": (
        "Collect terms",
        "Collect like terms and equal factors, and write the expression more compactly.",
    ),
    "combine_fractions": (
        "Combine into one fraction",
        "Bring everything over a common denominator, and cancel any factor the numerator and denominator "
        "share.",
    ),
    "factor": (
        "Factor",
        "Take out common factors (factorise).",
    ),
    "expand": (
        "Expand",
        "Multiply out the brackets.",
    ),
    "simplify": (
        "Simplify",
        "Simplify algebraically; the check below confirms the new form equals the old one.",
    ),
    "to_exp_form": (
        "Write σ with exp",
        "Write every σ(u) as 1/(1 + e^(−u)) and simplify, to state the result with the exponential "
        "function only.",
    ),
    "to_sigma_form": (
        "State in σ",
        "Write the exponentials through σ: with s = σ(u) we have e^u = s/(1 − s), and the result becomes a "
        "short expression in σ.",
    ),
    "simplify_in_sigma": (
        "Simplify in σ",
        "Treat σ as a single quantity s and simplify in s: multiply out, then factor, so that equal "
        "factors become powers and common factors are taken out.",
    ),
    # --- named algebra (algebra.py) ---------------------------------------------------------------
    "cancel_factor": (
        "Cancel a factor",
        "{factor} cancels against {reciprocal}: {product} = 1, as {factor} ≠ 0 wherever the expression "
        "is defined.",
    ),
    "sign_over_abs": (
        "Sign over absolute value",
        "{part} = {value}: |u| = u·sign(u), so sign(u)/|u| = 1/u wherever u ≠ 0.",
    ),
    "abs_times_sign": (
        "Absolute value",
        "{product} = {value}: where {u} > 0 the sign is 1, where {u} < 0 it is −1, so the product is "
        "{value} either way.",
    ),
    "sinh_over_cosh": (
        "Hyperbolic tangent",
        "{part} = {value}: the hyperbolic tangent is defined as tanh(u) = sinh(u)/cosh(u).",
    ),
    "sigma_over_complement": (
        "σ/(1 − σ) = e^u",
        "{part} = {value}: since 1 − σ(u) = e^(−u)·σ(u), the quotient σ(u)/(1 − σ(u)) is e^u.",
    ),
    "exp_over_one_plus_exp": (
        "e^u/(1 + e^u) = σ(u)",
        "{part} = {value}: dividing numerator and denominator by e^u gives 1/(1 + e^(−u)), which is σ(u).",
    ),
    "add_exponents": (
        "Add the exponents",
        "{part} = {value}⟦ and {part2} = {value2}⟧: powers of the same base multiply by adding their "
        "exponents, a^m·a^n = a^(m + n).",
    ),
    "like_terms": (
        "Combine like terms",
        "{part} = {value}: these terms differ only in their numerical coefficient, so the coefficients are "
        "added.",
    ),
    "multiply_out": (
        "Multiply out",
        "Multiply out the brackets, so that like terms stand side by side.",
    ),
    "common_factor": (
        "Take out a common factor",
        "Every term contains the factor {factor}; take it out: a·b + a·c = a·(b + c).",
    ),
    "flip_difference": (
        "Turn the difference round",
        "A minus sign in front of a difference turns it round: −(a − b) = b − a.",
    ),
    # --- σ' = σ(1 − σ) in ten steps ---------------------------------------------------------------
    "definition_sigma": (
        "Definition of σ",
        "The sigmoid function is defined as σ({x}) = 1/(1 + e^(−{x})). We differentiate that expression.",
    ),
    "rewrite_as_power": (
        "Rewrite as a power",
        "One over something is that something to the power −1: 1/u = u^(−1). In this form the power rule "
        "applies.",
    ),
    "cancel_signs": (
        "Cancel the signs",
        "Two minus signs multiply to a plus: −a·(−b) = a·b.",
    ),
    "negative_power_as_fraction": (
        "Write as a fraction",
        "A negative power moves to the denominator: u^(−2)·v = v/u^2.",
    ),
    "split_fraction_product": (
        "Split into a product",
        "Split the square in the denominator into two factors: v/u^2 = (1/u)·(v/u). "
        "The first factor is σ itself, and we want to find σ inside the derivative.",
    ),
    "substitute_sigma": (
        "Substitute σ",
        "By the definition, {pattern} = {sigma}: replace it by σ.",
    ),
    "add_subtract_one": (
        "Add and subtract 1",
        "So that 1/({whole}), which is σ, can appear, write the numerator {part} as ({whole}) − 1: adding 1 "
        "and taking it away changes nothing.",
    ),
    "split_fraction": (
        "Split the fraction",
        "Divide each term of the numerator by the denominator: (u − v)/u = 1 − v/u with u = {whole} and "
        "v = {part}.",
    ),
    # --- log σ and log(1 − σ) -----------------------------------------------------------------------
    "chain_rule_through_sigma": (
        "Chain rule through σ",
        "Put y = {outer} with {u} = {inner}, which depends on {x}: dy/d{x} = dy/d{u} · d{u}/d{x}, and "
        "dy/d{u} = 1/{u} because the derivative of log is one over its argument.",
    ),
    "use_lemma": (
        "Use a proven result",
        "We already showed {lhs} = {lemma} (see the lemma above); put it in.",
    ),
    "reciprocal_sigma": (
        "Reciprocal of σ",
        "Since {sigma} = 1/({whole}), its reciprocal is 1/σ = {whole}.",
    ),
    "cancel_common_factor": (
        "Cancel a common factor",
        "The factor {factor} appears in the numerator and in the denominator: cancel it.",
    ),
    "complement_as_fraction": (
        "1 − σ as a fraction",
        "1 − 1/u = (u − 1)/u with u = {whole}, so 1 − σ = e^(−{x})/(1 + e^(−{x})): the model of the "
        "other outcome.",
    ),
    "product_as_fraction": (
        "Write as one fraction",
        "A product with the factor 1/b is a fraction: (1/b)·a = a/b.",
    ),
    "fraction_as_product": (
        "Fraction as a product",
        "Read the fraction as a product a/b = a·(1/b), so that the product rule applies.",
    ),
    "common_denominator": (
        "Common denominator",
        "Bring both terms over the common denominator {den}.",
    ),
    "cancel_terms": (
        "Cancel opposite terms",
        "{term} appears once with + and once with −: the two cancel.",
    ),
    "substitute_complement": (
        "Substitute 1 − σ",
        "As in the main derivation, {pattern} = {complement}.",
    ),
    "reciprocal_complement": (
        "Reciprocal of 1 − σ",
        "Since {complement} = e^(−{x})/(1 + e^(−{x})), its reciprocal is {value}.",
    ),
    # --- higher orders -----------------------------------------------------------------------------
    "previous_order": (
        "Differentiate the previous order",
        "The next derivative is the derivative of the previous one, which we know as a polynomial in σ: "
        "{previous}.",
    ),
    "expand_polynomial": (
        "Expand the polynomial in σ",
        "Multiply out, to see the polynomial in σ term by term.",
    ),
    "chain_rule_sigma": (
        "Chain rule for a polynomial in σ",
        "Treat σ as the inner function: d/d{x} P(σ) = P'(σ)·dσ/d{x}, and P'(σ) = {outer_derivative} by "
        "the power rule.",
    ),
    "factor_polynomial": (
        "Factor",
        "Factor {factor} = {factored}, and write the factor σ(1 − σ) = σ' first.",
    ),
    "reorder_factors": (
        "Reorder the factors",
        "Only the order of the factors changes: the factor σ(1 − σ) = σ' is written first.",
    ),
    "order_k": (
        "Derivative of order {k}",
        "Differentiate the result of the previous order once more (sub-steps below).",
    ),
    # --- the family --------------------------------------------------------------------------------
    "definition": (
        "Definition",
        "By definition {name} = {formula}; we differentiate that expression.",
    ),
    "write_as_squares": (
        "Write as squares",
        "A factor times itself is its square.",
    ),
    "substitute_definition": (
        "Use the definition again",
        "{pattern} = {name} by definition, so the square of the ratio is the square of {name}.",
    ),
    "inverse_function_rule": (
        "Inverse function rule",
        "Put {y} = atan({x}), so {x} = {function}. Then d{y}/d{x} = 1/(d{x}/d{y}), and d{x}/d{y} = "
        "{derivative}.",
    ),
    "inverse_cancels": (
        "A function and its inverse cancel",
        "tan undoes atan: {pattern} = {value}.",
    ),
    "multiply_by_cosh_squared": (
        "Multiply top and bottom by cosh²",
        "Multiply numerator and denominator by {factor}: tanh·cosh = sinh.",
    ),
    "hyperbolic_identities": (
        "Hyperbolic identities",
        "cosh²u − sinh²u = 1 and cosh²u + sinh²u = cosh(2u), with u = {u}.",
    ),
    "definition_sech": (
        "Definition of sech",
        "sech is one over cosh.",
    ),
    "combine_constants": (
        "Combine the constants",
        "Multiply the constant factors, (2/√π)·(1/√2)·(1/2) = 1/√(2π), and work out the square in the "
        "exponent: ({x}/√2)² = {x}²/2.",
    ),
    "combine_powers": (
        "Combine powers",
        "√u = u^(1/2), so u·√u = u^(3/2), and one over it is u^(−3/2), with u = {base}.",
    ),
    "sign_times_x": (
        "x·sign(x) = |x|",
        "For {x} > 0 sign is 1 and for {x} < 0 it is −1, so {x}·sign({x}) = |{x}| either way.",
    ),
    "differentiate_pieces": (
        "Differentiate piece by piece",
        "Inside each of the {count} open intervals the function is a single smooth formula: "
        "differentiate each one there.",
    ),
    "derivative_of_each_piece": (
        "Derivative of each piece",
        "The derivative of each piece (sub-steps below).",
    ),
    "close_the_joins": (
        "The joins",
        "At {points} the derivatives from the left and from the right are both 0, so the function is "
        "differentiable there too and the middle formula holds on the closed interval.",
    ),
    # --- lemmas and notes ----------------------------------------------------------------------------
    "lemma_sigma_prime_exp": (
        "σ' in exp (steps 1–5)",
        "",
    ),
    "lemma_sigma_prime": (
        "σ' = σ(1 − σ)",
        "",
    ),
    "lemma_complement_prime": (
        "(1 − σ)' = −σ(1 − σ)",
        "",
    ),
    "cited_derivative": (
        "Derivative worked out before",
        "By step {step}, {part} = {value}; put it in.",
    ),
    "lemma_complement_prime_exp": (
        "The derivative of 1 − σ",
        "",
    ),
    "lemma_first_derivative": (
        "The first derivative",
        "",
    ),
    "corners": (
        "Corners",
        "At {points} the slope jumps from {left} to {right} (or back): the one-sided derivatives differ, "
        "so the function is not differentiable at those two points.",
    ),
    "softsign_at_zero": (
        "At zero",
        "The rule d|{x}|/d{x} = sign({x}) holds for {x} ≠ 0. At {x} = 0 the difference quotient "
        "(h/(1 + |h|))/h = 1/(1 + |h|) tends to 1 as h → 0, which is the formula's value there: softsign is "
        "differentiable everywhere.",
    ),
    "joins_smooth": (
        "Smooth joins",
        "At {points} both one-sided derivatives are {value}: the function is differentiable everywhere "
        "(its second derivative jumps there).",
    ),
    # --- sigmoid derive --softmax -----------------------------------------------------------------
    "softmax_definition": (
        "Definition of the softmax",
        "By definition {p} = {formula}, where {sum} = {terms} is the sum of the exponentials of all n "
        "inputs. We differentiate that quotient with respect to {x}.",
    ),
    "softmax_quotient_rule": (
        "Quotient rule",
        "Quotient rule with numerator {u} and denominator {v}: {formula}. The denominator {v} depends on "
        "every input, {x} included, so its derivative stays in the formula.",
    ),
    "softmax_sum_derivative": (
        "Derivative of the sum",
        "Of the n terms of {sum} only the one with k = j contains {x}; every other term is a constant, "
        "whose derivative is 0. So {part} = {value}.",
    ),
    "softmax_case_equal": (
        "Case i = j",
        "When i = j, the exponent in the numerator is the variable {x} itself, and the exponential "
        "function is its own derivative: {part} = {value}.",
    ),
    "softmax_equal_factor": (
        "Take out a common factor",
        "Both terms of the numerator have the factor {factor} once the denominator is split into two "
        "factors S: take it out.",
    ),
    "softmax_equal_in_p": (
        "Write it in the softmax outputs",
        "By the definition, {first} = {p}; and {second} = {complement}, since S/S = 1 and the rest is the "
        "definition again, for the output j.",
    ),
    "softmax_case_other": (
        "Case i ≠ j",
        "When i ≠ j, the numerator's exponential does not contain {x}: it is a constant, so {part} = "
        "{value} and the first term of the numerator drops out.",
    ),
    "softmax_other_in_p": (
        "Write it in the softmax outputs",
        "Split the square in the denominator into two factors S and use the definition twice, for the "
        "outputs i and j: the quotient is {value}.",
    ),
    "kronecker_delta": (
        "Combine the cases with the Kronecker delta",
        "The Kronecker delta {delta} is 1 when i = j and 0 when i ≠ j. With it one formula covers both "
        "cases: for i = j it is {equal} (step 6), for i ≠ j it is {other} (step 8).",
    ),
    "softmax_two_classes": (
        "Two classes",
        "With two classes (n = 2) the first output of the softmax is {p} = {formula}.",
    ),
    "divide_by_exponential": (
        "Divide by the exponential",
        "Divide the numerator and the denominator by {factor}, which is never 0: the numerator becomes 1.",
    ),
    "subtract_exponents": (
        "Subtract the exponents",
        "Dividing two powers of e subtracts their exponents: {ratio} = {power}. What is left is σ's "
        "definition.",
    ),
}

# The words the renderers put around the steps.
WORDS: dict[str, str] = {
    "problem": "Problem",
    "result": "Result",
    "step": "Step",
    "lemma": "Lemma",
    "lemmas": "Lemmas used",
    "from": "proved by",
    "rule": "rule",
    "note": "Note",
    "proved": "proved",
    "checked numerically": "checked numerically",
    "failed": "failed",
    "not checked": "not checked",
    "check": "Cross-check with an independent differentiation",
    "check failed": "Cross-check with an independent differentiation FAILED",
    "summary proved": (
        "Every step proved: SymPy reduces before − after to 0 (σ written out) and both agree numerically."
    ),
    "summary proved without σ": (
        "Every step proved: SymPy reduces before − after to 0 and both agree numerically."
    ),
    "summary numeric": (
        "Every step holds; steps marked 'checked numerically' agree at every sample point but SymPy "
        "could not prove them within its time budget."
    ),
    "summary failed": "Verification FAILED: see the steps marked 'failed'.",
    "summary not checked": "Not verified (--no-verify).",
    "summary softmax": (
        "Every step proved for n = 2, 3 and 4 inputs and for every pair i, j of its case: SymPy reduces "
        "before − after to 0 with the sum written out, and both agree numerically. That checks these n, "
        "not every n; no step depends on the value of n."
    ),
    "check direct": "Cross-check, the first form against the last",
    "at points": "at {n} points",
}
