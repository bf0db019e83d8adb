// Runs in: tests (node). The fault suite's ledger: every case tried, and what it did — answered with a
// clear message (or worked, where working is right), crashed or hung a process, lost the user's data, or
// escaped its folder. The table printed at the end is the suite's report.
import { ERROR_CODES, type AnyfillErrorData } from '../../src-shared/contract/errors';

export type Outcome = 'clear' | 'unclear' | 'crash' | 'lost' | 'escape';

export interface Row {
  group: string;
  name: string;
  outcome: Outcome;
  note: string;
}

export class Tally {
  readonly rows: Row[] = [];

  add(group: string, name: string, outcome: Outcome, note = ''): void {
    this.rows.push({ group, name, outcome, note });
  }

  count(outcome: Outcome, group?: string): number {
    return this.rows.filter((r) => r.outcome === outcome && (!group || r.group === group)).length;
  }

  /** tried / clear / unclear / crash / lost / escape per group, then the failing cases by name. */
  table(): string {
    const groups = [...new Set(this.rows.map((r) => r.group))];
    const head = ['group', 'tried', 'clear', 'unclear', 'crash', 'lost', 'escape'];
    const line = (cells: Array<string | number>) => cells.map((c, i) => String(c).padEnd(i ? 8 : 22)).join('');
    const out = [line(head)];
    for (const g of [...groups, '']) {
      const rows = this.rows.filter((r) => !g || r.group === g);
      const n = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
      out.push(line([g || 'all', rows.length, n('clear'), n('unclear'), n('crash'), n('lost'), n('escape')]));
    }
    for (const r of this.rows.filter((x) => x.outcome !== 'clear')) out.push(`  ${r.outcome}: ${r.group} / ${r.name}: ${r.note}`);
    return out.join('\n');
  }
}

/**
 * A clear answer: a known error code and one readable sentence with no stack trace and no absolute path
 * (an install or session path says nothing to a user and tells an attacker where things are).
 */
export function isClearError(err: unknown): err is AnyfillErrorData {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Partial<AnyfillErrorData>;
  if (typeof e.code !== 'string' || !(ERROR_CODES as readonly string[]).includes(e.code)) return false;
  if (typeof e.message !== 'string' || e.message.length < 10 || e.message.length > 600) return false;
  if (e.code === 'INTERNAL') return false;
  return !/\n\s+at |(^|[\s(])\/(tmp|home|root|usr|work|var)\/|[A-Z]:\\/.test(e.message);
}
