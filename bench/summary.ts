// The table printed at the end of `npm run bench`: one row per figure an issue set a target for.
export interface SummaryRow {
  bench: string;
  figure: string;
  measured: string;
  /** What the issue asks for; '' when it sets none. */
  target?: string;
  /** undefined when there is no target to meet. */
  met?: boolean;
}

export type Print = (line: string) => void;
export type AddRow = (row: SummaryRow) => void;

export function summaryTable(rows: SummaryRow[]): string[] {
  const cells = rows.map((r) => [r.bench, r.figure, r.measured, r.target ?? '', r.met === undefined ? '' : r.met ? 'met' : 'MISSED']);
  const head = ['bench', 'figure', 'measured', 'target', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
}

/** A bench run on its own (`node dist/bench/alerts.bench.js`) prints to the console and fails the process on an error. */
export function runWhenMain(benchModule: NodeModule, run: (print: Print) => Promise<void>): void {
  if (require.main !== benchModule) return;
  run((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
