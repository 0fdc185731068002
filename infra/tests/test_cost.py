"""docs/cost.md keeps up with the template and with its own arithmetic: the fixed
monthly cost counts what the template deploys (alarm metrics, WAF rules, keys,
dashboards), every per-million row adds up, and the per-MAU table and its
crossovers follow from section 5's rows and section 9's stated assumptions.
"""

import re

import pytest

from stack import PROD, ROOT, deployed, of_type

COST = (ROOT / "docs" / "cost.md").read_text()


def section(number):
    return COST.split(f"\n## {number}. ", 1)[1].split("\n## ", 1)[0]


def money(cell):
    return float(cell.replace("$", "").replace(",", "").replace("*", "").strip())


def table_rows(text, first_cell):
    """The cells of the markdown table rows whose first cell starts with first_cell."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith(first_cell):
            yield cells


def test_the_fixed_cost_counts_what_the_template_deploys(prod):
    r = deployed(prod, PROD)
    alarms = of_type(r, "AWS::CloudWatch::Alarm")
    metrics = sum(
        len([m for m in a["Properties"]["Metrics"] if "MetricStat" in m]) if "Metrics" in a["Properties"] else 1
        for a in alarms.values()
    )
    (acl,) = of_type(r, "AWS::WAFv2::WebACL").values()
    fixed = section(8)
    assert f"{len(alarms)} alarms reading **{metrics} metrics**" in fixed
    assert f"**{len(acl['Properties']['Rules'])}** (" in fixed
    assert f"| KMS customer-managed keys | **{len(of_type(r, 'AWS::KMS::Key'))}**" in fixed
    assert f"| CloudWatch dashboard | **{len(of_type(r, 'AWS::CloudWatch::Dashboard'))}**" in fixed
    total = metrics * 0.10 + 3.00 + 5.00 + len(acl["Properties"]["Rules"]) * 1.00 + len(of_type(r, "AWS::KMS::Key")) * 1.00
    assert f"**${total:.2f}**" in fixed


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_every_per_million_row_adds_up(region):
    rows = list(table_rows(section(5).split(f"| per million, {region} |", 1)[1].split("\n\n", 1)[0], ""))
    assert len(rows) == 6  # the separator and five routes
    for cells in rows[1:]:
        parts, total = [money(c) for c in cells[1:-1]], money(cells[-1])
        assert sum(parts) == pytest.approx(total, abs=0.011), cells[0]


def per_million(region, route):
    text = section(5).split(f"| per million, {region} |", 1)[1]
    (cells,) = [c for c in table_rows(text, route) if c[0] == route][:1]
    return money(cells[-1])


# Section 9's assumptions, as its text states them.
SIGN_INS, FAILURES, RESETS_DONE, RESETS_ABANDONED, OTHER_CALLS = 20, 2, 0.04, 0.01, 100
OTHER_PER_MILLION = {"us-east-1": 6.28, "eu-west-1": 6.50}
STORAGE_PER_MAU = {"us-east-1": 0.00024, "eu-west-1": 0.000255}
FIXED = 24.70


def per_mau(region):
    requests = (
        SIGN_INS * per_million(region, "sign-in, success")
        + FAILURES * per_million(region, "sign-in, failure (wrong password or unknown user)")
        + RESETS_DONE * per_million(region, "completed reset")
        + RESETS_ABANDONED * per_million(region, "forgot-password, existing account (with its mail)")
        + OTHER_CALLS * OTHER_PER_MILLION[region]
    ) / 1e6
    return requests + STORAGE_PER_MAU[region]


def cognito(tier, mau):
    if tier == "Plus":
        return 0.02 * mau
    if tier == "Essentials":
        return 0.015 * max(0, mau - 10_000)
    cost, floor = 0.0, 10_000
    for top, price in [(100_000, 0.0055), (1_000_000, 0.0046), (10_000_000, 0.00325), (float("inf"), 0.0025)]:
        cost += max(0, min(mau, top) - floor) * price
        floor = top
    return cost


def test_the_per_mau_table_follows_from_section_5_and_the_assumptions():
    stated = re.search(r"\*\*\$([0-9.]+) in us-east-1 and \$([0-9.]+) in eu-west-1\*\*", section(9))
    assert float(stated[1]) == pytest.approx(per_mau("us-east-1"), abs=0.000006)
    assert float(stated[2]) == pytest.approx(per_mau("eu-west-1"), abs=0.000006)
    rows = {int(c[0].replace(",", "")): c for c in table_rows(section(9), "1") if c[0][0].isdigit()}
    assert sorted(rows) == [10_000, 100_000, 1_000_000, 10_000_000]
    for mau, cells in rows.items():
        us, eu, lite, essentials, plus = (money(c) for c in cells[1:])
        # (the per-MAU figures are rounded in the text: within 1% and $2)
        assert us == pytest.approx(FIXED + per_mau("us-east-1") * mau, rel=0.01, abs=2), mau
        assert eu == pytest.approx(FIXED + per_mau("eu-west-1") * mau, rel=0.01, abs=2), mau
        assert (lite, essentials, plus) == tuple(round(cognito(t, mau), 2) for t in ("Lite", "Essentials", "Plus"))


def test_the_crossovers_are_where_the_costs_meet():
    v = per_mau("eu-west-1")
    text = section(9)
    for tier, stated in [("Essentials", 12_800), ("Lite", 19_100), ("Plus", 1_300)]:
        assert re.search(rf"\*\*{tier}\*\* above about \*\*{stated:,} MAU\*\*", text), tier
        below, above = stated * 0.97, stated * 1.03
        assert FIXED + v * below > cognito(tier, below), tier
        assert FIXED + v * above < cognito(tier, above), tier
