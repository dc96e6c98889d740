import JSONCore
import StatesLanguage

// TEMPORARY until the intrinsics branch lands: same signature as StatesLanguage's evaluator.
extension IntrinsicCall {
    func evaluate<R: RandomNumberGenerator>(
        resolve: (Path) throws(StatesError) -> JSON, random: inout R
    ) throws(StatesError) -> JSON {
        throw StatesError(.intrinsicFailure, "not available yet")
    }
}
