"""한국어: `sigmoid check`의 말(check_en.py와 같은 키, 같은 자리표시자)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "problem": "문제",
    "result": "결과",
    "line": "{line}번째 줄",
    "line and column": "{line}번째 줄 {column}번째 열",
    "heading": "{where} {kind}: {verdict}",
    "step": "단계",
    "side": "보조 단계",
    "proved": "증명됨",
    "checked numerically": "수치로 확인",
    "failed": "틀림",
    "differ at": "{x} = {at}에서 양변이 다릅니다: {before} ≠ {after}",
    "differ": "양변이 다릅니다",
    "mistake": "예상되는 실수: {mistake}",
    "should be": "이 줄은 이렇게 되어야 합니다: {correct}",
    "agrees": "독립적인 미분(sympy.diff)과 일치: {status}",
    "is not": "{problem}이(가) 아닙니다: {difference}",
    "derivative is": "올바른 도함수는 {expected}입니다",
    "first wrong": "처음 틀린 단계: {number}({where})",
    "every step holds": "모든 단계가 성립합니다.",
    "ends elsewhere": "변형은 맞지만 도착한 식이 도함수가 아닙니다.",
    "sign_lost": "부호 실수: 이 줄은 올바른 결과에 부호만 반대입니다",
    "sign_lost_inner": "부호 실수: 연쇄 법칙에서 안쪽 함수 {inner}의 도함수 −1을 곱하지 않았습니다",
    "missing_inner": "연쇄 법칙에서 안쪽 함수 {inner}의 도함수 {derivative}을(를) 곱하지 않았습니다",
    "wrong_power": "지수 실수: {wrote}이(가) 아니라 {meant}(이)어야 합니다",
    "wrong_cancellation": (
        "약분 실수: {term}은(는) 합의 한 항일 뿐 인수가 아니므로 {quotient}에서 약분할 수 없습니다"
    ),
}
