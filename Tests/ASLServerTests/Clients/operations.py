#!/usr/bin/env python3
"""Drives the state machine and execution operations of `asl serve` end to end with boto3.

    python3 operations.py --endpoint http://localhost:8083

Prints one line per check and exits 1 at the first failure. It creates machines named
`ops-<random>-…` and deletes them at the end. Run the server with `--clock real`: the RUNNING
checks need a long Wait to stay running, which a virtual clock ends at once. It polls
DescribeExecution until an execution ends. See SPEC-NOTES.md §18.2.
"""

import argparse
import json
import sys
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/StepFunctions"
PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": True}, "End": True}}}
WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 999999, "End": True}}}
CHECKS = 0


def ok(label):
    global CHECKS
    CHECKS += 1
    print(f"ok   {label}")


def fail(label, detail):
    print(f"FAIL {label}: {detail}")
    sys.exit(1)


def expect(label, condition, detail=""):
    if condition:
        ok(label)
    else:
        fail(label, detail)


def expect_error(label, code, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        if got == code:
            ok(f"{label} -> {code}")
            return error.response["Error"].get("Message", "")
        fail(label, f"expected {code}, got {got}: {error.response['Error'].get('Message')}")
    fail(label, f"expected {code}, the call succeeded")


def wait_until_done(sfn, arn, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.1)
    fail("execution ends", f"{arn} still RUNNING after {limit}s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    options = parser.parse_args()
    sfn = boto3.client(
        "stepfunctions",
        endpoint_url=options.endpoint,
        region_name=options.region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, inject_host_prefix=False),
    )
    prefix = f"ops-{uuid.uuid4().hex[:8]}"

    # State machines.
    created = sfn.create_state_machine(name=f"{prefix}-std", definition=json.dumps(PASS), roleArn=ROLE)
    machine = created["stateMachineArn"]
    expect("CreateStateMachine returns the ARN", machine.endswith(f":stateMachine:{prefix}-std"), machine)
    again = sfn.create_state_machine(name=f"{prefix}-std", definition=json.dumps(PASS), roleArn=ROLE)
    expect("CreateStateMachine is idempotent", again["stateMachineArn"] == machine
           and again["creationDate"] == created["creationDate"])
    expect_error("CreateStateMachine, same name, other definition", "StateMachineAlreadyExists",
                 sfn.create_state_machine, name=f"{prefix}-std", definition=json.dumps(WAIT), roleArn=ROLE)
    expect_error("CreateStateMachine, bad name", "InvalidName",
                 sfn.create_state_machine, name="a b", definition=json.dumps(PASS), roleArn=ROLE)
    message = expect_error("CreateStateMachine, no States", "InvalidDefinition",
                           sfn.create_state_machine, name=f"{prefix}-bad", definition='{"StartAt":"A"}',
                           roleArn=ROLE)
    expect("InvalidDefinition message", message.startswith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED"),
           message)
    described = sfn.describe_state_machine(stateMachineArn=machine)
    expect("DescribeStateMachine", described["status"] == "ACTIVE" and described["type"] == "STANDARD"
           and json.loads(described["definition"]) == PASS, described)
    expect_error("DescribeStateMachine, missing", "StateMachineDoesNotExist", sfn.describe_state_machine,
                 stateMachineArn=machine + "-none")
    expect_error("DescribeStateMachine, bad ARN", "InvalidArn", sfn.describe_state_machine,
                 stateMachineArn="not_a_valid_arn")
    changed = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": False}, "End": True}}}
    updated = sfn.update_state_machine(stateMachineArn=machine, definition=json.dumps(changed))
    expect("UpdateStateMachine gives a revision", "revisionId" in updated and "updateDate" in updated, updated)
    expect_error("UpdateStateMachine, bad definition", "InvalidDefinition", sfn.update_state_machine,
                 stateMachineArn=machine, definition="{}")
    names = sorted(f"{prefix}-list-{i}" for i in range(3))
    for name in names:
        sfn.create_state_machine(name=name, definition=json.dumps(PASS), roleArn=ROLE)
    listed = [m["name"] for page in sfn.get_paginator("list_state_machines").paginate(maxResults=2)
              for m in page["stateMachines"] if m["name"].startswith(f"{prefix}-list-")]
    expect("ListStateMachines pages, sorted by name", listed == names, listed)
    expect_error("ListStateMachines, maxResults 1001", "ValidationException", sfn.list_state_machines,
                 maxResults=1001)
    valid = sfn.validate_state_machine_definition(definition=json.dumps(PASS))
    expect("ValidateStateMachineDefinition OK", valid["result"] == "OK" and valid["diagnostics"] == [], valid)
    invalid = sfn.validate_state_machine_definition(definition='{"StartAt":"A"}')
    expect("ValidateStateMachineDefinition FAIL", invalid["result"] == "FAIL"
           and invalid["diagnostics"][0]["code"] == "SCHEMA_VALIDATION_FAILED", invalid)

    # Tags.
    sfn.tag_resource(resourceArn=machine, tags=[{"key": "team", "value": "data"}, {"key": "env", "value": "dev"}])
    sfn.untag_resource(resourceArn=machine, tagKeys=["env"])
    tags = sfn.list_tags_for_resource(resourceArn=machine)["tags"]
    expect("Tag/Untag/ListTagsForResource", tags == [{"key": "team", "value": "data"}], tags)
    expect_error("ListTagsForResource, missing machine", "ResourceNotFound", sfn.list_tags_for_resource,
                 resourceArn=machine + "-none")

    # Executions.
    started = sfn.start_execution(stateMachineArn=machine, name="first", input='{"a": 1}')
    execution = started["executionArn"]
    expect("StartExecution", execution.endswith(f":execution:{prefix}-std:first"), execution)
    done = wait_until_done(sfn, execution)
    expect("DescribeExecution SUCCEEDED", done["status"] == "SUCCEEDED" and json.loads(done["output"]) == {"ok": False}
           and done["input"] == '{"a": 1}', done)
    expect_error("StartExecution, finished name", "ExecutionAlreadyExists", sfn.start_execution,
                 stateMachineArn=machine, name="first", input='{"a": 1}')
    expect_error("StartExecution, bad input", "InvalidExecutionInput", sfn.start_execution,
                 stateMachineArn=machine, input="not json")
    expect_error("StartExecution, bad name", "InvalidName", sfn.start_execution, stateMachineArn=machine,
                 name="a b")
    expect_error("StartExecution, input over 256 KiB", "ValidationException", sfn.start_execution,
                 stateMachineArn=machine, input='"' + "x" * 262144 + '"')
    expect_error("StartExecution, missing machine", "StateMachineDoesNotExist", sfn.start_execution,
                 stateMachineArn=machine + "-none")
    generated = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    expect("StartExecution generates a UUID name", len(generated.split(":")[-1]) == 36, generated)
    wait_until_done(sfn, generated)
    events = sfn.get_execution_history(executionArn=execution)["events"]
    expect("GetExecutionHistory", [e["type"] for e in events]
           == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], events)
    reversed_events = sfn.get_execution_history(executionArn=execution, reverseOrder=True)["events"]
    expect("GetExecutionHistory reverseOrder", [e["id"] for e in reversed_events] == [4, 3, 2, 1])
    paged = [e["id"] for page in sfn.get_paginator("get_execution_history").paginate(
        executionArn=execution, PaginationConfig={"PageSize": 1}) for e in page["events"]]
    expect("GetExecutionHistory pages", paged == [1, 2, 3, 4], paged)
    hidden = sfn.get_execution_history(executionArn=execution, includeExecutionData=False)["events"]
    expect("GetExecutionHistory without data", "input" not in hidden[0]["executionStartedEventDetails"], hidden[0])
    expect_error("DescribeExecution, missing", "ExecutionDoesNotExist", sfn.describe_execution,
                 executionArn=execution + "-none")
    expect_error("DescribeExecution, bad ARN", "InvalidArn", sfn.describe_execution, executionArn="bad")
    listed = sfn.list_executions(stateMachineArn=machine)["executions"]
    expect("ListExecutions newest first", [e["executionArn"] for e in listed] == [generated, execution], listed)
    expect_error("ListExecutions, bad statusFilter", "ValidationException", sfn.list_executions,
                 stateMachineArn=machine, statusFilter="DONE")
    for_execution = sfn.describe_state_machine_for_execution(executionArn=execution)
    expect("DescribeStateMachineForExecution", for_execution["stateMachineArn"] == machine, for_execution)

    # Stop and idempotent start on a running execution.
    slow = sfn.create_state_machine(name=f"{prefix}-slow", definition=json.dumps(WAIT), roleArn=ROLE)["stateMachineArn"]
    first = sfn.start_execution(stateMachineArn=slow, name="run", input="{}")
    second = sfn.start_execution(stateMachineArn=slow, name="run", input="{}")
    expect("StartExecution is idempotent while running", first["executionArn"] == second["executionArn"]
           and first["startDate"] == second["startDate"])
    expect_error("StartExecution, running name, other input", "ExecutionAlreadyExists", sfn.start_execution,
                 stateMachineArn=slow, name="run", input='{"x":1}')
    running = sfn.list_executions(stateMachineArn=slow, statusFilter="RUNNING")["executions"]
    expect("ListExecutions RUNNING", len(running) == 1, running)
    stopped = sfn.stop_execution(executionArn=first["executionArn"], error="Manual", cause="operations.py")
    expect("StopExecution", "stopDate" in stopped)
    aborted = sfn.describe_execution(executionArn=first["executionArn"])
    expect("Stopped execution is ABORTED", aborted["status"] == "ABORTED", aborted)
    last = sfn.get_execution_history(executionArn=first["executionArn"], reverseOrder=True, maxResults=1)["events"][0]
    expect("ExecutionAborted event", last["type"] == "ExecutionAborted", last)

    # Express machines.
    express = sfn.create_state_machine(name=f"{prefix}-express", definition=json.dumps(PASS), roleArn=ROLE,
                                       type="EXPRESS")["stateMachineArn"]
    sync = sfn.start_sync_execution(stateMachineArn=express, input='{"q":1}')
    expect("StartSyncExecution", sync["status"] == "SUCCEEDED" and json.loads(sync["output"]) == {"ok": True}
           and ":express:" in sync["executionArn"], sync)
    expect_error("StartSyncExecution on STANDARD", "StateMachineTypeNotSupported", sfn.start_sync_execution,
                 stateMachineArn=machine)
    expect_error("ListExecutions on EXPRESS", "StateMachineTypeNotSupported", sfn.list_executions,
                 stateMachineArn=express)
    asynchronous = sfn.start_execution(stateMachineArn=express)["executionArn"]
    expect_error("DescribeExecution of an express execution", "InvalidArn", sfn.describe_execution,
                 executionArn=asynchronous)

    # Clean up.
    for arn in [machine, slow, express] + [machine.rsplit(":", 1)[0] + ":" + name for name in names]:
        sfn.delete_state_machine(stateMachineArn=arn)
    expect_error("DescribeStateMachine after DeleteStateMachine", "StateMachineDoesNotExist",
                 sfn.describe_state_machine, stateMachineArn=machine)
    sfn.delete_state_machine(stateMachineArn=machine)
    ok("DeleteStateMachine of a deleted machine succeeds")
    print(f"{CHECKS} checks passed")


if __name__ == "__main__":
    main()
