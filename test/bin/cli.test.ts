import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/infra/content-files.js';
import { readMigrations } from '../../src/infra/sqlite/database.js';
import { loadSeeds } from '../helpers/seeds.js';
import { cliEnv, ROOT, type RunResult, runCli, SPAWN_TIMEOUT_MS, startCli, withTempDir } from './run-cli.js';

const seeds = loadSeeds();
// Only for picking ids; the CLI loads its own copy.
const content = loadContent();

/** Runs the CLI against a fresh temporary DATABASE_PATH. */
function cli(args: string[], input = '', extraEnv: Record<string, string> = {}): Promise<RunResult> {
  return withTempDir((dir) => runCli(args, { env: cliEnv(join(dir, 'coach.db'), extraEnv), input }));
}

const json = <T = Record<string, unknown>>(r: RunResult): T => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

interface ScoreJson {
  score: number;
  verdict: string;
  level: string;
  principle: string | null;
  dimensions: Array<{ id: string; rating: number; evidence: string[]; note: string }>;
  flags: Array<{ id: string; quote: string; message: string }>;
  sections: Record<string, { present: boolean; words: number; seconds: number; targetSeconds: number }>;
  coaching: string[];
  probe: { id: string; text: string } | null;
}

interface ProbeJson {
  label: 'strong' | 'mixed' | 'weak';
  flags: Array<{ id: string; quote: string; message: string }>;
  feedback: string;
  reask: string | null;
}

describe.concurrent('star-coach', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('--help lists every subcommand', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const command of [
      'start',
      'practice',
      'score',
      'probe',
      'lookup',
      'reframe',
      'questions',
      'content',
      'backup',
      'restore',
    ]) {
      expect(r.stdout, command).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
  });

  it('--version prints the package.json version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${version}\n`, '']);
  });

  it('content check --json prints the content counts', async () => {
    const counts = json<Record<string, number>>(await cli(['content', 'check', '--json']));
    expect(counts.principles).toBe(16);
    expect(counts.questions).toBeGreaterThanOrEqual(96);
    expect(counts.probes).toBeGreaterThanOrEqual(288);
    expect(counts.walkthroughs).toBeGreaterThanOrEqual(16);
    expect(counts.quiz).toBeGreaterThanOrEqual(48);
  });

  it('score --json on a weak seed answer: lean_no_hire or lower with escalated_not_owned, the same twice', async () => {
    const text = seeds.weakAnswers[0]!.text;
    const [first, second] = await Promise.all([
      cli(['score', '--json'], text),
      cli(['score', '--json'], text),
    ]);
    const report = json<ScoreJson>(first);
    expect(['lean_no_hire', 'no_hire']).toContain(report.verdict);
    expect(report.flags.map((f) => f.id)).toContain('escalated_not_owned');
    expect(
      report.flags.map((f) => f.id).some((id) => id === 'vague_result' || id === 'unquantified_result'),
    ).toBe(true);
    expect(report.level).toBe('sde2');
    expect(Object.keys(report.sections).sort()).toEqual([
      'action',
      'reflection',
      'result',
      'situation',
      'task',
    ]);
    expect(second.stdout).toBe(first.stdout);
  });

  it('score exits 2 with a clear message on empty stdin', async () => {
    const r = await cli(['score', '--json'], '');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^The answer is empty\. /);
  });

  it('score --principle "dive deep" scores against Dive Deep', async () => {
    const report = json<ScoreJson>(
      await cli(['score', '--json', '--principle', 'dive deep'], seeds.weakAnswers[0]!.text),
    );
    expect(report.principle).toBe('dive-deep');
    expect(report.dimensions.map((d) => d.id)).toContain('principle_fit');
  });

  it('probe --text judges a seed follow-up: the weak answer weak, the strong answer strong', async () => {
    const seed = seeds.probes.find((p) => /verify/i.test(p.probe ?? ''))!;
    const args = ['probe', '--text', 'How did you verify your fix?', '--json'];
    const [weak, strong] = await Promise.all([cli(args, seed.weak), cli(args, seed.strong)]);
    expect(json<ProbeJson>(weak).label).toBe('weak');
    expect(json<ProbeJson>(strong).label).toBe('strong');
  });

  it('probe --question ID --probe ID prints the JSON contract', async () => {
    const question = content.questionsByPrinciple.get('ownership')!.find((q) => q.probes.length)!;
    const probe = content.probeById.get(question.probes[0]!.id)!;
    const result = json<ProbeJson>(
      await cli(['probe', '--question', question.id, '--probe', probe.id, '--json'], probe.weak.answer),
    );
    expect(Object.keys(result).sort()).toEqual(['feedback', 'flags', 'label', 'reask']);
    expect(result.label).toBe('weak');
    expect(result.flags.length).toBeGreaterThan(0);
    for (const f of result.flags) expect(Object.keys(f).sort()).toEqual(['id', 'message', 'quote']);
    expect(result.feedback).not.toBe('');
  });

  it('lookup backbone prints Have Backbone; Disagree and Commit', async () => {
    const r = await cli(['lookup', 'backbone']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Have Backbone; Disagree and Commit');
    expect(r.stdout).toContain('Interviewers listen for:');
  });

  it('lookup pizza prints the closest matches and exits 1 (nothing found)', async () => {
    const r = await cli(['lookup', 'pizza']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^I don't know "pizza"\. Closest: \S/);
  });

  it('ends quietly when the reader closes the pipe early (| head)', async () => {
    await withTempDir(async (dir) => {
      const run = startCli(['practice'], cliEnv(join(dir, 'coach.db')));
      await run.waitForStdout('What would you like to do?');
      // The reader goes away (head -1 has its line); the coach's next write meets a closed pipe.
      run.child.stdout.destroy();
      run.child.stdin.end('lookup ownership\nstories\n');
      const result = await run.finished;
      expect(result.stderr).not.toMatch(/EPIPE|Error/);
      expect([result.code, result.signal]).toEqual([0, null]);
    });
  });

  it('reframe "customer obsession" prints lead with, emphasize and downplay', async () => {
    const r = await cli(['reframe', 'customer obsession']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Reframing for Customer Obsession$/m);
    for (const label of ['Lead with: ', 'Emphasize: ', 'Downplay: '])
      expect(r.stdout).toMatch(new RegExp(`^ {2}${label}\\s*\\S`, 'm'));
  });

  it('start in HTTP mode without a signing secret fails fast in one line naming SLACK_SIGNING_SECRET', async () => {
    const r = await cli(['start'], '', { SLACK_MODE: 'http', SLACK_BOT_TOKEN: 'xoxb-1-2-abc' });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(r.stdout).toBe('');
  });

  it('start without tokens says how to connect Slack, runs the terminal coach and exits 0 at EOF', async () => {
    const r = await cli(['start']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('No SLACK_BOT_TOKEN set');
    expect(r.stderr).toContain('manifest.yml');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('What would you like to do?');
  });

  it('refuses a database whose user_version is newer than the code, and leaves it untouched', async () => {
    const tooNew = readMigrations().length + 1;
    await withTempDir(async (dir) => {
      const path = join(dir, 'coach.db');
      const raw = new Database(path);
      raw.pragma(`user_version = ${tooNew}`);
      raw.close();
      const r = await runCli(['lookup', 'ownership'], { env: cliEnv(path) });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`schema version ${tooNew}`);
      expect(r.stderr).toContain('Upgrade STAR Coach');
      expect(r.stderr).not.toContain('    at ');
      const check = new Database(path, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(tooNew);
      check.close();
    });
  });
});
