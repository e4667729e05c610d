"""Terminal plots: curves in, exactly W×H cells out (no I/O, no color)."""
