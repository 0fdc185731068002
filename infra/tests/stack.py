"""The stack under test: the template, its parameter sets, and the helpers that
read the transformed template as CloudFormation would deploy it (Conditions and
Fn::If evaluated for given parameters). Shared by the test modules here.
"""

import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import transform_template  # noqa: E402

# LATCHKEY_TEMPLATE: check another copy (e.g. a deliberately broken one).
TEMPLATE = pathlib.Path(os.environ.get("LATCHKEY_TEMPLATE", ROOT / "infra" / "template.yaml"))
SUPPORT_ROLE = "arn:aws:iam::123456789012:role/LatchkeySupport"
TOPIC = "arn:aws:sns:eu-west-1:123456789012:latchkey-alarms"
REQUIRED = {"SupportRoleArn": SUPPORT_ROLE, "MailFrom": "no-reply@example.com"}
PROD = {**REQUIRED, "Stage": "prod", "AlarmTopicArn": TOPIC}
DEFAULTS = dict(REQUIRED)

# The functions and their directories under functions/ (the Function dimension of
# Latchkey/ServerErrors). HTTP functions answer API requests.
HTTP_FUNCTIONS = {
    "SignInFunction": "sign-in",
    "ForgotPasswordFunction": "forgot-password",
    "ResetPasswordFunction": "reset-password",
    "ChangePasswordFunction": "change-password",
    "UsersFunction": "users",
    "AdminResetFunction": "admin-reset",
    "SupportResetFunction": "support-reset",
    "PagesFunction": "pages",
}
OTHER_FUNCTIONS = {
    "MailerFunction": "mailer",
    "SesEventsFunction": "ses-events",
    "ExpiryRemindersFunction": "expiry-reminders",
    "JobWorkerFunction": "job-worker",
}
ALL_FUNCTIONS = {**HTTP_FUNCTIONS, **OTHER_FUNCTIONS}
# The functions that queue mail (and so envelope-encrypt with the outbox key).
QUEUEING = {
    "SignInFunction",
    "ForgotPasswordFunction",
    "ResetPasswordFunction",
    "ChangePasswordFunction",
    "AdminResetFunction",
    "UsersFunction",
    "SupportResetFunction",
    "ExpiryRemindersFunction",
    "JobWorkerFunction",
}
# The functions that answer no request: their links point at an address the
# template gives them (PublicBaseUrl, else the custom domain, else the stage URL).
NO_REQUEST = {"ExpiryRemindersFunction", "JobWorkerFunction"}


# ---------------------------------------------------------------- helpers
def transformed(params):
    return transform_template.run(str(TEMPLATE), dict(params))


def source():
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(TEMPLATE.read_text())


def param_values(template, given):
    values = {k: str(v.get("Default", "")) for k, v in template["Parameters"].items()}
    values.update(given)
    values.update({"AWS::NoValue": None, "AWS::Region": "eu-west-1", "AWS::AccountId": "123456789012"})
    return values


def cond(template, expr, params):
    """Evaluates a Conditions (or Rules) expression for the given parameters."""
    if isinstance(expr, dict) and len(expr) == 1:
        (fn, arg), = expr.items()
        if fn == "Condition":
            return cond(template, template["Conditions"][arg], params)
        if fn == "Ref":
            return params[arg]
        if fn == "Fn::Equals":
            a, b = (cond(template, x, params) for x in arg)
            return str(a) == str(b)
        if fn == "Fn::Not":
            return not cond(template, arg[0], params)
        if fn == "Fn::And":
            return all(cond(template, x, params) for x in arg)
        if fn == "Fn::Or":
            return any(cond(template, x, params) for x in arg)
        raise AssertionError(f"unexpected function in a condition: {fn}")
    return expr


def resolve_if(template, value, params):
    """Replaces every Fn::If by its branch for these parameters (AWS::NoValue -> None)."""
    if isinstance(value, dict):
        if set(value) == {"Fn::If"}:
            name, yes, no = value["Fn::If"]
            return resolve_if(template, yes if cond(template, {"Condition": name}, params) else no, params)
        if value == {"Ref": "AWS::NoValue"}:
            return None
        return {k: v for k, v in ((k, resolve_if(template, v, params)) for k, v in value.items()) if v is not None}
    if isinstance(value, list):
        return [v for v in (resolve_if(template, x, params) for x in value) if v is not None]
    return value


def deployed(template, params):
    """Resources CloudFormation creates for these parameters, Fn::If resolved."""
    p = param_values(template, params)
    out = {}
    for name, res in template["Resources"].items():
        if "Condition" in res and not cond(template, {"Condition": res["Condition"]}, p):
            continue
        out[name] = resolve_if(template, res, p)
    return out


def of_type(resources, type_):
    return {k: v for k, v in resources.items() if v["Type"] == type_}


def refs(value):
    """Every logical id a value refers to (Ref, GetAtt, ${X} in Sub)."""
    found = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" and isinstance(v, str):
                found.add(v)
            elif k == "Fn::GetAtt":
                found.add(v[0] if isinstance(v, list) else v.split(".")[0])
            elif k == "Fn::Sub":
                text = v if isinstance(v, str) else v[0]
                found |= {m.split(".")[0] for m in re.findall(r"\$\{([A-Za-z0-9.:]+)\}", text)}
                if isinstance(v, list):
                    found |= refs(v[1])
            else:
                found |= refs(v)
    elif isinstance(value, list):
        for v in value:
            found |= refs(v)
    return found


def as_list(x):
    return x if isinstance(x, list) else [x]


def role_statements(resources, role):
    for policy in resources[role]["Properties"].get("Policies", []):
        yield from as_list(policy["PolicyDocument"]["Statement"])


def version_of(resources, fn):
    """The logical id of the function version its "live" alias points at (the
    version a deployment of this template shifts traffic to)."""
    (alias,) = [a for a in of_type(resources, "AWS::Lambda::Alias").values() if a["Properties"]["FunctionName"] == {"Ref": fn}]
    version = alias["Properties"]["FunctionVersion"]["Fn::GetAtt"]
    assert version[1] == "Version" and resources[version[0]]["Type"] == "AWS::Lambda::Version"
    return version[0]
