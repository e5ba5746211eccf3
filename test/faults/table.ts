import { existsSync, readFileSync } from 'node:fs';

/** One scenario's figures, printed as a row of the fault-suite table. */
export interface Row {
  scenario: string;
  /** Events, requests, inputs or calls the scenario tried. */
  inputs: number;
  /** Extra deliveries of the same event (retries, re-sends after a drop or a crash). */
  duplicates: number;
  /** Replies / posts the app sent that reached Slack (the fake). */
  replies: number;
  lost: number;
  doublePosts: number;
  crashes: number;
  restarts: number;
  integrity: string;
}

const HEAD = [
  'scenario',
  'inputs tried',
  'duplicates delivered',
  'replies sent',
  'answers lost',
  'double posts',
  'crashes',
  'restarts survived',
  'integrity',
];

export function formatTable(list: Row[]): string {
  const cells = list.map((r) =>
    [
      r.scenario,
      r.inputs,
      r.duplicates,
      r.replies,
      r.lost,
      r.doublePosts,
      r.crashes,
      r.restarts,
      r.integrity,
    ].map(String),
  );
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(HEAD), rule, ...cells.map(line)].join('\n');
}

export function readRows(file: string): Row[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
}
