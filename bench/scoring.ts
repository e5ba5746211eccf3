/**
 * Phase 1 of `npm run bench`: scoreAnswer at ~150/450/900 words and the probe judge, warmed up, in process. The
 * bench bundles this file the way the product is built and runs the compiled code (see benchScoring in run.ts).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { judgeProbeAnswer, type ProbeInput } from '../src/core/coaching/probe-judge.js';
import { createRubric } from '../src/core/rubric/score.js';
import { DEFAULT_CONTENT_DIR, loadContent } from '../src/infra/content-files.js';
import { type BenchAnswer, composeAnswers, countWords, loadFixtureAnswers } from './answers.js';
import { latency, percentile, round, type Throughput } from './stats.js';

export const SCORING = { warmup: 300, iterations: 3000, maxMsPerCase: 5000 };

export interface ScoringResults {
  words150: Throughput;
  words450: Throughput;
  words900: Throughput;
  probe: Throughput;
  content_load_ms: number;
}

/** The timed calls of one measure: when each started and how long it took (ms, performance.now()). */
interface Calls {
  starts: number[];
  times: number[];
}

/** Times `run` per call (wall clock); also notes the mean CPU time per call, which machine load barely moves. */
function measure(
  notes: Record<string, string>,
  name: string,
  run: (i: number) => void,
  inputs: number,
  calls: Calls = { starts: [], times: [] },
): Throughput {
  for (let i = 0; i < SCORING.warmup; i++) run(i % inputs);
  const { starts, times } = calls;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < SCORING.iterations && performance.now() - started < SCORING.maxMsPerCase; i++) {
    const t = performance.now();
    run(i % inputs);
    starts.push(t);
    times.push(performance.now() - t);
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  notes[`${name}Cpu`] = `${round((used.user + used.system) / 1000 / times.length, 3)} ms CPU per call`;
  return { ...latency(times), per_second: Math.round(times.length / (wall / 1000)) };
}

/**
 * How much of a measure's tail the garbage collector explains: the calls a collection started in, and the p50 and
 * p99 of the others, whose tail is the machine's (other processes, the VM) and the scorer's own spread.
 */
function collectorShare(calls: Calls, collections: readonly number[]): string {
  const hit = new Uint8Array(calls.times.length);
  let c = 0;
  for (let i = 0; i < calls.times.length; i++) {
    const start = calls.starts[i]!;
    const end = start + calls.times[i]!;
    while (c < collections.length && collections[c]! < start) c++;
    if (c < collections.length && collections[c]! <= end) hit[i] = 1;
  }
  const quiet = calls.times.filter((_, i) => !hit[i]);
  const hits = calls.times.length - quiet.length;
  const { p50_ms, p99_ms } = latency(quiet);
  return `a collection started in ${hits} of ${calls.times.length} calls (${round((100 * hits) / calls.times.length, 1)} %); the others: p50 ${p50_ms} ms, p99 ${p99_ms} ms`;
}

export async function benchScoring(root: URL, notes: Record<string, string>): Promise<ScoringResults> {
  // When each collection starts (entries arrive after the synchronous loops below, hence the wait at the end).
  const collections: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  // As the app loads it: YAML parsed once and cached as JSON (node_modules/.cache), validated on every load.
  const t = performance.now();
  const content = loadContent();
  const contentLoadMs = round(performance.now() - t, 1);
  const timed = (fn: () => void) => {
    const s = performance.now();
    fn();
    return performance.now() - s;
  };
  const warm = [0, 1, 2].map(() => timed(() => loadContent()));
  // A first start after install or a content edit: every YAML file parsed.
  const uncached = [0, 1, 2].map(() => timed(() => loadContent(DEFAULT_CONTENT_DIR, { cacheDir: null })));
  notes.contentWarm = `warm ${round(percentile(warm, 50), 1)} ms; without the parse cache ${round(percentile(uncached, 50), 0)} ms`;
  const rubric = createRubric(content);
  const fixtures = loadFixtureAnswers(root);

  const sized = (target: number): { answers: BenchAnswer[]; calls: Calls; result: Throughput } => {
    const answers = composeAnswers(fixtures, target, 8);
    let sink = 0;
    const calls: Calls = { starts: [], times: [] };
    const result = measure(
      notes,
      `words${target}`,
      (i) => {
        const a = answers[i]!;
        sink += rubric.scoreAnswer(a.text, { principle: a.principle, level: a.level }).score;
      },
      answers.length,
      calls,
    );
    if (Number.isNaN(sink)) throw new Error('unreachable');
    const mean = answers.reduce((s, a) => s + a.words, 0) / answers.length;
    notes[`words${target}`] =
      `~${target}: ${answers.length} answers, ${Math.round(mean)} words on average, ${notes[`words${target}Cpu`]}`;
    return { answers, calls, result };
  };
  const words150 = sized(150).result;
  const at450 = sized(450);
  const words450 = at450.result;
  const words900 = sized(900).result;

  const probes = [...content.probeById.values()];
  const cases: Array<{ answer: string; probe: ProbeInput }> = probes.flatMap((p) => [
    { answer: p.weak.answer, probe: p },
    { answer: p.strong.answer, probe: p },
  ]);
  let labels = 0;
  const probe = measure(
    notes,
    'probe',
    (i) => {
      const c = cases[i]!;
      labels += judgeProbeAnswer(rubric, c.answer, c.probe).strength;
    },
    cases.length,
  );
  if (Number.isNaN(labels)) throw new Error('unreachable');
  const meanProbeWords = cases.reduce((s, c) => s + countWords(c.answer), 0) / cases.length;
  notes.probe = `probe: ${cases.length} answers (the content's weak/strong examples), ${Math.round(meanProbeWords)} words on average, ${notes.probeCpu}`;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  notes.words450Collector = collectorShare(at450.calls, collections);
  return { words150, words450, words900, probe, content_load_ms: contentLoadMs };
}
