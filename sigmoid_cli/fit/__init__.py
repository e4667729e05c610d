"""`sigmoid fit`: logistic regression (logit, probit) and logistic curves (3PL, 4PL) fitted to columns.

data.py reads the columns, logistic.py fits binary outcomes by Newton's method, curves.py fits
continuous responses by Levenberg–Marquardt, statistics.py has the distributions and intervals,
report.py the results as data. numpy is imported only here, inside the functions that fit.
"""
