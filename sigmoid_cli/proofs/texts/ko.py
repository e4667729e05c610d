"""Korean: every rule's name and explanation, and the words the renderers put around them.

A translation of en.py, key by key, with the same placeholders and optional parts.
"""

from __future__ import annotations

# rule id → (name, explanation); a lemma's title has no explanation.
RULES: dict[str, tuple[str, str]] = {
    # --- the general engine ------------------------------------------------------------------------
    "constant_rule": (
        "상수의 미분",
        "{part} = 0 입니다. {x}가 들어 있지 않은 식은 {x}가 변해도 변하지 않으므로 미분하면 0이 됩니다.",
    ),
    "variable_rule": (
        "변수의 미분",
        "{part} = 1 입니다. y = {x}의 그래프는 기울기가 1인 직선이므로 미분하면 1이 됩니다.",
    ),
    "linear_rule": (
        "직선의 기울기",
        "{part} = {value} 입니다. 상수 × {x}는 직선이므로 미분하면 그 기울기가 됩니다.",
    ),
    "negation_rule": (
        "부호를 밖으로",
        "마이너스 부호는 −1을 곱한 것과 같습니다. 상수배는 미분 밖으로 꺼낼 수 있으므로 {formula} 입니다.",
    ),
    "sum_rule": (
        "합의 미분법",
        "합의 미분은 각 항을 따로 미분해서 더하면 됩니다: {formula}.",
    ),
    "constant_multiple": (
        "상수배의 미분법",
        "{c}는 {x}를 포함하지 않는 상수입니다. 상수배는 그대로 밖에 두고 나머지만 미분합니다: {formula}.",
    ),
    "constant_divisor": (
        "상수로 나눈 식의 미분",
        "상수 {c}로 나누는 것은 1/{c}를 곱하는 것이므로 상수배의 미분과 같습니다: {formula}.",
    ),
    "product_rule": (
        "곱의 미분법",
        "곱의 미분법입니다. 인수를 하나씩 미분하고 나머지는 그대로 둔 뒤 모두 더합니다: {formula}.",
    ),
    "quotient_rule": (
        "몫의 미분법",
        "분자를 {u}, 분모를 {v}로 두고 몫의 미분법을 씁니다: {formula}.",
    ),
    "reciprocal_rule": (
        "역수의 미분법",
        "분자 {c}가 상수이므로 몫의 미분법이 간단해져 {formula}가 됩니다.",
    ),
    "power_rule": (
        "거듭제곱의 미분법",
        "거듭제곱의 미분법 {formula}입니다. 지수 {n}을 앞으로 내리고 지수를 1 줄이면 {part} = {value} "
        "입니다.",
    ),
    "chain_rule": (
        "연쇄법칙 (합성함수의 미분)",
        "연쇄법칙입니다. 바깥 함수는 {outer}, 안쪽은 {u} = {inner} 입니다. 먼저 {u}를 변수로 보고 바깥을 "
        "미분하면 {outer_derivative}가 되고, 여기에 안쪽의 도함수를 곱합니다."
        "⟦ 곱해진 {inner_derivative}가 바로 안쪽을 미분한 결과입니다 (아래에 계산해 두었습니다).⟧"
        "⟦ 단, 이는 {corner} ≠ 0일 때입니다. {corner} = 0에서는 이 공식을 쓸 수 없습니다.⟧",
    ),
    "exponential_rule": (
        "지수함수의 미분",
        "{formula} 입니다. 밑이 상수 {a}인 지수함수는 미분하면 자기 자신에 log({a})가 곱해질 뿐입니다.",
    ),
    "logarithmic_differentiation": (
        "로그 미분법",
        "밑 {u}와 지수 {v}가 모두 {x}를 포함하므로 e^({v}·log({u}))로 바꾼 뒤 연쇄법칙과 곱의 미분법을 "
        "씁니다: {formula}.",
    ),
    "known_derivative": (
        "기본 도함수",
        "외워 두면 좋은 기본 도함수입니다: {part} = {value}."
        "⟦ 단, 이는 {corner} ≠ 0일 때입니다. {corner} = 0에서는 미분할 수 없습니다.⟧",
    ),
    "fundamental_theorem": (
        "미적분학의 기본정리",
        "위끝이 {x}인 적분을 {x}로 미분하면 피적분함수에 {x}를 넣은 값이 됩니다: {part} = {value}.",
    ),
    "derivative_of_part": (
        "남은 미분 계산하기",
        "{part}를 따로 계산하고 (계산은 아래에 있습니다), 그 결과 {value}를 제자리에 넣습니다.",
    ),
    "tidy": (
        "식 정리",
        "식을 정리합니다. 0인 항과 1인 인수를 지우고, 숫자끼리 곱하고, 부호를 모읍니다.",
    ),
    "collect_terms": (
        "동류항 정리",
        "같은 항과 같은 인수를 모아서 식을 간단하게 씁니다.",
    ),
    "combine_fractions": (
        "통분하여 하나의 분수로",
        "통분하여 하나의 분수로 만들고, 분자와 분모의 공통인수를 약분합니다.",
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
        "대수적으로 간단히 합니다. 아래 검증에서 앞의 식과 같음을 확인합니다.",
    ),
    "to_exp_form": (
        "σ를 exp로 나타내기",
        "모든 σ(u)를 1/(1 + e^(−u))로 바꾸고 정리하여 결과를 지수함수만으로 나타냅니다.",
    ),
    "to_sigma_form": (
        "σ로 나타내기",
        "지수함수를 σ로 바꿔 씁니다. s = σ(u)라 두면 e^u = s/(1 − s)이므로 결과가 σ의 짧은 식이 됩니다.",
    ),
    # --- σ' = σ(1 − σ) in ten steps ---------------------------------------------------------------
    "definition_sigma": (
        "σ의 정의",
        "시그모이드 함수의 정의 σ({x}) = 1/(1 + e^(−{x}))를 그대로 씁니다. 이 식을 미분해 봅시다.",
    ),
    "rewrite_as_power": (
        "거듭제곱 꼴로 바꾸기",
        "1/u = u^(−1)로 바꿔 씁니다. 이렇게 쓰면 거듭제곱의 미분법을 바로 쓸 수 있습니다.",
    ),
    "cancel_signs": (
        "부호 정리",
        "마이너스끼리 곱하면 플러스이므로 두 부호를 지웁니다: −a·(−b) = a·b.",
    ),
    "negative_power_as_fraction": (
        "분수 꼴로 쓰기",
        "음의 지수는 분모로 옮길 수 있습니다: u^(−2)·v = v/u^2.",
    ),
    "split_fraction_product": (
        "곱으로 나누기",
        "분모의 제곱을 두 인수로 나눕니다: v/u^2 = (1/u)·(v/u). 여기서 원래 함수 σ를 꺼내 봅시다.",
    ),
    "substitute_sigma": (
        "σ로 바꾸기",
        "정의에 의해 {pattern} = {sigma}이므로 σ로 바꿉니다.",
    ),
    "add_subtract_one": (
        "1을 더하고 빼기",
        "σ를 하나 더 꺼내기 위해 분자 {part}를 ({whole}) − 1로 씁니다. 1을 더하고 뺐을 뿐이므로 값은 "
        "같습니다.",
    ),
    "split_fraction": (
        "분수 나누기",
        "분자의 각 항을 분모로 나누어 알아보기 쉽게 씁니다: u = {whole}일 때 (u − 1)/u = 1 − 1/u.",
    ),
    # --- log σ and log(1 − σ) -----------------------------------------------------------------------
    "chain_rule_through_sigma": (
        "σ를 거치는 연쇄법칙",
        "y = {outer}, {u} = {inner}로 둡니다. {u}가 {x}의 함수이므로 dy/d{x} = dy/d{u} · d{u}/d{x} 이고, "
        "log의 도함수는 1/(안쪽)이므로 dy/d{u} = 1/{u} 입니다.",
    ),
    "use_lemma": (
        "이미 증명한 결과 사용",
        "{lhs} = {lemma}는 이미 보였습니다 (위의 보조정리). 이를 대입합니다.",
    ),
    "reciprocal_sigma": (
        "σ의 역수",
        "{sigma} = 1/({whole})이므로 그 역수는 1/σ = {whole} 입니다.",
    ),
    "cancel_common_factor": (
        "약분",
        "분자와 분모에 공통으로 있는 {factor}를 약분합니다.",
    ),
    "complement_as_fraction": (
        "1 − σ를 분수로",
        "u = {whole}일 때 1 − 1/u = (u − 1)/u 이므로 1 − σ = e^(−{x})/(1 + e^(−{x})) 입니다. 다른 쪽 "
        "출력을 예측하는 모델입니다.",
    ),
    "fraction_as_product": (
        "분수를 곱으로 보기",
        "분수 a/b를 곱 a·(1/b)로 봅니다. 그러면 곱의 미분법을 쓸 수 있습니다.",
    ),
    "common_denominator": (
        "통분",
        "두 항을 공통분모 {den}로 통분합니다.",
    ),
    "cancel_terms": (
        "서로 상쇄되는 항 지우기",
        "{term}가 플러스와 마이너스로 한 번씩 있으므로 서로 상쇄되어 사라집니다.",
    ),
    "substitute_complement": (
        "1 − σ로 바꾸기",
        "σ'의 유도에서 본 것처럼 {pattern} = {complement} 입니다.",
    ),
    "reciprocal_complement": (
        "1 − σ의 역수",
        "{complement} = e^(−{x})/(1 + e^(−{x}))이므로 그 역수는 {value} 입니다.",
    ),
    # --- higher orders -----------------------------------------------------------------------------
    "previous_order": (
        "이전 도함수를 미분",
        "다음 도함수는 이전 도함수의 미분입니다. 이전 도함수는 σ의 다항식 {previous} 였습니다.",
    ),
    "expand_polynomial": (
        "σ의 다항식으로 전개",
        "괄호를 풀어 σ의 다항식을 항별로 봅니다.",
    ),
    "chain_rule_sigma": (
        "σ 다항식의 연쇄법칙",
        "σ를 안쪽 함수로 보면 d/d{x} P(σ) = P'(σ)·dσ/d{x} 이고, 거듭제곱의 미분법으로 P'(σ) = "
        "{outer_derivative} 입니다.",
    ),
    "factor_polynomial": (
        "인수분해",
        "전개한 뒤 다시 인수분해합니다. σ의 도함수에는 항상 σ(1 − σ)가 인수로 들어 있습니다.",
    ),
    "order_k": (
        "{k}계 도함수",
        "이전 결과를 한 번 더 미분합니다 (아래 세부 단계).",
    ),
    # --- the family --------------------------------------------------------------------------------
    "definition": (
        "정의",
        "정의에 의해 {name} = {formula} 입니다. 이 식을 미분합니다.",
    ),
    "write_as_squares": (
        "제곱 꼴로 쓰기",
        "같은 것을 곱한 것은 제곱으로 씁니다.",
    ),
    "substitute_definition": (
        "정의로 되돌리기",
        "정의에 의해 {pattern} = {name}이므로 비의 제곱은 {name}의 제곱입니다.",
    ),
    "inverse_function_rule": (
        "역함수의 미분법",
        "{y} = atan({x})로 두면 {x} = {function} 입니다. 역함수의 미분법에 의해 d{y}/d{x} = "
        "1/(d{x}/d{y}) 이고 d{x}/d{y} = {derivative} 입니다.",
    ),
    "inverse_cancels": (
        "함수와 역함수의 상쇄",
        "tan과 atan은 서로 상쇄되므로 {pattern} = {value} 입니다.",
    ),
    "multiply_by_cosh_squared": (
        "분자와 분모에 cosh²를 곱하기",
        "분자와 분모에 {factor}를 곱합니다. tanh·cosh = sinh 입니다.",
    ),
    "hyperbolic_identities": (
        "쌍곡선함수 항등식",
        "u = {u}일 때 cosh²u − sinh²u = 1 과 cosh²u + sinh²u = cosh(2u)를 씁니다.",
    ),
    "definition_sech": (
        "sech의 정의",
        "sech는 cosh의 역수입니다.",
    ),
    "combine_powers": (
        "지수법칙으로 합치기",
        "u = {base}일 때 √u = u^(1/2)이므로 u·√u = u^(3/2)이고, 그 역수는 u^(−3/2) 입니다.",
    ),
    "sign_times_x": (
        "x·sign(x) = |x|",
        "{x} > 0이면 sign은 1, {x} < 0이면 −1이므로 어느 쪽이든 {x}·sign({x}) = |{x}| 입니다.",
    ),
    "differentiate_pieces": (
        "구간별로 미분",
        "{count}개의 열린 구간 각각의 안쪽에서는 함수가 하나의 매끄러운 식이므로 구간별로 미분합니다.",
    ),
    "derivative_of_each_piece": (
        "각 구간의 도함수",
        "각 구간의 식을 미분합니다 (아래 세부 단계).",
    ),
    "close_the_joins": (
        "이음매",
        "{points}에서는 왼쪽과 오른쪽 미분계수가 모두 0으로 같으므로 그곳에서도 미분가능하고, 가운데 "
        "식은 닫힌 구간에서 성립합니다.",
    ),
    # --- lemmas and notes ----------------------------------------------------------------------------
    "lemma_sigma_prime_exp": (
        "exp로 쓴 σ' (1~5단계)",
        "",
    ),
    "lemma_sigma_prime": (
        "σ' = σ(1 − σ)",
        "",
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
        "꺾이는 점",
        "{points}에서는 기울기가 {left}와 {right} 사이에서 바뀌므로 좌우 미분계수가 달라 그 두 점에서는 "
        "미분할 수 없습니다.",
    ),
    "softsign_at_zero": (
        "0에서의 미분",
        "d|{x}|/d{x} = sign({x})는 {x} ≠ 0일 때 성립하는 규칙입니다. {x} = 0에서는 차분몫 (h/(1 + |h|))/h = "
        "1/(1 + |h|)가 1로 가까워지고 이는 공식의 값과 같으므로, softsign은 모든 곳에서 미분가능합니다.",
    ),
    "joins_smooth": (
        "매끄러운 이음매",
        "{points}에서는 좌우 미분계수가 모두 {value}이므로 모든 곳에서 미분가능합니다 (2계 도함수는 "
        "그곳에서 끊깁니다).",
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
    "summary numeric": (
        "모든 단계가 성립합니다. '수치로 확인' 단계는 모든 표본점에서 일치했지만 SymPy가 제한 시간 "
        "안에 증명하지 못했습니다."
    ),
    "summary failed": "검증 실패: '실패' 단계를 확인하세요.",
    "summary not checked": "검증하지 않았습니다 (--no-verify).",
    "at points": "{n}개 점에서 일치",
}
