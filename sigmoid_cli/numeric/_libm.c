/* The C library's elementary functions over buffers of doubles, value by value.

Python's math module computes exp, log, tanh, erf... by these same C functions, so an array
computed here holds, bit for bit, what math gives value by value. numpy's own loops do not:
with AVX-512 numpy has its own exp and log (and SVML's tanh, sin...), which differ from the C
library's in the last bit for a few values in a hundred. The stream computes an --expr over
whole chunks with this module and the arguments value by value with math: the same digits.
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

typedef double (*unary_function)(double);

/* The order is numeric/libm.py's NAMES. */
static const unary_function UNARY[] = {
    exp, log, log1p, expm1, sqrt, sin, cos, tan, sinh, cosh, tanh, asin, atan, atanh, erf, erfc,
};
#define UNARY_COUNT ((int)(sizeof UNARY / sizeof UNARY[0]))

static int same_length(Py_buffer *a, Py_buffer *b) {
    if (a->len != b->len || a->len % (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "buffers of doubles of one length expected");
        return 0;
    }
    return 1;
}

static PyObject *unary(PyObject *self, PyObject *args) {
    int code;
    Py_buffer in, out;
    if (!PyArg_ParseTuple(args, "iy*w*", &code, &in, &out)) return NULL;
    if (code < 0 || code >= UNARY_COUNT) {
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        return PyErr_Format(PyExc_ValueError, "no function %d", code);
    }
    if (!same_length(&in, &out)) {
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        return NULL;
    }
    Py_ssize_t n = in.len / (Py_ssize_t)sizeof(double);
    const double *x = (const double *)in.buf;
    double *y = (double *)out.buf;
    unary_function f = UNARY[code];
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) y[i] = f(x[i]);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&in);
    PyBuffer_Release(&out);
    Py_RETURN_NONE;
}

typedef double (*binary_function)(double, double);
static const binary_function BINARY[] = {pow, hypot}; /* numeric/libm.py's BINARY */

static PyObject *binary(PyObject *self, PyObject *args) {
    Py_buffer base, exponent, out;
    int code;
    if (!PyArg_ParseTuple(args, "iy*y*w*", &code, &base, &exponent, &out)) return NULL;
    if (code < 0 || code > 1) {
        PyBuffer_Release(&base);
        PyBuffer_Release(&exponent);
        PyBuffer_Release(&out);
        return PyErr_Format(PyExc_ValueError, "no function %d", code);
    }
    binary_function f = BINARY[code];
    PyObject *result = NULL;
    if (same_length(&base, &out) && same_length(&exponent, &out)) {
        Py_ssize_t n = out.len / (Py_ssize_t)sizeof(double);
        const double *b = (const double *)base.buf, *e = (const double *)exponent.buf;
        double *y = (double *)out.buf;
        Py_BEGIN_ALLOW_THREADS
        for (Py_ssize_t i = 0; i < n; i++) y[i] = f(b[i], e[i]);
        Py_END_ALLOW_THREADS
        result = Py_None;
        Py_INCREF(result);
    }
    PyBuffer_Release(&base);
    PyBuffer_Release(&exponent);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"unary", unary, METH_VARARGS, "unary(code, x, out): out[i] = f(x[i]) for the C function numbered code"},
    {"binary", binary, METH_VARARGS, "binary(code, a, b, out): out[i] = pow or hypot (code 0, 1) of a[i], b[i]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_libm", NULL, -1, methods};

PyMODINIT_FUNC PyInit__libm(void) { return PyModule_Create(&module); }
