/* rounded.py's accurate double-double kernels in C, one value at a time over a buffer.

Why: on arrays, rounded.py (and its quick phase, rounded_quick.py) runs ~100 numpy passes per
block, each over fresh temporaries; here every value goes through the same operations in
registers, in one pass, without the GIL for large arrays. No numpy at build or run time (the
buffer protocol), so the scalar path (`sigmoid eval 0.5`, which must not import numpy) can use
it too.

What: a line-by-line port of rounded.py's _argument, _exp_negative, sigma_parts, _sigma,
grad_from_parts, _times, _shortcut, _round (ERROR = 2^-78), and of log_logistic and logit
(_log1p_dd, _log_parts, _log1p_series, _log_double; _LOG_ERROR = 2^-77): the same constants,
the same table (handed over by rounded.py at first use, see set_tables), the same operations in
the same order, so the double-double values are the ones rounded.py computes and the error
analysis of its docstring holds word for word. A value the rounding test cannot decide is not
written; its index is returned and Python takes it to rounded.py's exact fallback (_exact,
mpmath), as it does non-finite inputs (and logit's 0, 1/2, 1 and p outside (0, 1)).

The arithmetic must be IEEE binary64 with round-to-nearest and no contraction of a*b + c into
a fused multiply-add (Dekker's TwoProduct and Veltkamp's split rely on every operation being
rounded once): setup.py passes -ffp-contract=off, and the pragma below says so to compilers
that read it. No -ffast-math. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

/* --- rounded.py's constants ------------------------------------------------------------- */
static const double ERROR = 0x1p-78;     /* _ERROR */
static const double LOG_ERROR = 0x1p-77; /* _LOG_ERROR */
static const double INV_STEP = 0x1.71547652b82fep+8;
static const double C1 = 0x1.62e42ff000000p-9;
static const double C2 = -0x1.718432a200000p-43;
static const double C3 = 0x1.3c7673007e5edp-77;
static const double LIMIT = 2200.0;
static const double HUGE_ = 0x1p900;     /* _HUGE */
static const double BIG_SCALE = 0x1p200; /* _BIG_SCALE */
static const double SPLITTER = 134217729.0; /* kernels._SPLITTER, 2^27 + 1 */
static const double LN2_HI = 0x1.62e42fefa3800p-1;
static const double LN2_LO = 0x1.ef35793c76730p-45;
static const double TWO_THIRDS_HI = 0x1.5555555555555p-1;
static const double TWO_THIRDS_LO = 0x1.5555555555555p-55;
static const double SQRT_HALF = 0.7071067811865476;
static const double ERROR_SLACK = 1.0000000000000009; /* as in _shortcut and _round */

static double inv_factorial[9]; /* 1/i!, from rounded._INV_FACTORIAL */
static double exp_hi[256], exp_lo[256]; /* rounded._pairs(): 2^(j/256) */
static double log_hi[49], log_lo[49];   /* rounded._log_pairs(): log(1 + i/64), i = -20..28 */
static int tables_set = 0;

typedef struct { int bits, smallest, overflow; } Target; /* rounded.Target */
static const Target DOUBLE_T = {53, -1074, 1024};
static const Target SINGLE_T = {24, -149, 128};

/* --- exact building blocks (rounded.py / kernels.py) ------------------------------------ */
static inline uint64_t bits_of(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static inline double from_bits(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }

/* _Array.power: 2^e from the bits, e clipped to [-1022, 1023] */
static inline double power2(int64_t e) {
    if (e < -1022) e = -1022;
    if (e > 1023) e = 1023;
    return from_bits((uint64_t)(e + 1023) << 52);
}
/* _Array.exponent: frexp's exponent of a normal double, from the bits */
static inline int64_t exponent_of(double x) { return (int64_t)((bits_of(x) >> 52) & 0x7FF) - 1022; }

static inline void two_sum(double a, double b, double *s, double *e) {
    double ss = a + b, bb = ss - a;
    *e = (a - (ss - bb)) + (b - bb);
    *s = ss;
}
static inline void fast_two_sum(double a, double b, double *s, double *e) {
    double ss = a + b;
    *e = b - (ss - a);
    *s = ss;
}
static inline void split(double x, double *hi, double *lo) {
    double big = x * SPLITTER;
    double h = big - (big - x);
    *hi = h;
    *lo = x - h;
}
static inline void two_prod(double a, double b, double *p, double *e) {
    double a_hi, a_lo, b_hi, b_lo, pp;
    split(a, &a_hi, &a_lo);
    split(b, &b_hi, &b_lo);
    pp = a * b;
    *e = (((a_hi * b_hi - pp) + a_hi * b_lo) + a_lo * b_hi) + a_lo * b_lo;
    *p = pp;
}
static inline void square_exact(double x, double *s, double *e) {
    double hi, lo, sq;
    split(x, &hi, &lo);
    sq = x * x;
    *e = ((hi * hi - sq) + 2.0 * hi * lo) + lo * lo;
    *s = sq;
}
static inline void dd_mul(double a_hi, double a_lo, double b_hi, double b_lo, double *h, double *l) {
    double p, e;
    two_prod(a_hi, b_hi, &p, &e);
    *l = e + (a_hi * b_lo + a_lo * b_hi);
    *h = p;
}
static inline void dd_div(double a_hi, double a_lo, double b_hi, double b_lo, double *h, double *l) {
    double q = a_hi / b_hi, p, e, remainder;
    two_prod(q, b_hi, &p, &e);
    remainder = ((a_hi - p) - e) + a_lo - q * b_lo;
    *h = q;
    *l = remainder / b_hi;
}
/* rint (ties to even) without a libm call (baseline x86-64 has no rounding instruction): for
   |x| < 2^52, |x| + 2^52 lies in [2^52, 2^53), where the doubles are the integers, so the sum is
   rounded to the nearest integer, ties to even (2^52 is even); larger doubles are integers. */
static inline double round_even(double x) {
    double a = fabs(x);
    return a < 0x1p52 ? copysign((a + 0x1p52) - 0x1p52, x) : x;
}
static inline double clip(double x, double low, double high) { return x < low ? low : x > high ? high : x; }

/* --- e^(-a): rounded._exp_negative, |error| < 2^-79.6 ------------------------------------ */
static inline void exp_negative(double a_hi, double a_lo, int64_t *big_k, double *e_hi, double *e_lo) {
    double n = round_even(a_hi * INV_STEP), r_hi, r_lo, rho_hi, rho_lo, q_hi, q_lo, inner, cubic;
    double p_hi, p_lo, t_hi, t_lo, u_hi, u_lo, eh, el;
    int64_t m, j;
    int i;
    two_sum(a_hi - n * C1, -(n * C2), &r_hi, &r_lo);
    r_lo = r_lo + (a_lo - n * C3);
    two_sum(-r_hi, -r_lo, &rho_hi, &rho_lo);
    m = (int64_t)n;
    j = (-m) & 255;
    *big_k = (-m - j) / 256; /* an exact multiple of 256 */
    square_exact(rho_hi, &q_hi, &q_lo);
    q_lo = q_lo + 2.0 * rho_hi * rho_lo;
    inner = inv_factorial[8];
    for (i = 7; i >= 3; i--) inner = inv_factorial[i] + rho_hi * inner;
    cubic = rho_hi * q_hi * inner;
    fast_two_sum(rho_hi, 0.5 * q_hi, &p_hi, &p_lo);
    p_lo = p_lo + (rho_lo + 0.5 * q_lo) + cubic;
    t_hi = exp_hi[j];
    t_lo = exp_lo[j];
    two_prod(t_hi, p_hi, &u_hi, &u_lo);
    fast_two_sum(t_hi, u_hi, &eh, &el);
    el = el + (u_lo + t_hi * p_lo + t_lo * (1.0 + p_hi));
    fast_two_sum(eh, el, e_hi, e_lo);
}

/* --- t = k(x - x0) as a dd: rounded._argument --------------------------------------------- */
static inline void argument(double x, double k, double x0, double limit, double *t_hi, double *t_lo) {
    double d_hi, d_lo, factor = k, rough, up, th, tl, f;
    int settled;
    if (k == 1.0 && x0 == 0.0) {
        *t_hi = clip(x, -limit, limit);
        *t_lo = 0.0;
        return;
    }
    two_sum(x, -x0, &d_hi, &d_lo);
    if (!isfinite(d_hi)) { /* x - x0 overflowed: halves */
        two_sum(0.5 * x, -0.5 * x0, &d_hi, &d_lo);
        factor = 2.0 * k;
    }
    rough = factor * d_hi;
    settled = !(fabs(rough) <= 2 * limit);
    up = fabs(factor) > HUGE_ ? 1.0 / BIG_SCALE : (fabs(d_hi) > HUGE_ ? BIG_SCALE : 1.0);
    d_hi = settled ? 0.0 : d_hi / up;
    d_lo = settled ? 0.0 : d_lo / up;
    f = settled ? 0.0 : factor * up;
    dd_mul(d_hi, d_lo, f, 0.0, &th, &tl);
    fast_two_sum(th, tl, &th, &tl);
    th = settled ? copysign(limit, rough) : clip(th, -limit, limit);
    *t_hi = th;
    *t_lo = (settled || fabs(th) >= limit) ? 0.0 : tl;
}

/* --- the rounding test: rounded._shortcut, then rounded._round ----------------------------- */
static inline int round_full(int64_t scale, double h, double lo, double error, Target tg, double *out) {
    double w, w_lo, n0, f, n1, margin, up, result;
    int64_t exponent, top, quantum, low;
    int power_of_two, below, zero, decided, huge;
    two_sum(h, lo, &h, &lo);
    exponent = exponent_of(h);
    top = exponent - 1 + scale;
    quantum = top - (tg.bits - 1);
    if (quantum < tg.smallest) quantum = tg.smallest;
    power_of_two = (bits_of(h) & 0xFFFFFFFFFFFFFull) == 0;
    below = power_of_two && ((h < 0) != (lo < 0)) && (lo != 0) && (top - tg.bits >= tg.smallest);
    quantum -= below;
    zero = top <= tg.smallest - 2;
    up = power2(zero ? 0 : scale - quantum);
    w = h * up;
    w_lo = lo * up;
    n0 = round_even(w);
    f = (w - n0) + w_lo;
    n1 = round_even(f);
    margin = error * ERROR_SLACK * fabs(w) + 0x1p-51;
    decided = (fabs(f - n1) + margin < 0.5) || zero;
    low = quantum < -1000 ? 200 : (quantum > 900 ? -200 : 0);
    result = copysign((n0 + n1) * power2(zero ? 0 : quantum + low) * power2(-low), h);
    huge = tg.overflow == 1024 ? top >= tg.overflow : fabs(result) >= power2(tg.overflow);
    if (huge) result = copysign(INFINITY, h);
    *out = zero ? copysign(0.0, h) : result;
    return decided;
}

/* rounded._rounded: for DOUBLE the shortcut (the value is 2^scale·h, normal, and |lo| plus the
   error bound is below half the spacing around h), else _round; other targets _round alone. */
static inline int rounded(int64_t scale, double h, double lo, double error, Target tg, double *out) {
    uint64_t b;
    int64_t biased, top;
    int power_of_two;
    if (tg.bits != 53) return round_full(scale, h, lo, error, tg, out);
    two_sum(h, lo, &h, &lo);
    b = bits_of(h);
    biased = (int64_t)((b >> 52) & 0x7FF);
    top = biased + scale;
    if (biased > 54 && top >= 1 && top <= 2046 && scale >= -1022 && scale <= 1022) {
        power_of_two = (b & 0xFFFFFFFFFFFFFull) == 0;
        double half_ulp = from_bits((uint64_t)(biased - 53 - power_of_two) << 52);
        if (fabs(lo) + (error * ERROR_SLACK) * fabs(h) < half_ulp) {
            *out = h * from_bits((uint64_t)(scale + 1023) << 52);
            return 1;
        }
    }
    return round_full(scale, h, lo, error, tg, out);
}

/* --- one kind's parameters, fixed per call ------------------------------------------------ */
typedef struct {
    int kind; /* 0 σ (value, grad, log-grad), 1 log σ, 2 logit */
    double k, x0;
    int complement, grad, times; /* times: the factor L·k is not 1 (rounded._times) */
    double f_hi, f_lo;           /* L·k's mantissas' product, exactly */
    int64_t f_exp;               /* and its exponents */
    int default_arg;             /* (k, x0) == (1, 0) */
    Target tg;
} Params;

/* rounded._times: 2^scale·(h + lo)·L·k, still scaled */
static inline void times(const Params *p, int64_t *scale, double *h, double *lo) {
    int64_t shrink;
    double down;
    if (!p->times) return;
    shrink = fabs(*h) > HUGE_ ? 200 : 0;
    down = power2(-shrink);
    dd_mul(*h * down, *lo * down, p->f_hi, p->f_lo, h, lo);
    *scale += p->f_exp + shrink;
}

/* rounded.logistic for a finite x: L·slope·σ(±t), or L·k·σ'(±t) */
static inline int logistic(const Params *p, double x, double *out) {
    double t_hi, t_lo, a_hi, a_lo, e_hi, e_lo, s_hi, s_lo, d_hi, d_lo, h, lo, q_hi, q_lo;
    int64_t big_k, scale;
    double down;
    int negative;
    argument(x, p->k, p->x0, LIMIT, &t_hi, &t_lo);
    if (p->complement) { t_hi = -t_hi; t_lo = -t_lo; }
    /* sigma_parts (_folded: a zero low part of the default argument stays +0.0) */
    negative = t_hi < 0;
    a_hi = fabs(t_hi);
    a_lo = p->default_arg ? 0.0 : (negative ? -t_lo : t_lo);
    exp_negative(a_hi, a_lo, &big_k, &e_hi, &e_lo);
    down = power2(big_k > -1022 ? big_k : -1022); /* _unscaled */
    s_hi = e_hi * down;
    s_lo = e_lo * down;
    fast_two_sum(1.0, s_hi, &d_hi, &d_lo);
    fast_two_sum(d_hi, d_lo + s_lo, &d_hi, &d_lo);
    if (p->grad) { /* grad_from_parts: e/(1 + e)^2 */
        square_exact(d_hi, &q_hi, &q_lo);
        q_lo = q_lo + 2.0 * d_hi * d_lo;
        dd_div(e_hi, e_lo, q_hi, q_lo, &h, &lo);
        scale = big_k;
    } else { /* _sigma: 1/(1 + e) for t >= 0, e/(1 + e) for t < 0 */
        dd_div(negative ? e_hi : 1.0, negative ? e_lo : 0.0, d_hi, d_lo, &h, &lo);
        scale = negative ? big_k : 0;
    }
    times(p, &scale, &h, &lo);
    return rounded(scale, h, lo, ERROR, p->tg, out);
}

/* --- logarithms: rounded._log1p_series, _log_parts, _binade, _log1p_dd, _log_double ------- */
static inline void log1p_series(double g_hi, double g_lo, double *r_hi, double *r_lo) {
    double d_hi, d_lo, w_hi, w_lo, w2_hi, w2_lo, w3_hi, w3_lo, c_hi, c_lo, inner, tail, s_hi, s_lo;
    fast_two_sum(2.0, g_hi, &d_hi, &d_lo);
    dd_div(g_hi, g_lo, d_hi, d_lo + g_lo, &w_hi, &w_lo);
    square_exact(w_hi, &w2_hi, &w2_lo);
    w2_lo = w2_lo + 2.0 * w_hi * w_lo;
    dd_mul(w2_hi, w2_lo, w_hi, w_lo, &w3_hi, &w3_lo);
    dd_mul(w3_hi, w3_lo, TWO_THIRDS_HI, TWO_THIRDS_LO, &c_hi, &c_lo);
    inner = 2.0 / 13.0;
    inner = 2.0 / 11.0 + w2_hi * inner;
    inner = 2.0 / 9.0 + w2_hi * inner;
    inner = 2.0 / 7.0 + w2_hi * inner;
    inner = 2.0 / 5.0 + w2_hi * inner;
    tail = w3_hi * w2_hi * inner;
    fast_two_sum(2.0 * w_hi, c_hi, &s_hi, &s_lo);
    fast_two_sum(s_hi, s_lo + (2.0 * w_lo + c_lo + tail), r_hi, r_lo);
}

static inline void log_parts(int64_t m, double y_hi, double y_lo, double v_hi, double v_lo, double *r_hi,
                             double *r_lo) {
    int64_t i = (int64_t)round_even((y_hi - 1.0) * 64.0);
    double c = 1.0 + (double)i / 64.0, direct_hi, n_hi, n_lo, g_hi, g_lo, p, e;
    double series_hi, series_lo, mf = (double)m * 1.0, a_hi, a_lo, b_hi, b_lo;
    direct_hi = m == 0 ? v_hi - (c - 1.0) : y_hi - c;
    two_sum(direct_hi, m == 0 ? v_lo : y_lo, &n_hi, &n_lo);
    g_hi = n_hi / c;
    two_prod(g_hi, c, &p, &e);
    g_lo = (((n_hi - p) - e) + n_lo) / c;
    log1p_series(g_hi, g_lo, &series_hi, &series_lo);
    two_sum(mf * LN2_HI, log_hi[i + 20], &a_hi, &a_lo);
    two_sum(a_hi, series_hi, &b_hi, &b_lo);
    fast_two_sum(b_hi, b_lo + (a_lo + mf * LN2_LO + log_lo[i + 20] + series_lo), r_hi, r_lo);
}

static inline int64_t binade(double x) {
    int64_t exponent = exponent_of(x);
    return exponent - (x * power2(-exponent) < SQRT_HALF ? 1 : 0);
}

static inline void log1p_dd(double v_hi, double v_lo, double *r_hi, double *r_lo) {
    double s_hi, s_lo, down;
    int64_t m;
    two_sum(1.0, v_hi, &s_hi, &s_lo);
    fast_two_sum(s_hi, s_lo + v_lo, &s_hi, &s_lo);
    m = binade(s_hi);
    down = power2(-m);
    log_parts(m, s_hi * down, s_lo * down, v_hi, v_lo, r_hi, r_lo);
}

static inline void log_double(double x, double *r_hi, double *r_lo) {
    int tiny = x < 0x1p-1000;
    double y;
    int64_t m;
    if (tiny) x = x * 0x1p64;
    m = binade(x);
    y = x * power2(-m);
    log_parts(m - (tiny ? 64 : 0), y, 0.0 * y, y - 1.0, 0.0 * y, r_hi, r_lo);
}

/* rounded.log_logistic for a finite x: L·log σ(±k(x - x0)) */
static inline int log_logistic(const Params *p, double x, double *out) {
    double t_hi, t_lo, a_hi, a_lo, e_hi, e_lo, u_hi, u_lo, l_hi, l_lo, s_hi, s_lo, n_hi, n_lo, h, lo;
    double down;
    int64_t big_k, scale;
    int negative, near, small, decided;
    if (p->default_arg) {
        t_hi = x;
        t_lo = 0.0;
    } else {
        argument(x, p->k, p->x0, HUGE_, &t_hi, &t_lo);
    }
    if (p->complement) { t_hi = -t_hi; t_lo = -t_lo; }
    negative = t_hi < 0;
    a_hi = fabs(t_hi);
    a_lo = p->default_arg ? 0.0 : (negative ? -t_lo : t_lo); /* as _folded */
    near = a_hi <= LIMIT;
    exp_negative(near ? a_hi : LIMIT, near ? a_lo : 0.0, &big_k, &e_hi, &e_lo);
    down = power2(big_k > -1022 ? big_k : -1022); /* _unscaled */
    u_hi = e_hi * down;
    u_lo = e_lo * down;
    log1p_dd(u_hi, u_lo, &l_hi, &l_lo);
    small = big_k < -60 && !negative; /* -e·(1 - e/2), scaled by 2^K */
    s_hi = -e_hi;
    s_lo = -(e_lo - e_hi * (0.5 * u_hi));
    two_sum(-a_hi, -l_hi, &n_hi, &n_lo);
    n_lo = n_lo - a_lo - l_lo;
    h = small ? s_hi : (negative ? n_hi : -l_hi);
    lo = small ? s_lo : (negative ? n_lo : -l_lo);
    scale = small ? big_k : 0;
    times(p, &scale, &h, &lo);
    decided = rounded(scale, h, lo, LOG_ERROR, p->tg, out);
    if (!p->default_arg && negative && a_hi >= HUGE_) decided = 0; /* log σ(t) = t there: mpmath */
    return decided;
}

/* rounded.logit for 0 < p < 1, p != 1/2 */
static inline int logit(const Params *pp, double p, double *out) {
    double h, lo;
    if (0.25 <= p && p <= 0.75) { /* _logit_middle */
        double d_hi, d_lo, v_hi, v_lo;
        two_sum(1.0, -p, &d_hi, &d_lo);
        dd_div(2.0 * p - 1.0, 0.0 * p, d_hi, d_lo, &v_hi, &v_lo);
        log1p_dd(v_hi, v_lo, &h, &lo);
    } else { /* _logit_tails */
        int mirrored = p > 0.75;
        double q = mirrored ? 1.0 - p : p, a_hi, a_lo, b_hi, b_lo, t_hi, t_lo;
        log_double(q, &a_hi, &a_lo);
        log1p_dd(-q, 0.0 * q, &b_hi, &b_lo);
        two_sum(a_hi, -b_hi, &t_hi, &t_lo);
        t_lo = t_lo + (a_lo - b_lo);
        h = mirrored ? -t_hi : t_hi;
        lo = mirrored ? -t_lo : t_lo;
    }
    return rounded(0, h, lo, LOG_ERROR, pp->tg, out);
}

/* --- the quick phase: rounded_quick.py, ported line by line ----------------------------------

σ, 1 − σ, σ', L·σ(k(x − x0)) (and the log-grad kind, which is one of them), log σ, log(1 − σ)
and logit to a relative 2^−59.5 (QUICK_ERROR, QUICK_LOG_ERROR) in about half the operations of
the accurate kernels above. The error analysis is rounded_quick.py's (its module docstring for
σ and σ', the comment above its _log for the logarithms): the same constants, the same
operations in the same order, so every bound there holds here word for word. Its rounding test
is rounded.py's _shortcut with the quick bound (for float32 results, _round with it: that test
is sound for any bound below u, see rounded.py's docstring). A value the quick test cannot
decide, or whose |t| is outside the quick domain (700), goes to the accurate phase (`one`
below), then to Python's exact fallback: both phases decide only what their proven bound
allows, so the result is the correctly rounded one, bit for bit the one either phase alone
would give. About 2^−5 of random inputs need the accurate phase (tests/test_compiled.py counts
them). */
static const double QUICK_ERROR = 0x1.6a09e667f3bcdp-60;     /* 2^−59.5, rounded_quick.QUICK_ERROR */
static const double QUICK_LOG_ERROR = 0x1.6a09e667f3bcdp-60; /* 2^−59.5, QUICK_LOG_ERROR */
static const double QUICK_DOMAIN = 700.0;                    /* _DOMAIN */
static const double C23 = -0x1.718432a1b0e26p-43;            /* _C23 = C2 + C3, rounded */
static const double ROUND_2_23 = 3.0 * 0x1p28;               /* _ROUND_2_23 */
static const double SPLIT_46 = 129.0;                        /* _SPLIT_46: 2^7 + 1 */

/* rounded_quick._exp_negative: e^(−a) = 2^K·(E_hi + E_lo)·(1 + ε), |ε| < 2^−60.8, 0 ≤ a < 700 */
static inline void quick_exp(double a_hi, double a_lo, int64_t *big_k, double *e_hi, double *e_lo) {
    double n = round_even(a_hi * INV_STEP);
    double head = n * C1 - a_hi; /* exact */
    double tail = n * C23 - a_lo;
    double rho = head + tail;
    double rho_lo = (head - rho) + tail;
    double inner = inv_factorial[6], rest, low;
    int64_t m, j;
    inner = inv_factorial[5] + rho * inner;
    inner = inv_factorial[4] + rho * inner;
    inner = inv_factorial[3] + rho * inner;
    inner = inv_factorial[2] + rho * inner;
    rest = (rho * rho) * inner + rho_lo; /* P − ρ_hi */
    m = (int64_t)n;
    j = (-m) & 255;
    *big_k = (-m - j) / 256; /* an exact multiple of 256 */
    low = exp_hi[j] * rho + (exp_hi[j] * rest + exp_lo[j]);
    fast_two_sum(exp_hi[j], low, e_hi, e_lo);
}

/* rounded_quick._divide: N/D as q1 + q2 to a relative 2^−70 (N/D in [1/8, 2], D_hi in [1, 4]) */
static inline void quick_divide(double n_hi, double n_lo, double d_hi, double d_lo, double *q1, double *q2) {
    double q = (n_hi / d_hi + ROUND_2_23) - ROUND_2_23;
    double d_top = (d_hi + ROUND_2_23) - ROUND_2_23;
    double remainder = ((n_hi - q * d_top) - q * (d_hi - d_top)) + (n_lo - q * d_lo);
    *q1 = q;
    *q2 = remainder / d_hi;
}

/* The quick phase works on LANES values at once, stage by stage (a loop over the lanes per
   stage): each value's chain of dependent operations is long (about 150 cycles of latency for
   σ), and the stages of independent values side by side let the CPU overlap them (and the
   compiler use both halves of an SSE2 register where it can). The data-dependent choices (the
   sign of t, logit's branches) are selects, not jumps, so nothing is mispredicted. Every value
   still goes through exactly the operations rounded_quick.py does, in its order: the lanes
   change where the operations are scheduled, never which ones (no FMA contraction, no
   reassociation: setup.py's flags). */
#define LANES 4
#define EACH for (l = 0; l < LANES; l++)

/* rounded_quick._decide: for double results _shortcut after a Fast2Sum (|h| ≥ |lo| from every
   caller), its conditions combined without jumps; for float32 results _round with the quick
   bound. Writes 2^scale·h (meaningless where not decided) and returns whether it is decided. */
static inline int quick_decide(int64_t scale, double h, double lo, double error, Target tg, double *out) {
    uint64_t b;
    int64_t biased, top;
    int power_of_two, normal;
    double half_ulp;
    if (tg.bits != 53) return round_full(scale, h, lo, error, tg, out);
    fast_two_sum(h, lo, &h, &lo);
    b = bits_of(h);
    biased = (int64_t)((b >> 52) & 0x7FF);
    top = biased + scale;
    normal = (biased > 54) & (top >= 1) & (top <= 2046) & (scale >= -1022) & (scale <= 1022);
    power_of_two = (b & 0xFFFFFFFFFFFFFull) == 0;
    half_ulp = from_bits((uint64_t)((biased - 53 - power_of_two) & 0x7FF) << 52);
    *out = h * from_bits((uint64_t)((scale + 1023) & 0x7FF) << 52);
    return normal & (fabs(lo) + (error * ERROR_SLACK) * fabs(h) < half_ulp);
}

/* rounded_quick.logistic (with _sigma): L·slope·σ(±t) or L·k·σ'(±t) for LANES values;
   ok[l] = 0 where the value is not finite, outside the domain or undecided. */
static inline void quick_logistic(const Params *p, const double *x, double *out, int *ok) {
    double a_hi[LANES], a_lo[LANES], e_hi[LANES], e_lo[LANES], h[LANES], lo[LANES];
    int64_t big_k[LANES], scale[LANES];
    int negative[LANES], l;
    EACH {
        double t_hi, t_lo, v = x[l];
        int finite = isfinite(v);
        argument(finite ? v : 0.0, p->k, p->x0, LIMIT, &t_hi, &t_lo);
        if (p->complement) { t_hi = -t_hi; t_lo = -t_lo; }
        negative[l] = t_hi < 0; /* _folded */
        a_hi[l] = fabs(t_hi);
        a_lo[l] = p->default_arg ? 0.0 : (negative[l] ? -t_lo : t_lo);
        /* Past the domain 1/(1 + e) is 1 within e < 2^−1009: e at |t| = 700 is still right
           there; e/(1 + e) and σ' are not, and go to the accurate phase. */
        ok[l] = finite & !((a_hi[l] >= QUICK_DOMAIN) & (p->grad | negative[l]));
        a_hi[l] = a_hi[l] < QUICK_DOMAIN ? a_hi[l] : QUICK_DOMAIN;
    }
    EACH quick_exp(a_hi[l], a_lo[l], &big_k[l], &e_hi[l], &e_lo[l]);
    EACH {
        double down = from_bits((uint64_t)(big_k[l] + 1023) << 52); /* −1010 ≤ K ≤ 0 */
        double small = e_hi[l] * down, d_hi, d_lo, s_hi, s_lo;
        fast_two_sum(1.0, small, &d_hi, &d_lo); /* e ≤ 1 */
        d_lo = d_lo + e_lo[l] * down;
        if (p->grad) { /* σ' = e/(1 + e)² */
            square_exact(d_hi, &s_hi, &s_lo);
            quick_divide(e_hi[l], e_lo[l], s_hi, s_lo + 2.0 * d_hi * d_lo, &h[l], &lo[l]);
            scale[l] = big_k[l];
        } else { /* 1/(1 + e) for t ≥ 0, e/(1 + e) for t < 0 */
            quick_divide(negative[l] ? e_hi[l] : 1.0, negative[l] ? e_lo[l] : 0.0, d_hi, d_lo, &h[l], &lo[l]);
            scale[l] = negative[l] ? big_k[l] : 0;
        }
    }
    if (p->times) EACH times(p, &scale[l], &h[l], &lo[l]);
    EACH ok[l] &= quick_decide(scale[l], h[l], lo[l], QUICK_ERROR, p->tg, &out[l]);
}

/* rounded_quick._log: log s to a relative 2^−62 for a dd s > 0 (normal), v = s − 1 exactly
   where s ∈ [√½, √2) */
static inline void quick_log(double s_hi, double s_lo, double v_hi, double v_lo, double *r_hi, double *r_lo) {
    int64_t m, i;
    double down, scale, y_hi, y_lo, c, n_hi, n_lo, quotient, big, q1, g_lo, g, sq_hi, sq_lo, poly, cubic;
    double s1_hi, s1_lo, mf, a_hi, a_lo, b_hi, b_lo;
    fast_two_sum(s_hi, s_lo, &s_hi, &s_lo);
    fast_two_sum(v_hi, v_lo, &v_hi, &v_lo);
    m = exponent_of(s_hi);
    down = s_hi * power2(-m); /* in [½, 1) */
    m = m - (down < SQRT_HALF ? 1 : 0);
    scale = power2(-m);
    y_hi = s_hi * scale;
    y_lo = s_lo * scale;
    i = (int64_t)round_even((y_hi - 1.0) * 64.0);
    c = 1.0 + (double)i * (1.0 / 64.0);
    n_hi = m == 0 ? v_hi - (c - 1.0) : y_hi - c;
    n_lo = m == 0 ? v_lo : y_lo;
    quotient = n_hi / c;
    big = quotient * SPLIT_46;
    q1 = big - (big - quotient);
    g_lo = ((n_hi - q1 * c) + n_lo) / c;
    g = q1 + g_lo;
    square_exact(q1, &sq_hi, &sq_lo);
    poly = -1.0 / 10.0; /* _LOG_POLYNOMIAL: 1/3, −1/4, …, −1/10 */
    poly = 1.0 / 9.0 + g * poly;
    poly = -1.0 / 8.0 + g * poly;
    poly = 1.0 / 7.0 + g * poly;
    poly = -1.0 / 6.0 + g * poly;
    poly = 1.0 / 5.0 + g * poly;
    poly = -1.0 / 4.0 + g * poly;
    poly = 1.0 / 3.0 + g * poly;
    cubic = g * (g * g) * poly;
    two_sum(q1, -0.5 * sq_hi, &s1_hi, &s1_lo);
    s1_lo = s1_lo + (((g_lo - 0.5 * sq_lo) - q1 * g_lo) + cubic);
    mf = (double)m * 1.0;
    two_sum(mf * LN2_HI, log_hi[i + 20], &a_hi, &a_lo);
    two_sum(a_hi, s1_hi, &b_hi, &b_lo);
    *r_hi = b_hi;
    *r_lo = b_lo + (a_lo + (mf * LN2_LO + log_lo[i + 20]) + s1_lo);
}

/* rounded_quick.log_logistic (with _log_sigma): L·log σ(±k(x − x0)) to 2^−60.2, LANES values */
static inline void quick_log_logistic(const Params *p, const double *x, double *out, int *ok) {
    double a_hi[LANES], a_lo[LANES], e_hi[LANES], e_lo[LANES], l_hi[LANES], l_lo[LANES], h[LANES], lo[LANES];
    int64_t big_k[LANES], scale[LANES];
    int negative[LANES], l;
    EACH {
        double t_hi, t_lo, v = x[l];
        int finite = isfinite(v);
        argument(finite ? v : 0.0, p->k, p->x0, LIMIT, &t_hi, &t_lo); /* |t| ≤ 2200 */
        if (p->complement) { t_hi = -t_hi; t_lo = -t_lo; }
        negative[l] = t_hi < 0;
        a_hi[l] = fabs(t_hi);
        a_lo[l] = p->default_arg ? 0.0 : (negative[l] ? -t_lo : t_lo);
        ok[l] = finite & (a_hi[l] < QUICK_DOMAIN);
        a_hi[l] = a_hi[l] < QUICK_DOMAIN ? a_hi[l] : QUICK_DOMAIN; /* np.minimum */
    }
    EACH quick_exp(a_hi[l], a_lo[l], &big_k[l], &e_hi[l], &e_lo[l]);
    EACH {
        double down = from_bits((uint64_t)(big_k[l] + 1023) << 52);
        double v_hi = e_hi[l] * down, v_lo = e_lo[l] * down, s_hi, s_lo; /* e, normal: K ≥ −1010 */
        fast_two_sum(1.0, v_hi, &s_hi, &s_lo);
        quick_log(s_hi, s_lo + v_lo, v_hi, v_lo, &l_hi[l], &l_lo[l]);
    }
    EACH {
        double n_hi, n_lo;
        two_sum(-a_hi[l], -l_hi[l], &n_hi, &n_lo); /* t < 0: −|t| − log1p(e) */
        h[l] = negative[l] ? n_hi : -l_hi[l];
        lo[l] = negative[l] ? n_lo - a_lo[l] - l_lo[l] : -l_lo[l];
        scale[l] = 0;
    }
    if (p->times) EACH times(p, &scale[l], &h[l], &lo[l]);
    EACH ok[l] &= quick_decide(scale[l], h[l], lo[l], QUICK_LOG_ERROR, p->tg, &out[l]);
}

/* rounded_quick._divide_relative: N/D as q1 + q2 to a relative 2^−73 whatever its size */
static inline void quick_divide_relative(double n_hi, double n_lo, double d_hi, double d_lo, double *q1,
                                         double *q2) {
    double q, q_lo, d_top, d_bot, remainder;
    split(n_hi / d_hi, &q, &q_lo);
    split(d_hi, &d_top, &d_bot);
    remainder = ((n_hi - q * d_top) - q * d_bot) + (n_lo - q * d_lo);
    *q1 = q;
    *q2 = remainder / d_hi;
}

/* rounded_quick.logit (_logit_middle, _logit_tails) for LANES values, to 2^−61.9: both branches
   as one sequence with selects. Middle (1/4 ≤ p ≤ 3/4): v = (2p − 1)/(1 − p), log of 1 + v;
   tails: r = q/(1 − q), q = min(p, 1 − p) (exact), log r (r < 1/3, so m < 0 and v is unused),
   negated for p > 3/4. Each lane's operations are its own branch's, in rounded_quick's order
   (the TwoSum 1 + v a tail lane also computes is not used). */
static inline void quick_logit(const Params *pp, const double *x, double *out, int *ok) {
    double h[LANES], lo[LANES], v_hi[LANES], v_lo[LANES];
    int middle[LANES], mirrored[LANES], l;
    EACH {
        double p = x[l], q, d_hi, d_lo;
        ok[l] = (p > 0x1p-1000) & (p < 1.0) & (p != 0.5); /* smaller p: the accurate phase */
        p = ok[l] ? p : 0.25;
        middle[l] = (0.25 <= p) & (p <= 0.75);
        mirrored[l] = p > 0.75;
        q = mirrored[l] ? 1.0 - p : p;
        two_sum(1.0, -q, &d_hi, &d_lo); /* q = p in the middle */
        quick_divide_relative(middle[l] ? 2.0 * p - 1.0 : q, 0.0, d_hi, d_lo, &v_hi[l], &v_lo[l]);
    }
    EACH {
        double s_hi, s_lo;
        two_sum(1.0, v_hi[l], &s_hi, &s_lo);
        if (middle[l]) {
            s_lo = s_lo + v_lo[l];
        } else {
            s_hi = v_hi[l];
            s_lo = v_lo[l];
        }
        quick_log(s_hi, s_lo, v_hi[l], v_lo[l], &h[l], &lo[l]);
        h[l] = mirrored[l] ? -h[l] : h[l];
        lo[l] = mirrored[l] ? -lo[l] : lo[l];
    }
    EACH ok[l] &= quick_decide(0, h[l], lo[l], QUICK_LOG_ERROR, pp->tg, &out[l]);
}

/* The quick phase of LANES values: ok[l] = 1 and out[l] set where decided, 0 for the accurate
   phase (or the caller's formulas). */
static inline void quick(const Params *p, const double *x, double *out, int *ok) {
    if (p->kind == 0)
        quick_logistic(p, x, out, ok);
    else if (p->kind == 1)
        quick_log_logistic(p, x, out, ok);
    else
        quick_logit(p, x, out, ok);
}

/* One value: 1 and *out set where decided; 0 for the exact fallback (or the caller's formulas:
   a non-finite x, logit outside its open domain). */
static inline int one(const Params *p, double x, double *out) {
    if (p->kind == 2) {
        if (!(x > 0.0 && x < 1.0) || x == 0.5) return 0;
        return logit(p, x, out);
    }
    if (!isfinite(x)) return 0;
    return p->kind == 0 ? logistic(p, x, out) : log_logistic(p, x, out);
}

/* --- Python ----------------------------------------------------------------------------- */

/* set_tables(inverse factorials, exp table, log table): three bytes objects of doubles, the
   exp and log tables as (hi, lo) pairs, from rounded.py. */
static PyObject *set_tables(PyObject *self, PyObject *args) {
    Py_buffer f, e, l;
    int i;
    if (!PyArg_ParseTuple(args, "y*y*y*", &f, &e, &l)) return NULL;
    if (f.len != 9 * 8 || e.len != 512 * 8 || l.len != 98 * 8) {
        PyBuffer_Release(&f);
        PyBuffer_Release(&e);
        PyBuffer_Release(&l);
        PyErr_SetString(PyExc_ValueError, "tables of the wrong size");
        return NULL;
    }
    memcpy(inv_factorial, f.buf, 9 * 8);
    for (i = 0; i < 256; i++) {
        exp_hi[i] = ((double *)e.buf)[2 * i];
        exp_lo[i] = ((double *)e.buf)[2 * i + 1];
    }
    for (i = 0; i < 49; i++) {
        log_hi[i] = ((double *)l.buf)[2 * i];
        log_lo[i] = ((double *)l.buf)[2 * i + 1];
    }
    tables_set = 1;
    PyBuffer_Release(&f);
    PyBuffer_Release(&e);
    PyBuffer_Release(&l);
    Py_RETURN_NONE;
}

/* The parameters of (kind, k, x0, L, complement, slope_k, single), as rounded.choose and
   rounded.factor read them: kind 0 σ, 1 σ', 2 the derivative of log σ (σ of the other side
   times ±k), 3 log σ, 4 logit. */
static int params_of(PyObject *args, Py_ssize_t first, Params *p) {
    int kind, complement, single, e_l, e_k;
    double k, x0, big_l, slope, m_l, m_k;
    PyObject *rest = PyTuple_GetSlice(args, first, first + 6);
    int ok;
    if (rest == NULL) return 0;
    ok = PyArg_ParseTuple(rest, "idddpp", &kind, &k, &x0, &big_l, &complement, &single);
    Py_DECREF(rest);
    if (!ok) return 0;
    if (!tables_set) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables first");
        return 0;
    }
    if (kind < 0 || kind > 4 || big_l == 0.0 || !isfinite(k) || !isfinite(x0) || !isfinite(big_l) || k == 0.0) {
        PyErr_SetString(PyExc_ValueError, "kind 0-4; k, x0, L finite; k and L not 0");
        return 0;
    }
    p->k = k;
    p->x0 = x0;
    p->default_arg = k == 1.0 && x0 == 0.0;
    p->tg = single ? SINGLE_T : DOUBLE_T;
    p->grad = kind == 1;
    p->complement = kind == 2 ? !complement : complement;
    slope = 1.0;
    if (kind == 1) slope = complement ? -k : k;
    if (kind == 2) slope = complement ? -k : k;
    p->kind = kind <= 2 ? 0 : kind == 3 ? 1 : 2;
    if (kind == 3) slope = 1.0;
    p->times = !(big_l == 1.0 && slope == 1.0);
    m_l = frexp(big_l, &e_l);
    m_k = frexp(slope, &e_k);
    two_prod(m_l, m_k, &p->f_hi, &p->f_lo);
    p->f_exp = (int64_t)e_l + e_k;
    return 1;
}

/* scalar(x, kind, k, x0, L, complement, single) -> the rounded float, or None where the
   rounding test leaves it to the exact fallback (or x is not a regular input). */
static PyObject *scalar(PyObject *self, PyObject *args) {
    Params p;
    double x, out;
    PyObject *first;
    if (PyTuple_GET_SIZE(args) != 7) {
        PyErr_SetString(PyExc_TypeError, "scalar(x, kind, k, x0, L, complement, single)");
        return NULL;
    }
    first = PyTuple_GET_ITEM(args, 0);
    x = PyFloat_AsDouble(first);
    if (x == -1.0 && PyErr_Occurred()) return NULL;
    if (!params_of(args, 1, &p)) return NULL;
    { /* the quick phase on x in every lane (LANES copies: a few ns, against µs of Python) */
        double xs[LANES], values[LANES];
        int ok[LANES], l;
        EACH xs[l] = x;
        quick(&p, xs, values, ok);
        if (ok[0]) return PyFloat_FromDouble(values[0]);
    }
    if (!one(&p, x, &out)) Py_RETURN_NONE;
    return PyFloat_FromDouble(out);
}

static int float_kind(Py_buffer *view) {
    /* 8 for float64, 4 for float32 (native byte order), 0 otherwise */
    const char *f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || *f == '<') f++;
    if (f[0] == 'd' && f[1] == 0 && view->itemsize == 8) return 8;
    if (f[0] == 'f' && f[1] == 0 && view->itemsize == 4) return 4;
    return 0;
}

/* array(x, out, kind, k, x0, L, complement, single[, phases]) -> bytes of int64 indexes left
   open. x and out: C-contiguous float64 or float32 buffers of one length (out may be x itself:
   an open value is not written, so its input is still there). phases: 3 (the default) the
   quick phase, then the accurate one for what it leaves open; 1 the quick phase alone, 2 the
   accurate one alone (for tests: each decides only what its bound allows, so all three write
   the same bits where they decide). */
static PyObject *array(PyObject *self, PyObject *args) {
    Params p;
    Py_buffer in, out;
    Py_ssize_t n, i, count = 0, capacity = 0;
    int64_t *open = NULL;
    int in_kind, out_kind, failed = 0, phases = 3;
    PyObject *result;
    if (PyTuple_GET_SIZE(args) != 8 && PyTuple_GET_SIZE(args) != 9) {
        PyErr_SetString(PyExc_TypeError, "array(x, out, kind, k, x0, L, complement, single[, phases])");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) == 9) {
        phases = (int)PyLong_AsLong(PyTuple_GET_ITEM(args, 8));
        if (phases == -1 && PyErr_Occurred()) return NULL;
        if (phases < 1 || phases > 3) {
            PyErr_SetString(PyExc_ValueError, "phases: 1 quick, 2 accurate, 3 both");
            return NULL;
        }
    }
    if (!params_of(args, 2, &p)) return NULL;
    if (PyObject_GetBuffer(PyTuple_GET_ITEM(args, 0), &in, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return NULL;
    if (PyObject_GetBuffer(PyTuple_GET_ITEM(args, 1), &out, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | PyBUF_WRITABLE) <
        0) {
        PyBuffer_Release(&in);
        return NULL;
    }
    in_kind = float_kind(&in);
    out_kind = float_kind(&out);
    n = in_kind ? in.len / in_kind : 0;
    if (!in_kind || !out_kind || out.len / out_kind != n) {
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        PyErr_SetString(PyExc_TypeError, "x and out: contiguous float64 or float32 buffers of one length");
        return NULL;
    }
    /* Without the GIL past a few thousand values (the buffers stay held by their views). */
    Py_BEGIN_ALLOW_THREADS
    for (i = 0; i < n && !failed; i += LANES) {
        double xs[LANES], values[LANES];
        int ok[LANES], l, m = n - i < LANES ? (int)(n - i) : LANES;
        EACH xs[l] = l >= m ? 0.5 : in_kind == 8 ? ((const double *)in.buf)[i + l] : (double)((const float *)in.buf)[i + l];
        if (phases & 1)
            quick(&p, xs, values, ok);
        else
            EACH ok[l] = 0;
        for (l = 0; l < m; l++) {
            if (!ok[l] && (phases & 2)) ok[l] = one(&p, xs[l], &values[l]);
            if (ok[l]) {
                if (out_kind == 8)
                    ((double *)out.buf)[i + l] = values[l];
                else
                    ((float *)out.buf)[i + l] = (float)values[l]; /* exact: on the float32 grid */
                continue;
            }
            if (count == capacity) {
                Py_ssize_t grown = capacity ? 2 * capacity : 64;
                int64_t *more = (int64_t *)realloc(open, (size_t)grown * sizeof(int64_t));
                if (more == NULL) {
                    failed = 1;
                    break;
                }
                open = more;
                capacity = grown;
            }
            open[count++] = (int64_t)(i + l);
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&in);
    PyBuffer_Release(&out);
    if (failed) {
        free(open);
        return PyErr_NoMemory();
    }
    result = PyBytes_FromStringAndSize((const char *)open, count * (Py_ssize_t)sizeof(int64_t));
    free(open);
    return result;
}

/* --- σ'' (curve._w_form for n = 2, then curve._derivative's factor) ----------------------- */

/* σ''(u) = w·s with w = σ'(u) (grad_from_parts) and s = 1 − 2σ(u) (curve._one_minus_two_sigma):
   the same operations in the same order as _w_form with P = 1, so the same double (rounded once,
   within 0.6 ulp: no value is flagged for mpmath at this order). u = x, or k·(x − x0), negated
   for the complement, as curve._argument makes it; factor = L·k² comes from Python. */
static inline double second_one(double x, double k, double x0, int plain, int complement, double factor) {
    double u = plain ? x : k * (x - x0), t, a, e_hi, e_lo, down, sm_hi, sm_lo, d_hi, d_lo, s2_hi, s2_lo;
    double q_hi, q_lo, v_hi, v_lo, top_hi, top_lo, r_hi, r_lo, half, small, sign, s_hi, s_lo, m_hi, m_lo;
    double value;
    int64_t big_k;
    if (complement) u = -u;
    if (isnan(u)) return NAN;
    t = clip(u, -LIMIT, LIMIT);
    a = fabs(t);
    exp_negative(a, 0.0, &big_k, &e_hi, &e_lo); /* sigma_parts (a plain 0.0 low part) */
    down = power2(big_k > -1022 ? big_k : -1022);
    sm_hi = e_hi * down;
    sm_lo = e_lo * down;
    fast_two_sum(1.0, sm_hi, &d_hi, &d_lo);
    fast_two_sum(d_hi, d_lo + sm_lo, &d_hi, &d_lo);
    square_exact(d_hi, &s2_hi, &s2_lo); /* grad_from_parts */
    s2_lo = s2_lo + 2.0 * d_hi * d_lo;
    dd_div(e_hi, e_lo, s2_hi, s2_lo, &q_hi, &q_lo);
    dd_mul(q_hi, q_lo, 1.0, 0.0, &v_hi, &v_lo); /* w·P(w)/2^K with P = 1 */
    two_sum(1.0, -sm_hi, &top_hi, &top_lo);     /* _one_minus_two_sigma */
    dd_div(top_hi, top_lo - sm_lo, d_hi, d_lo, &r_hi, &r_lo);
    half = 0.5 * a;
    small = half - half * (a * a / 12.0);
    sign = t < 0 ? 1.0 : -1.0;
    s_hi = sign * (a < 0x1p-20 ? small : r_hi);
    s_lo = sign * (a < 0x1p-20 ? 0.0 : r_lo);
    dd_mul(v_hi, v_lo, s_hi, s_lo, &m_hi, &m_lo);
    value = a < 0x1p-500 ? (-t) * (0.5 * ldexp(v_hi, (int)big_k)) : ldexp(m_hi + m_lo, (int)big_k);
    value = value + 0.0; /* σ''(0) is 0, not −0 */
    return factor == 1.0 ? value : factor * value;
}

/* second(x, out, k, x0, factor, complement, plain) -> b"": σ'' over float64 buffers (nothing is
   left open at this order). */
static PyObject *second(PyObject *self, PyObject *args) {
    Py_buffer in, out;
    double k, x0, factor;
    int complement, plain;
    Py_ssize_t n, i;
    PyObject *x_obj, *out_obj;
    if (!PyArg_ParseTuple(args, "OOdddpp", &x_obj, &out_obj, &k, &x0, &factor, &complement, &plain)) return NULL;
    if (PyObject_GetBuffer(x_obj, &in, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return NULL;
    if (PyObject_GetBuffer(out_obj, &out, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | PyBUF_WRITABLE) < 0) {
        PyBuffer_Release(&in);
        return NULL;
    }
    if (float_kind(&in) != 8 || float_kind(&out) != 8 || in.len != out.len) {
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        PyErr_SetString(PyExc_TypeError, "x and out: contiguous float64 buffers of one length");
        return NULL;
    }
    n = in.len / 8;
    Py_BEGIN_ALLOW_THREADS
    for (i = 0; i < n; i++)
        ((double *)out.buf)[i] = second_one(((const double *)in.buf)[i], k, x0, plain, complement, factor);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&in);
    PyBuffer_Release(&out);
    return PyBytes_FromStringAndSize("", 0);
}


/* --- softmax, log-softmax, logsumexp of rows: numeric/softmax.py's rows() ----------------- */
#define MAX_ROW 1024
static const double SCALED_LIMIT = 0x1p20; /* softmax._SCALED_LIMIT */
static const double ROW_LOG_ERROR = 0x1p-74; /* log1p_dd's 2^-77 (LOG_ERROR), with room to spare */

/* The rounded result 2^scale·(h + lo) with a relative error bound, for |h| anywhere in the
   normal doubles (round_full wants 2^-1000 < |h| < 2^1000): h is scaled there first. */
static inline int rounded_any(int64_t scale, double h, double lo, double error, double *out) {
    if (fabs(h) < 0x1p-900) return rounded(scale - 1000, h * 0x1p1000, lo * 0x1p1000, error, DOUBLE_T, out);
    if (fabs(h) > 0x1p900) return rounded(scale + 1000, h * 0x1p-1000, lo * 0x1p-1000, error, DOUBLE_T, out);
    return rounded(scale, h, lo, error, DOUBLE_T, out);
}

/* One row of n values: 1 and its results in out (n of them; logsumexp: one), or 0 when the row
   must go to the exact path (a value not finite, |z/T| past SCALED_LIMIT, a result the rounding
   test cannot settle). */
static int softmax_row(const double *z, double *out, Py_ssize_t n, double t, int kind) {
    double s_hi[MAX_ROW], s_lo[MAX_ROW], d_hi[MAX_ROW], d_lo[MAX_ROW], e_hi[MAX_ROW], e_lo[MAX_ROW];
    int64_t big_k[MAX_ROW];
    double m_hi, m_lo, r_hi = 0.0, r_lo = 0.0, err, l_hi = 0.0, l_lo = 0.0, g_hi, g_lo, q_hi, q_lo;
    double bound, spread;
    int clipped = 0, far = 0;
    Py_ssize_t i, top = 0;
    if (n < 1 || n > MAX_ROW) return 0;
    for (i = 0; i < n; i++) {
        double x = z[i], p, e;
        if (!isfinite(x)) return 0;
        if (t == 1.0) {
            s_hi[i] = x;
            s_lo[i] = 0.0;
        } else {
            s_hi[i] = x / t;
            if (!(fabs(s_hi[i]) <= SCALED_LIMIT)) return 0;
            two_prod(s_hi[i], t, &p, &e);
            s_lo[i] = ((x - p) - e) / t; /* x - p is exact (Sterbenz) */
        }
        if (s_hi[i] > s_hi[top]) top = i;
    }
    m_hi = s_hi[top];
    m_lo = s_lo[top];
    for (i = 0; i < n; i++) { /* d = m - s >= 0, and the sum of e^-d over the others */
        two_sum(m_hi, -s_hi[i], &d_hi[i], &d_lo[i]);
        if (!isfinite(d_hi[i]) || fabs(d_hi[i]) > 0x1p1000) return 0;
        fast_two_sum(d_hi[i], d_lo[i] + (m_lo - s_lo[i]), &d_hi[i], &d_lo[i]);
        if (d_hi[i] < 0.0) return 0; /* a tie of high parts: m is not the largest */
        far |= i != top && d_hi[i] > LIMIT;
        if (i == top || d_hi[i] > LIMIT) {
            big_k[i] = 0;
            e_hi[i] = e_lo[i] = 0.0;
            if (i == top) e_hi[i] = 1.0;
            continue;
        }
        exp_negative(d_hi[i], d_lo[i], &big_k[i], &e_hi[i], &e_lo[i]);
        double down = power2(big_k[i]); /* clipped at 2^-1022: within 2^-1020 of the sum (>= 1) */
        clipped |= big_k[i] < -1022;
        two_sum(r_hi, e_hi[i] * down, &r_hi, &err);
        r_lo = r_lo + (err + e_lo[i] * down);
    }
    fast_two_sum(r_hi, r_lo, &r_hi, &r_lo); /* the rest: the sum is 1 + rest */
    if (kind == 0) {
        fast_two_sum(1.0, r_hi, &g_hi, &g_lo);
        fast_two_sum(g_hi, g_lo + r_lo, &g_hi, &g_lo);
        for (i = 0; i < n; i++) {
            if (i != top && d_hi[i] > LIMIT) { /* e^-2200 of a sum >= 1: 0 in every digit */
                out[i] = 0.0;
                continue;
            }
            dd_div(e_hi[i], e_lo[i], g_hi, g_lo, &q_hi, &q_lo);
            if (!rounded_any(big_k[i], q_hi, q_lo, ERROR, &out[i])) return 0;
        }
        return 1;
    }
    if (r_hi != 0.0) log1p_dd(r_hi, r_lo, &l_hi, &l_lo); /* log(1 + rest) */
    /* Absolute error of l: its own relative bound, and the rest's relative 2^-79.6, which
       moves l by at most 2^-79.6·rest/(1 + rest) <= 2^-79.6·l; the terms below 2^-1022 taken
       as 2^-1022·E: 2^-1010 at most; the terms past e^-2200, left out: below 2^-3000 (counted
       as 2^-1074); of d or m with T != 1: (|m| + |s|)·2^-104 (the rounded s). */
    bound = (ROW_LOG_ERROR + 0x1p-79) * l_hi + (clipped ? 0x1p-1010 : 0.0) + (far ? 0x1p-1074 : 0.0);
    if (kind == 2) { /* logsumexp = m + l */
        two_sum(m_hi, l_hi, &q_hi, &q_lo);
        fast_two_sum(q_hi, q_lo + (m_lo + l_lo), &q_hi, &q_lo);
        spread = t == 1.0 ? 0.0 : fabs(m_hi) * 0x1p-103;
        if (q_hi == 0.0) return 0;
        err = (bound + spread) / fabs(q_hi);
        if (!(err < 0x1p-60)) return 0;
        return rounded_any(0, q_hi, q_lo, err, &out[0]);
    }
    for (i = 0; i < n; i++) { /* log-softmax = -(d + l) */
        two_sum(d_hi[i], l_hi, &q_hi, &q_lo);
        fast_two_sum(q_hi, q_lo + (d_lo[i] + l_lo), &q_hi, &q_lo);
        if (q_hi == 0.0) { /* d = 0 and l = 0: the only value of its row, or all the others */
            out[i] = far ? -0.0 : 0.0; /* past e^-2200 below it: -(that) rounds to -0 */
            continue;
        }
        spread = (t == 1.0 || i == top) ? 0.0 : (fabs(m_hi) + fabs(s_hi[i])) * 0x1p-103;
        err = (bound + spread) / fabs(q_hi);
        if (!(err < 0x1p-60)) return 0;
        if (!rounded_any(0, -q_hi, -q_lo, err, &out[i])) return 0;
    }
    return 1;
}

/* softmax_rows(z, out, n, temperature, kind) -> bytes of the int64 indexes of the rows left
   open. z: C-contiguous float64, rows of n values; out: float64, as long as z (logsumexp, kind
   2: one value per row). kind: 0 softmax, 1 log-softmax, 2 logsumexp. The rows left open are
   not all written. */
static PyObject *softmax_rows(PyObject *self, PyObject *args) {
    Py_buffer in, out;
    Py_ssize_t n, rows, row, open_count = 0;
    double t;
    int kind;
    PyObject *x_obj, *out_obj, *result;
    int64_t *open_rows;
    if (!PyArg_ParseTuple(args, "OOndi", &x_obj, &out_obj, &n, &t, &kind)) return NULL;
    if (n < 1 || n > MAX_ROW || kind < 0 || kind > 2) {
        PyErr_SetString(PyExc_ValueError, "1 <= n <= 1024 values a row, kind 0, 1 or 2");
        return NULL;
    }
    if (PyObject_GetBuffer(x_obj, &in, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return NULL;
    if (PyObject_GetBuffer(out_obj, &out, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | PyBUF_WRITABLE) < 0) {
        PyBuffer_Release(&in);
        return NULL;
    }
    rows = in.len / 8 / n;
    if (float_kind(&in) != 8 || float_kind(&out) != 8 || in.len != rows * n * 8 ||
        out.len != (kind == 2 ? rows : rows * n) * 8) {
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        PyErr_SetString(PyExc_TypeError, "z and out: contiguous float64 buffers, rows of n values");
        return NULL;
    }
    open_rows = PyMem_Malloc((size_t)(rows + 1) * sizeof(int64_t));
    if (open_rows == NULL) {
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    for (row = 0; row < rows; row++) {
        double *target = (double *)out.buf + (kind == 2 ? row : row * n);
        if (!softmax_row((const double *)in.buf + row * n, target, n, t, kind)) open_rows[open_count++] = row;
    }
    Py_END_ALLOW_THREADS
    result = PyBytes_FromStringAndSize((const char *)open_rows, open_count * (Py_ssize_t)sizeof(int64_t));
    PyMem_Free(open_rows);
    PyBuffer_Release(&in);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"set_tables", set_tables, METH_VARARGS, "set_tables(inverse factorials, exp pairs, log pairs)"},
    {"scalar", scalar, METH_VARARGS, "scalar(x, kind, k, x0, L, complement, single) -> float or None"},
    {"array", array, METH_VARARGS, "array(x, out, kind, k, x0, L, complement, single[, phases]) -> open indexes"},
    {"softmax_rows", softmax_rows, METH_VARARGS, "softmax_rows(z, out, n, T, kind) -> open rows (int64 bytes)"},
    {"second", second, METH_VARARGS, "second(x, out, k, x0, factor, complement, plain) -> b'' (sigma'')"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_rounded_c", NULL, -1, methods};

PyMODINIT_FUNC PyInit__rounded_c(void) { return PyModule_Create(&module); }
