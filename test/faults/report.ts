import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';
import { formatTable, type Row } from './table.js';

export type { Row } from './table.js';

const rows: Row[] = [];

/** Records a row for this file's table and for the suite's summary (printed by global-setup.ts). */
export function record(row: Row): void {
  rows.push(row);
  appendFileSync(inject('faultsReportFile'), `${JSON.stringify(row)}\n`);
}

/** Prints this file's rows (call from afterAll). */
export function printRows(title: string): void {
  if (rows.length) console.log(`\n${title}\n${formatTable(rows)}\n`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    faultsReportFile: string;
  }
}
