"""Table and list shapes: how a plan's grid or text is read into projects and tasks (the layout's
header words, the body, numbered lists, labelled records, the rules for units, deadlines and
totals).
"""
