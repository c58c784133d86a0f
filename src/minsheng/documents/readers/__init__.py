"""One reader per format; each turns a file into a `Document` of cell grids."""
