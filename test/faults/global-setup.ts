import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatTable, readRows } from './table.js';

/** Collects every file's rows and prints one table when the whole fault suite is done. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'star-faults-report-'));
  const file = join(dir, 'rows.jsonl');
  project.provide('faultsReportFile', file);
  return () => {
    // Files run in whatever order vitest picks; the table follows the scenario numbers.
    const rows = readRows(file).sort((a, b) => a.scenario.localeCompare(b.scenario, 'en', { numeric: true }));
    if (rows.length) console.log(`\nSTAR Coach fault-and-abuse suite\n${formatTable(rows)}\n`);
    rmSync(dir, { recursive: true, force: true });
  };
}
