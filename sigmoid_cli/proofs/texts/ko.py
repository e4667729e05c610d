"""Korean: every rule's name and explanation, and the words the renderers put around them.

A translation of en.py, key by key, with the same placeholders and optional parts, in the
합니다 style of a textbook and with the terms of Korean school mathematics (몫의 미분법,
합성함수의 미분법, 진수, 약분, 통분, 평균변화율…). Korean schools write the natural logarithm
as ln, and so do the formulas of a Korean proof (forms.notation) and these texts.
"""

from __future__ import annotations

# rule id → (name, explanation); a lemma's title has no explanation.
RULES: dict[str, tuple[str, str]] = {
    # --- the general engine ------------------------------------------------------------------------
    "constant_rule": (
        "상수의 미분",
        "{part} = 0입니다. {x}를 포함하지 않는 식은 {x}가 변해도 변하지 않으므로 미분하면 0이 됩니다.",
    ),
    "variable_rule": (
        "변수의 미분",
        "{part} = 1입니다. y = {x}의 그래프는 기울기가 1인 직선이므로 미분하면 1이 됩니다.",
    ),
    "linear_rule": (
        "직선의 기울기",
        "{part} = {value}입니다. (상수)×{x}의 그래프는 직선이므로 미분하면 그 기울기가 됩니다.",
    ),
    "negation_rule": (
        "음의 부호를 밖으로 꺼내기",
        "음의 부호는 −1을 곱한 것과 같고, 상수배는 미분 밖으로 꺼낼 수 있으므로 {formula}입니다.",
    ),
    "sum_rule": (
        "합의 미분법",
        "합의 도함수는 각 항의 도함수의 합입니다: {formula}.",
    ),
    "constant_multiple": (
        "상수배의 미분법",
        "인수 {c}에는 {x}가 들어 있지 않으므로 상수입니다. 상수배는 미분 밖에 그대로 두고 나머지만 "
        "미분합니다: {formula}.",
    ),
    "constant_divisor": (
        "상수로 나눈 식의 미분",
        "상수 {c}에 의한 나눗셈은 1/{c}의 곱셈과 같으므로 상수배의 미분법을 씁니다: {formula}.",
    ),
    "product_rule": (
        "곱의 미분법",
        "곱의 미분법입니다. 인수를 하나씩 미분하고 나머지 인수는 그대로 둔 뒤 모두 더합니다: {formula}.",
    ),
    "quotient_rule": (
        "몫의 미분법",
        "분자가 {u}, 분모가 {v}인 분수에 몫의 미분법을 적용합니다: {formula}.",
    ),
    "reciprocal_rule": (
        "역수의 미분법",
        "분자가 상수 {c}이므로 몫의 미분법은 다음과 같이 간단해집니다: {formula}.",
    ),
    "power_rule": (
        "거듭제곱의 미분법",
        "거듭제곱의 미분법을 씁니다: {formula}. 지수({n})를 계수로 앞에 내리고 지수를 1 줄이면 "
        "{part} = {value}입니다.",
    ),
    "chain_rule": (
        "합성함수의 미분법 (연쇄법칙)",
        "합성함수의 미분법입니다. 바깥 함수는 {outer}, 안쪽 함수는 {u} = {inner}입니다. 먼저 {u}를 변수로 "
        "보고 바깥 함수를 미분하면 {outer_derivative}이고, 여기에 안쪽 함수의 도함수를 곱합니다."
        "⟦ 바깥 함수의 도함수는 위의 보조정리 {lemma} = {outer_derivative}입니다.⟧"
        "⟦ 안쪽 함수의 도함수가 바로 인수 {inner_derivative}입니다 (아래에 계산해 두었습니다).⟧"
        "⟦ 단, 이는 {corner} ≠ 0일 때입니다. {corner} = 0에서는 이 공식을 쓸 수 없습니다.⟧",
    ),
    "exponential_rule": (
        "지수함수의 미분법",
        "{formula}입니다. 밑이 상수 {a}인 지수함수를 미분하면 자기 자신과 ln({a})의 곱이 됩니다.",
    ),
    "logarithmic_differentiation": (
        "로그미분법",
        "밑 {u}에도 지수 {v}에도 {x}가 들어 있으므로 e^({v}·ln({u}))의 꼴로 바꾼 뒤 합성함수의 "
        "미분법과 곱의 미분법을 씁니다: {formula}.",
    ),
    "known_derivative": (
        "기본 도함수",
        "기본 도함수 공식에 의해 {part} = {value}입니다."
        "⟦ 단, 이는 {corner} ≠ 0일 때입니다. {corner} = 0에서는 미분가능하지 않습니다.⟧",
    ),
    "fundamental_theorem": (
        "미적분의 기본정리",
        "위끝이 {x}인 정적분을 {x}로 미분하면 피적분함수의 변수에 {x}를 대입한 것이 됩니다: "
        "{part} = {value}.",
    ),
    "derivative_of_part": (
        "일부분의 미분",
        "{part}의 계산은 아래에 따로 해 두었습니다. 그 결과는 {value}이며, 이것을 제자리에 넣습니다.",
    ),
    "tidy": (
        "식 다듬기",
        "식을 다듬습니다. 0인 항과 1인 인수를 지우고, 수끼리 곱하고, 부호를 정리합니다.",
    ),
    "collect_terms": (
        "식 정리",
        "동류항과 같은 인수를 모아 식을 간단히 정리합니다.",
    ),
    "combine_fractions": (
        "통분과 약분",
        "통분하여 하나의 분수로 만들고, 분자와 분모에 공통인수가 있으면 약분합니다.",
    ),
    "factor": (
        "인수분해",
        "공통인수를 묶어 내어 인수분해합니다.",
    ),
    "expand": (
        "전개",
        "괄호를 풀어 전개합니다.",
    ),
    "simplify": (
        "간단히 하기",
        "식을 대수적으로 간단히 합니다. 아래 검증에서 변형 전의 식과 같음을 확인합니다.",
    ),
    "to_exp_form": (
        "σ를 exp로 나타내기",
        "모든 σ(u)를 1/(1 + e^(−u))로 바꾸고 정리하여 결과를 지수함수만으로 나타냅니다.",
    ),
    "to_sigma_form": (
        "σ로 나타내기",
        "지수함수를 σ로 바꿔 씁니다. s = σ(u)로 두면 e^u = s/(1 − s)이므로 결과가 σ에 대한 짧은 식이 됩니다.",
    ),
    "simplify_in_sigma": (
        "σ에 대해 정리하기",
        "σ를 하나의 문자 s로 보고 s에 대한 식으로 정리합니다. 전개한 뒤 인수분해하므로 같은 인수는 "
        "거듭제곱으로 합쳐지고 공통인수는 묶여 나옵니다.",
    ),
    # --- named algebra (algebra.py) ---------------------------------------------------------------
    "cancel_factor": (
        "약분",
        "두 인수 {factor}, {reciprocal}의 곱은 1이므로 약분됩니다. 식이 정의되는 범위에서 {factor} ≠ 0이고 "
        "{product} = 1입니다.",
    ),
    "sign_over_abs": (
        "부호와 절댓값의 몫",
        "{part} = {value}입니다. |u| = u·sign(u)이므로 u ≠ 0일 때 sign(u)/|u| = 1/u입니다.",
    ),
    "abs_times_sign": (
        "절댓값",
        "{u} > 0이면 부호는 1이고 {u} < 0이면 −1이므로, 어느 경우든 {product} = {value}입니다.",
    ),
    "sinh_over_cosh": (
        "쌍곡탄젠트",
        "{part} = {value}입니다. 쌍곡탄젠트는 tanh(u) = sinh(u)/cosh(u)로 정의됩니다.",
    ),
    "sigma_over_complement": (
        "σ/(1 − σ) = e^u",
        "{part} = {value}입니다. 1 − σ(u) = e^(−u)·σ(u)이므로 σ(u)/(1 − σ(u)) = e^u입니다.",
    ),
    "exp_over_one_plus_exp": (
        "e^u/(1 + e^u) = σ(u)",
        "{part} = {value}입니다. 분자와 분모를 e^u로 나누면 1/(1 + e^(−u))가 되고, 이것이 σ(u)입니다.",
    ),
    "add_exponents": (
        "지수법칙",
        "{part} = {value}⟦, {part2} = {value2}⟧입니다. 밑이 같은 거듭제곱끼리 곱할 때는 지수끼리 "
        "더합니다: a^m·a^n = a^(m + n).",
    ),
    "like_terms": (
        "동류항 정리",
        "{part} = {value}입니다. 계수만 다른 동류항이므로 계수끼리 더합니다.",
    ),
    "multiply_out": (
        "전개",
        "괄호를 풀어 전개하여 동류항이 나란히 오게 합니다.",
    ),
    "common_factor": (
        "공통인수로 묶기",
        "모든 항에 공통으로 들어 있는 인수를 묶어 냅니다(공통인수: {factor}). a·b + a·c = a·(b + c)입니다.",
    ),
    "flip_difference": (
        "차의 순서 바꾸기",
        "차 앞의 마이너스 부호는 차의 순서를 바꿉니다: −(a − b) = b − a.",
    ),
    # --- σ' = σ(1 − σ) in ten steps ---------------------------------------------------------------
    "definition_sigma": (
        "σ의 정의",
        "시그모이드 함수는 σ({x}) = 1/(1 + e^(−{x}))로 정의됩니다. 이 식을 미분합니다.",
    ),
    "rewrite_as_power": (
        "거듭제곱 꼴로 바꾸기",
        "1/u = u^(−1)로 바꿔 씁니다. 이 꼴에서는 거듭제곱의 미분법을 쓸 수 있습니다.",
    ),
    "cancel_signs": (
        "부호 정리",
        "음의 부호 두 개를 곱하면 양의 부호가 됩니다: −a·(−b) = a·b.",
    ),
    "negative_power_as_fraction": (
        "분수 꼴로 쓰기",
        "지수가 음수인 인수는 분모로 옮길 수 있습니다: u^(−2)·v = v/u^2.",
    ),
    "split_fraction_product": (
        "두 분수의 곱으로 쓰기",
        "분모의 제곱을 두 인수로 갈라 씁니다: v/u^2 = (1/u)·(v/u). 첫 번째 인수가 바로 σ이며, "
        "도함수 안에서 σ를 찾는 것이 목표입니다.",
    ),
    "substitute_sigma": (
        "σ로 바꾸기",
        "정의에 의해 {pattern} = {sigma}이므로 σ로 바꿉니다.",
    ),
    "add_subtract_one": (
        "1을 더하고 빼기",
        "σ = 1/({whole}) 꼴이 나타나도록 분자 {part}의 자리에 ({whole}) − 1을 씁니다. 1을 더하고 뺐을 "
        "뿐이므로 값은 같습니다.",
    ),
    "split_fraction": (
        "분수를 항별로 분리하기",
        "분자의 각 항을 분모로 나눕니다: u = {whole}, v = {part}일 때 (u − v)/u = 1 − v/u.",
    ),
    # --- log σ and log(1 − σ) -----------------------------------------------------------------------
    "chain_rule_through_sigma": (
        "σ를 안쪽 함수로 하는 합성함수의 미분법",
        "y = {outer}에서 {u} = {inner}입니다. {u}가 {x}의 함수이므로 dy/d{x} = dy/d{u} · d{u}/d{x}이고, "
        "자연로그 ln의 도함수는 1/(진수)이므로 dy/d{u} = 1/{u}입니다.",
    ),
    "use_lemma": (
        "증명한 결과(보조정리) 사용",
        "{lhs} = {lemma}임은 이미 증명했습니다 (위의 보조정리). 이를 대입합니다.",
    ),
    "reciprocal_sigma": (
        "σ의 역수",
        "{sigma} = 1/({whole})이므로 그 역수는 1/σ = {whole}입니다.",
    ),
    "cancel_common_factor": (
        "약분",
        "분자와 분모의 공통인수는 {factor}이므로 약분합니다.",
    ),
    "complement_as_fraction": (
        "1 − σ를 분수로 나타내기",
        "u = {whole}일 때 1 − 1/u = (u − 1)/u이므로 1 − σ = e^(−{x})/(1 + e^(−{x}))입니다. 이것은 다른 쪽 "
        "결과가 일어날 확률의 모델입니다.",
    ),
    "product_as_fraction": (
        "하나의 분수로 쓰기",
        "인수 1/b가 있는 곱은 분수로 쓸 수 있습니다: (1/b)·a = a/b.",
    ),
    "fraction_as_product": (
        "분수를 곱으로 보기",
        "분수 a/b를 곱 a·(1/b)로 봅니다. 그러면 곱의 미분법을 쓸 수 있습니다.",
    ),
    "common_denominator": (
        "통분",
        "두 항을 통분합니다. 공통분모는 {den}입니다.",
    ),
    "cancel_terms": (
        "서로 소거되는 항 지우기",
        "{term}의 항이 + 부호와 − 부호로 한 번씩 나타나므로 서로 소거됩니다.",
    ),
    "substitute_complement": (
        "1 − σ로 바꾸기",
        "σ'의 유도에서 보인 것처럼 {pattern} = {complement}입니다.",
    ),
    "reciprocal_complement": (
        "1 − σ의 역수",
        "{complement} = e^(−{x})/(1 + e^(−{x}))이므로 그 역수는 {value}입니다.",
    ),
    # --- higher orders -----------------------------------------------------------------------------
    "previous_order": (
        "한 계 낮은 도함수를 미분",
        "다음 도함수는 한 계 낮은 도함수를 미분한 것입니다. 한 계 낮은 도함수는 이미 σ의 다항식으로 "
        "구했습니다: {previous}.",
    ),
    "expand_polynomial": (
        "σ의 다항식으로 전개",
        "괄호를 풀어 σ의 다항식을 항별로 나타냅니다.",
    ),
    "chain_rule_sigma": (
        "σ의 다항식의 미분 (합성함수의 미분법)",
        "σ를 안쪽 함수로 보면 d/d{x} P(σ) = P'(σ)·dσ/d{x}이고, 거듭제곱의 미분법에 의해 P'(σ) = "
        "{outer_derivative}입니다.",
    ),
    "factor_polynomial": (
        "인수분해",
        "인수분해합니다: {factor} = {factored}. 그리고 인수 σ(1 − σ)(= σ')를 맨 앞에 씁니다.",
    ),
    "reorder_factors": (
        "인수의 순서 바꾸기",
        "인수의 순서만 바뀝니다. 인수 σ(1 − σ)(= σ')를 맨 앞에 씁니다.",
    ),
    "order_k": (
        "{k}계 도함수",
        "앞의 결과를 한 번 더 미분합니다 (아래 세부 단계).",
    ),
    # --- the family --------------------------------------------------------------------------------
    "definition": (
        "정의",
        "정의에 의해 {name} = {formula}입니다. 이 식을 미분합니다.",
    ),
    "write_as_squares": (
        "제곱 꼴로 쓰기",
        "같은 인수의 곱을 제곱으로 씁니다.",
    ),
    "substitute_definition": (
        "정의로 되돌리기",
        "정의에 의해 {pattern} = {name}이므로 비의 제곱은 {name}의 제곱입니다.",
    ),
    "inverse_function_rule": (
        "역함수의 미분법",
        "{y} = atan({x})로 두면 {x} = {function}입니다. 역함수의 미분법에 의해 d{y}/d{x} = "
        "1/(d{x}/d{y})이고 d{x}/d{y} = {derivative}입니다.",
    ),
    "inverse_cancels": (
        "함수와 역함수의 합성",
        "tan은 atan의 역함수이므로 {pattern} = {value}입니다.",
    ),
    "multiply_by_cosh_squared": (
        "분모와 분자에 cosh² 곱하기",
        "분자와 분모에 같은 인수를 곱합니다. 곱하는 인수는 {factor}이며, tanh·cosh = sinh를 씁니다.",
    ),
    "hyperbolic_identities": (
        "쌍곡선함수의 항등식",
        "u = {u}일 때 cosh²u − sinh²u = 1과 cosh²u + sinh²u = cosh(2u)를 씁니다.",
    ),
    "definition_sech": (
        "sech의 정의",
        "sech는 cosh의 역수입니다.",
    ),
    "combine_constants": (
        "상수 정리",
        "상수 인수끼리 곱하여 (2/√π)·(1/√2)·(1/2) = 1/√(2π)로 만들고, 지수의 제곱을 계산합니다: "
        "({x}/√2)² = {x}²/2.",
    ),
    "combine_powers": (
        "지수법칙으로 합치기",
        "u = {base}일 때 √u = u^(1/2)이므로 u·√u = u^(3/2)이고, 그 역수는 u^(−3/2)입니다.",
    ),
    "sign_times_x": (
        "x·sign(x) = |x|",
        "{x} > 0이면 sign은 1, {x} < 0이면 −1이므로 어느 경우든 {x}·sign({x}) = |{x}|입니다.",
    ),
    "differentiate_pieces": (
        "구간별로 미분하기",
        "{count}개의 열린구간 각각에서 함수는 하나의 매끄러운 식이므로 구간별로 미분합니다.",
    ),
    "derivative_of_each_piece": (
        "각 구간의 도함수",
        "각 구간의 식을 미분합니다 (아래 세부 단계).",
    ),
    "close_the_joins": (
        "구간의 경계점",
        "{points}에서는 좌미분계수와 우미분계수가 모두 0으로 같으므로 그 점에서도 미분가능하고, 가운데 "
        "식은 닫힌구간에서 성립합니다.",
    ),
    # --- lemmas and notes ----------------------------------------------------------------------------
    "lemma_sigma_prime_exp": (
        "exp로 나타낸 σ' (1~5단계)",
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
        "앞에서 구한 도함수",
        "{step}단계에서 구한 대로 {part} = {value}입니다. 이를 대입합니다.",
    ),
    "lemma_complement_prime_exp": (
        "1 − σ의 도함수",
        "",
    ),
    "lemma_first_derivative": (
        "1계 도함수",
        "",
    ),
    "corners": (
        "꺾인 점",
        "{points}에서는 한쪽의 기울기가 {left}, 다른 쪽의 기울기가 {right}이므로 좌미분계수와 "
        "우미분계수가 달라, 이 두 점에서는 미분가능하지 않습니다.",
    ),
    "softsign_at_zero": (
        "0에서의 미분",
        "d|{x}|/d{x} = sign({x})는 {x} ≠ 0일 때 성립하는 공식입니다. {x} = 0에서는 평균변화율 "
        "(h/(1 + |h|))/h = 1/(1 + |h|)의 값은 h → 0일 때 1에 가까워지고, 이는 공식의 값과 같으므로 "
        "softsign은 모든 점에서 미분가능합니다.",
    ),
    "joins_smooth": (
        "매끄러운 경계점",
        "{points}에서는 좌미분계수와 우미분계수가 모두 {value}이므로 함수는 모든 점에서 미분가능합니다 "
        "(2계 도함수는 그 점에서 불연속입니다).",
    ),
    # --- sigmoid derive --softmax -----------------------------------------------------------------
    "softmax_definition": (
        "소프트맥스의 정의",
        "정의에 의해 {p} = {formula}이고, 여기서 {sum} = {terms}(n개 입력 모두의 지수함수의 합)입니다. "
        "이 분수를 {x}에 대해 편미분합니다.",
    ),
    "softmax_quotient_rule": (
        "몫의 미분법",
        "분자가 {u}, 분모가 {v}인 분수에 몫의 미분법을 적용합니다: {formula}. 분모 {v}의 값은 {x}를 포함한 "
        "모든 입력에 의존하므로 그 편도함수가 식에 남습니다.",
    ),
    "softmax_sum_derivative": (
        "합의 편미분",
        "{sum}의 n개 항 중에서 {x}를 포함하는 것은 k = j인 항뿐이고, 나머지 항은 상수이므로 편도함수가 "
        "0입니다. 따라서 {part} = {value}입니다.",
    ),
    "softmax_case_equal": (
        "i = j인 경우",
        "i = j이면 분자의 지수는 변수 {x} 자신이고, 지수함수는 미분해도 그대로이므로 {part} = {value}입니다.",
    ),
    "softmax_equal_factor": (
        "공통인수로 묶기",
        "분모를 S와 S의 곱으로 나누면 분자의 두 항에 공통인수가 생깁니다: {factor}. 그것으로 묶습니다.",
    ),
    "softmax_equal_in_p": (
        "소프트맥스 출력으로 나타내기",
        "정의에 의해 {first} = {p}이고, S/S = 1과 출력 j의 정의에 의해 {second} = {complement}입니다.",
    ),
    "softmax_case_other": (
        "i ≠ j인 경우",
        "i ≠ j이면 분자의 지수함수는 {x}를 포함하지 않는 상수이므로 {part} = {value}이고, 분자의 첫째 "
        "항이 사라집니다.",
    ),
    "softmax_other_in_p": (
        "소프트맥스 출력으로 나타내기",
        "분모의 제곱을 S와 S의 곱으로 나누고 출력 i와 출력 j의 정의를 쓰면 몫은 {value}입니다.",
    ),
    "kronecker_delta": (
        "크로네커 델타로 두 경우 합치기",
        "크로네커 델타 {delta}의 값은 i = j일 때 1, i ≠ j일 때 0입니다. 이것을 쓰면 하나의 식으로 두 경우를 "
        "나타낼 수 있습니다: i = j이면 {equal}(단계 6), i ≠ j이면 {other}(단계 8).",
    ),
    "softmax_two_classes": (
        "클래스가 두 개인 경우",
        "클래스가 두 개(n = 2)이면 소프트맥스의 첫째 출력은 {p} = {formula}입니다.",
    ),
    "divide_by_exponential": (
        "지수함수로 나누기",
        "분자와 분모를 같은 수로 나눕니다. 나누는 수는 0이 아닌 {factor}이고, 분자는 1이 됩니다.",
    ),
    "subtract_exponents": (
        "지수 빼기",
        "e의 거듭제곱끼리 나누면 지수를 뺍니다: {ratio} = {power}. 남는 것은 σ의 정의의 식입니다.",
    ),
}

# The words the renderers put around the steps.
WORDS: dict[str, str] = {
    "problem": "문제",
    "result": "결과",
    "step": "단계",
    "lemma": "보조정리",
    "lemmas": "사용하는 보조정리",
    "from": "증명:",
    "rule": "규칙",
    "note": "참고",
    "proved": "증명됨",
    "checked numerically": "수치로 확인",
    "failed": "실패",
    "not checked": "검증 안 함",
    "check": "독립적인 미분과의 교차 검증",
    "check failed": "독립적인 미분과의 교차 검증 실패",
    "summary proved": (
        "모든 단계 증명됨: 각 단계에서 변형 전 식과 변형 후 식의 차가 0임을 SymPy로 보였고 "
        "(σ는 정의식으로 풀어서 계산), 수치로도 일치함을 확인했습니다."
    ),
    "summary proved without σ": (
        "모든 단계 증명됨: 각 단계에서 변형 전 식과 변형 후 식의 차가 0임을 SymPy로 보였고, "
        "수치로도 일치함을 확인했습니다."
    ),
    "summary numeric": (
        "모든 단계가 성립합니다. '수치로 확인' 단계는 모든 표본점에서 일치했지만 SymPy가 제한 시간 "
        "안에 증명하지 못했습니다."
    ),
    "summary failed": "검증 실패: '실패' 단계를 확인하세요.",
    "summary not checked": "검증하지 않았습니다 (--no-verify).",
    "summary softmax": (
        "모든 단계를 n = 2, 3, 4개의 입력과 그 경우에 해당하는 모든 i, j 쌍에 대해 증명했습니다: 합을 "
        "풀어 쓰고 변형 전과 변형 후의 차가 0이 됨을 SymPy로 보였고, 수치로도 일치를 확인했습니다. 확인한 "
        "것은 이 n들이며 모든 n은 아닙니다(어느 단계도 n의 값에 의존하지 않습니다)."
    ),
    "check direct": "처음 식과 마지막 식의 직접 대조",
    "at points": "{n}개 점에서 일치",
}
