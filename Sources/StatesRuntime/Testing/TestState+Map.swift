import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// A Map under a mocked `asl test-state` run: the iterations do not run; the mock is their
    /// result (an array, or the object a `ResultWriter` would give), or the error they end with.
    ///
    /// With `stateConfiguration.mapIterationFailureCount`, a Map that sets a tolerated failure
    /// threshold (`ToleratedFailureCount`/`Percentage`) and is passed fails with
    /// `States.ExceedToleratedFailureThreshold`, cause "The specified tolerated failure threshold was
    /// exceeded"; a Map without a threshold ignores the count (observed on AWS, LocalStack snapshot
    /// `test_state/test_state_configuration`, SPEC-NOTES.md §15.5).
    func mockedMapResult(
        _ map: MapState, items: [JSON], effective: JSON, concurrency: Int, limits: MapLimits,
        inspection: StepInspection, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        if map.itemReader == nil { inspection.capture(.afterItemsPath, .array(items)) }
        if map.itemSelector != nil {
            // Each iteration's input, as the iterations would get it (API reference,
            // `InspectionData.afterItemSelector`).
            var selected: [JSON] = []
            selected.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                selected.append(
                    try iterationInput(map, item: item, index: index, effective: effective, path: &path, site: site))
            }
            inspection.capture(.afterItemSelector, .array(selected))
        }
        inspection.update { record in
            record.maxConcurrency = concurrency
            if case .literal(let count) = map.toleratedFailureCount { record.toleratedFailureCount = count }
            if case .literal(let percentage) = map.toleratedFailurePercentage {
                record.toleratedFailurePercentage = percentage.doubleValue
            }
        }
        switch inspection.mock {
        case .error(let error): throw error
        case .result(let value):
            if let failures = inspection.mapIterationFailureCount, let tolerated = limits.toleratedFailures,
                failures > tolerated
            {
                throw StatesError(
                    .exceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded")
            }
            return value
        case nil: return .array([])
        }
    }
}
