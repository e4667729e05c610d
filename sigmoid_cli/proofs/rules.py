"""The rule catalog: rule id → its name and explanation in English, Japanese and Korean.

Ids are what JSON consumers read; the texts are for people, written the way a patient
teacher talks a student through the step. ``{name}`` is a parameter of the step (a form,
shown in the output's own notation) and ``{x}`` the variable; a part between ⟦ and ⟧ is
shown only when every parameter it names is there. The general statement of a rule, shown
with it, is in formulas.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Text = dict[str, str]


@dataclass(frozen=True)
class Rule:
    name: Text
    text: Text


def _r(name_en: str, name_ja: str, name_ko: str, en: str, ja: str, ko: str) -> Rule:
    return Rule({"en": name_en, "ja": name_ja, "ko": name_ko}, {"en": en, "ja": ja, "ko": ko})


RULES: dict[str, Rule] = {
    # --- the general engine ------------------------------------------------------------------------
    "constant_rule": _r(
        "Constant rule",
        "定数の微分",
        "상수의 미분",
        "{part} = 0: the expression does not contain {x}, so it does not change when {x} changes.",
        "{part} = 0 です。{x} を含まない式は、{x} を動かしても変わらないので、微分すると 0 になります。",
        "{part} = 0 입니다. {x}가 들어 있지 않은 식은 {x}가 변해도 변하지 않으므로 미분하면 0이 됩니다.",
    ),
    "variable_rule": _r(
        "Derivative of the variable",
        "変数の微分",
        "변수의 미분",
        "{part} = 1: {x} grows exactly as fast as itself (the line y = {x} has slope 1).",
        "{part} = 1 です。y = {x} のグラフは傾き 1 の直線なので、微分すると 1 になります。",
        "{part} = 1 입니다. y = {x}의 그래프는 기울기가 1인 직선이므로 미분하면 1이 됩니다.",
    ),
    "linear_rule": _r(
        "Slope of a straight line",
        "直線の傾き",
        "직선의 기울기",
        "{part} = {value}: a constant times {x} is a straight line, and its derivative is its slope.",
        "{part} = {value} です。定数 × {x} は直線なので、微分するとその傾きになります。",
        "{part} = {value} 입니다. 상수 × {x}는 직선이므로 미분하면 그 기울기가 됩니다.",
    ),
    "negation_rule": _r(
        "Minus sign out front",
        "マイナスを外に出す",
        "부호를 밖으로",
        "A minus sign is a factor of −1, and a constant factor may be taken out of the derivative: "
        "{formula}.",
        "マイナスは −1 を掛けることと同じです。定数倍は微分の外に出せるので {formula} となります。",
        "마이너스 부호는 −1을 곱한 것과 같습니다. 상수배는 미분 밖으로 꺼낼 수 있으므로 {formula} 입니다.",
    ),
    "sum_rule": _r(
        "Sum rule",
        "和の微分",
        "합의 미분법",
        "The derivative of a sum is the sum of the derivatives, term by term: {formula}.",
        "和の微分は、項ごとに微分して足せばよいのでしたね:{formula}。",
        "합의 미분은 각 항을 따로 미분해서 더하면 됩니다: {formula}.",
    ),
    "constant_multiple": _r(
        "Constant multiple rule",
        "定数倍の微分",
        "상수배의 미분법",
        "The factor {c} does not contain {x}; a constant factor stays outside the derivative: {formula}.",
        "{c} は {x} を含まない定数です。定数倍はそのまま外に出して、残りだけを微分します:{formula}。",
        "{c}는 {x}를 포함하지 않는 상수입니다. 상수배는 그대로 밖에 두고 나머지만 미분합니다: {formula}.",
    ),
    "constant_divisor": _r(
        "Constant divisor",
        "定数で割った式の微分",
        "상수로 나눈 식의 미분",
        "Dividing by the constant {c} is multiplying by 1/{c}, a constant factor: {formula}.",
        "定数 {c} で割ることは 1/{c} を掛けることなので、定数倍の微分と同じです:{formula}。",
        "상수 {c}로 나누는 것은 1/{c}를 곱하는 것이므로 상수배의 미분과 같습니다: {formula}.",
    ),
    "product_rule": _r(
        "Product rule",
        "積の微分",
        "곱의 미분법",
        "Product rule: differentiate one factor at a time, keep the others as they are, and add: {formula}.",
        "積の微分です。一つずつ因数を微分し、ほかはそのままにして、全部足します:{formula}。",
        "곱의 미분법입니다. 인수를 하나씩 미분하고 나머지는 그대로 둔 뒤 모두 더합니다: {formula}.",
    ),
    "quotient_rule": _r(
        "Quotient rule",
        "商の微分",
        "몫의 미분법",
        "Quotient rule with numerator {u} and denominator {v}: {formula}.",
        "分子を {u}、分母を {v} として商の微分の公式を使います:{formula}。",
        "분자를 {u}, 분모를 {v}로 두고 몫의 미분법을 씁니다: {formula}.",
    ),
    "reciprocal_rule": _r(
        "Reciprocal rule",
        "逆数の微分",
        "역수의 미분법",
        "The numerator {c} is a constant, so the quotient rule shortens to {formula}.",
        "分子 {c} は定数なので、商の微分は短くなって {formula} となります。",
        "분자 {c}가 상수이므로 몫의 미분법이 간단해져 {formula}가 됩니다.",
    ),
    "power_rule": _r(
        "Power rule",
        "べき乗の微分",
        "거듭제곱의 미분법",
        "Power rule {formula}: bring the exponent {n} down in front and lower it by one, so {part} = "
        "{value}.",
        "べき乗の微分 {formula} です。指数 {n} を前に出して、指数を 1 減らします。よって {part} = "
        "{value} です。",
        "거듭제곱의 미분법 {formula}입니다. 지수 {n}을 앞으로 내리고 지수를 1 줄이면 {part} = {value} "
        "입니다.",
    ),
    "chain_rule": _r(
        "Chain rule",
        "合成関数の微分",
        "연쇄법칙 (합성함수의 미분)",
        "Chain rule: the outer function is {outer} with {u} = {inner}. Differentiate the outside as if {u} "
        "were the variable, giving {outer_derivative}, then multiply by the derivative of the inside."
        "⟦ That is where the factor {inner_derivative} comes from (worked out below).⟧"
        "⟦ This holds where {corner} ≠ 0; at {corner} = 0 this rule does not apply.⟧",
        "合成関数の微分です。外側の関数は {outer}、内側は {u} = {inner} です。まず {u} を変数だと思って外側を"
        "微分すると {outer_derivative} になり、それに内側の微分を掛けます。"
        "⟦どこから {inner_derivative} "
        "が出てきたのかを意識すると分かりやすいですね(内側の微分は下に示します)。⟧"
        "⟦ただし、これは {corner} ≠ 0 のときです。{corner} = 0 ではこの公式は使えません。⟧",
        "연쇄법칙입니다. 바깥 함수는 {outer}, 안쪽은 {u} = {inner} 입니다. 먼저 {u}를 변수로 보고 바깥을 "
        "미분하면 {outer_derivative}가 되고, 여기에 안쪽의 도함수를 곱합니다."
        "⟦ 곱해진 {inner_derivative}가 바로 안쪽을 미분한 결과입니다 (아래에 계산해 두었습니다).⟧"
        "⟦ 단, 이는 {corner} ≠ 0일 때입니다. {corner} = 0에서는 이 공식을 쓸 수 없습니다.⟧",
    ),
    "exponential_rule": _r(
        "Exponential rule",
        "指数関数の微分",
        "지수함수의 미분",
        "{formula}: an exponential with the constant base {a} is its own derivative up to the factor "
        "log({a}).",
        "{formula} です。底が定数 {a} の指数関数は、微分すると自分自身に log({a}) が掛かるだけです。",
        "{formula} 입니다. 밑이 상수 {a}인 지수함수는 미분하면 자기 자신에 log({a})가 곱해질 뿐입니다.",
    ),
    "logarithmic_differentiation": _r(
        "Logarithmic differentiation",
        "対数微分法",
        "로그 미분법",
        "Both the base {u} and the exponent {v} depend on {x}. Write the power as e^({v}·log({u})) and "
        "use the "
        "chain and product rules: {formula}.",
        "底 {u} も指数 {v} も {x} を含むので、e^({v}·log({u})) と書き直して、"
        "合成関数と積の微分を使います:{formula}。",
        "밑 {u}와 지수 {v}가 모두 {x}를 포함하므로 e^({v}·log({u}))로 바꾼 뒤 연쇄법칙과 곱의 미분법을 "
        "씁니다: {formula}.",
    ),
    "known_derivative": _r(
        "Known derivative",
        "基本的な導関数",
        "기본 도함수",
        "From the table of derivatives: {part} = {value}."
        "⟦ This holds for {corner} ≠ 0; at {corner} = 0 there is no derivative.⟧",
        "覚えておきたい基本の導関数です:{part} = {value}。"
        "⟦ただし、これは {corner} ≠ 0 のときです。{corner} = 0 では微分できません。⟧",
        "외워 두면 좋은 기본 도함수입니다: {part} = {value}."
        "⟦ 단, 이는 {corner} ≠ 0일 때입니다. {corner} = 0에서는 미분할 수 없습니다.⟧",
    ),
    "fundamental_theorem": _r(
        "Fundamental theorem of calculus",
        "微分積分学の基本定理",
        "미적분학의 기본정리",
        "Differentiating an integral with respect to its upper limit gives back the integrand at that "
        "limit: {part} = {value}.",
        "上端が {x} の積分を {x} で微分すると、被積分関数に {x} を代入したものに戻ります:{part} = {value}。",
        "위끝이 {x}인 적분을 {x}로 미분하면 피적분함수에 {x}를 넣은 값이 됩니다: {part} = {value}.",
    ),
    "derivative_of_part": _r(
        "Derivative of a part",
        "途中の微分を計算する",
        "남은 미분 계산하기",
        "Work out {part} on the side (sub-steps below) and put the result {value} in its place.",
        "{part} を別に計算し(計算は下に示します)、その結果 {value} を元の場所に入れます。",
        "{part}를 따로 계산하고 (계산은 아래에 있습니다), 그 결과 {value}를 제자리에 넣습니다.",
    ),
    "tidy": _r(
        "Tidy up",
        "式の整理",
        "식 정리",
        "Tidy up: drop terms that are 0 and factors that are 1, multiply the plain numbers and collect "
        "the signs.",
        "式を整理します。0 の項と 1 の因数を消し、数どうしを掛け合わせ、符号をまとめます。",
        "식을 정리합니다. 0인 항과 1인 인수를 지우고, 숫자끼리 곱하고, 부호를 모읍니다.",
    ),
    "collect_terms": _r(
        "Collect terms",
        "同類項をまとめる",
        "동류항 정리",
        "Collect like terms and equal factors, and write the expression more compactly.",
        "同類項や同じ因数をまとめて、式をすっきりさせます。",
        "같은 항과 같은 인수를 모아서 식을 간단하게 씁니다.",
    ),
    "combine_fractions": _r(
        "Combine into one fraction",
        "通分してまとめる",
        "통분하여 하나의 분수로",
        "Bring everything over a common denominator and cancel what the numerator and denominator share.",
        "通分して一つの分数にまとめ、分子と分母の共通因数を約分します。",
        "통분하여 하나의 분수로 만들고, 분자와 분모의 공통인수를 약분합니다.",
    ),
    "factor": _r(
        "Factor",
        "因数分解",
        "인수분해",
        "Take out common factors (factorise).",
        "共通因数をくくり出して因数分解します。",
        "공통인수를 묶어 내어 인수분해합니다.",
    ),
    "expand": _r(
        "Expand",
        "展開",
        "전개",
        "Multiply out the brackets.",
        "かっこを外して展開します。",
        "괄호를 풀어 전개합니다.",
    ),
    "simplify": _r(
        "Simplify",
        "簡単にする",
        "간단히 하기",
        "Simplify algebraically; the check below confirms the new form equals the old one.",
        "代数的に簡単にします。下の検証で、前の式と等しいことを確かめています。",
        "대수적으로 간단히 합니다. 아래 검증에서 앞의 식과 같음을 확인합니다.",
    ),
    "to_exp_form": _r(
        "Write σ with exp",
        "σ を exp で書き直す",
        "σ를 exp로 나타내기",
        "Write every σ(u) as 1/(1 + e^(−u)) and simplify, to state the result with the exponential "
        "function only.",
        "σ(u) をすべて 1/(1 + e^(−u)) に戻して整理し、指数関数だけで結果を表します。",
        "모든 σ(u)를 1/(1 + e^(−u))로 바꾸고 정리하여 결과를 지수함수만으로 나타냅니다.",
    ),
    "to_sigma_form": _r(
        "State in σ",
        "σ で表す",
        "σ로 나타내기",
        "Write the exponentials through σ: with s = σ(u) we have e^u = s/(1 − s), and the result becomes a "
        "short expression in σ.",
        "指数関数を σ で書き換えます。s = σ(u) とおくと e^u = s/(1 − s) なので、結果は σ "
        "の短い式になります。",
        "지수함수를 σ로 바꿔 씁니다. s = σ(u)라 두면 e^u = s/(1 − s)이므로 결과가 σ의 짧은 식이 됩니다.",
    ),
    # --- σ' = σ(1 − σ) in ten steps ---------------------------------------------------------------
    "definition_sigma": _r(
        "Definition of σ",
        "σ の定義",
        "σ의 정의",
        "The sigmoid function is defined as σ({x}) = 1/(1 + e^(−{x})). We differentiate that expression.",
        "シグモイド関数の定義 σ({x}) = 1/(1 + e^(−{x})) をそのまま書きます。これを微分していきましょう。",
        "시그모이드 함수의 정의 σ({x}) = 1/(1 + e^(−{x}))를 그대로 씁니다. 이 식을 미분해 봅시다.",
    ),
    "rewrite_as_power": _r(
        "Rewrite as a power",
        "累乗の形に書き換える",
        "거듭제곱 꼴로 바꾸기",
        "One over something is that something to the power −1: 1/u = u^(−1). In this form the power rule "
        "applies.",
        "1/u = u^(−1) と書き換えます。この形にすると、"
        "べき乗の微分が使えて一気に微分できそうな気がしてきますね。",
        "1/u = u^(−1)로 바꿔 씁니다. 이렇게 쓰면 거듭제곱의 미분법을 바로 쓸 수 있습니다.",
    ),
    "cancel_signs": _r(
        "Cancel the signs",
        "マイナスを消す",
        "부호 정리",
        "Two minus signs multiply to a plus: −a·(−b) = a·b.",
        "マイナスとマイナスを掛けるとプラスになるので、二つのマイナスを消します:−a·(−b) = a·b。",
        "마이너스끼리 곱하면 플러스이므로 두 부호를 지웁니다: −a·(−b) = a·b.",
    ),
    "negative_power_as_fraction": _r(
        "Write as a fraction",
        "分数の形にする",
        "분수 꼴로 쓰기",
        "A negative power moves to the denominator: u^(−2)·v = v/u^2.",
        "負の指数は分母に移せます:u^(−2)·v = v/u^2。分数の形にしましょう。",
        "음의 지수는 분모로 옮길 수 있습니다: u^(−2)·v = v/u^2.",
    ),
    "split_fraction_product": _r(
        "Split into a product",
        "積に分ける",
        "곱으로 나누기",
        "Split the square in the denominator into two factors: v/u^2 = (1/u)·(v/u). "
        "The first factor is σ itself, and we want to find σ inside the derivative.",
        "分母の 2 乗を二つに分けます:v/u^2 = (1/u)·(v/u)。ここから元の関数 σ を取り出していきます。",
        "분모의 제곱을 두 인수로 나눕니다: v/u^2 = (1/u)·(v/u). 여기서 원래 함수 σ를 꺼내 봅시다.",
    ),
    "substitute_sigma": _r(
        "Substitute σ",
        "σ に置き換える",
        "σ로 바꾸기",
        "By the definition, {pattern} = {sigma}: replace it by σ.",
        "定義より {pattern} = {sigma} なので、σ に置き換えます。",
        "정의에 의해 {pattern} = {sigma}이므로 σ로 바꿉니다.",
    ),
    "add_subtract_one": _r(
        "Add and subtract 1",
        "1 を足して引く",
        "1을 더하고 빼기",
        "To find another σ, write the numerator {part} as ({whole}) − 1: adding 1 and taking it away "
        "changes nothing.",
        "もう一つ σ を取り出すために、分子 {part} を ({whole}) − 1 と書きます。1 "
        "を足して引いただけなので値は変わりません。",
        "σ를 하나 더 꺼내기 위해 분자 {part}를 ({whole}) − 1로 씁니다. 1을 더하고 뺐을 뿐이므로 값은 "
        "같습니다.",
    ),
    "split_fraction": _r(
        "Split the fraction",
        "分数を分ける",
        "분수 나누기",
        "Divide each part of the numerator by the denominator: (u − 1)/u = 1 − 1/u with u = {whole}.",
        "分子の各項を分母で割って、分かりやすく書き直します:u = {whole} として (u − 1)/u = 1 − 1/u。",
        "분자의 각 항을 분모로 나누어 알아보기 쉽게 씁니다: u = {whole}일 때 (u − 1)/u = 1 − 1/u.",
    ),
    # --- log σ and log(1 − σ) -----------------------------------------------------------------------
    "chain_rule_through_sigma": _r(
        "Chain rule through σ",
        "σ を経由した合成関数の微分",
        "σ를 거치는 연쇄법칙",
        "Put y = {outer} with {u} = {inner}, which depends on {x}: dy/d{x} = dy/d{u} · d{u}/d{x}, and "
        "dy/d{u} = 1/{u} because the derivative of log is one over its argument.",
        "y = {outer}、{u} = {inner} とおきます。{u} は {x} の関数なので dy/d{x} = dy/d{u} · d{u}/d{x} "
        "です。log の微分は 1/(中身) なので dy/d{u} = 1/{u} です。",
        "y = {outer}, {u} = {inner}로 둡니다. {u}가 {x}의 함수이므로 dy/d{x} = dy/d{u} · d{u}/d{x} 이고, "
        "log의 도함수는 1/(안쪽)이므로 dy/d{u} = 1/{u} 입니다.",
    ),
    "use_lemma": _r(
        "Use a proven result",
        "既に示した結果を使う",
        "이미 증명한 결과 사용",
        "We already showed {lhs} = {lemma} (see the lemma above); put it in.",
        "{lhs} = {lemma} はすでに示しました(上の補題)。これを代入します。",
        "{lhs} = {lemma}는 이미 보였습니다 (위의 보조정리). 이를 대입합니다.",
    ),
    "reciprocal_sigma": _r(
        "Reciprocal of σ",
        "σ の逆数",
        "σ의 역수",
        "Since {sigma} = 1/({whole}), its reciprocal is 1/σ = {whole}.",
        "{sigma} = 1/({whole}) なので、その逆数は 1/σ = {whole} です。",
        "{sigma} = 1/({whole})이므로 그 역수는 1/σ = {whole} 입니다.",
    ),
    "cancel_common_factor": _r(
        "Cancel a common factor",
        "約分",
        "약분",
        "The factor {factor} appears in the numerator and in the denominator: cancel it.",
        "分子と分母に共通する {factor} を約分します。",
        "분자와 분모에 공통으로 있는 {factor}를 약분합니다.",
    ),
    "complement_as_fraction": _r(
        "1 − σ as a fraction",
        "1 − σ を分数で表す",
        "1 − σ를 분수로",
        "1 − 1/u = (u − 1)/u with u = {whole}, so 1 − σ = e^(−{x})/(1 + e^(−{x})): the model of the "
        "other outcome.",
        "u = {whole} とすると 1 − 1/u = (u − 1)/u なので、1 − σ = e^(−{x})/(1 + e^(−{x})) です。"
        "もう一方の出力を予測するモデルですね。",
        "u = {whole}일 때 1 − 1/u = (u − 1)/u 이므로 1 − σ = e^(−{x})/(1 + e^(−{x})) 입니다. 다른 쪽 "
        "출력을 예측하는 모델입니다.",
    ),
    "fraction_as_product": _r(
        "Fraction as a product",
        "分数を積として見る",
        "분수를 곱으로 보기",
        "Read the fraction as a product a/b = a·(1/b), so that the product rule applies.",
        "分数 a/b を積 a·(1/b) と見ます。こうすると積の微分が使えます。",
        "분수 a/b를 곱 a·(1/b)로 봅니다. 그러면 곱의 미분법을 쓸 수 있습니다.",
    ),
    "common_denominator": _r(
        "Common denominator",
        "通分",
        "통분",
        "Bring both terms over the common denominator {den}.",
        "二つの項を共通の分母 {den} で通分します。",
        "두 항을 공통분모 {den}로 통분합니다.",
    ),
    "cancel_terms": _r(
        "Cancel opposite terms",
        "打ち消し合う項を消す",
        "서로 상쇄되는 항 지우기",
        "{term} appears once with + and once with −: the two cancel.",
        "{term} がプラスとマイナスで一つずつあるので、打ち消し合って消えます。",
        "{term}가 플러스와 마이너스로 한 번씩 있으므로 서로 상쇄되어 사라집니다.",
    ),
    "substitute_complement": _r(
        "Substitute 1 − σ",
        "1 − σ に置き換える",
        "1 − σ로 바꾸기",
        "As in the main derivation, {pattern} = {complement}.",
        "σ' の導出で見たとおり {pattern} = {complement} です。",
        "σ'의 유도에서 본 것처럼 {pattern} = {complement} 입니다.",
    ),
    "reciprocal_complement": _r(
        "Reciprocal of 1 − σ",
        "1 − σ の逆数",
        "1 − σ의 역수",
        "Since {complement} = e^(−{x})/(1 + e^(−{x})), its reciprocal is {value}.",
        "{complement} = e^(−{x})/(1 + e^(−{x})) なので、その逆数は {value} です。",
        "{complement} = e^(−{x})/(1 + e^(−{x}))이므로 그 역수는 {value} 입니다.",
    ),
    # --- higher orders -----------------------------------------------------------------------------
    "previous_order": _r(
        "Differentiate the previous order",
        "一つ前の導関数を微分する",
        "이전 도함수를 미분",
        "The next derivative is the derivative of the previous one, which we know as a polynomial in σ: "
        "{previous}.",
        "次の導関数は一つ前の導関数の微分です。一つ前は σ の多項式 {previous} でしたね。",
        "다음 도함수는 이전 도함수의 미분입니다. 이전 도함수는 σ의 다항식 {previous} 였습니다.",
    ),
    "expand_polynomial": _r(
        "Expand the polynomial in σ",
        "σ の多項式として展開",
        "σ의 다항식으로 전개",
        "Multiply out, to see the polynomial in σ term by term.",
        "かっこを外して、σ の多項式として項ごとに見えるようにします。",
        "괄호를 풀어 σ의 다항식을 항별로 봅니다.",
    ),
    "chain_rule_sigma": _r(
        "Chain rule for a polynomial in σ",
        "σ の多項式の合成関数の微分",
        "σ 다항식의 연쇄법칙",
        "Treat σ as the inner function: d/d{x} P(σ) = P'(σ)·dσ/d{x}, and P'(σ) = {outer_derivative} by "
        "the power rule.",
        "σ を内側の関数と見ると d/d{x} P(σ) = P'(σ)·dσ/d{x} です。べき乗の微分で P'(σ) = "
        "{outer_derivative} となります。",
        "σ를 안쪽 함수로 보면 d/d{x} P(σ) = P'(σ)·dσ/d{x} 이고, 거듭제곱의 미분법으로 P'(σ) = "
        "{outer_derivative} 입니다.",
    ),
    "factor_polynomial": _r(
        "Factor",
        "因数分解",
        "인수분해",
        "Expand and factor again: σ(1 − σ) divides every derivative of σ.",
        "展開してから因数分解し直します。σ の導関数にはいつも σ(1 − σ) が因数として現れます。",
        "전개한 뒤 다시 인수분해합니다. σ의 도함수에는 항상 σ(1 − σ)가 인수로 들어 있습니다.",
    ),
    "order_k": _r(
        "Derivative of order {k}",
        "{k} 階導関数",
        "{k}계 도함수",
        "Differentiate the result of the previous order once more (sub-steps below).",
        "一つ前の結果をもう一度微分します(計算は下に示します)。",
        "이전 결과를 한 번 더 미분합니다 (아래 세부 단계).",
    ),
    # --- the family --------------------------------------------------------------------------------
    "definition": _r(
        "Definition",
        "定義",
        "정의",
        "By definition {name} = {formula}; we differentiate that expression.",
        "定義より {name} = {formula} です。この式を微分していきます。",
        "정의에 의해 {name} = {formula} 입니다. 이 식을 미분합니다.",
    ),
    "write_as_squares": _r(
        "Write as squares",
        "2 乗の形で書く",
        "제곱 꼴로 쓰기",
        "A factor times itself is its square.",
        "同じものを掛けたものは 2 乗で書けます。",
        "같은 것을 곱한 것은 제곱으로 씁니다.",
    ),
    "substitute_definition": _r(
        "Use the definition again",
        "定義に戻す",
        "정의로 되돌리기",
        "{pattern} = {name} by definition, so the square of the ratio is the square of {name}.",
        "定義より {pattern} = {name} なので、比の 2 乗は {name} の 2 乗です。",
        "정의에 의해 {pattern} = {name}이므로 비의 제곱은 {name}의 제곱입니다.",
    ),
    "inverse_function_rule": _r(
        "Inverse function rule",
        "逆関数の微分",
        "역함수의 미분법",
        "Put {y} = atan({x}), so {x} = {function}. Then d{y}/d{x} = 1/(d{x}/d{y}), and d{x}/d{y} = "
        "{derivative}.",
        "{y} = atan({x}) とおくと {x} = {function} です。逆関数の微分より d{y}/d{x} = 1/(d{x}/d{y}) で、"
        "d{x}/d{y} = {derivative} です。",
        "{y} = atan({x})로 두면 {x} = {function} 입니다. 역함수의 미분법에 의해 d{y}/d{x} = "
        "1/(d{x}/d{y}) 이고 d{x}/d{y} = {derivative} 입니다.",
    ),
    "inverse_cancels": _r(
        "A function and its inverse cancel",
        "関数と逆関数が打ち消し合う",
        "함수와 역함수의 상쇄",
        "tan undoes atan: {pattern} = {value}.",
        "tan と atan は打ち消し合うので {pattern} = {value} です。",
        "tan과 atan은 서로 상쇄되므로 {pattern} = {value} 입니다.",
    ),
    "multiply_by_cosh_squared": _r(
        "Multiply top and bottom by cosh²",
        "分母分子に cosh² を掛ける",
        "분자와 분모에 cosh²를 곱하기",
        "Multiply numerator and denominator by {factor}: tanh·cosh = sinh.",
        "分子と分母に {factor} を掛けます。tanh·cosh = sinh ですね。",
        "분자와 분모에 {factor}를 곱합니다. tanh·cosh = sinh 입니다.",
    ),
    "hyperbolic_identities": _r(
        "Hyperbolic identities",
        "双曲線関数の恒等式",
        "쌍곡선함수 항등식",
        "cosh²u − sinh²u = 1 and cosh²u + sinh²u = cosh(2u), with u = {u}.",
        "u = {u} として、cosh²u − sinh²u = 1 と cosh²u + sinh²u = cosh(2u) を使います。",
        "u = {u}일 때 cosh²u − sinh²u = 1 과 cosh²u + sinh²u = cosh(2u)를 씁니다.",
    ),
    "definition_sech": _r(
        "Definition of sech",
        "sech の定義",
        "sech의 정의",
        "sech is one over cosh.",
        "sech は cosh の逆数です。",
        "sech는 cosh의 역수입니다.",
    ),
    "combine_powers": _r(
        "Combine powers",
        "指数法則でまとめる",
        "지수법칙으로 합치기",
        "√u = u^(1/2), so u·√u = u^(3/2), and one over it is u^(−3/2), with u = {base}.",
        "u = {base} として、√u = u^(1/2) より u·√u = u^(3/2)、その逆数は u^(−3/2) です。",
        "u = {base}일 때 √u = u^(1/2)이므로 u·√u = u^(3/2)이고, 그 역수는 u^(−3/2) 입니다.",
    ),
    "sign_times_x": _r(
        "x·sign(x) = |x|",
        "x·sign(x) = |x|",
        "x·sign(x) = |x|",
        "For {x} > 0 sign is 1 and for {x} < 0 it is −1, so {x}·sign({x}) = |{x}| either way.",
        "{x} > 0 なら sign は 1、{x} < 0 なら −1 なので、どちらでも {x}·sign({x}) = |{x}| です。",
        "{x} > 0이면 sign은 1, {x} < 0이면 −1이므로 어느 쪽이든 {x}·sign({x}) = |{x}| 입니다.",
    ),
    "differentiate_pieces": _r(
        "Differentiate piece by piece",
        "区間ごとに微分する",
        "구간별로 미분",
        "Inside each of the {count} open intervals the function is a single smooth formula: "
        "differentiate each one there.",
        "{count} 個の開区間それぞれの内側では、関数は一つのなめらかな式なので、区間ごとに微分します。",
        "{count}개의 열린 구간 각각의 안쪽에서는 함수가 하나의 매끄러운 식이므로 구간별로 미분합니다.",
    ),
    "derivative_of_each_piece": _r(
        "Derivative of each piece",
        "各区間の導関数",
        "각 구간의 도함수",
        "The derivative of each piece (sub-steps below).",
        "各区間の式を微分します(計算は下に示します)。",
        "각 구간의 식을 미분합니다 (아래 세부 단계).",
    ),
    "close_the_joins": _r(
        "The joins",
        "つなぎ目",
        "이음매",
        "At {points} the derivatives from the left and from the right are both 0, so the function is "
        "differentiable there too and the middle formula holds on the closed interval.",
        "{points} では左からの微分係数も右からの微分係数も 0 で一致するので、そこでも微分可能です。"
        "真ん中の式は閉区間で成り立ちます。",
        "{points}에서는 왼쪽과 오른쪽 미분계수가 모두 0으로 같으므로 그곳에서도 미분가능하고, 가운데 "
        "식은 닫힌 구간에서 성립합니다.",
    ),
    # --- lemmas and notes ----------------------------------------------------------------------------
    "lemma_sigma_prime_exp": _r(
        "σ' in exp (steps 1–5)",
        "exp で書いた σ'(ステップ 1〜5)",
        "exp로 쓴 σ' (1~5단계)",
        "",
        "",
        "",
    ),
    "lemma_sigma_prime": _r(
        "σ' = σ(1 − σ)",
        "σ' = σ(1 − σ)",
        "σ' = σ(1 − σ)",
        "",
        "",
        "",
    ),
    "lemma_complement_prime_exp": _r(
        "The derivative of 1 − σ",
        "1 − σ の導関数",
        "1 − σ의 도함수",
        "",
        "",
        "",
    ),
    "lemma_first_derivative": _r(
        "The first derivative",
        "1 階導関数",
        "1계 도함수",
        "",
        "",
        "",
    ),
    "corners": _r(
        "Corners",
        "角",
        "꺾이는 점",
        "At {points} the slope jumps from {left} to {right} (or back): the one-sided derivatives differ, "
        "so the "
        "function is not differentiable at those two points.",
        "{points} では傾きが {left} と {right} の間で跳ぶので、左右の微分係数が一致せず、その 2 "
        "点では微分できません。",
        "{points}에서는 기울기가 {left}와 {right} 사이에서 바뀌므로 좌우 미분계수가 달라 그 두 점에서는 "
        "미분할 수 없습니다.",
    ),
    "softsign_at_zero": _r(
        "At zero",
        "0 での微分",
        "0에서의 미분",
        "The rule d|{x}|/d{x} = sign({x}) holds for {x} ≠ 0. At {x} = 0 the difference quotient "
        "(h/(1 + |h|))/h = 1/(1 + |h|) tends to 1, which is the formula's value there: softsign is "
        "differentiable everywhere.",
        "d|{x}|/d{x} = sign({x}) は {x} ≠ 0 で成り立つ規則です。{x} = 0 では差分商 (h/(1 + |h|))/h = "
        "1/(1 + |h|) が "
        "1 に近づき、公式の値と一致するので、softsign はいたるところで微分可能です。",
        "d|{x}|/d{x} = sign({x})는 {x} ≠ 0일 때 성립하는 규칙입니다. {x} = 0에서는 차분몫 (h/(1 + |h|))/h = "
        "1/(1 + |h|)가 1로 가까워지고 이는 공식의 값과 같으므로, softsign은 모든 곳에서 미분가능합니다.",
    ),
    "joins_smooth": _r(
        "Smooth joins",
        "なめらかなつなぎ目",
        "매끄러운 이음매",
        "At {points} both one-sided derivatives are {value}: the function is differentiable everywhere "
        "(its second derivative jumps there).",
        "{points} では左右の微分係数がどちらも {value} なので、いたるところで微分可能です(2 "
        "階導関数はそこで跳びます)。",
        "{points}에서는 좌우 미분계수가 모두 {value}이므로 모든 곳에서 미분가능합니다 (2계 도함수는 "
        "그곳에서 끊깁니다).",
    ),
}

# Words the renderers use around the steps.
WORDS: dict[str, Text] = {
    "problem": {"en": "Problem", "ja": "問題", "ko": "문제"},
    "result": {"en": "Result", "ja": "結果", "ko": "결과"},
    "step": {"en": "Step", "ja": "ステップ", "ko": "단계"},
    "lemma": {"en": "Lemma", "ja": "補題", "ko": "보조정리"},
    "lemmas": {"en": "Lemmas used", "ja": "使う補題", "ko": "사용하는 보조정리"},
    "from": {"en": "proved by", "ja": "証明:", "ko": "증명:"},
    "rule": {"en": "rule", "ja": "規則", "ko": "규칙"},
    "note": {"en": "Note", "ja": "注意", "ko": "참고"},
    "proved": {"en": "proved", "ja": "証明済み", "ko": "증명됨"},
    "checked numerically": {"en": "checked numerically", "ja": "数値で確認", "ko": "수치로 확인"},
    "failed": {"en": "failed", "ja": "失敗", "ko": "실패"},
    "not checked": {"en": "not checked", "ja": "未検証", "ko": "검증 안 함"},
    "check": {
        "en": "Cross-check with an independent differentiation",
        "ja": "独立な微分との照合",
        "ko": "독립적인 미분과의 교차 검증",
    },
    "check failed": {
        "en": "Cross-check with an independent differentiation FAILED",
        "ja": "独立な微分との照合に失敗",
        "ko": "독립적인 미분과의 교차 검증 실패",
    },
    "summary proved": {
        "en": "Every step proved: SymPy reduces before − after to 0 (σ written out) and both agree "
        "numerically.",
        "ja": "すべてのステップを証明済み:各ステップの変形前と変形後の式の差が 0 になることを SymPy で示し"
        "(σ は定義の式に戻して計算)、数値でも一致を確かめました。",
        "ko": "모든 단계 증명됨: 각 단계에서 변형 전 식과 변형 후 식의 차가 0임을 SymPy로 보였고 "
        "(σ는 정의식으로 풀어서 계산), 수치로도 일치함을 확인했습니다.",
    },
    "summary numeric": {
        "en": "Every step holds; steps marked 'checked numerically' agree at every sample point but SymPy "
        "could not prove them within its time budget.",
        "ja": "すべてのステップが成り立ちます。「数値で確認」のステップは全標本点で一致しましたが、SymPy "
        "は時間内に証明できませんでした。",
        "ko": "모든 단계가 성립합니다. '수치로 확인' 단계는 모든 표본점에서 일치했지만 SymPy가 제한 시간 "
        "안에 증명하지 못했습니다.",
    },
    "summary failed": {
        "en": "Verification FAILED: see the steps marked 'failed'.",
        "ja": "検証に失敗しました:「失敗」のステップを見てください。",
        "ko": "검증 실패: '실패' 단계를 확인하세요.",
    },
    "summary not checked": {
        "en": "Not verified (--no-verify).",
        "ja": "検証していません(--no-verify)。",
        "ko": "검증하지 않았습니다 (--no-verify).",
    },
    "at points": {"en": "at {n} points", "ja": "{n} 点で一致", "ko": "{n}개 점에서 일치"},
}


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"⟦(.*?)⟧", re.DOTALL)


def template(rule: str, lang: str, which: str = "text") -> str:
    entry = RULES.get(rule)
    if entry is None:
        return rule
    texts = entry.text if which == "text" else entry.name
    return texts.get(lang) or texts["en"]


def fill(text: str, values: dict[str, str]) -> str:
    """Put rendered parameters into a template; drop optional parts whose parameters are missing."""

    def optional(match: re.Match[str]) -> str:
        inner = match.group(1)
        names = _PLACEHOLDER.findall(inner)
        return inner if all(name in values for name in names) else ""

    text = _OPTIONAL.sub(optional, text)
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def pieces(text: str) -> list[tuple[str, str]]:
    """A filled-in template split into ("text", ...) and ("param", name) pieces, for renderers
    that show text and mathematics differently."""
    result: list[tuple[str, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            result.append(("text", text[position : match.start()]))
        result.append(("param", match.group(1)))
        position = match.end()
    if position < len(text):
        result.append(("text", text[position:]))
    return result


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang) or WORDS[key]["en"]
