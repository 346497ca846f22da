"""The pre-commit side of the service: what ``tanon check`` and ``tanon redact-in-place``
(their commands are in ``service.cli.hook_commands``) find, suppress and decide.

Both are thin shells over the one document path (``service.pipeline``): they add only
what a repository needs around it.

    repo_config.py  the repository's ``.tanon.yaml`` (project, allow list, baseline, exclude)
    pragma.py       the inline ``tanon: allow`` pragma
    baseline.py     the committed baseline of salted, hashed findings
    mask.py         how a name is shown (masked unless --show)
    findings.py     one document -> its findings, located (service.formats.locate) and marked
                    suppressed or not
    results.py      per-file results and the run's Report (the one place exit codes are decided)
    run.py          a run's settings (from the application context) and the loops over files:
                    check, fix in place, update the baseline
"""
