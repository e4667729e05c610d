/* orjson's text of a JSON array of floats, respelled as Python's repr spells each number.

Why: the stream prints results with orjson (shortest round-trip digits, ~30 ns a value), whose
spelling differs from repr's for 1e-9 <= |v| < 1e-4 only: orjson writes 0.000015 and 1.5e-6,
repr 1.5e-05 and 1.5e-06. Fixing that in Python costs a pass over the text per pattern (bytes
.replace) or a regular expression, several milliseconds per megabyte; here it is one pass.
stream/lean.py has the same rules in Python, for a machine where this was not built.

respell(text) -> bytes: text is '[n,n,...]' as orjson.dumps writes a list of floats. A number
starts after '[', ',' or its '-' sign; it ends at ',' or ']'. The rules:
  0.0000DRRR -> D.RRRe-05   (1e-5 <= |v| < 1e-4; 0.0000D alone -> De-05)
  ...e-N     -> ...e-0N     (one exponent digit N: 5 to 9, 1e-9 <= |v| < 1e-5)
Everything else is copied as it is. */

#define _GNU_SOURCE /* memmem */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static int is_end(char c) { return c == ',' || c == ']'; }

/* The next place that may need a change at or after i: an 'e', or "0.0000" (memchr and memmem
   skip the bytes between at memory speed; most numbers have neither). */
static Py_ssize_t next_event(const char *text, Py_ssize_t n, Py_ssize_t i, const char **e, const char **zeros) {
    if (*e != NULL && *e < text + i) *e = memchr(text + i, 'e', (size_t)(n - i));
    if (*zeros != NULL && *zeros < text + i) *zeros = memmem(text + i, (size_t)(n - i), "0.0000", 6);
    if (*e == NULL && *zeros == NULL) return n;
    if (*e == NULL) return *zeros - text;
    if (*zeros == NULL) return *e - text;
    return (*e < *zeros ? *e : *zeros) - text;
}

static PyObject *respell(PyObject *self, PyObject *arg) {
    char *text, *out, *o;
    const char *e = "", *zeros = ""; /* before text: not searched yet */
    Py_ssize_t n, i = 0, at;
    PyObject *result;
    if (PyBytes_AsStringAndSize(arg, &text, &n) < 0) return NULL;
    e = zeros = text - 1;
    /* At most 1 byte longer per number (e-N; 0.0000D... gets shorter), and a number and its
       comma take at least 2 bytes. */
    result = PyBytes_FromStringAndSize(NULL, n + n / 2 + 16);
    if (result == NULL) return NULL;
    out = o = PyBytes_AS_STRING(result);
    while ((at = next_event(text, n, i, &e, &zeros)) < n) {
        memcpy(o, text + i, (size_t)(at - i));
        o += at - i;
        i = at;
        if (text[at] == 'e') {
            *o++ = 'e';
            i++;
            if (i + 1 < n && text[i] == '-' && text[i + 1] >= '5' && text[i + 1] <= '9' &&
                (i + 2 >= n || is_end(text[i + 2]))) {
                *o++ = '-';
                *o++ = '0';
                i++;
            }
            continue;
        }
        /* "0.0000" at a number's start (after '[', ',' or its sign; not inside 10.00001) */
        if (at > 0 && (text[at - 1] == '[' || text[at - 1] == ',' || text[at - 1] == '-') && at + 6 < n) {
            Py_ssize_t end = at + 6;
            while (end < n && !is_end(text[end])) end++;
            *o++ = text[at + 6]; /* the first digit, then the rest after a point */
            if (end - (at + 6) > 1) {
                *o++ = '.';
                memcpy(o, text + at + 7, (size_t)(end - (at + 7)));
                o += end - (at + 7);
            }
            memcpy(o, "e-05", 4);
            o += 4;
            i = end;
        } else {
            *o++ = text[at];
            i++;
        }
    }
    memcpy(o, text + i, (size_t)(n - i));
    o += n - i;
    if (_PyBytes_Resize(&result, o - out) < 0) return NULL;
    return result;
}

/* beside(lines, results, separator, end, strip) -> bytes: each line of ``lines`` (each ending
   in ``end``), without its leading and trailing spaces and tabs if ``strip``, then
   ``separator``, then its result, the next item of ``results`` ('[r,r,...]' as respell returns
   it), then ``end``: `sigmoid eval -i` (strip) and `--fields ... -i` (the line as it is). A
   blank line gets its result alone (the stream gives it an empty one). */
static PyObject *beside(PyObject *self, PyObject *args) {
    const char *lines, *results, *separator, *end;
    Py_ssize_t n, m, separator_size, end_size, i = 0, j = 1, size;
    int strip;
    PyObject *output;
    char *o;
    if (!PyArg_ParseTuple(args, "y#y#y#y#p", &lines, &n, &results, &m, &separator, &separator_size, &end,
                          &end_size, &strip))
        return NULL;
    if (end_size < 1 || m < 2) {
        PyErr_SetString(PyExc_ValueError, "beside: an empty line end, or no results");
        return NULL;
    }
    size = n + m + n / 2 * separator_size + 16; /* every line and result once, a separator each */
    output = PyBytes_FromStringAndSize(NULL, size);
    if (output == NULL) return NULL;
    o = PyBytes_AS_STRING(output);
    while (i < n) {
        const char *stop = memchr(lines + i, end[end_size - 1], (size_t)(n - i));
        Py_ssize_t first = i, last = stop == NULL ? n : stop - lines + 1 - end_size, k;
        while (strip && first < last && (lines[first] == ' ' || lines[first] == '\t')) first++;
        while (strip && last > first && (lines[last - 1] == ' ' || lines[last - 1] == '\t')) last--;
        for (k = j; k < m && results[k] != ',' && results[k] != ']'; k++) {
        }
        if (o - PyBytes_AS_STRING(output) + (last - first) + separator_size + (k - j) + end_size > size) {
            Py_DECREF(output);
            PyErr_SetString(PyExc_ValueError, "beside: more results than lines");
            return NULL;
        }
        if (last > first) {
            memcpy(o, lines + first, (size_t)(last - first));
            o += last - first;
            memcpy(o, separator, (size_t)separator_size);
            o += separator_size;
        }
        memcpy(o, results + j, (size_t)(k - j));
        o += k - j;
        memcpy(o, end, (size_t)end_size);
        o += end_size;
        j = k + 1;
        i = stop == NULL ? n : stop - lines + 1;
    }
    if (_PyBytes_Resize(&output, o - PyBytes_AS_STRING(output)) < 0) return NULL;
    return output;
}

/* pick(lines, index, separator) -> bytes or None: the field ``index`` (0-based) of every line
   of ``lines`` (each ending in \n), as one JSON array '[f,f,...]' for orjson; None when a line
   lacks it, when it is empty, or when a quote comes before its end (a quoted field could hide
   a separator: the line-by-line path of fields.py reads those), or on a \r before its end. The
   fields after it
   are not looked at: they pass through (`--fields 2 -i`). */
static PyObject *pick(PyObject *self, PyObject *args) {
    const char *lines;
    Py_ssize_t n, index, i = 0;
    char separator;
    PyObject *output;
    char *o, *start;
    if (!PyArg_ParseTuple(args, "y#nc", &lines, &n, &index, &separator)) return NULL;
    output = PyBytes_FromStringAndSize(NULL, n + 2);
    if (output == NULL) return NULL;
    o = start = PyBytes_AS_STRING(output);
    *o++ = '[';
    while (i < n) {
        Py_ssize_t field = 0, first = i, k;
        while (field < index && i < n && lines[i] != '\n') { /* skip the fields before it */
            char c = lines[i++];
            if (c == '"' || c == '\r') goto none;
            if (c == separator) {
                field++;
                first = i;
            }
        }
        if (field < index) goto none; /* the line ended first */
        for (k = first; k < n && lines[k] != separator && lines[k] != '\n'; k++)
            if (lines[k] == '"' || lines[k] == '\r') goto none;
        if (k == first) goto none; /* an empty field */
        memcpy(o, lines + first, (size_t)(k - first));
        o += k - first;
        *o++ = ',';
        while (k < n && lines[k] != '\n') k++; /* the rest of the line: not ours */
        i = k + 1;
    }
    if (o == start + 1) goto none;
    o[-1] = ']';
    if (_PyBytes_Resize(&output, o - start) < 0) return NULL;
    return output;
none:
    Py_DECREF(output);
    Py_RETURN_NONE;
}

/* doubles(list) -> (the list's numbers as the bytes of a float64 array, [the indexes of its
   None items, read as 0]), or None when an item is anything else (or an int past the doubles).
   What orjson read: floats, ints (rounded as float() rounds them), and null for a blank line.
   array('d', list) converts at about 25 ns an item, through a generic path; this, a few. */
static PyObject *doubles(PyObject *self, PyObject *list) {
    Py_ssize_t n, i;
    PyObject *data, *nones, *result;
    double *out;
    if (!PyList_CheckExact(list)) {
        PyErr_SetString(PyExc_TypeError, "doubles() takes a list");
        return NULL;
    }
    n = PyList_GET_SIZE(list);
    data = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    nones = PyList_New(0);
    if (data == NULL || nones == NULL) goto fail;
    out = (double *)PyBytes_AS_STRING(data);
    for (i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        if (PyFloat_CheckExact(item)) {
            out[i] = PyFloat_AS_DOUBLE(item);
        } else if (PyLong_CheckExact(item)) {
            out[i] = PyLong_AsDouble(item);
            if (out[i] == -1.0 && PyErr_Occurred()) {
                PyErr_Clear();
                goto other;
            }
        } else if (item == Py_None) {
            PyObject *index = PyLong_FromSsize_t(i);
            out[i] = 0.0;
            if (index == NULL || PyList_Append(nones, index) < 0) {
                Py_XDECREF(index);
                goto fail;
            }
            Py_DECREF(index);
        } else {
            goto other;
        }
    }
    result = PyTuple_Pack(2, data, nones);
    Py_DECREF(data);
    Py_DECREF(nones);
    return result;
other:
    Py_DECREF(data);
    Py_DECREF(nones);
    Py_RETURN_NONE;
fail:
    Py_XDECREF(data);
    Py_XDECREF(nones);
    return NULL;
}

/* nulls(body) -> b"[" + body + b"]" with null for each empty element: the lines of a chunk
   (their ends as commas) as one JSON array, a blank line read as null. One pass with memchr;
   two bytes.replace(b",,", b",null,") took four times as long. */
static PyObject *nulls(PyObject *self, PyObject *arg) {
    Py_buffer view;
    const char *s, *end, *comma;
    char *out;
    Py_ssize_t commas = 0, i;
    PyObject *result;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    s = (const char *)view.buf;
    end = s + view.len;
    for (i = 0; i < view.len; i++) commas += s[i] == ',';
    result = PyBytes_FromStringAndSize(NULL, view.len + 4 * (commas + 1) + 2);
    if (result == NULL) {
        PyBuffer_Release(&view);
        return NULL;
    }
    out = PyBytes_AS_STRING(result);
    *out++ = '[';
    for (;;) {
        comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        if (stop == s) {
            memcpy(out, "null", 4);
            out += 4;
        } else {
            memcpy(out, s, (size_t)(stop - s));
            out += stop - s;
        }
        if (!comma) break;
        *out++ = ',';
        s = comma + 1;
    }
    *out++ = ']';
    PyBuffer_Release(&view);
    if (_PyBytes_Resize(&result, out - PyBytes_AS_STRING(result)) < 0) return NULL;
    return result;
}

static PyMethodDef methods[] = {
    {"respell", respell, METH_O, "respell(orjson's '[n,n,...]') -> the same numbers as repr spells them"},
    {"beside", beside, METH_VARARGS, "beside(lines, results, separator, end, strip) -> each line, then its result"},
    {"doubles", doubles, METH_O, "doubles(list of floats, ints, None) -> (float64 bytes, [indexes of None]), or None"},
    {"nulls", nulls, METH_O, "nulls(body) -> '[' + body + ']' with null for each empty element"},
    {"pick", pick, METH_VARARGS, "pick(lines, index, separator) -> '[f,...]' of that field of each line, or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_spelling", NULL, -1, methods};

PyMODINIT_FUNC PyInit__spelling(void) { return PyModule_Create(&module); }
