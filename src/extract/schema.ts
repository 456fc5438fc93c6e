/**
 * The bank extract's tables and columns (DOMAIN.md), with the headers banks actually use.
 * Canonical names are English snake_case; `zh` is the usual Chinese header, which the demo
 * generator writes; `aliases` are further headers recognised when loading.
 */

/** How a column's raw text is cleaned and which DuckDB type it ends up as. */
export type ColumnKind =
  /** identifiers: text, trimmed; Excel's scientific notation is rejected, never used */
  | 'id'
  /** free text, trimmed */
  | 'text'
  /** a label from a small set (product, five-level class, size...) */
  | 'category'
  /** money: thousands separators, 万/亿 units, → DOUBLE in 元 */
  | 'amount'
  /** a rate or share: "85.3%" → 0.853, → DOUBLE */
  | 'rate'
  /** whole numbers (employees, overdue days) → INTEGER */
  | 'integer'
  /** dates in the usual formats or Excel serials → DATE */
  | 'date'
  /** yes/no: 0/1, 是/否, Y/N, true/false → INTEGER 0/1 */
  | 'flag'
  /** any other number (columns outside the extract's tables) → DOUBLE */
  | 'number';

export type TableName = 'customers' | 'facilities' | 'loans' | 'repayments' | 'balances' | 'outcomes';

export interface ColumnSpec {
  /** canonical name, used in SQL */
  readonly name: string;
  /** the usual Chinese header */
  readonly zh: string;
  readonly kind: ColumnKind;
  /** a file for this table must have it */
  readonly required?: boolean;
  /** other headers meaning this column (Chinese and English) */
  readonly aliases: readonly string[];
  /** a date column that also takes a bare month (202403 → the month's last day) */
  readonly monthEnd?: boolean;
}

export interface TableSpec {
  readonly name: TableName;
  readonly zh: string;
  readonly en: string;
  readonly columns: readonly ColumnSpec[];
  /** columns identifying a row; duplicates are reported */
  readonly key: readonly string[];
  /** at least one column of each group must be present */
  readonly requireOneOf?: readonly (readonly string[])[];
}

const col = (
  name: string,
  zh: string,
  kind: ColumnKind,
  aliases: readonly string[] = [],
  required = false,
): ColumnSpec => ({ name, zh, kind, aliases, required });

export const EXTRACT_TABLES: readonly TableSpec[] = [
  {
    name: 'customers',
    zh: '客户信息',
    en: 'Customers',
    key: ['customer_id'],
    columns: [
      col('customer_id', '客户号', 'id', ['客户编号', '客户代码', '客户ID', 'cust_id', 'customer_no', 'client_id'], true),
      col('name', '客户名称', 'text', ['企业名称', '公司名称', '客户名', 'customer_name', 'company_name']),
      col('credit_code', '统一社会信用代码', 'id', ['信用代码', '社会信用代码', 'uscc', 'unified_social_credit_code']),
      col('industry', '行业类型', 'category', ['行业', '所属行业', '行业分类', '国标行业', 'industry_type']),
      col('size', '企业规模', 'category', ['规模', '企业类型', 'enterprise_size', 'company_size']),
      col('founded', '成立日期', 'date', ['注册日期', '成立时间', 'established', 'founded_date', 'incorporation_date']),
      col('region', '地区', 'category', ['行政区划', '所在地区', '省份', '所属地区', 'province']),
      col('city', '城市', 'category', ['所在城市', '地市']),
      col('branch', '机构号', 'category', ['经办机构', '所属机构', '机构编号', '支行', 'branch_id', 'org_id']),
      col('manager', '客户经理', 'category', ['管户经理', '客户经理姓名', 'account_manager', 'relationship_manager']),
      col('revenue', '营业收入', 'amount', ['年营业收入', '销售收入', '营收', 'annual_revenue', 'sales']),
      col('assets', '资产总额', 'amount', ['总资产', 'total_assets']),
      col('employees', '从业人员', 'integer', ['从业人数', '员工人数', '职工人数', 'staff', 'headcount']),
      col('relation_start', '首次合作日期', 'date', ['建立关系日期', '开户日期', '首次授信日期', 'relationship_start']),
    ],
  },
  {
    name: 'facilities',
    zh: '授信',
    en: 'Credit facilities',
    key: ['facility_id'],
    columns: [
      col('facility_id', '授信编号', 'id', ['授信合同号', '额度编号', '授信协议号', 'credit_line_id', 'limit_id'], true),
      col('customer_id', '客户号', 'id', ['客户编号', '客户代码', 'cust_id', 'customer_no'], true),
      col('limit', '授信额度', 'amount', ['授信金额', '额度', '授信总额', 'credit_limit', 'limit_amount'], true),
      col('used', '已用额度', 'amount', ['用信金额', '已使用额度', '占用额度', 'used_amount', 'drawn']),
      col('start', '起始日', 'date', ['授信起始日', '额度起始日', '生效日期', 'start_date']),
      col('maturity', '到期日', 'date', ['授信到期日', '额度到期日', 'end_date', 'maturity_date', 'expiry_date']),
    ],
  },
  {
    name: 'loans',
    zh: '借据',
    en: 'Loans',
    key: ['loan_id'],
    columns: [
      col('loan_id', '借据号', 'id', ['借据编号', '贷款编号', '合同号', 'loan_no', 'iou_id', 'receipt_id'], true),
      col('customer_id', '客户号', 'id', ['客户编号', '客户代码', 'cust_id', 'customer_no'], true),
      col('product', '贷款品种', 'category', ['产品类型', '贷款产品', '业务品种', '贷款类型', 'product_type', 'loan_type']),
      col('bank', '贷款机构', 'category', ['放款机构', '贷款银行', '金融机构', 'lender', 'bank_name']),
      col('amount', '贷款金额', 'amount', ['发放金额', '借据金额', '合同金额', 'loan_amount', 'principal']),
      col('balance', '贷款余额', 'amount', ['余额', '借据余额', '当前余额', 'outstanding', 'loan_balance'], true),
      col('start', '贷款日期', 'date', ['发放日期', '放款日期', '起始日期', 'start_date', 'issue_date']),
      col('maturity', '到期日期', 'date', ['到期日', '借据到期日', 'maturity_date', 'end_date', 'due_date']),
      col('rate', '合同利率', 'rate', ['执行利率', '利率', '年利率', 'interest_rate', 'contract_rate']),
      col('guarantee', '担保方式', 'category', ['担保类型', '主要担保方式', 'guarantee_type', 'collateral']),
      col('class', '五级分类', 'category', ['风险分类', '五级分类结果', 'risk_class', 'classification', 'five_class']),
    ],
  },
  {
    name: 'repayments',
    zh: '还款',
    en: 'Repayments',
    key: ['loan_id', 'due_date'],
    columns: [
      col('loan_id', '借据号', 'id', ['借据编号', '贷款编号', 'loan_no', 'iou_id'], true),
      col('due_date', '应还日期', 'date', ['应还款日期', '计划还款日', 'scheduled_date'], true),
      col('paid_date', '实还日期', 'date', ['实际还款日期', '还款日期', 'actual_date', 'payment_date']),
      col('due_amount', '应还金额', 'amount', ['应还款金额', '计划还款金额', 'scheduled_amount', 'amount_due']),
      col('paid_amount', '实还金额', 'amount', ['实际还款金额', '还款金额', 'amount_paid', 'payment_amount']),
      col('overdue_days', '逾期天数', 'integer', ['逾期天数(天)', 'days_past_due', 'dpd']),
    ],
  },
  {
    name: 'balances',
    zh: '月末余额',
    en: 'Month-end balances',
    key: ['snapshot', 'customer_id', 'loan_id'],
    requireOneOf: [['customer_id', 'loan_id']],
    columns: [
      { ...col('snapshot', '数据日期', 'date', ['统计日期', '余额日期', '月份', '报表日期', 'snapshot_date', 'as_of', 'data_date'], true), monthEnd: true },
      col('customer_id', '客户号', 'id', ['客户编号', '客户代码', 'cust_id', 'customer_no']),
      col('loan_id', '借据号', 'id', ['借据编号', '贷款编号', 'loan_no']),
      col('balance', '余额', 'amount', ['月末余额', '贷款余额', '期末余额', 'month_end_balance', 'outstanding'], true),
    ],
  },
  {
    name: 'outcomes',
    zh: '营销结果',
    en: 'Marketing outcomes',
    key: ['customer_id', 'campaign'],
    columns: [
      col('customer_id', '客户号', 'id', ['客户编号', '客户代码', 'cust_id', 'customer_no'], true),
      col('campaign', '活动编号', 'category', ['营销活动', '活动名称', '活动代码', 'campaign_id']),
      col('pushed', '推送日期', 'date', ['推送时间', '营销日期', 'push_date', 'contact_date']),
      col('signed', '是否签约', 'flag', ['签约', '签约标志', '是否成交', 'converted', 'is_signed'], true),
      col('signed_amount', '签约金额', 'amount', ['成交金额', '签约额', 'deal_amount']),
    ],
  },
];

/** The spec of a canonical table. */
export function tableSpec(name: TableName): TableSpec {
  const spec = EXTRACT_TABLES.find((t) => t.name === name);
  if (!spec) throw new Error(`Unknown extract table: ${name}`);
  return spec;
}

/** The Chinese (default) or canonical English header of every column of a table, in order. */
export function headersOf(name: TableName, language: 'zh' | 'en'): string[] {
  return tableSpec(name).columns.map((c) => (language === 'zh' ? c.zh : c.name));
}
