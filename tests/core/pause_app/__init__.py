"""A test-only app for worker processes started by the crash tests: it listens to django-tasks'
`task_started` signal and holds the worker there for `PAUSE_SECONDS` when the task's path ends
with `PAUSE_TASK` (or always, with "*"), so a test can kill the worker while it holds a claim."""
