"""Terminal plots: curves in, exactly W×H cells out (no I/O, no color).

``layout.draw`` is the entry: Series in, a Figure out. Each module imports only those after it:
layout.py (where everything goes), canvas.py (pixels and the pen that draws a curve), ticks.py
(round ticks, ranges), cells.py (text in terminal cells), figure.py (Series, Figure, the Grid).
Only the standard library is imported, to keep `sigmoid plot-ascii` quick to start.
"""
