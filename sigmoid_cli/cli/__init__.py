"""The command line: the Typer app, one module per command, launching, output and the Rich terminal."""
