"""Reset-or-expire jobs on AWS (issue 27): the jobs queue is FIFO (a job's pages
in order) with its dead-letter queue after three receives and a visibility
timeout of six worker timeouts; the worker is invoked through its "live" alias
by a plain event source mapping with partial batch responses; only the worker
and admin-reset may queue pages, only on the jobs queue, only the worker may
receive them, and no SQS grant reaches every queue of the account; the jobs'
alarms exist and are on the dashboard.
"""

import json
import re

import pytest

from stack import DEFAULTS, PROD, as_list, deployed, of_type, refs, role_statements, source

JOB_QUEUE = {"Fn::GetAtt": ["JobQueue", "Arn"]}
# Who may queue a page: admin-reset (a created or resumed job's first page) and
# the worker (each next page).
SENDERS = {"AdminResetFunctionRole", "JobWorkerFunctionRole"}
RECEIVE = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"}


def grants(statement, action):
    """Whether the statement's actions cover `action` (exactly, sqs:*, or a prefix*)."""
    return any(a == action or a in ("*", "sqs:*") or (a.endswith("*") and action.startswith(a[:-1]))
               for a in as_list(statement["Action"]))


def test_the_jobs_queue_is_fifo_with_a_dead_letter_queue_after_three_receives(default):
    r = deployed(default, DEFAULTS)
    q = r["JobQueue"]["Properties"]
    # GIVEN the queue a job's pages go through
    # THEN it keeps each job's pages in order (FIFO, a message group per job) and
    # dedups by the id the code sends, never by content (a resumed page's body
    # repeats an earlier one)
    assert q["FifoQueue"] is True
    assert q.get("ContentBasedDeduplication", False) is False
    # AND a page that failed three receives goes to the dead-letter queue
    assert q["RedrivePolicy"] == {"deadLetterTargetArn": {"Fn::GetAtt": ["JobDeadLetterQueue", "Arn"]}, "maxReceiveCount": 3}
    dlq = r["JobDeadLetterQueue"]["Properties"]
    assert dlq["FifoQueue"] is True and dlq["MessageRetentionPeriod"] == 14 * 86400
    # AND a page still running is never handed to another invocation
    timeout = r["JobWorkerFunction"]["Properties"]["Timeout"]
    assert q["VisibilityTimeout"] >= 6 * timeout
    # AND both are encrypted with the stack's key, named as FIFO queues must be
    for props in (q, dlq):
        assert props["KmsMasterKeyId"] == {"Ref": "Key"}
        assert props["QueueName"]["Fn::Sub"][0].endswith(".fifo")
        assert "AWS::StackId" in json.dumps(props["QueueName"])


def test_a_page_fits_the_workers_timeout_and_the_rate_is_a_parameter(default):
    r = deployed(default, DEFAULTS)
    worker = r["JobWorkerFunction"]["Properties"]
    # a page: at most 10 s of paced mail and 100 users' write units
    assert worker["Timeout"] == 120 and worker["MemorySize"] == 256
    env = worker["Environment"]["Variables"]
    assert env["LATCHKEY_JOB_QUEUE_URL"] == {"Ref": "JobQueue"}
    assert env["LATCHKEY_JOB_MAILS_PER_SECOND"] == {"Ref": "JobMailsPerSecond"}
    admin = r["AdminResetFunction"]["Properties"]["Environment"]["Variables"]
    assert admin["LATCHKEY_JOB_QUEUE_URL"] == {"Ref": "JobQueue"}
    # (the same rate, so the ETA admin-reset shows is the worker's)
    assert admin["LATCHKEY_JOB_MAILS_PER_SECOND"] == {"Ref": "JobMailsPerSecond"}
    rate = source()["Parameters"]["JobMailsPerSecond"]
    # the bounds shared/src/app.rs accepts (0, 10000], default 10
    assert (rate["Default"], rate["MinValue"], rate["MaxValue"]) == (10, 1, 10000)
    assert "SES quota" in rate["Description"]


def test_the_worker_is_invoked_through_its_alias_with_partial_batch_responses(prod):
    r = deployed(prod, PROD)
    (esm,) = [e["Properties"] for e in of_type(r, "AWS::Lambda::EventSourceMapping").values()
              if e["Properties"]["EventSourceArn"] == JOB_QUEUE]
    assert esm["FunctionName"] == {"Ref": "JobWorkerFunctionAliaslive"}
    # one page an invocation; a failed page fails alone and is delivered again
    assert esm["BatchSize"] == 1
    assert esm["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    # jobs of several tenants at once, bounded (each at JobMailsPerSecond)
    assert 2 <= esm["ScalingConfig"]["MaximumConcurrency"] <= 10
    # no SAM SQS event (it would attach a managed policy on every queue)
    assert not [e for e in source()["Resources"]["JobWorkerFunction"]["Properties"].get("Events", {}).values()
                if e["Type"] == "SQS"]


def test_only_the_worker_and_admin_reset_queue_pages_and_only_on_the_jobs_queue(default):
    r = deployed(default, DEFAULTS)
    senders = set()
    for role in of_type(r, "AWS::IAM::Role"):
        for s in role_statements(r, role):
            if s["Effect"] != "Allow" or not grants(s, "sqs:SendMessage"):
                continue
            resources = as_list(s["Resource"])
            assert "*" not in resources, f"{role}: SendMessage on *"
            if any("JobQueue" in refs(x) for x in resources):
                senders.add(role)
            if role in SENDERS:
                # THEN the two senders may send to the jobs queue and nowhere else
                assert resources == [JOB_QUEUE], (role, resources)
                assert as_list(s["Action"]) == ["sqs:SendMessage"], role
    assert senders == SENDERS
    # AND no queue policy opens the jobs queue to anyone else
    for policy in of_type(r, "AWS::SQS::QueuePolicy").values():
        assert "JobQueue" not in refs(policy["Properties"]["Queues"])


def test_only_the_worker_receives_and_no_sqs_grant_reaches_every_queue(default):
    r = deployed(default, DEFAULTS)
    for role in of_type(r, "AWS::IAM::Role"):
        for arn in r[role]["Properties"].get("ManagedPolicyArns", []):
            assert "SQS" not in json.dumps(arn), f"{role}: {arn}"
        for s in role_statements(r, role):
            sqs = [a for a in RECEIVE | {"sqs:SendMessage"} if grants(s, a)]
            if not sqs:
                continue
            assert "*" not in as_list(s["Resource"]), f"{role}: {sqs} on *"
            if any(a in RECEIVE for a in sqs):
                assert role == "JobWorkerFunctionRole", f"{role} receives {sqs}"
    receive = [s for s in role_statements(r, "JobWorkerFunctionRole") if any(grants(s, a) for a in RECEIVE)]
    assert [(set(as_list(s["Action"])), as_list(s["Resource"])) for s in receive] == [(RECEIVE, [JOB_QUEUE])]


def test_the_job_marks_are_the_workers_alone(default):
    r = deployed(default, DEFAULTS)
    for role in of_type(r, "AWS::IAM::Role"):
        marks = [s for s in role_statements(r, role)
                 if "JOBMARK#*" in s.get("Condition", {}).get("ForAllValues:StringLike", {}).get("dynamodb:LeadingKeys", [])]
        if role == "JobWorkerFunctionRole":
            # read with the page's accounts, written with each user's unit
            assert sorted(a for s in marks for a in as_list(s["Action"])) == ["dynamodb:BatchGetItem", "dynamodb:PutItem"]
        else:
            assert not marks, role


def alarm_on(resources, metric, queue):
    """(logical id, properties) of the alarms on `metric` of `queue`."""
    dims = [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}]
    return [(k, a["Properties"]) for k, a in of_type(resources, "AWS::CloudWatch::Alarm").items()
            if (a["Properties"].get("Namespace"), a["Properties"].get("MetricName")) == ("AWS/SQS", metric)
            and a["Properties"].get("Dimensions") == dims]


@pytest.mark.parametrize("name, queue, metric, threshold", [
    ("job-dlq", "JobDeadLetterQueue", "ApproximateNumberOfMessagesVisible", 1),
    ("job-queue-age", "JobQueue", "ApproximateAgeOfOldestMessage", 900),
])
def test_the_jobs_queue_alarms(prod, name, queue, metric, threshold):
    r = deployed(prod, PROD)
    # GIVEN a page in the dead-letter queue, or one waiting 15 minutes (a job stalled)
    ((logical, a),) = alarm_on(r, metric, queue)
    # THEN an alarm names its runbook section and notifies
    assert a["AlarmName"] == {"Fn::Sub": f"${{AWS::StackName}}-{name}"}
    assert a["Threshold"] == threshold and a["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert re.search(rf"Runbook: docs/operations\.md#{name}$", a["AlarmDescription"])
    # AND it is on the dashboard's alarm widget, beside the queues' graph
    body = r["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    assert f"${{{logical}.Arn}}" in body[0]
    assert metric in body[0] and {"Fn::GetAtt": [queue, "QueueName"]} in body[1].values()


def test_the_workers_errors_roll_it_back_and_are_on_the_dashboard(prod):
    r = deployed(prod, PROD)
    errors = r["JobWorkerErrorsAlarm"]["Properties"]
    assert (errors["Namespace"], errors["MetricName"]) == ("AWS/Lambda", "Errors")
    assert errors["AlarmName"] == {"Fn::Sub": "${AWS::StackName}-job-worker-errors"}
    body = r["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"][0]
    assert "${JobWorkerErrorsAlarm.Arn}" in body and "${JobWorkerFunction}" in body


def test_the_queue_urls_are_outputs():
    outputs = source()["Outputs"]
    assert outputs["JobQueueUrl"]["Value"] == {"Ref": "JobQueue"}
    assert outputs["JobDeadLetterQueueUrl"]["Value"] == {"Ref": "JobDeadLetterQueue"}
