"""Storing a reading: the import service, the plan written back as JSON (to_json), the diff against
the stored plan, the keys that match tasks, the remembered column maps and where a unit is
placed.
"""
