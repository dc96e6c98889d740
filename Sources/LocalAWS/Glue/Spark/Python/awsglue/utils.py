"""getResolvedOptions, as in AWS Glue's awsglue.utils."""
import argparse


class GlueArgumentError(Exception):
    pass


def getResolvedOptions(args, options):
    """Returns {name: value} for each `--name value` in `args` named in `options`; a missing one
    fails as Glue's does (argparse's 'the following arguments are required')."""
    parser = argparse.ArgumentParser(allow_abbrev=False)
    parser.add_argument("--job-bookmark-option", dest="job_bookmark_option", required=False)
    parser.add_argument("--continuation-option", dest="continuation_option", required=False)
    for option in options:
        if option in ("job-bookmark-option", "continuation-option"):
            continue
        parser.add_argument("--" + option, required=True)
    parsed, _ = parser.parse_known_args(args[1:])
    values = vars(parsed)
    result = {}
    for option in options:
        key = option.replace("-", "_")
        result[option] = values.get(key)
    return result
