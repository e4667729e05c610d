"""日本語: `sigmoid check` の言葉(check_en.py と同じキー、同じプレースホルダー)。"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "problem": "問題",
    "result": "結果",
    "line": "{line} 行目",
    "line and column": "{line} 行目 {column} 列",
    "heading": "{where}の{kind}:{verdict}",
    "step": "ステップ",
    "side": "補助のステップ",
    "proved": "証明済み",
    "checked numerically": "数値で確認",
    "failed": "誤り",
    "differ at": "{x} = {at} で両辺が一致しません:{before} ≠ {after}",
    "differ": "両辺が一致しません",
    "mistake": "考えられる誤り:{mistake}",
    "should be": "この行は正しくは:{correct}",
    "agrees": "独立な微分(sympy.diff)と一致:{status}",
    "is not": "{problem} ではありません:{difference}",
    "derivative is": "正しい導関数は {expected} です",
    "first wrong": "最初の誤り:ステップ {number}({where})",
    "every step holds": "すべてのステップが成り立っています。",
    "ends elsewhere": "式の変形は正しくても、行き着いた先が導関数ではありません。",
    "sign_lost": "符号の誤り:この行は、正しい変形の結果の符号を反対にしたものになっています",
    "sign_lost_inner": "符号の誤り:合成関数の微分で、内側の関数 {inner} の微分 −1 を掛け忘れています",
    "missing_inner": "合成関数の微分で、内側の関数 {inner} の微分 {derivative} を掛け忘れています",
    "wrong_power": "指数の誤り:{wrote} は正しくは {meant} です",
    "wrong_cancellation": (
        "約分の誤り:{term} は和の項の一つで、因数ではないので、{quotient} の分子と分母で約分できません"
    ),
}
