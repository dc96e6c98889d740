public import LocalAWS

extension LocalPlugins {
    /// The clickstream pipeline's plug-ins: the `simulator` function kind
    /// (``SimulatorFunctionKind``) and the ETL transform as the `native` Glue engine
    /// (``ClickstreamEngine``), and the `spark` Glue engine (``SparkEngine``), which runs the
    /// job's PySpark script instead.
    public static var clickstream: LocalPlugins {
        var plugins = LocalPlugins()
        plugins.registerClickstream()
        return plugins
    }

    /// Adds the clickstream pipeline's plug-ins.
    public mutating func registerClickstream() {
        register(SimulatorFunctionKind())
        register(ClickstreamEngine())
        register(SparkEngine())
    }
}
