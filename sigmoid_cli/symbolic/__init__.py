"""SymPy: syntax trees as SymPy expressions, σ as a SymPy function, and the --exact closed forms."""
