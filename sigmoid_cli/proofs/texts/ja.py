"""Japanese: every rule's name and explanation, and the words the renderers put around them.

A translation of en.py, key by key, with the same placeholders and optional parts.
"""

from __future__ import annotations

# rule id → (name, explanation); a lemma's title has no explanation.
RULES: dict[str, tuple[str, str]] = {
    # --- the general engine ------------------------------------------------------------------------
    "constant_rule": (
        "定数の微分",
        "{part} = 0 です。{x} を含まない式は、{x} を動かしても変わらないので、微分すると 0 になります。",
    ),
    "variable_rule": (
        "変数の微分",
        "{part} = 1 です。y = {x} のグラフは傾き 1 の直線なので、微分すると 1 になります。",
    ),
    "linear_rule": (
        "直線の傾き",
        "{part} = {value} です。定数 × {x} は直線なので、微分するとその傾きになります。",
    ),
    "negation_rule": (
        "マイナスを外に出す",
        "マイナスは −1 を掛けることと同じです。定数倍は微分の外に出せるので {formula} となります。",
    ),
    "sum_rule": (
        "和の微分",
        "和の微分は、項ごとに微分して足せばよいのでしたね:{formula}。",
    ),
    "constant_multiple": (
        "定数倍の微分",
        "{c} は {x} を含まない定数です。定数倍はそのまま外に出して、残りだけを微分します:{formula}。",
    ),
    "constant_divisor": (
        "定数で割った式の微分",
        "定数 {c} で割ることは 1/{c} を掛けることなので、定数倍の微分と同じです:{formula}。",
    ),
    "product_rule": (
        "積の微分",
        "積の微分です。一つずつ因数を微分し、ほかはそのままにして、全部足します:{formula}。",
    ),
    "quotient_rule": (
        "商の微分",
        "分子を {u}、分母を {v} として商の微分の公式を使います:{formula}。",
    ),
    "reciprocal_rule": (
        "逆数の微分",
        "分子 {c} は定数なので、商の微分は短くなって {formula} となります。",
    ),
    "power_rule": (
        "べき乗の微分",
        "べき乗の微分 {formula} です。指数 {n} を前に出して、指数を 1 減らします。よって {part} = "
        "{value} です。",
    ),
    "chain_rule": (
        "合成関数の微分",
        "合成関数の微分です。外側の関数は {outer}、内側は {u} = {inner} です。まず {u} を変数だと思って外側を"
        "微分すると {outer_derivative} になり、それに内側の微分を掛けます。"
        "⟦どこから {inner_derivative} "
        "が出てきたのかを意識すると分かりやすいですね(内側の微分は下に示します)。⟧"
        "⟦ただし、これは {corner} ≠ 0 のときです。{corner} = 0 ではこの公式は使えません。⟧",
    ),
    "exponential_rule": (
        "指数関数の微分",
        "{formula} です。底が定数 {a} の指数関数は、微分すると自分自身に log({a}) が掛かるだけです。",
    ),
    "logarithmic_differentiation": (
        "対数微分法",
        "底 {u} も指数 {v} も {x} を含むので、e^({v}·log({u})) と書き直して、"
        "合成関数と積の微分を使います:{formula}。",
    ),
    "known_derivative": (
        "基本的な導関数",
        "覚えておきたい基本の導関数です:{part} = {value}。"
        "⟦ただし、これは {corner} ≠ 0 のときです。{corner} = 0 では微分できません。⟧",
    ),
    "fundamental_theorem": (
        "微分積分学の基本定理",
        "上端が {x} の積分を {x} で微分すると、被積分関数に {x} を代入したものに戻ります:{part} = {value}。",
    ),
    "derivative_of_part": (
        "途中の微分を計算する",
        "{part} を別に計算し(計算は下に示します)、その結果 {value} を元の場所に入れます。",
    ),
    "tidy": (
        "式の整理",
        "式を整理します。0 の項と 1 の因数を消し、数どうしを掛け合わせ、符号をまとめます。",
    ),
    "collect_terms": (
        "同類項をまとめる",
        "同類項や同じ因数をまとめて、式をすっきりさせます。",
    ),
    "combine_fractions": (
        "通分してまとめる",
        "通分して一つの分数にまとめ、分子と分母の共通因数を約分します。",
    ),
    "factor": (
        "因数分解",
        "共通因数をくくり出して因数分解します。",
    ),
    "expand": (
        "展開",
        "かっこを外して展開します。",
    ),
    "simplify": (
        "簡単にする",
        "代数的に簡単にします。下の検証で、前の式と等しいことを確かめています。",
    ),
    "to_exp_form": (
        "σ を exp で書き直す",
        "σ(u) をすべて 1/(1 + e^(−u)) に戻して整理し、指数関数だけで結果を表します。",
    ),
    "to_sigma_form": (
        "σ で表す",
        "指数関数を σ で書き換えます。s = σ(u) とおくと e^u = s/(1 − s) なので、結果は σ "
        "の短い式になります。",
    ),
    # --- σ' = σ(1 − σ) in ten steps ---------------------------------------------------------------
    "definition_sigma": (
        "σ の定義",
        "シグモイド関数の定義 σ({x}) = 1/(1 + e^(−{x})) をそのまま書きます。これを微分していきましょう。",
    ),
    "rewrite_as_power": (
        "累乗の形に書き換える",
        "1/u = u^(−1) と書き換えます。この形にすると、"
        "べき乗の微分が使えて一気に微分できそうな気がしてきますね。",
    ),
    "cancel_signs": (
        "マイナスを消す",
        "マイナスとマイナスを掛けるとプラスになるので、二つのマイナスを消します:−a·(−b) = a·b。",
    ),
    "negative_power_as_fraction": (
        "分数の形にする",
        "負の指数は分母に移せます:u^(−2)·v = v/u^2。分数の形にしましょう。",
    ),
    "split_fraction_product": (
        "積に分ける",
        "分母の 2 乗を二つに分けます:v/u^2 = (1/u)·(v/u)。ここから元の関数 σ を取り出していきます。",
    ),
    "substitute_sigma": (
        "σ に置き換える",
        "定義より {pattern} = {sigma} なので、σ に置き換えます。",
    ),
    "add_subtract_one": (
        "1 を足して引く",
        "もう一つ σ を取り出すために、分子 {part} を ({whole}) − 1 と書きます。1 "
        "を足して引いただけなので値は変わりません。",
    ),
    "split_fraction": (
        "分数を分ける",
        "分子の各項を分母で割って、分かりやすく書き直します:u = {whole} として (u − 1)/u = 1 − 1/u。",
    ),
    # --- log σ and log(1 − σ) -----------------------------------------------------------------------
    "chain_rule_through_sigma": (
        "σ を経由した合成関数の微分",
        "y = {outer}、{u} = {inner} とおきます。{u} は {x} の関数なので dy/d{x} = dy/d{u} · d{u}/d{x} "
        "です。log の微分は 1/(中身) なので dy/d{u} = 1/{u} です。",
    ),
    "use_lemma": (
        "既に示した結果を使う",
        "{lhs} = {lemma} はすでに示しました(上の補題)。これを代入します。",
    ),
    "reciprocal_sigma": (
        "σ の逆数",
        "{sigma} = 1/({whole}) なので、その逆数は 1/σ = {whole} です。",
    ),
    "cancel_common_factor": (
        "約分",
        "分子と分母に共通する {factor} を約分します。",
    ),
    "complement_as_fraction": (
        "1 − σ を分数で表す",
        "u = {whole} とすると 1 − 1/u = (u − 1)/u なので、1 − σ = e^(−{x})/(1 + e^(−{x})) です。"
        "もう一方の出力を予測するモデルですね。",
    ),
    "fraction_as_product": (
        "分数を積として見る",
        "分数 a/b を積 a·(1/b) と見ます。こうすると積の微分が使えます。",
    ),
    "common_denominator": (
        "通分",
        "二つの項を共通の分母 {den} で通分します。",
    ),
    "cancel_terms": (
        "打ち消し合う項を消す",
        "{term} がプラスとマイナスで一つずつあるので、打ち消し合って消えます。",
    ),
    "substitute_complement": (
        "1 − σ に置き換える",
        "σ' の導出で見たとおり {pattern} = {complement} です。",
    ),
    "reciprocal_complement": (
        "1 − σ の逆数",
        "{complement} = e^(−{x})/(1 + e^(−{x})) なので、その逆数は {value} です。",
    ),
    # --- higher orders -----------------------------------------------------------------------------
    "previous_order": (
        "一つ前の導関数を微分する",
        "次の導関数は一つ前の導関数の微分です。一つ前は σ の多項式 {previous} でしたね。",
    ),
    "expand_polynomial": (
        "σ の多項式として展開",
        "かっこを外して、σ の多項式として項ごとに見えるようにします。",
    ),
    "chain_rule_sigma": (
        "σ の多項式の合成関数の微分",
        "σ を内側の関数と見ると d/d{x} P(σ) = P'(σ)·dσ/d{x} です。べき乗の微分で P'(σ) = "
        "{outer_derivative} となります。",
    ),
    "factor_polynomial": (
        "因数分解",
        "展開してから因数分解し直します。σ の導関数にはいつも σ(1 − σ) が因数として現れます。",
    ),
    "order_k": (
        "{k} 階導関数",
        "一つ前の結果をもう一度微分します(計算は下に示します)。",
    ),
    # --- the family --------------------------------------------------------------------------------
    "definition": (
        "定義",
        "定義より {name} = {formula} です。この式を微分していきます。",
    ),
    "write_as_squares": (
        "2 乗の形で書く",
        "同じものを掛けたものは 2 乗で書けます。",
    ),
    "substitute_definition": (
        "定義に戻す",
        "定義より {pattern} = {name} なので、比の 2 乗は {name} の 2 乗です。",
    ),
    "inverse_function_rule": (
        "逆関数の微分",
        "{y} = atan({x}) とおくと {x} = {function} です。逆関数の微分より d{y}/d{x} = 1/(d{x}/d{y}) で、"
        "d{x}/d{y} = {derivative} です。",
    ),
    "inverse_cancels": (
        "関数と逆関数が打ち消し合う",
        "tan と atan は打ち消し合うので {pattern} = {value} です。",
    ),
    "multiply_by_cosh_squared": (
        "分母分子に cosh² を掛ける",
        "分子と分母に {factor} を掛けます。tanh·cosh = sinh ですね。",
    ),
    "hyperbolic_identities": (
        "双曲線関数の恒等式",
        "u = {u} として、cosh²u − sinh²u = 1 と cosh²u + sinh²u = cosh(2u) を使います。",
    ),
    "definition_sech": (
        "sech の定義",
        "sech は cosh の逆数です。",
    ),
    "combine_powers": (
        "指数法則でまとめる",
        "u = {base} として、√u = u^(1/2) より u·√u = u^(3/2)、その逆数は u^(−3/2) です。",
    ),
    "sign_times_x": (
        "x·sign(x) = |x|",
        "{x} > 0 なら sign は 1、{x} < 0 なら −1 なので、どちらでも {x}·sign({x}) = |{x}| です。",
    ),
    "differentiate_pieces": (
        "区間ごとに微分する",
        "{count} 個の開区間それぞれの内側では、関数は一つのなめらかな式なので、区間ごとに微分します。",
    ),
    "derivative_of_each_piece": (
        "各区間の導関数",
        "各区間の式を微分します(計算は下に示します)。",
    ),
    "close_the_joins": (
        "つなぎ目",
        "{points} では左からの微分係数も右からの微分係数も 0 で一致するので、そこでも微分可能です。"
        "真ん中の式は閉区間で成り立ちます。",
    ),
    # --- lemmas and notes ----------------------------------------------------------------------------
    "lemma_sigma_prime_exp": (
        "exp で書いた σ'(ステップ 1〜5)",
        "",
    ),
    "lemma_sigma_prime": (
        "σ' = σ(1 − σ)",
        "",
    ),
    "lemma_complement_prime_exp": (
        "1 − σ の導関数",
        "",
    ),
    "lemma_first_derivative": (
        "1 階導関数",
        "",
    ),
    "corners": (
        "角",
        "{points} では傾きが {left} と {right} の間で跳ぶので、左右の微分係数が一致せず、その 2 "
        "点では微分できません。",
    ),
    "softsign_at_zero": (
        "0 での微分",
        "d|{x}|/d{x} = sign({x}) は {x} ≠ 0 で成り立つ規則です。{x} = 0 では差分商 (h/(1 + |h|))/h = "
        "1/(1 + |h|) が 1 に近づき、公式の値と一致するので、softsign はいたるところで微分可能です。",
    ),
    "joins_smooth": (
        "なめらかなつなぎ目",
        "{points} では左右の微分係数がどちらも {value} なので、いたるところで微分可能です(2 "
        "階導関数はそこで跳びます)。",
    ),
}

# The words the renderers put around the steps.
WORDS: dict[str, str] = {
    "problem": "問題",
    "result": "結果",
    "step": "ステップ",
    "lemma": "補題",
    "lemmas": "使う補題",
    "from": "証明:",
    "rule": "規則",
    "note": "注意",
    "proved": "証明済み",
    "checked numerically": "数値で確認",
    "failed": "失敗",
    "not checked": "未検証",
    "check": "独立な微分との照合",
    "check failed": "独立な微分との照合に失敗",
    "summary proved": (
        "すべてのステップを証明済み:各ステップの変形前と変形後の式の差が 0 になることを SymPy で示し"
        "(σ は定義の式に戻して計算)、数値でも一致を確かめました。"
    ),
    "summary numeric": (
        "すべてのステップが成り立ちます。「数値で確認」のステップは全標本点で一致しましたが、SymPy "
        "は時間内に証明できませんでした。"
    ),
    "summary failed": "検証に失敗しました:「失敗」のステップを見てください。",
    "summary not checked": "検証していません(--no-verify)。",
    "at points": "{n} 点で一致",
}
