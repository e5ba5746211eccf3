/**
 * `npm run calibrate`: fits the section classifier and the scoring model on the public corpus, prints the
 * weights and the cross-validated figures, and rewrites the fitted blocks of content/rubric/scoring.yaml.
 * `--dry-run` prints without writing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { createRubric } from '../../src/core/rubric/score.js';
import { DEFAULT_CONTENT_DIR, loadContent } from '../../src/infra/content-files.js';
import { loadEvaluationData } from './items.js';
import { fitAnswerModel, fitSegmentation, segmentationData } from './model.js';
import { printCrossValidation } from './report.js';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
const content = loadContent(DEFAULT_CONTENT_DIR, { cacheDir: null });
const rubric = createRubric(content);
const data = loadEvaluationData(content);
if (!data.public.length) {
  console.error('calibrate: the public corpus (test/fixtures/corpus) is empty; nothing to fit on.');
  process.exit(1);
}
const today = new Date().toISOString().slice(0, 10);
const sources = new Set(data.public.map((i) => i.group)).size;
const describe = `${data.public.length} public answers from ${sources} sources (${today})`;

const segmentation = fitSegmentation(
  segmentationData(content, [...data.segmentationBase, ...data.public.map((i) => i.text)]),
  content.scoring.segmentation,
  `the walkthroughs' and seeds' labelled model answers and the labelled ones among ${describe}`,
);
const analyses = data.public
  .map((i) => ({ a: rubric.analyse(i.text, i.options, segmentation)!, label: i.label, group: i.group }))
  .filter((x) => x.a.features.length)
  .map((x) => ({ features: x.a.features, label: x.label, group: x.group }));
const model = fitAnswerModel(content.scoring, analyses, describe);

console.log(`Fitted on ${describe}.`);
console.log(`  bias ${model.bias}, temperature ${model.temperature}`);
console.log('  rating weights (logit for reaching rating 1, 2, 3, 4):');
for (const [k, v] of Object.entries(model.ratings)) console.log(`    ${k.padEnd(26)} ${v.join('  ')}`);
console.log('  flag costs (logit when raised):');
for (const [k, v] of Object.entries(model.flags)) console.log(`    ${k.padEnd(30)} ${v}`);
console.log('');
printCrossValidation(rubric, content, data);

if (!values['dry-run']) {
  const file = join(DEFAULT_CONTENT_DIR, 'rubric', 'scoring.yaml');
  const text = readFileSync(file, 'utf8');
  const head = text.slice(0, text.indexOf('\nmodel:') + 1);
  const body = stringify({ model, segmentation }, { lineWidth: 0 });
  writeFileSync(file, `${head}${body}`);
  console.log(`\nWrote the fitted model and section classifier to ${file}.`);
}
