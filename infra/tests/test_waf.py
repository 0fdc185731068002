"""The web ACL: per-IP rate rules, the product's own body size limits, and the
AWS managed rule groups with the rules that would block the product's own
requests counted and re-applied where they fit. The rules are evaluated here for
concrete requests (method, path, body size, what the managed rules would match),
as WAF would, in priority order.
"""

import json
import re
from dataclasses import dataclass

import pytest

from stack import PROD, ROOT, deployed, of_type


def test_web_acl_is_on_the_stage_that_serves_sign_in_and_forgot_password(prod):
    r = deployed(prod, PROD)
    (assoc,) = of_type(r, "AWS::WAFv2::WebACLAssociation").values()
    assert assoc["Properties"]["WebACLArn"] == {"Fn::GetAtt": ["WebAcl", "Arn"]}
    arn = assoc["Properties"]["ResourceArn"]["Fn::Sub"]
    m = re.fullmatch(r"arn:\$\{AWS::Partition\}:apigateway:\$\{AWS::Region\}::/restapis/\$\{(\w+)\}/stages/\$\{(\w+)\}", arn)
    assert m, arn
    api, stage = m.groups()
    assert r[stage]["Type"] == "AWS::ApiGateway::Stage"
    assert r[stage]["Properties"]["RestApiId"] == {"Ref": api}
    assert r[api]["Properties"]["EndpointConfiguration"]["Types"] == ["REGIONAL"]
    paths = r[api]["Properties"]["Body"]["paths"]
    for path, fn in [
        ("/v1/tenants/{tenant}/sessions", "SignInFunction"),
        ("/v1/tenants/{tenant}/password-resets", "ForgotPasswordFunction"),
    ]:
        uri = paths[path]["post"]["x-amazon-apigateway-integration"]["uri"]
        assert f"${{{fn}Aliaslive}}" in json.dumps(uri), (path, uri)
    # The only stage of that API.
    assert [k for k, v in of_type(r, "AWS::ApiGateway::Stage").items() if v["Properties"]["RestApiId"] == {"Ref": api}] == [stage]


def rules(resources):
    (acl,) = of_type(resources, "AWS::WAFv2::WebACL").values()
    assert acl["Properties"]["Scope"] == "REGIONAL"
    return {rule["Name"]: rule for rule in acl["Properties"]["Rules"]}


KIB = 1024
# What the API Gateway association lets WAF see of a body (AssociationConfig).
INSPECTION_LIMITS = {"KB_16": 16 * KIB, "KB_32": 32 * KIB, "KB_48": 48 * KIB, "KB_64": 64 * KIB}
CRS = "awswaf:managed:aws:core-rule-set:"
# The core rule set's rules that the product's own requests can trip, and the label
# each adds (AWS WAF developer guide, "Core rule set (CRS) managed rule group").
CRS_LABELS = {
    "NoUserAgent_HEADER": "NoUserAgent_Header",
    "SizeRestrictions_BODY": "SizeRestrictions_Body",
    "CrossSiteScripting_BODY": "CrossSiteScripting_Body",
    "GenericLFI_BODY": "GenericLFI_Body",
    "GenericRFI_BODY": "GenericRFI_Body",
    "EC2MetaDataSSRF_BODY": "EC2MetaDataSSRF_Body",
}
# The rules that read the body's content (tags, paths, URLs) rather than its size.
CRS_BODY_CONTENT = ["CrossSiteScripting_BODY", "GenericLFI_BODY", "GenericRFI_BODY", "EC2MetaDataSSRF_BODY"]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: int = 0  # bytes
    user_agent: bool = True
    # The core rule set's content rules this body would match (XSS, LFI, ...).
    looks_like: frozenset = frozenset()

    def crs_matches(self):
        """The core rule set's rules that match this request, as AWS documents them."""
        hits = set(self.looks_like)
        if self.body > 8 * KIB:
            hits.add("SizeRestrictions_BODY")
        if not self.user_agent:
            hits.add("NoUserAgent_HEADER")
        return hits


def matches(statement, req, labels=frozenset(), limit=16 * KIB):
    """Evaluates the statement kinds the web ACL uses for one request."""
    if "AndStatement" in statement:
        return all(matches(s, req, labels, limit) for s in statement["AndStatement"]["Statements"])
    if "OrStatement" in statement:
        return any(matches(s, req, labels, limit) for s in statement["OrStatement"]["Statements"])
    if "NotStatement" in statement:
        return not matches(statement["NotStatement"]["Statement"], req, labels, limit)
    if "ByteMatchStatement" in statement:
        b = statement["ByteMatchStatement"]
        assert "Method" in b["FieldToMatch"] and b["PositionalConstraint"] == "EXACTLY"
        return req.method == b["SearchString"]
    if "RegexMatchStatement" in statement:
        rx = statement["RegexMatchStatement"]
        assert "UriPath" in rx["FieldToMatch"]
        kinds = [t["Type"] for t in sorted(rx["TextTransformations"], key=lambda t: t["Priority"])]
        assert kinds == ["URL_DECODE", "NORMALIZE_PATH"], kinds
        return re.search(rx["RegexString"], req.path) is not None
    if "SizeConstraintStatement" in statement:
        sc = statement["SizeConstraintStatement"]
        oversize = sc["FieldToMatch"]["Body"]["OversizeHandling"]
        if req.body > limit and oversize != "CONTINUE":
            return oversize == "MATCH"
        size = min(req.body, limit)
        return {"GT": size > sc["Size"], "GE": size >= sc["Size"], "LT": size < sc["Size"],
                "LE": size <= sc["Size"], "EQ": size == sc["Size"], "NE": size != sc["Size"]}[sc["ComparisonOperator"]]
    if "LabelMatchStatement" in statement:
        lm = statement["LabelMatchStatement"]
        assert lm["Scope"] == "LABEL"
        return lm["Key"] in labels
    if "RateBasedStatement" in statement:
        return False  # one request is no flood
    raise AssertionError(f"unexpected statement {statement}")


def scope_down_matches(statement, method, path):
    return matches(statement, Request(method, path))


def web_acl(resources):
    (acl,) = of_type(resources, "AWS::WAFv2::WebACL").values()
    return acl["Properties"]


def inspection_limit(acl):
    config = acl.get("AssociationConfig", {}).get("RequestBody", {}).get("API_GATEWAY", {})
    return INSPECTION_LIMITS[config.get("DefaultSizeInspectionLimit", "KB_16")]


def verdict(acl, req):
    """(terminating rule, status) for one request, the rules run in priority order as
    WAF runs them; (None, 200) when it reaches the API. Managed groups other than the
    core rule set are taken to match nothing (the product's requests are no exploit)."""
    limit = inspection_limit(acl)
    labels = set()
    for rule in sorted(acl["Rules"], key=lambda r: r["Priority"]):
        statement = rule["Statement"]
        if "ManagedRuleGroupStatement" in statement:
            group = statement["ManagedRuleGroupStatement"]
            if group["Name"] != "AWSManagedRulesCommonRuleSet":
                continue
            overrides = {o["Name"]: next(iter(o["ActionToUse"])) for o in group.get("RuleActionOverrides", [])}
            hits = req.crs_matches()
            labels |= {CRS + CRS_LABELS[h] for h in hits}
            if any(overrides.get(h, "Block") == "Block" for h in hits) and rule["OverrideAction"] == {"None": {}}:
                return rule["Name"], 403
            continue
        if matches(statement, req, labels, limit):
            if "Block" in rule["Action"]:
                return rule["Name"], rule["Action"]["Block"].get("CustomResponse", {}).get("ResponseCode", 403)
            labels |= {label["Name"] for label in rule.get("RuleLabels", [])}
    return None, 200


@pytest.mark.parametrize(
    "rule, param, hits, misses",
    [
        (
            "sign-in-per-ip",
            "SignInRateLimit",
            [("POST", "/v1/tenants/acme/sessions"), ("POST", "/prod/v1/tenants/acme/sessions")],
            [("GET", "/v1/tenants/acme/sessions"), ("POST", "/v1/tenants/acme/password-resets"), ("DELETE", "/v1/sessions/current")],
        ),
        (
            "forgot-password-per-ip",
            "ForgotPasswordRateLimit",
            [("POST", "/v1/tenants/acme/password-resets"), ("POST", "/dev/v1/tenants/acme/password-resets")],
            [("POST", "/v1/tenants/acme/password-resets/confirm"), ("POST", "/v1/tenants/acme/sessions"), ("GET", "/t/acme/forgot")],
        ),
    ],
)
def test_per_ip_rate_rules_are_scoped_to_their_route(prod, rule, param, hits, misses):
    rr = rules(deployed(prod, PROD))[rule]
    assert "Block" in rr["Action"]
    rate = rr["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP"  # the connection's address, never a header
    assert "ForwardedIPConfig" not in rate
    assert rate["Limit"] == {"Ref": param}
    for method, path in hits:
        assert scope_down_matches(rate["ScopeDownStatement"], method, path), (method, path)
    for method, path in misses:
        assert not scope_down_matches(rate["ScopeDownStatement"], method, path), (method, path)
    assert rr["VisibilityConfig"]["CloudWatchMetricsEnabled"] is True


def managed_groups(resources):
    return {
        r["Statement"]["ManagedRuleGroupStatement"]["Name"]: r
        for r in rules(resources).values()
        if "ManagedRuleGroupStatement" in r["Statement"]
    }


def test_managed_rule_groups_and_optional_atp_and_bot_control(prod):
    groups = managed_groups(deployed(prod, PROD))
    assert {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"} <= set(groups)
    for g in groups.values():
        assert g["OverrideAction"] == {"None": {}}  # the groups' own Block actions apply
        assert g["Statement"]["ManagedRuleGroupStatement"]["VendorName"] == "AWS"
    # Off by default (cost); on with their parameters.
    assert "AWSManagedRulesATPRuleSet" not in groups and "AWSManagedRulesBotControlRuleSet" not in groups
    on = managed_groups(deployed(prod, {**PROD, "EnableAccountTakeoverPrevention": "true", "EnableBotControl": "true"}))
    atp = on["AWSManagedRulesATPRuleSet"]["Statement"]["ManagedRuleGroupStatement"]
    config = atp["ManagedRuleGroupConfigs"][0]["AWSManagedRulesATPRuleSet"]
    assert config["EnableRegexInPath"] is True
    assert re.search(config["LoginPath"], "/prod/v1/tenants/acme/sessions")
    assert config["RequestInspection"]["UsernameField"]["Identifier"] == "/username"
    assert config["RequestInspection"]["PasswordField"]["Identifier"] == "/password"
    assert "AWSManagedRulesBotControlRuleSet" in on
    priorities = [r["Priority"] for r in rules(deployed(prod, {**PROD, "EnableAccountTakeoverPrevention": "true", "EnableBotControl": "true"})).values()]
    assert len(priorities) == len(set(priorities))


def test_waf_logs_redact_credentials(prod):
    r = deployed(prod, PROD)
    (logging,) = of_type(r, "AWS::WAFv2::LoggingConfiguration").values()
    redacted = {f["SingleHeader"]["Name"] for f in logging["Properties"]["RedactedFields"]}
    assert {"authorization", "cookie", "x-amz-security-token"} <= redacted



# ---------------------------------------------------------------- the product's own traffic
LOGO = "/v1/tenants/acme/logo"


@pytest.mark.parametrize(
    "req, expected",
    [
        # Logo uploads up to MAX_LOGO_BYTES pass, whatever their image bytes look like.
        (Request("PUT", LOGO, 60 * KIB), (None, 200)),
        (Request("PUT", LOGO, 64 * KIB, looks_like=frozenset(CRS_BODY_CONTENT)), (None, 200)),
        (Request("PUT", "/prod" + LOGO, 40 * KIB, looks_like=frozenset({"CrossSiteScripting_BODY"})), (None, 200)),
        (Request("PUT", LOGO, 64 * KIB + 1), ("logo-body-size", 413)),
        (Request("PUT", LOGO, 1024 * KIB), ("logo-body-size", 413)),
        # Only the PUT is the logo upload.
        (Request("POST", LOGO, 20 * KIB), ("body-size", 413)),
        # JSON bodies over the managed rule's 8 KB, up to MAX_BODY_BYTES, pass.
        (Request("PATCH", "/v1/tenants/acme/users/u_1", 12 * KIB), (None, 200)),
        (Request("PUT", "/v1/tenants/acme/settings", 16 * KIB), (None, 200)),
        (Request("PUT", "/v1/tenants/acme/settings", 16 * KIB + 1), ("body-size", 413)),
        (Request("POST", "/v1/tenants/acme/password-resets/bulk", 100 * KIB), ("body-size", 413)),
        # A JSON body that looks like an attack is still refused, with a JSON answer.
        (Request("POST", "/v1/tenants/acme/sessions", 200, looks_like=frozenset({"CrossSiteScripting_BODY"})),
         ("aws-common-body-outside-logo", 403)),
        (Request("POST", "/v1/me/password", 300, looks_like=frozenset({"GenericLFI_BODY"})),
         ("aws-common-body-outside-logo", 403)),
        # The managed group's own rules still block (a client without User-Agent).
        (Request("GET", "/v1/me", user_agent=False), ("aws-common", 403)),
        (Request("GET", "/v1/me"), (None, 200)),
    ],
    ids=lambda x: f"{x.method} {x.path} {x.body}B ua={x.user_agent} {sorted(x.looks_like)}" if isinstance(x, Request) else str(x),
)
def test_the_products_requests_pass_and_oversize_or_attack_bodies_do_not(prod, req, expected):
    # GIVEN the web ACL as deployed in prod, WHEN this request arrives, THEN:
    assert verdict(web_acl(deployed(prod, PROD)), req) == expected


def test_the_common_rule_set_counts_only_its_body_rules(prod):
    acl = web_acl(deployed(prod, PROD))
    (common,) = [r for r in acl["Rules"] if r["Name"] == "aws-common"]
    overrides = common["Statement"]["ManagedRuleGroupStatement"]["RuleActionOverrides"]
    assert {o["Name"]: o["ActionToUse"] for o in overrides} == {
        name: {"Count": {}} for name in ["SizeRestrictions_BODY", *CRS_BODY_CONTENT]
    }
    # Labels exist only after the group ran: the re-applying rule comes later.
    (body,) = [r for r in acl["Rules"] if r["Name"] == "aws-common-body-outside-logo"]
    assert body["Priority"] > common["Priority"]
    assert body["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 403
    for key in ("PayloadTooLarge", "RequestBlocked", "TooManyRequests"):
        problem = json.loads(acl["CustomResponseBodies"][key]["Content"])
        assert acl["CustomResponseBodies"][key]["ContentType"] == "APPLICATION_JSON"
        assert {"type", "title", "status", "code"} <= set(problem), key


def rust_const(path, name):
    """The value of `const NAME: usize = a * b ...;` in a Rust source file."""
    m = re.search(rf"const {name}: usize = ([0-9_ *]+);", (ROOT / path).read_text())
    assert m, (path, name)
    value = 1
    for factor in m.group(1).split("*"):
        value *= int(factor.strip().replace("_", ""))
    return value


def test_size_rules_are_the_products_own_limits(prod):
    acl = web_acl(deployed(prod, PROD))
    max_body = rust_const("shared/src/http/mod.rs", "MAX_BODY_BYTES")
    max_logo = rust_const("domain/src/tenant.rs", "MAX_LOGO_BYTES")
    sizes = {
        r["Name"]: [s["SizeConstraintStatement"] for s in r["Statement"]["AndStatement"]["Statements"] if "SizeConstraintStatement" in s]
        for r in acl["Rules"]
        if r["Name"] in ("logo-body-size", "body-size")
    }
    (logo,), (body,) = sizes["logo-body-size"], sizes["body-size"]
    assert (logo["ComparisonOperator"], logo["Size"]) == ("GT", max_logo)
    assert (body["ComparisonOperator"], body["Size"]) == ("GT", max_body)
    # A body WAF cannot see whole is too large, not unchecked.
    assert logo["FieldToMatch"]["Body"]["OversizeHandling"] == "MATCH"
    assert body["FieldToMatch"]["Body"]["OversizeHandling"] == "MATCH"
    # WAF sees a whole logo: the logo rule can tell 64 KiB from 64 KiB + 1.
    assert inspection_limit(acl) >= max_logo


def api_operations(resources):
    (api,) = of_type(resources, "AWS::ApiGateway::RestApi").values()
    for path, methods in api["Properties"]["Body"]["paths"].items():
        for method in methods:
            if method != "options":
                concrete = re.sub(r"\{proxy\+\}", "tenants/acme/users", path)
                yield path, method.upper(), re.sub(r"\{[a-z_]+\}", "x1", concrete)


def test_only_the_logo_upload_is_exempt_from_the_json_limits(prod):
    r = deployed(prod, PROD)
    acl = web_acl(r)
    operations = list(api_operations(r))
    assert len(operations) > 20
    for template_path, method, path in operations:
        logo = (template_path, method) == ("/v1/tenants/{tenant}/logo", "PUT")
        big = verdict(acl, Request(method, path, 20 * KIB))
        attack = verdict(acl, Request(method, path, 500, looks_like=frozenset({"CrossSiteScripting_BODY"})))
        assert big == ((None, 200) if logo else ("body-size", 413)), (method, path)
        assert attack == ((None, 200) if logo else ("aws-common-body-outside-logo", 403)), (method, path)
    assert ("/v1/tenants/{tenant}/logo", "PUT") in {(p, m) for p, m, _ in operations}


# ---------------------------------------------------------------- per-IP limits for offices
# An office reaches the API from one address (a NAT, a corporate proxy). At its 9 a.m.
# peak, a third of its people sign in within the same 5 minutes, with two sign-in
# requests each (the password, then the second factor; or a typo and a retry), and
# about ten requests in all each (the page and its assets, the tenant's profile and
# policy, the two sign-in steps, /v1/me). Assumptions, stated in infra/README.md.
OFFICE = 3000
PEAK_SHARE_PER_5_MIN = 1 / 3
SIGN_IN_REQUESTS_EACH = 2
REQUESTS_EACH = 10
# On a day after a forced reset, a tenth of the office asks for a link within 5 minutes.
FORGOT_SHARE_PER_5_MIN = 1 / 10


def default_limit(name):
    from stack import source

    p = source()["Parameters"]
    window = int(p["RateLimitWindowSeconds"]["Default"])
    return int(p[name]["Default"]) * 300 / window  # per 5 minutes


@pytest.mark.parametrize(
    "limit, needed",
    [
        ("SignInRateLimit", OFFICE * PEAK_SHARE_PER_5_MIN * SIGN_IN_REQUESTS_EACH),
        ("ForgotPasswordRateLimit", OFFICE * FORGOT_SHARE_PER_5_MIN),
        ("ApiRateLimit", OFFICE * PEAK_SHARE_PER_5_MIN * REQUESTS_EACH),
    ],
)
def test_an_office_behind_one_address_is_not_throttled_at_9am(limit, needed):
    # GIVEN the default per-IP limits, WHEN an office of 3000 signs in at 9 a.m. from
    # one address THEN it stays under every limit (the old 100 sign-ins per 5
    # minutes throttled a company of 150).
    assert default_limit(limit) >= needed, (limit, default_limit(limit), needed)


def test_the_per_ip_limits_are_flood_guards_not_the_products_limits():
    # The precise limits are the product's, per tenant (README, settings): 5 failures
    # per (username, IP), 100 per username, 100 failed sign-ins per IP per 15
    # minutes. WAF only stops floods before they cost an invocation; it still does
    # for a single address sending several requests a second.
    for name in ("SignInRateLimit", "ForgotPasswordRateLimit", "ApiRateLimit"):
        per_second = default_limit(name) / 300
        assert 0.5 <= per_second <= 100, (name, per_second)


def test_count_mode_counts_the_rate_rules_and_blocks_nothing_else(prod):
    count = rules(deployed(prod, {**PROD, "RateLimitMode": "Count"}))
    block = rules(deployed(prod, PROD))
    for name in ("sign-in-per-ip", "forgot-password-per-ip", "any-route-per-ip"):
        assert count[name]["Action"] == {"Count": {}}, name
        assert block[name]["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429, name
    for name in set(block) - {"sign-in-per-ip", "forgot-password-per-ip", "any-route-per-ip"}:
        assert count[name] == block[name], name
