"""The upload's life: the guard at the door, staging, the kept reading, stale uploads, the jobs and
the worker that read large files, the review of a scan.
"""
