/// The arguments a Glue script gets, merged as Glue merges them: the job's `DefaultArguments`,
/// each replaced by the run's `Arguments` of the same name (`JobRun.Arguments`: "they replace
/// the default arguments set in the job definition itself"), then Glue's own `--JOB_NAME` (the
/// job's name) and `--JOB_RUN_ID` (the run's id), which a run cannot replace.
///
/// On the command line they follow the script as `--key value` pairs, Glue's own first, then the
/// others sorted by name, so a run's command line is the same every time.
public enum SparkArguments {
    /// The merged map.
    public static func merged(
        defaults: [String: String], run: [String: String], jobName: String, runID: String
    ) -> [String: String] {
        var result = defaults
        for (key, value) in run { result[key] = value }
        result["--JOB_NAME"] = jobName
        result["--JOB_RUN_ID"] = runID
        return result
    }

    /// `merged` as the script's `sys.argv[1...]`.
    public static func commandLine(_ merged: [String: String]) -> [String] {
        let system = ["--JOB_NAME", "--JOB_RUN_ID"]
        let others = merged.keys.filter { !system.contains($0) }.sorted()
        return (system.filter { merged[$0] != nil } + others).flatMap { key in [key, merged[key] ?? ""] }
    }
}
