import ASLServer
import Testing

@Suite struct ServiceErrorTests {
    @Test func clientErrorsAreHTTP400ByDefault() {
        let error = ServiceError("StateMachineDoesNotExist", "State Machine Does Not Exist: 'arn'")
        #expect(error.httpStatus == 400)
        #expect(error.type == "StateMachineDoesNotExist")
    }
}
