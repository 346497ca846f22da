"""Batch redaction: a folder of transcripts (``tanon batch``, in ``service.cli.batch_command``)
or an uploaded set (``/v1/jobs``, in ``service.api.routes.jobs``).

Every file goes through ``service.pipeline.redact_document``, like every other entry point.

    runner.py       one batch run: plan, execute, record, report
    paths.py        which files, where their outputs go, refusing overlapping folders
    fingerprint.py  what an output depends on besides its input: configuration, data, versions
    manifest.py     what is done already (resume), keyed by content hash + engine + project
    stores.py       which project store a batch uses (a per-batch store, or --project)
    turns.py        surrogate allocation in a fixed file order, whatever the number of workers
    worker.py       the per-file task and the per-process state (engine loaded once)
    backends.py     where tasks run: this process, a process pool, or a Dask cluster
    dask_plugin.py  loads the engine on every Dask worker
    outcome.py      one document in, redacted bytes and a summary out (CLI and HTTP share it)
    report_files.py report.json and report.csv
    progress.py     the progress bar
    uploads.py      HTTP uploads: zip checks (bombs, traversal) and file lists
    book_state.py   a job's surrogate book, saved so a resumed job keeps its surrogates
    job_runner.py   the HTTP service's background runner of stored jobs
"""
