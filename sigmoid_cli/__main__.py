"""``python -m sigmoid_cli`` runs the same program as the ``sigmoid`` script."""

from .cli.launch import main

main()
