import { EXTRACT_TABLES, type TableName, type TableSpec } from '../../extract/schema';
import { NumberColumn, StringColumn, rowCount, type ColumnarTable } from '../columns';
import type { DemoBatch } from '../generator';
import { hash32, Stream } from '../random';
import { compactDate } from '../dates';
import type { DemoTableName } from '../tables';
import { DUPLICATE_BRACKETED_RATE, DUPLICATE_PLAIN_RATE, MESSY_PLAN, TOTAL_LABEL, type CellRule } from './plan';
import type { CellInjection, ColumnInjection, RowInjection } from './report';
import {
  asPercent, brokenCreditCode, cleanText, CODE_DEFECTS, DATE_VARIANTS, dateVariant, excelMangled, flipBrackets, inWan,
  MISSING_TOKENS, withThousands,
} from './values';

/** What one batch became, and what was injected into it. */
export interface MessyBatch {
  batch: DemoBatch;
  cells: CellInjection[];
  rows: RowInjection[];
}

const UNIT = 4_294_967_296;

/**
 * Turns generated batches into the text an untidy bank export would hold (--messy), and records
 * every change. Decisions hash (seed, table, row in the file, column, rule), so the same seed
 * gives the same file and report whatever the batch size.
 */
export class MessyInjector {
  private readonly nextRow = new Map<TableName, number>();
  private readonly totals = new Map<TableName, Map<string, number>>();

  constructor(
    private readonly seed: number,
    private readonly language: 'zh' | 'en',
  ) {}

  /** The headers of a table's file, in column order, with the changed ones. */
  headers(table: TableName): string[] {
    const spec = specOf(table);
    const wan = new Set(MESSY_PLAN[table].columns.filter((c) => c.problem === 'unit-wan').map((c) => c.column));
    return spec.columns.map((c) => {
      const header = this.language === 'zh' ? c.zh : c.name;
      return wan.has(c.name) ? `${header}(万元)` : header;
    });
  }

  /** The whole-column changes, for the report. */
  columnInjections(): ColumnInjection[] {
    return EXTRACT_TABLES.flatMap((spec) =>
      MESSY_PLAN[spec.name].columns.map((rule) => {
        const index = spec.columns.findIndex((c) => c.name === rule.column);
        const column = spec.columns[index]!;
        return {
          table: spec.name,
          column: rule.column,
          header: this.headers(spec.name)[index]!,
          originalHeader: this.language === 'zh' ? column.zh : column.name,
          problem: rule.problem,
          rule: rule.problem === 'unit-wan'
            ? 'every value divided by 10000 (元 → 万元), written with up to 6 decimals, trailing zeros dropped; cells with other problems excepted'
            : 'every date written as YYYYMMDD; cells with other problems excepted',
        };
      }),
    );
  }

  /** The messy text of a batch: every extract table becomes text; `_truth` passes unchanged. */
  transform(batch: DemoBatch): MessyBatch {
    const cells: CellInjection[] = [];
    const rows: RowInjection[] = [];
    const tables = new Map<DemoTableName, ColumnarTable>();
    for (const [name, table] of batch.tables) {
      if (name === '_truth') tables.set(name, table);
      else tables.set(name, this.transformTable(name, table, cells, rows));
    }
    return { batch: { ...batch, tables }, cells, rows };
  }

  /** The 合计 rows to append at the bottom of the tables that have one. */
  finish(): { tables: Map<TableName, ColumnarTable>; rows: RowInjection[] } {
    const tables = new Map<TableName, ColumnarTable>();
    const rows: RowInjection[] = [];
    for (const spec of EXTRACT_TABLES) {
      const plan = MESSY_PLAN[spec.name];
      if (plan.totals.length === 0) continue;
      const sums = this.totals.get(spec.name) ?? new Map<string, number>();
      const wan = new Set(plan.columns.filter((c) => c.problem === 'unit-wan').map((c) => c.column));
      const values: Record<string, string> = {};
      const out = textTable(spec);
      spec.columns.forEach((column, i) => {
        const cents = sums.get(column.name);
        let text = i === 0 ? TOTAL_LABEL : '';
        if (cents !== undefined) text = wan.has(column.name) ? inWan(cents / 100) : (cents / 100).toFixed(2);
        values[column.name] = text;
      });
      pushTexts(out, spec.columns.map((c) => values[c.name]!));
      const row = this.takeRow(spec.name);
      rows.push({ table: spec.name, row, problem: 'total-row', values });
      tables.set(spec.name, out);
    }
    return { tables, rows };
  }

  private takeRow(table: TableName): number {
    const row = (this.nextRow.get(table) ?? 0) + 1;
    this.nextRow.set(table, row);
    return row;
  }

  private unit(table: number, row: number, column: number, salt: number): number {
    return hash32(this.seed, Stream.messy, table, row, column, salt) / UNIT;
  }

  private transformTable(name: TableName, table: ColumnarTable, cells: CellInjection[], rows: RowInjection[]): ColumnarTable {
    const spec = specOf(name);
    const tableIndex = EXTRACT_TABLES.indexOf(spec);
    const plan = MESSY_PLAN[name];
    const headers = this.headers(name);
    const out = textTable(spec);
    const rules = spec.columns.map((c) => plan.cells.filter((r) => r.column === c.name));
    const wholeColumn = spec.columns.map((c) => plan.columns.find((r) => r.column === c.name)?.problem);
    let sums = this.totals.get(name);
    if (!sums) this.totals.set(name, (sums = new Map(plan.totals.map((c) => [c, 0]))));
    const texts: string[] = new Array(spec.columns.length);
    const n = rowCount(table);
    for (let r = 0; r < n; r++) {
      const row = this.takeRow(name);
      let codeBroken = false;
      spec.columns.forEach((column, c) => {
        const source = table.columns[c]!;
        const value = source.type === 'string' ? (source as StringColumn).get(r) : (source as NumberColumn).isNull(r) ? null : (source as NumberColumn).get(r);
        if (typeof value === 'number' && sums.has(column.name)) sums.set(column.name, sums.get(column.name)! + Math.round(value * 100));
        const clean = cleanText(column.kind, value);
        const injected = this.injectCell(rules[c]!, value, clean, tableIndex, row, c);
        if (injected) {
          texts[c] = injected.text;
          if (injected.rule.problem === 'invalid-credit-code') codeBroken = true;
          cells.push({ table: name, row, column: column.name, header: headers[c]!, problem: injected.rule.problem, original: clean, injected: injected.text });
        } else if (wholeColumn[c] === 'unit-wan' && typeof value === 'number') texts[c] = inWan(value);
        else if (wholeColumn[c] === 'date-compact' && typeof value === 'number') texts[c] = compactDate(value);
        else texts[c] = clean;
      });
      pushTexts(out, texts);
      if (name === 'customers' && !codeBroken) this.maybeDuplicate(spec, out, texts, tableIndex, row, rows);
    }
    return out;
  }

  /** The first rule of the cell that fires and applies, with its text. */
  private injectCell(
    rules: readonly CellRule[], value: number | string | null, clean: string, table: number, row: number, column: number,
  ): { rule: CellRule; text: string } | null {
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k]!;
      if (rule.onlyEmpty && value !== null) continue;
      if (this.unit(table, row, column, k) >= rule.rate) continue;
      const pick = this.unit(table, row, column, 100 + k);
      const text = messyText(rule, value, clean, pick);
      if (text !== null && text !== clean) return { rule, text };
    }
    return null;
  }

  private maybeDuplicate(
    spec: TableSpec, out: ColumnarTable, texts: readonly string[], table: number, row: number, rows: RowInjection[],
  ): void {
    const idIndex = spec.columns.findIndex((c) => c.name === 'customer_id');
    const nameIndex = spec.columns.findIndex((c) => c.name === 'name');
    const name = texts[nameIndex]!;
    const bracketed = name.includes('（') || name.includes('(');
    if (this.unit(table, row, -1, 0) >= (bracketed ? DUPLICATE_BRACKETED_RATE : DUPLICATE_PLAIN_RATE)) return;
    const copy = [...texts];
    copy[idIndex] = `9${texts[idIndex]!.slice(1)}`;
    copy[nameIndex] = bracketed ? flipBrackets(name) : name;
    const values: Record<string, string> = {};
    spec.columns.forEach((c, i) => (values[c.name] = copy[i]!));
    pushTexts(out, copy);
    const at = this.takeRow(spec.name);
    rows.push({
      table: spec.name, row: at, problem: 'duplicate-customer', duplicateOf: row, values,
      original: { customer_id: texts[idIndex]!, name },
    });
  }
}

/** The messy text of one cell under a rule, or null when the rule does not apply to this value. */
function messyText(rule: CellRule, value: number | string | null, clean: string, pick: number): string | null {
  switch (rule.problem) {
    case 'missing': {
      const tokens = value === null ? MISSING_TOKENS.slice(1) : MISSING_TOKENS;
      return tokens[Math.floor(pick * tokens.length)]!;
    }
    case 'thousands':
      return typeof value === 'number' && Math.abs(value) >= 1000 ? withThousands(clean) : null;
    case 'percent':
      return typeof value === 'number' ? asPercent(value) : null;
    case 'date-format':
      return typeof value === 'number' ? dateVariant(value, DATE_VARIANTS[Math.floor(pick * DATE_VARIANTS.length)]!) : null;
    case 'excel-mangled-id':
      return typeof value === 'string' && /^\d{16,}$/.test(value) ? excelMangled(value) : null;
    case 'invalid-credit-code': {
      if (typeof value !== 'string' || value.length !== 18) return null;
      const defect = CODE_DEFECTS[Math.floor(pick * CODE_DEFECTS.length)]!;
      return brokenCreditCode(value, defect, (pick * 7919) % 1);
    }
  }
}

function specOf(table: TableName): TableSpec {
  return EXTRACT_TABLES.find((t) => t.name === table)!;
}

/** Appends a row of texts; an empty text is a null, so that CSV shows a blank, not "". */
function pushTexts(out: ColumnarTable, texts: readonly string[]): void {
  texts.forEach((text, c) => {
    const column = out.columns[c] as StringColumn;
    if (text === '') column.pushNull();
    else column.push(text);
  });
}

/** Empty text columns for every column of a table. */
function textTable(spec: TableSpec): ColumnarTable {
  return { names: spec.columns.map((c) => c.name), columns: spec.columns.map(() => new StringColumn()) };
}
