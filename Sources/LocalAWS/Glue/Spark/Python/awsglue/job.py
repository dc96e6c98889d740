"""awsglue.job.Job: init and commit (bookmarks are not kept locally)."""


class Job:
    def __init__(self, glue_context):
        self._context = glue_context
        self._name = None
        self._args = {}

    def init(self, job_name, args=None):
        self._name = job_name
        self._args = dict(args or {})

    def commit(self):
        return None

    def isInitialized(self):
        return self._name is not None

    @classmethod
    def continuation_options(cls):
        return ["--continuation-option", "continuation-enabled", "continuation-readonly", "continuation-ignore"]

    @classmethod
    def job_bookmark_options(cls):
        return ["--job-bookmark-option", "job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable"]
