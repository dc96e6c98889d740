"""awsglue.transforms basics: ApplyMapping, DropFields, SelectFields, RenameField, Filter."""


class _Transform:
    @classmethod
    def apply(cls, *args, **kwargs):
        return cls()(*args, **kwargs)


class ApplyMapping(_Transform):
    def __call__(self, frame, mappings, case_sensitive=False, transformation_ctx="", **kwargs):
        return frame.apply_mapping(mappings, case_sensitive=case_sensitive)


class DropFields(_Transform):
    def __call__(self, frame, paths, transformation_ctx="", **kwargs):
        return frame.drop_fields(paths)


class SelectFields(_Transform):
    def __call__(self, frame, paths, transformation_ctx="", **kwargs):
        return frame.select_fields(paths)


class RenameField(_Transform):
    def __call__(self, frame, old_name, new_name, transformation_ctx="", **kwargs):
        return frame.rename_field(old_name, new_name)


class Filter(_Transform):
    def __call__(self, frame, f, transformation_ctx="", **kwargs):
        return frame.filter(f)
