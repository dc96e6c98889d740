#!/usr/bin/env python3
"""Activities and callbacks against `asl serve`, through boto3 as a real client would call AWS.

Usage: python3 tasks.py --endpoint http://localhost:8083

Creates a machine with an activity task and one with a .waitForTaskToken task, runs a worker
(get_activity_task -> send_task_success), sends a failure and heartbeats, and checks the error
codes of the task-token calls (SPEC-NOTES.md section 18.3). Prints one line per check and
'N passed, N failed'; exits 1 when a check failed.
"""

import argparse
import json
import sys
import threading
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/asl-serve-tests"
RESULTS = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        RESULTS["passed"] += 1
        print(f"ok   {name}")
    else:
        RESULTS["failed"] += 1
        print(f"FAIL {name} {detail}")


def error_code(call):
    """The error code a call raises, or None when it succeeds."""
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None


def wait_for_status(sfn, execution_arn, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.2)
    return sfn.describe_execution(executionArn=execution_arn)


def history_types(sfn, execution_arn):
    events = sfn.get_execution_history(executionArn=execution_arn)["events"]
    return [event["type"] for event in events], events


def activities(sfn, suffix):
    name = f"resize-{suffix}"
    arn = sfn.create_activity(name=name)["activityArn"]
    check("create_activity returns the ARN", arn.endswith(f":activity:{name}"), arn)
    again = sfn.create_activity(name=name)["activityArn"]
    check("create_activity is idempotent", again == arn)
    check("describe_activity", sfn.describe_activity(activityArn=arn)["name"] == name)
    listed = [a["activityArn"] for a in sfn.list_activities()["activities"]]
    check("list_activities lists it", arn in listed)
    check("invalid name", error_code(lambda: sfn.create_activity(name="bad name$")) == "InvalidName")

    definition = {
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": arn,
                "Catch": [{"ErrorEquals": ["Worker.Broken"], "Next": "Caught"}],
                "End": True,
            },
            "Caught": {"Type": "Pass", "End": True},
        },
    }
    machine = sfn.create_state_machine(
        name=f"activity-{suffix}", definition=json.dumps(definition), roleArn=ROLE
    )["stateMachineArn"]

    # A worker answers the first task with success.
    def worker():
        task = sfn.get_activity_task(activityArn=arn, workerName="worker-1")
        if "taskToken" in task:
            sfn.send_task_heartbeat(taskToken=task["taskToken"])
            payload = json.loads(task["input"])
            sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"got": payload}))

    thread = threading.Thread(target=worker)
    thread.start()
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"size": 3}))["executionArn"]
    thread.join(timeout=70)
    described = wait_for_status(sfn, execution)
    check("activity execution succeeded", described["status"] == "SUCCEEDED", described["status"])
    check("activity output", json.loads(described.get("output", "null")) == {"got": {"size": 3}})
    types, events = history_types(sfn, execution)
    check("ActivityStarted after ActivityScheduled", types.index("ActivityStarted") == types.index("ActivityScheduled") + 1, types)
    started = next(e for e in events if e["type"] == "ActivityStarted")
    check("ActivityStarted names the worker", started["activityStartedEventDetails"].get("workerName") == "worker-1")

    # The next task fails; Catch takes the worker's error.
    execution = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    task = sfn.get_activity_task(activityArn=arn, workerName="worker-2")
    token = task.get("taskToken")
    check("get_activity_task returns a token", token is not None)
    sfn.send_task_failure(taskToken=token, error="Worker.Broken", cause="disk full")
    described = wait_for_status(sfn, execution)
    check("failure caught", json.loads(described.get("output", "null")) == {"Error": "Worker.Broken", "Cause": "disk full"})
    check(
        "a token of an ended task",
        error_code(lambda: sfn.send_task_success(taskToken=token, output="{}")) == "TaskTimedOut",
    )

    sfn.delete_state_machine(stateMachineArn=machine)
    sfn.delete_activity(activityArn=arn)
    check(
        "describe a deleted activity",
        error_code(lambda: sfn.describe_activity(activityArn=arn)) == "ActivityDoesNotExist",
    )


def callbacks(sfn, suffix):
    definition = {
        "StartAt": "Notify",
        "States": {
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {
                    "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                    "MessageBody": {"Token.$": "$$.Task.Token"},
                },
                "ResultPath": "$.reply",
                "End": True,
            }
        },
    }
    machine = sfn.create_state_machine(
        name=f"callback-{suffix}", definition=json.dumps(definition), roleArn=ROLE
    )["stateMachineArn"]

    def token_of(execution_arn):
        deadline = time.time() + 30
        while time.time() < deadline:
            _, events = history_types(sfn, execution_arn)
            for event in events:
                if event["type"] == "TaskScheduled":
                    parameters = json.loads(event["taskScheduledEventDetails"]["parameters"])
                    return parameters["MessageBody"]["Token"]
            time.sleep(0.2)
        return None

    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"order": 1}))["executionArn"]
    token = token_of(execution)
    check("the callback task is scheduled with its token", token is not None)
    check("heartbeat", error_code(lambda: sfn.send_task_heartbeat(taskToken=token)) is None)
    check("output that is not JSON", error_code(lambda: sfn.send_task_success(taskToken=token, output="{nope")) == "InvalidOutput")
    sfn.send_task_success(taskToken=token, output=json.dumps({"approved": True}))
    described = wait_for_status(sfn, execution)
    check("callback execution succeeded", described["status"] == "SUCCEEDED", described["status"])
    check("callback output", json.loads(described.get("output", "null")) == {"order": 1, "reply": {"approved": True}})

    execution = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    token = token_of(execution)
    sfn.send_task_failure(taskToken=token, error="Review.Rejected", cause="no")
    described = wait_for_status(sfn, execution)
    check("callback failure fails the execution", described["status"] == "FAILED" and described.get("error") == "Review.Rejected")

    execution = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    token = token_of(execution)
    sfn.stop_execution(executionArn=execution, error="Stop", cause="test")
    wait_for_status(sfn, execution)
    check("a token of a stopped execution", error_code(lambda: sfn.send_task_success(taskToken=token, output="{}")) == "TaskTimedOut")

    check("a garbled token", error_code(lambda: sfn.send_task_success(taskToken="abc", output="{}")) == "InvalidToken")
    check("a token never issued", error_code(lambda: sfn.send_task_heartbeat(taskToken="A" * 64)) == "TaskDoesNotExist")
    sfn.delete_state_machine(stateMachineArn=machine)


def test_state(sfn):
    response = sfn.test_state(
        definition=json.dumps({"Type": "Pass", "Result": {"ok": True}, "End": True}), roleArn=ROLE, input="{}"
    )
    check("test_state runs a lone state", response["status"] == "SUCCEEDED" and json.loads(response["output"]) == {"ok": True})
    code = error_code(
        lambda: sfn.test_state(
            definition=json.dumps({"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:x", "End": True}),
            roleArn=ROLE,
        )
    )
    check("test_state refuses an unmocked activity", code == "ValidationException", code)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", required=True, help="the server, e.g. http://localhost:8083")
    arguments = parser.parse_args()
    sfn = boto3.client(
        "stepfunctions",
        endpoint_url=arguments.endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(read_timeout=90, retries={"max_attempts": 1}, inject_host_prefix=False),
    )
    suffix = uuid.uuid4().hex[:8]
    activities(sfn, suffix)
    callbacks(sfn, suffix)
    test_state(sfn)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
