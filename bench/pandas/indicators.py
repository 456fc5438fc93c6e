"""The demo notebook's indicator matrix in pandas, as an analyst would otherwise compute it.

The same indicators as the library cells (cells/*.sql, whose headers state the conventions, and
DOMAIN.md), from the same CSV files, written the way a competent analyst writes pandas:
read_csv with ids kept as text and dates parsed, then vectorised filters, groupby aggregations
and index-aligned joins; no loop over rows. Each step names the SQL cell and column it mirrors.

    python3 indicators.py SPEC_JSON   (run by bench/pandas/index.ts; prints one JSON object)

SPEC_JSON: {"dir": extract folder, "as_of": "YYYY-MM-DD", "reps": n, "out": matrix CSV or null,
"memory_limit_mb": address-space cap or null,
"tables": {table: {"text": [columns], "dates": [columns]}}}. The column types come from the app's
schema (src/extract/schema.ts) through index.ts, so they are not written twice.

Prints {"load": {table: [ms per rep]}, "matrix": [ms per rep], "rows": n, "pandas": version};
or {"failed": message} when pandas cannot do it (e.g. out of memory).
"""

import json
import resource
import sys
import time

import numpy as np
import pandas as pd

OWN_BANK = "本行"
BAD_CLASSES = ["次级", "可疑", "损失"]
PRODUCTS = {
    "流动资金贷款": "share_working_capital",
    "经营性贷款": "share_operating",
    "中长期贷款": "share_term",
    "票据": "share_bills",
    "供应链金融": "share_supply_chain",
}
MONTH_END = pd.offsets.MonthEnd(0)  # rolls a date forward to its month's last day (last_day in SQL)


def load(spec):
    """Reads every table's CSV: text columns as str (ids keep their leading zeros), dates parsed."""
    tables, ms = {}, {}
    for table, types in spec["tables"].items():
        t0 = time.perf_counter()
        tables[table] = pd.read_csv(
            f"{spec['dir']}/{table}.csv",
            dtype={c: str for c in types["text"]},
            parse_dates=types["dates"],
        )
        ms[table] = (time.perf_counter() - t0) * 1000
    return tables, ms


def reference_month_end(as_of):
    """$as_of when it is a month's last day, else the last day of the month before."""
    return as_of if as_of + MONTH_END == as_of else (as_of - pd.DateOffset(months=1)) + MONTH_END


def months_back(month_end, months):
    """last_day(month_end - INTERVAL n MONTH)."""
    return (month_end - pd.DateOffset(months=months)) + MONTH_END


def started_by(loans, as_of):
    """coalesce(start <= $as_of, true): an unknown start does not exclude a loan."""
    return loans["start"].isna() | (loans["start"] <= as_of)


def month_end_balances(balances, as_of):
    """Per customer and month-end, the balance of the month's latest snapshot (summed over its rows).

    Mirrors snapshot_totals and month_ends: sum over a snapshot's rows (NULL when all are NULL), then
    arg_max(balance, snapshot), which skips NULL balances: GroupBy.last() does exactly that.
    """
    b = balances[balances["snapshot"] <= as_of]
    # groupby sorts by its keys, so the totals come ordered by customer and snapshot, and each
    # (customer, month-end) group keeps that order: its last() is the latest snapshot's, with no sort
    totals = b.groupby(["customer_id", "snapshot"])["balance"].sum(min_count=1).reset_index()
    totals["month_end"] = totals["snapshot"] + MONTH_END
    return totals.groupby(["customer_id", "month_end"])["balance"].last().reset_index()


def funding_need(ids, loans, facilities, month_ends, as_of):
    out = pd.DataFrame(index=ids)
    out["total_balance"] = loans[started_by(loans, as_of)].groupby("customer_id")["balance"].sum().reindex(ids).fillna(0)
    in_force = facilities[
        (facilities["start"].isna() | (facilities["start"] <= as_of))
        & (facilities["maturity"].isna() | (facilities["maturity"] >= as_of))
    ]
    credit = in_force.groupby("customer_id")[["limit", "used"]].sum(min_count=1).reindex(ids)
    out["total_limit"] = credit["limit"].fillna(0)
    out["utilisation"] = credit["used"] / credit["limit"].where(credit["limit"] != 0)
    ref = reference_month_end(as_of)

    def balance_at(month_end):
        return month_ends[month_ends["month_end"] == month_end].set_index("customer_id")["balance"].reindex(ids)

    now = balance_at(ref)
    for column, months in (("balance_growth_3m", 3), ("balance_growth_12m", 12)):
        earlier = balance_at(months_back(ref, months))
        out[column] = now / earlier.where(earlier != 0) - 1
    return out


def repayment(ids, loans, repayments, as_of):
    window = repayments[(repayments["due_date"] > as_of - pd.DateOffset(months=12)) & (repayments["due_date"] <= as_of)]
    window = window.merge(loans[["loan_id", "customer_id"]], on="loan_id")
    days_since_due = (as_of - window["due_date"]).dt.days
    paid = window["paid_date"] <= as_of
    paid_days = window["overdue_days"].fillna(np.maximum(0, (window["paid_date"] - window["due_date"]).dt.days))
    unpaid_days = np.minimum(window["overdue_days"].fillna(days_since_due), days_since_due)
    window = window.assign(days=np.where(paid, paid_days, unpaid_days))
    window["late"] = window["days"] > 0
    record = window.groupby("customer_id").agg(
        max_overdue_days=("days", "max"),
        mean_overdue_days=("days", "mean"),
        late_installments=("late", "sum"),
        installments_due=("days", "size"),
    ).reindex(ids)
    out = pd.DataFrame(index=ids)
    out["max_overdue_days"] = record["max_overdue_days"].fillna(0)
    out["mean_overdue_days"] = record["mean_overdue_days"]
    out["late_installments"] = record["late_installments"].fillna(0)
    out["installments_due"] = record["installments_due"].fillna(0)
    out["on_time_ratio"] = (record["installments_due"] - record["late_installments"]) / record["installments_due"]
    bad = loans[loans["class"].isin(BAD_CLASSES) & started_by(loans, as_of)]["customer_id"].unique()
    out["bad_class"] = ids.isin(bad).astype(int)
    return out


def outstanding(loans, as_of):
    """Loans outstanding at $as_of: started by then, with a balance > 0 (at the extract date)."""
    return loans[(loans["balance"] > 0) & started_by(loans, as_of)]


def channel(ids, open_loans):
    with_lender = open_loans[open_loans["bank"].notna()]
    other = with_lender[with_lender["bank"] != OWN_BANK]
    total = with_lender.groupby("customer_id")["balance"].sum().reindex(ids)
    other_balance = other.groupby("customer_id")["balance"].sum().reindex(ids).fillna(0)
    out = pd.DataFrame(index=ids)
    out["other_banks"] = other.groupby("customer_id")["bank"].nunique().reindex(ids).fillna(0)
    out["other_balance"] = other_balance
    out["other_share"] = other_balance.where(total.notna()) / total.where(total != 0)
    return out


def product(ids, open_loans):
    kind = open_loans["product"].map(PRODUCTS).fillna("share_other")  # missing or unknown labels are "other"
    by_kind = open_loans.assign(kind=kind).groupby(["customer_id", "kind"])["balance"].sum().unstack(fill_value=0)
    by_kind = by_kind.reindex(columns=[*PRODUCTS.values(), "share_other"], fill_value=0).reindex(ids)
    total = by_kind.sum(axis=1, min_count=1)
    out = pd.DataFrame(index=ids)
    out["products"] = open_loans.groupby("customer_id")["product"].nunique().reindex(ids).fillna(0)
    for column in by_kind.columns:
        out[column] = by_kind[column] / total
    return out


def years_since(dates, as_of):
    """(as_of - date) in days / 365.25; NULL when the date is unknown or after as_of."""
    return ((as_of - dates).dt.days / 365.25).where(dates <= as_of)


def whole_months(start, as_of):
    """date_sub('month', start, as_of) for start <= as_of: complete months, a month being complete on
    the same day of the month or on as_of's month's last day when that month is shorter."""
    months = (as_of.year - start.dt.year) * 12 + (as_of.month - start.dt.month)
    as_of_is_last = as_of + MONTH_END == as_of
    incomplete = (start.dt.day > as_of.day) & (not as_of_is_last)
    return months - incomplete.astype(int)


def lifecycle(ids, customers, loans, funding, as_of):
    history = loans[loans["start"] <= as_of].groupby("customer_id")["start"].agg(["min", "max", "size"]).reindex(ids)
    founded = customers.set_index("customer_id")["founded"].reindex(ids)
    out = pd.DataFrame(index=ids)
    out["firm_age_years"] = years_since(founded, as_of)
    out["months_since_first_loan"] = whole_months(history["min"], as_of).where(history["min"].notna())
    out["months_since_last_loan"] = whole_months(history["max"], as_of).where(history["max"].notna())
    years = np.maximum((as_of - history["min"]).dt.days / 365.25, 1)
    out["loans_per_year"] = (history["size"] / years).fillna(0)
    age, growth = out["firm_age_years"], funding["balance_growth_12m"]
    out["stage"] = np.select(
        [age.isna(), age < 3, growth >= 0.2, growth <= -0.2],
        [None, "新设立", "扩张期", "转型期"],
        default="成熟期",
    )
    return out


def size(ids, customers):
    c = customers.set_index("customer_id").reindex(ids)
    return pd.DataFrame({"revenue": c["revenue"], "assets": c["assets"], "employees": c["employees"], "size_label": c["size"]}, index=ids)


def relationship(ids, customers, loans, as_of):
    own = loans[(loans["bank"] == OWN_BANK) & started_by(loans, as_of)]
    start = customers.set_index("customer_id")["relation_start"].reindex(ids)
    out = pd.DataFrame(index=ids)
    out["relation_years"] = years_since(start, as_of)
    out["own_products"] = own[own["balance"] > 0].groupby("customer_id")["product"].nunique().reindex(ids).fillna(0)
    out["own_balance"] = own.groupby("customer_id")["balance"].sum().reindex(ids).fillna(0)
    return out


def maturity(ids, loans, as_of):
    own_open = loans[(loans["bank"] == OWN_BANK) & (loans["balance"] > 0) & (loans["maturity"] > as_of) & started_by(loans, as_of)]
    soon = own_open[own_open["maturity"] <= as_of + pd.Timedelta(days=90)].groupby("customer_id")["balance"].agg(["sum", "size"]).reindex(ids)
    out = pd.DataFrame(index=ids)
    out["maturing_90d"] = soon["sum"].fillna(0)
    out["maturing_loans_90d"] = soon["size"].fillna(0)
    out["next_maturity"] = own_open.groupby("customer_id")["maturity"].min().reindex(ids)
    return out


def volatility(ids, month_ends, as_of):
    ref = reference_month_end(as_of)
    m = month_ends[(month_ends["month_end"] > months_back(ref, 12)) & (month_ends["month_end"] <= ref)]
    # month_ends comes sorted by customer and month-end (groupby's keys), as lag() needs it
    by_customer = m.groupby("customer_id")
    previous_balance = by_customer["balance"].shift()
    previous_month_end = by_customer["month_end"].shift()
    comparable = (previous_month_end == m["month_end"] - pd.offsets.MonthEnd(1)) & (previous_balance > 0)
    m = m.assign(drop=((previous_balance - m["balance"]) / previous_balance).where(comparable), comparable=comparable)
    swings = m.groupby("customer_id").agg(
        balance_months=("balance", "count"),
        mean=("balance", "mean"),
        drop=("drop", "max"),
        pairs=("comparable", "sum"),
    )
    # stddev_pop: the population standard deviation (ddof=0), not agg's default sample one
    swings["std"] = m.groupby("customer_id")["balance"].std(ddof=0)
    swings = swings.reindex(ids)
    out = pd.DataFrame(index=ids)
    out["balance_cv"] = (swings["std"] / swings["mean"].where(swings["mean"] != 0)).where(swings["balance_months"] >= 2)
    out["largest_drop"] = np.fmax(swings["drop"], 0).where(swings["pairs"] > 0)
    out["balance_months"] = swings["balance_months"].fillna(0)
    return out


def indicator_matrix(t, as_of):
    customers, loans = t["customers"], t["loans"]
    ids = pd.Index(customers["customer_id"], name="customer_id")
    month_ends = month_end_balances(t["balances"], as_of)
    open_loans = outstanding(loans, as_of)
    funding = funding_need(ids, loans, t["facilities"], month_ends, as_of)
    parts = [
        customers.set_index("customer_id")[["name", "industry", "region", "city", "manager", "branch", "size"]],
        funding,
        repayment(ids, loans, t["repayments"], as_of),
        channel(ids, open_loans),
        product(ids, open_loans),
        lifecycle(ids, customers, loans, funding, as_of),
        size(ids, customers),
        relationship(ids, customers, loans, as_of),
        maturity(ids, loans, as_of),
        volatility(ids, month_ends, as_of),
    ]
    return pd.concat(parts, axis=1).sort_index().reset_index()


def main():
    spec = json.loads(sys.argv[1])
    if spec.get("memory_limit_mb"):
        # a cap turns running out of memory into a MemoryError we report, instead of the kernel's
        # OOM killer picking a process (possibly someone else's) on a shared machine
        limit = int(spec["memory_limit_mb"]) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    as_of = pd.Timestamp(spec["as_of"])
    result = {"load": {}, "matrix": [], "pandas": pd.__version__}
    try:
        for _ in range(spec["reps"]):
            tables, ms = load(spec)
            for table, t in ms.items():
                result["load"].setdefault(table, []).append(t)
            t0 = time.perf_counter()
            matrix = indicator_matrix(tables, as_of)
            result["matrix"].append((time.perf_counter() - t0) * 1000)
            result["rows"] = len(matrix)
            del tables
        if spec.get("out"):
            matrix.to_csv(spec["out"], index=False, date_format="%Y-%m-%d")
    except MemoryError:
        cap = f" under a {spec['memory_limit_mb']} MB cap" if spec.get("memory_limit_mb") else ""
        result["failed"] = f"pandas ran out of memory (MemoryError{cap})"
    print(json.dumps(result))


if __name__ == "__main__":
    main()
