import type { Content } from '../core/content/content.js';
import { createRubric, type Rubric } from '../core/rubric/score.js';
import { loadContent } from '../infra/content-files.js';

let cached: { content: Content; rubric: Rubric } | null = null;

/** Content and rubric, loaded once per process (every composition root shares them). */
export function coach(): { content: Content; rubric: Rubric } {
  if (!cached) {
    const content = loadContent();
    cached = { content, rubric: createRubric(content) };
  }
  return cached;
}
