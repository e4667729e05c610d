"""The compiled parts: sigmoid_cli/numeric/_rounded.c (rounded.py's correctly rounded kernels
over buffers, see its header), sigmoid_cli/stream/_spelling.c (orjson's numbers as repr
spells them, for the stream) and sigmoid_cli/numeric/_libm.c (the C library's exp, log...
over arrays, as math computes them value by value). Optional: where they cannot be built (no C
compiler), the install goes on and the numpy path of rounded.py, the Python respelling of
stream/lean.py and math value by value are used (docs/python-api.md). Everything else about
the package is in pyproject.toml."""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class BuildExt(build_ext):
    """IEEE double arithmetic as the C file's error analysis assumes it: no a*b + c fused into
    one rounding (Dekker's TwoProduct needs each product rounded once), no fast-math."""

    def build_extensions(self) -> None:
        if self.compiler.compiler_type == "msvc":
            flags = ["/fp:precise"]
        else:
            flags = ["-O3", "-ffp-contract=off", "-fno-fast-math"]
        for extension in self.extensions:
            extension.extra_compile_args = [*extension.extra_compile_args, *flags]
        super().build_extensions()


setup(
    ext_modules=[
        Extension("sigmoid_cli.numeric._rounded_c", ["sigmoid_cli/numeric/_rounded.c"], optional=True),
        Extension("sigmoid_cli.stream._spelling", ["sigmoid_cli/stream/_spelling.c"], optional=True),
        Extension("sigmoid_cli.numeric._libm", ["sigmoid_cli/numeric/_libm.c"], optional=True),
    ],
    cmdclass={"build_ext": BuildExt},
)
