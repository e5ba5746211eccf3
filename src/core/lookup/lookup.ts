import Fuse from 'fuse.js';
import { type Content, normalizeName, type QuestionEntry } from '../content/content.js';
import type { Principle } from '../content/schema.js';

export type PrincipleMatch =
  | { kind: 'found'; principle: Principle }
  | { kind: 'suggestions'; query: string; suggestions: Principle[] }
  | { kind: 'list'; principles: Principle[] };

export interface PrincipleLookup {
  /** Finds a principle by name, id, alias or a near miss ("bais for action"); else the closest ones. */
  find(text: string): PrincipleMatch;
}

interface Entry {
  id: string;
  key: string;
}

/** The id of a principle given exactly, by id, name or alias ("dive deep", "backbone"); null otherwise. */
export function principleIdOf(content: Content, text: string): string | null {
  if (content.principleById.has(text)) return text;
  const lower = text.toLowerCase().trim();
  return (
    content.principles.find((p) => p.name.toLowerCase() === lower || p.aliases.includes(lower))?.id ?? null
  );
}

/** Longest query that is fuzzy-matched; principle names and aliases are a few words. */
const MAX_FUZZY_QUERY = 100;

/** Builds the fuzzy index once: names, ids and aliases, normalized. */
export function createPrincipleLookup(content: Content): PrincipleLookup {
  const entries: Entry[] = content.principles.flatMap((p) =>
    [p.name, p.id.replace(/-/g, ' '), ...p.aliases].map((key) => ({ id: p.id, key: normalizeName(key) })),
  );
  const exact = new Map(entries.map((e) => [e.key, e.id]));
  const compact = new Map(entries.map((e) => [e.key.replace(/ /g, ''), e.id]));
  const fuse = new Fuse(entries, { keys: ['key'], threshold: 0.4, ignoreLocation: true, includeScore: true });
  const loose = new Fuse(entries, {
    keys: ['key'],
    threshold: 0.6,
    ignoreLocation: true,
    includeScore: true,
  });
  const byId = (id: string) => content.principleById.get(id)!;

  return {
    find(text) {
      const query = normalizeName(text);
      if (!query) return { kind: 'list', principles: content.principles };
      const hit = exact.get(query) ?? compact.get(query.replace(/ /g, ''));
      if (hit) return { kind: 'found', principle: byId(hit) };
      // Fuzzy search is for names and near misses; on a long text it takes seconds (≈0.25 ms per char).
      const fuzzy = query.length <= MAX_FUZZY_QUERY;
      const results = fuzzy ? fuse.search(query) : [];
      const best = results[0];
      if (best && (best.score ?? 1) <= 0.25) return { kind: 'found', principle: byId(best.item.id) };
      // Several words where one names a principle's alias exactly ("ownership story").
      for (const word of query.split(' ')) {
        const id = exact.get(word);
        if (id && word.length >= 4) return { kind: 'found', principle: byId(id) };
      }
      const seen = new Set<string>();
      const suggestions: Principle[] = [];
      for (const r of [...results, ...(fuzzy ? loose.search(query) : [])]) {
        if (seen.has(r.item.id)) continue;
        seen.add(r.item.id);
        suggestions.push(byId(r.item.id));
        if (suggestions.length === 3) break;
      }
      // A near miss whose close matches all name one principle ("bais for action") is that principle.
      if (best && (best.score ?? 1) <= 0.4 && new Set(results.map((r) => r.item.id)).size === 1) {
        return { kind: 'found', principle: byId(best.item.id) };
      }
      return { kind: 'suggestions', query: text.trim(), suggestions };
    },
  };
}

export interface PrincipleCard {
  principle: Principle;
  sampleQuestions: QuestionEntry[];
}

/** What `/lp <principle>` shows: meaning, what interviewers listen for, red flags, three questions. */
export function principleCard(content: Content, principle: Principle, count = 3): PrincipleCard {
  const questions = content.questionsByPrinciple.get(principle.id) ?? [];
  return { principle, sampleQuestions: questions.slice(0, count) };
}
