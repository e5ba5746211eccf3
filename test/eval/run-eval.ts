/**
 * `npm run eval`: how the rubric and the follow-up judge do on answers nobody here wrote (the public corpus,
 * cross-validated by source, and its casual twins), then on the project's own answers and the seed pages.
 * `--json` prints the figures as JSON.
 */
import { parseArgs } from 'node:util';
import { createRubric } from '../../src/core/rubric/score.js';
import { loadContent } from '../../src/infra/content-files.js';
import { loadEvaluationData } from './items.js';
import { evaluateAll, formatReport } from './report.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
const content = loadContent();
const rubric = createRubric(content);
const report = evaluateAll(rubric, content, loadEvaluationData(content));
console.log(values.json ? JSON.stringify(report) : formatReport(report));
