"""The command line: the Typer app, one module per command, launching, output and the Rich terminal."""

PROG = "sigmoid"  # the program's name, as usage lines and error messages spell it
