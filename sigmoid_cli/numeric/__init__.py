"""Numbers: float64 kernels, the sigmoid family, curves and their derivatives, reading and printing values."""
