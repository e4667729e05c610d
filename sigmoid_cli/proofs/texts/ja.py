"""Japanese: every rule's name and explanation, and the words the renderers put around them.

A translation of en.py, key by key, with the same placeholders and optional parts, in the
neutral です・ます style of a textbook: a proof states what is done, without asides. Terms are
those of Japanese school mathematics (積の微分法, 合成関数の微分法, 真数, 約分, 通分, 整理する…);
log is the natural logarithm, as in Japanese textbooks.
"""

from __future__ import annotations

# rule id → (name, explanation); a lemma's title has no explanation.
RULES: dict[str, tuple[str, str]] = {
    # --- the general engine ------------------------------------------------------------------------
    "constant_rule": (
        "定数の微分",
        "{part} = 0 です。{x} を含まない式は {x} を動かしても変わらないので、微分すると 0 になります。",
    ),
    "variable_rule": (
        "変数の微分",
        "{part} = 1 です。y = {x} のグラフは傾き 1 の直線なので、微分すると 1 になります。",
    ),
    "linear_rule": (
        "直線の傾き",
        "{part} = {value} です。(定数)×{x} のグラフは直線なので、微分するとその傾きになります。",
    ),
    "negation_rule": (
        "マイナスの符号を外に出す",
        "マイナスの符号は −1 を掛けることと同じです。定数倍は微分の外に出せるので {formula} です。",
    ),
    "sum_rule": (
        "和の微分",
        "和の導関数は、各項の導関数の和です:{formula}。",
    ),
    "constant_multiple": (
        "定数倍の微分",
        "{c} は {x} を含まない定数です。定数倍は微分の外に出し、残りだけを微分します:{formula}。",
    ),
    "constant_divisor": (
        "定数で割った式の微分",
        "定数 {c} で割ることは 1/{c} を掛けることなので、定数倍の微分と同じです:{formula}。",
    ),
    "product_rule": (
        "積の微分法",
        "積の微分法です。因数を一つずつ微分し、他の因数はそのままにして、それらを足し合わせます:{formula}。",
    ),
    "quotient_rule": (
        "商の微分法",
        "分子を {u}、分母を {v} として商の微分法の公式を使います:{formula}。",
    ),
    "reciprocal_rule": (
        "逆数の微分",
        "分子 {c} は定数なので、商の微分法の公式は {formula} と簡単になります。",
    ),
    "power_rule": (
        "累乗の微分",
        "累乗の微分 {formula} を使います。指数 {n} を係数として前に出し、指数を 1 減らすので、{part} = "
        "{value} です。",
    ),
    "chain_rule": (
        "合成関数の微分法",
        "合成関数の微分法です。外側の関数は {outer}、内側の関数は {u} = {inner} です。まず {u} "
        "を変数とみなして外側を微分すると {outer_derivative} となり、これに内側の関数の導関数を掛けます。"
        "⟦外側の導関数 {lemma} = {outer_derivative} は上の補題です。⟧"
        "⟦因数 {inner_derivative} がこの内側の導関数です(計算は下に示します)。⟧"
        "⟦ただし、これは {corner} ≠ 0 のときです。{corner} = 0 ではこの公式は使えません。⟧",
    ),
    "exponential_rule": (
        "指数関数の微分",
        "{formula} です。定数 {a} を底とする指数関数は、微分するともとの関数に log({a}) "
        "を掛けたものになります。",
    ),
    "logarithmic_differentiation": (
        "対数微分法",
        "底 {u} も指数 {v} も {x} を含むので、e^({v}·log({u})) と書き直し、"
        "合成関数の微分法と積の微分法を使います:{formula}。",
    ),
    "known_derivative": (
        "基本的な関数の導関数",
        "導関数の公式より {part} = {value} です。"
        "⟦ただし、これは {corner} ≠ 0 のときです。{corner} = 0 では微分できません。⟧",
    ),
    "fundamental_theorem": (
        "微分積分学の基本定理",
        "上端が {x} の定積分を {x} で微分すると、被積分関数の変数に {x} を代入したものになります:"
        "{part} = {value}。",
    ),
    "derivative_of_part": (
        "一部分の微分",
        "{part} を別に計算し(計算は下に示します)、その結果 {value} をもとの場所に入れます。",
    ),
    "tidy": (
        "式を整える",
        "式を整えます。0 の項と 1 の因数を消し、数どうしを掛け合わせ、符号をまとめます。",
    ),
    "collect_terms": (
        "式を整理する",
        "同類項や同じ因数をまとめて、式を簡潔に整理します。",
    ),
    "combine_fractions": (
        "通分と約分",
        "通分して一つの分数にまとめ、分子と分母に共通因数があれば約分します。",
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
        "式を簡単にする",
        "式を代数的に変形して簡単にします。下の検証で、変形前の式と等しいことを確かめています。",
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
    "simplify_in_sigma": (
        "σ について整理する",
        "σ を一つの文字 s とみなし、s の式として整理します。展開してから因数分解するので、"
        "同じ因数は累乗にまとまり、共通因数はくくり出されます。",
    ),
    # --- named algebra (algebra.py) ---------------------------------------------------------------
    "cancel_factor": (
        "約分",
        "{factor} と {reciprocal} が約分されます。式が定義される範囲では {factor} ≠ 0 なので、"
        "{product} = 1 です。",
    ),
    "sign_over_abs": (
        "符号と絶対値の商",
        "{part} = {value}。|u| = u·sign(u) なので、u ≠ 0 のとき sign(u)/|u| = 1/u です。",
    ),
    "abs_times_sign": (
        "絶対値",
        "{product} = {value} です。{u} > 0 では符号は 1、{u} < 0 では −1 なので、どちらの場合も積は "
        "{value} になります。",
    ),
    "sinh_over_cosh": (
        "双曲線正接",
        "{part} = {value}。双曲線正接は tanh(u) = sinh(u)/cosh(u) と定義されます。",
    ),
    "sigma_over_complement": (
        "σ/(1 − σ) = e^u",
        "{part} = {value}。1 − σ(u) = e^(−u)·σ(u) なので、σ(u)/(1 − σ(u)) = e^u です。",
    ),
    "exp_over_one_plus_exp": (
        "e^u/(1 + e^u) = σ(u)",
        "{part} = {value}。分子と分母を e^u で割ると 1/(1 + e^(−u)) となり、これは σ(u) です。",
    ),
    "add_exponents": (
        "指数法則",
        "{part} = {value}⟦、{part2} = {value2}⟧。底が同じ累乗の積では指数を足します: a^m·a^n = a^(m + n)。",
    ),
    "like_terms": (
        "同類項をまとめる",
        "{part} = {value}。これらは係数だけが異なる同類項なので、係数を足し合わせます。",
    ),
    "multiply_out": (
        "展開",
        "かっこを外して展開し、同類項が並ぶようにします。",
    ),
    "common_factor": (
        "共通因数をくくり出す",
        "どの項にも因数 {factor} が含まれているので、くくり出します: a·b + a·c = a·(b + c)。",
    ),
    "flip_difference": (
        "差の向きを変える",
        "差の前のマイナスは、差の向きを逆にします: −(a − b) = b − a。",
    ),
    # --- σ' = σ(1 − σ) in ten steps ---------------------------------------------------------------
    "definition_sigma": (
        "σ の定義",
        "シグモイド関数は σ({x}) = 1/(1 + e^(−{x})) と定義されます。この式を微分します。",
    ),
    "rewrite_as_power": (
        "累乗の形に書き換える",
        "1/u = u^(−1) と書き換えます。この形にすると累乗の微分が使えます。",
    ),
    "cancel_signs": (
        "符号を整理する",
        "マイナスどうしの積はプラスになります:−a·(−b) = a·b。",
    ),
    "negative_power_as_fraction": (
        "分数の形にする",
        "負の指数の因数は分母に移せます:u^(−2)·v = v/u^2。",
    ),
    "split_fraction_product": (
        "分数の積に分ける",
        "分母の 2 乗を二つの因数に分けます:v/u^2 = (1/u)·(v/u)。1 つ目の因数は σ そのものです。"
        "導関数の中に σ を見つけるのが目標です。",
    ),
    "substitute_sigma": (
        "σ に置き換える",
        "定義より {pattern} = {sigma} なので、σ に置き換えます。",
    ),
    "add_subtract_one": (
        "1 を足して引く",
        "σ である 1/({whole}) が現れるように、分子 {part} を ({whole}) − 1 と書きます。1 "
        "を足して引いただけなので、値は変わりません。",
    ),
    "split_fraction": (
        "分数を項ごとに分ける",
        "分子の各項を分母で割ります:u = {whole}、v = {part} として (u − v)/u = 1 − v/u。",
    ),
    # --- log σ and log(1 − σ) -----------------------------------------------------------------------
    "chain_rule_through_sigma": (
        "σ を内側とする合成関数の微分法",
        "y = {outer}、{u} = {inner} とおきます。{u} は {x} の関数なので dy/d{x} = dy/d{u} · d{u}/d{x} "
        "です。log の導関数は 1/(真数) なので dy/d{u} = 1/{u} です。",
    ),
    "use_lemma": (
        "示した結果(補題)を使う",
        "{lhs} = {lemma} はすでに示しました(上の補題)。これを代入します。",
    ),
    "reciprocal_sigma": (
        "σ の逆数",
        "{sigma} = 1/({whole}) なので、その逆数は 1/σ = {whole} です。",
    ),
    "cancel_common_factor": (
        "約分",
        "分子と分母に共通する因数 {factor} で約分します。",
    ),
    "complement_as_fraction": (
        "1 − σ を分数で表す",
        "u = {whole} とすると 1 − 1/u = (u − 1)/u なので、1 − σ = e^(−{x})/(1 + e^(−{x})) です。"
        "これはもう一方の結果が起こる確率のモデルです。",
    ),
    "product_as_fraction": (
        "一つの分数にする",
        "因数 1/b を含む積は分数で書けます:(1/b)·a = a/b。",
    ),
    "fraction_as_product": (
        "分数を積とみる",
        "分数 a/b を積 a·(1/b) とみます。こうすると積の微分法が使えます。",
    ),
    "common_denominator": (
        "通分",
        "二つの項を共通の分母 {den} で通分します。",
    ),
    "cancel_terms": (
        "打ち消し合う項を消す",
        "項 {term} がプラスとマイナスで一つずつあるので、打ち消し合って消えます。",
    ),
    "substitute_complement": (
        "1 − σ に置き換える",
        "σ' の導出で示したとおり {pattern} = {complement} です。",
    ),
    "reciprocal_complement": (
        "1 − σ の逆数",
        "{complement} = e^(−{x})/(1 + e^(−{x})) なので、その逆数は {value} です。",
    ),
    # --- higher orders -----------------------------------------------------------------------------
    "previous_order": (
        "一つ前の導関数を微分する",
        "次の導関数は一つ前の導関数の微分です。一つ前の導関数は σ の多項式 {previous} "
        "であることが分かっています。",
    ),
    "expand_polynomial": (
        "σ の多項式として展開",
        "かっこを外して展開し、σ の多項式を項ごとに見えるようにします。",
    ),
    "chain_rule_sigma": (
        "σ の多項式の微分(合成関数の微分法)",
        "σ を内側の関数とみると d/d{x} P(σ) = P'(σ)·dσ/d{x} です。累乗の微分より P'(σ) = "
        "{outer_derivative} です。",
    ),
    "factor_polynomial": (
        "因数分解",
        "{factor} = {factored} と因数分解し、因数 σ(1 − σ) = σ' を先頭に書きます。",
    ),
    "reorder_factors": (
        "因数の順序を入れ替える",
        "因数の順序を変えるだけです。因数 σ(1 − σ) = σ' を先頭に書きます。",
    ),
    "order_k": (
        "{k} 階導関数",
        "一つ前の結果をもう一度微分します(計算は下に示します)。",
    ),
    # --- the family --------------------------------------------------------------------------------
    "definition": (
        "定義",
        "定義より {name} = {formula} です。この式を微分します。",
    ),
    "write_as_squares": (
        "2 乗の形で書く",
        "同じ因数の積を 2 乗で書きます。",
    ),
    "substitute_definition": (
        "定義に戻す",
        "定義より {pattern} = {name} なので、比の 2 乗は {name} の 2 乗です。",
    ),
    "inverse_function_rule": (
        "逆関数の微分法",
        "{y} = atan({x}) とおくと {x} = {function} です。逆関数の微分法より d{y}/d{x} = 1/(d{x}/d{y}) で、"
        "d{x}/d{y} = {derivative} です。",
    ),
    "inverse_cancels": (
        "関数と逆関数の合成",
        "tan は atan の逆関数なので {pattern} = {value} です。",
    ),
    "multiply_by_cosh_squared": (
        "分母と分子に cosh² を掛ける",
        "分子と分母に {factor} を掛けます。tanh·cosh = sinh を使います。",
    ),
    "hyperbolic_identities": (
        "双曲線関数の恒等式",
        "u = {u} として、cosh²u − sinh²u = 1 と cosh²u + sinh²u = cosh(2u) を使います。",
    ),
    "definition_sech": (
        "sech の定義",
        "sech は cosh の逆数です。",
    ),
    "combine_constants": (
        "定数をまとめる",
        "定数の因数を掛け合わせて (2/√π)·(1/√2)·(1/2) = 1/√(2π) とし、指数の 2 乗を計算します:"
        "({x}/√2)² = {x}²/2。",
    ),
    "combine_powers": (
        "指数法則でまとめる",
        "u = {base} として、√u = u^(1/2) より u·√u = u^(3/2)、その逆数は u^(−3/2) です。",
    ),
    "sign_times_x": (
        "x·sign(x) = |x|",
        "{x} > 0 なら sign は 1、{x} < 0 なら −1 なので、どちらの場合も {x}·sign({x}) = |{x}| です。",
    ),
    "differentiate_pieces": (
        "区間ごとに微分する",
        "{count} 個の開区間のそれぞれで、関数は一つのなめらかな式で表されるので、区間ごとに微分します。",
    ),
    "derivative_of_each_piece": (
        "各区間の導関数",
        "各区間の式を微分します(計算は下に示します)。",
    ),
    "close_the_joins": (
        "区間の境目",
        "{points} では左側微分係数も右側微分係数も 0 で一致するので、そこでも微分可能です。"
        "したがって、真ん中の式は閉区間で成り立ちます。",
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
    "lemma_complement_prime": (
        "(1 − σ)' = −σ(1 − σ)",
        "",
    ),
    "cited_derivative": (
        "前に求めた導関数",
        "ステップ {step} で求めたとおり {part} = {value} です。これを代入します。",
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
        "折れ曲がる点",
        "{points} では傾きが {left} から {right} に(または逆に)急に変わります。左側微分係数と"
        "右側微分係数が一致しないので、この 2 点では微分可能ではありません。",
    ),
    "softsign_at_zero": (
        "0 での微分",
        "d|{x}|/d{x} = sign({x}) は {x} ≠ 0 で成り立つ公式です。{x} = 0 では平均変化率 (h/(1 + |h|))/h = "
        "1/(1 + |h|) は h → 0 のとき 1 に近づき、これは公式の値と一致するので、softsign "
        "はすべての点で微分可能です。",
    ),
    "joins_smooth": (
        "なめらかな境目",
        "{points} では左側微分係数と右側微分係数がどちらも {value} なので、関数はすべての点で微分可能です"
        "(2 階導関数はそこで不連続です)。",
    ),
    # --- sigmoid derive --softmax -----------------------------------------------------------------
    "softmax_definition": (
        "ソフトマックスの定義",
        "定義より {p} = {formula} です。ここで {sum} = {terms} は n 個の入力すべての指数関数の和です。"
        "この商を {x} で偏微分します。",
    ),
    "softmax_quotient_rule": (
        "商の微分法",
        "分子を {u}、分母を {v} として商の微分法の公式を使います:{formula}。分母 {v} は {x} を含むすべての"
        "入力に依存するので、その偏導関数が式に残ります。",
    ),
    "softmax_sum_derivative": (
        "和の偏微分",
        "{sum} の n 個の項のうち {x} を含むのは k = j の項だけで、ほかの項は定数なので偏導関数は 0 です。"
        "よって {part} = {value} です。",
    ),
    "softmax_case_equal": (
        "i = j の場合",
        "i = j のとき、分子の指数は変数 {x} そのものです。指数関数は微分しても変わらないので {part} = "
        "{value} です。",
    ),
    "softmax_equal_factor": (
        "共通因数でくくる",
        "分母を S と S の積に分けると、分子の 2 つの項はどちらも因数 {factor} を持つので、それでくくります。",
    ),
    "softmax_equal_in_p": (
        "ソフトマックスの出力で表す",
        "定義より {first} = {p} です。また S/S = 1 と出力 j の定義から {second} = {complement} です。",
    ),
    "softmax_case_other": (
        "i ≠ j の場合",
        "i ≠ j のとき、分子の指数関数は {x} を含まない定数なので {part} = {value} となり、分子の第 1 項は"
        "消えます。",
    ),
    "softmax_other_in_p": (
        "ソフトマックスの出力で表す",
        "分母の 2 乗を S と S の積に分け、出力 i と出力 j の定義を使うと、商は {value} です。",
    ),
    "kronecker_delta": (
        "クロネッカーのデルタで 2 つの場合をまとめる",
        "クロネッカーのデルタ {delta} は i = j のとき 1、i ≠ j のとき 0 です。これを使うと 1 つの式で両方の"
        "場合を表せます:i = j なら {equal}(ステップ 6)、i ≠ j なら {other}(ステップ 8)。",
    ),
    "softmax_two_classes": (
        "2 クラスの場合",
        "クラスが 2 つ (n = 2) のとき、ソフトマックスの第 1 の出力は {p} = {formula} です。",
    ),
    "divide_by_exponential": (
        "指数関数で割る",
        "分子と分母を 0 にならない {factor} で割ると、分子は 1 になります。",
    ),
    "subtract_exponents": (
        "指数を引く",
        "e の累乗どうしの割り算では指数を引きます:{ratio} = {power}。残るのは σ の定義の式です。",
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
    "summary proved without σ": (
        "すべてのステップを証明済み:各ステップの変形前と変形後の式の差が 0 になることを SymPy で示し、"
        "数値でも一致を確かめました。"
    ),
    "summary numeric": (
        "すべてのステップが成り立ちます。「数値で確認」のステップは全標本点で一致しましたが、SymPy "
        "は時間内に証明できませんでした。"
    ),
    "summary failed": "検証に失敗しました:「失敗」のステップを見てください。",
    "summary not checked": "検証していません(--no-verify)。",
    "summary softmax": (
        "すべてのステップを n = 2, 3, 4 の入力と、その場合に当てはまるすべての i, j の組について証明済み:"
        "和を書き出して変形前と変形後の式の差が 0 になることを SymPy で示し、数値でも一致を確かめました。"
        "確かめたのはこれらの n であり、すべての n ではありません(どのステップも n の値によりません)。"
    ),
    "check direct": "最初の式と最後の式の直接の照合",
    "at points": "{n} 点で一致",
}
