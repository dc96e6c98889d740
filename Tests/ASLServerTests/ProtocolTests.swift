import Foundation
import JSONCore
import Testing

@testable import ASLServer

/// The JSON 1.0 protocol layer without sockets.
@Suite struct ProtocolTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var request: HTTPRequest
        var status: Int
        var body: String
        var testDescription: String { name }
    }

    static func post(_ target: String?, body: String = "{}", contentType: String? = "application/x-amz-json-1.0")
        -> HTTPRequest
    {
        var headers = HTTPHeaders([("Host", "localhost")])
        if let target { headers.append("X-Amz-Target", target) }
        if let contentType { headers.append("Content-Type", contentType) }
        return HTTPRequest(method: "POST", target: "/", headers: headers, body: Array(body.utf8))
    }

    static let cases: [Case] = [
        Case(
            name: "operation answered", request: post("AWSStepFunctions.Echo", body: #"{"x":[1,2.50]}"#), status: 200,
            body: #"{"input":{"x":[1,2.50]},"accessKeyId":null}"#),
        Case(
            name: "empty body reads as {}", request: post("AWSStepFunctions.Echo", body: ""), status: 200,
            body: #"{"input":{},"accessKeyId":null}"#),
        Case(
            name: "service error",
            request: post("AWSStepFunctions.DescribeStateMachine", body: #"{"stateMachineArn":"arn:x"}"#),
            status: 400,
            body: #"{"__type":"StateMachineDoesNotExist","message":"State Machine Does Not Exist: 'arn:x'"}"#),
        Case(
            name: "unknown operation", request: post("AWSStepFunctions.DescribeNothing"), status: 400,
            body: #"{"__type":"UnknownOperationException"}"#),
        Case(name: "missing target", request: post(nil), status: 400, body: #"{"__type":"UnknownOperationException"}"#),
        Case(
            name: "another service's target", request: post("DynamoDB_20120810.ListTables"), status: 400,
            body: #"{"__type":"UnknownOperationException"}"#),
        Case(
            name: "bad JSON", request: post("AWSStepFunctions.Echo", body: "{\"a\":"), status: 400,
            body:
                #"{"__type":"SerializationException","message":"The request body is not valid JSON: unexpected end of input; expected a value at byte 5"}"#
        ),
        Case(
            name: "JSON that is not an object", request: post("AWSStepFunctions.Echo", body: "[]"), status: 400,
            body: #"{"__type":"SerializationException","message":"The request body must be a JSON object"}"#),
        Case(
            name: "wrong content type", request: post("AWSStepFunctions.Echo", contentType: "text/plain"), status: 400,
            body:
                #"{"__type":"SerializationException","message":"Content-Type 'text/plain' is not supported; send application/x-amz-json-1.0"}"#
        ),
        Case(
            name: "JSON 1.1 content type accepted",
            request: post("AWSStepFunctions.Echo", contentType: "application/x-amz-json-1.1; charset=utf-8"),
            status: 200, body: #"{"input":{},"accessKeyId":null}"#),
        Case(
            name: "service answers a non-object", request: post("AWSStepFunctions.NotAnObject"), status: 500,
            body:
                #"{"__type":"InternalFailure","message":"The service returned a response that is not a JSON object."}"#),
        Case(
            name: "service error with a non-error status", request: post("AWSStepFunctions.BadStatus"), status: 500,
            body: #"{"__type":"InternalFailure","message":"The service failed with an invalid status 200."}"#),
        Case(
            name: "health check", request: HTTPRequest(method: "GET", target: "/", headers: HTTPHeaders()), status: 200,
            body: #"{"service":"states","status":"running"}"#),
        Case(
            name: "other method", request: HTTPRequest(method: "PUT", target: "/", headers: HTTPHeaders()), status: 400,
            body: #"{"__type":"UnknownOperationException"}"#),
    ]

    @Test(arguments: cases)
    func respond(_ c: Case) async {
        let layer = AWSJSONProtocol(services: [FakeService()], requestID: { "req-1" })
        let response = await layer.respond(to: c.request)
        #expect(response.status == c.status)
        #expect(String(decoding: response.body, as: UTF8.self) == c.body)
        #expect(response.headers["x-amzn-RequestId"] == "req-1")
        #expect(response.headers["Content-Type"] == "application/x-amz-json-1.0")
    }

    @Test func theFirstServiceThatServesAnOperationPerformsIt() async {
        let first = ClosureService(table: ["Echo": { _ throws(ServiceError) in .string("first") }])
        let layer = AWSJSONProtocol(services: [ClosureService(table: [:]), FakeService(), first])
        let response = await layer.respond(to: Self.post("AWSStepFunctions.Echo"))
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"input":{},"accessKeyId":null}"#)
    }

    @Test func verificationRefusesUnsignedRequestsAndPassesTheSigner() async {
        let credentials = [Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: SigV4Tests.secret)]
        let layer = AWSJSONProtocol(
            services: [FakeService()], credentials: credentials,
            now: { Date(timeIntervalSince1970: TimeInterval(SigV4Tests.signedAtSeconds)) })
        let unsigned = await layer.respond(to: Self.post("AWSStepFunctions.Echo"))
        #expect(unsigned.status == 400)
        #expect(
            String(decoding: unsigned.body, as: UTF8.self)
                == #"{"__type":"MissingAuthenticationTokenException","message":"Request is missing Authentication Token"}"#
        )
        var request = SigV4Tests.signed()
        request.headers = HTTPHeaders(
            request.headers.fields.map {
                $0.name == "X-Amz-Target" ? ($0.name, "AWSStepFunctions.Echo") : ($0.name, $0.value)
            })
        // Re-sign after changing the target.
        var bare = request
        bare.headers = HTTPHeaders(
            bare.headers.fields.filter { $0.name != "Authorization" }.map { ($0.name, $0.value) })
        let scope = SigV4.Scope(
            accessKeyID: "AKIDEXAMPLE", date: "20260101", region: "us-east-1", service: "states",
            terminator: "aws4_request")
        bare.headers.append(
            "Authorization",
            SigV4.authorization(for: bare, secret: SigV4Tests.secret, scope: scope, amzDate: SigV4Tests.signedAt))
        let signed = await layer.respond(to: bare)
        #expect(signed.status == 200)
        #expect(String(decoding: signed.body, as: UTF8.self) == #"{"input":{},"accessKeyId":"AKIDEXAMPLE"}"#)
    }
}
