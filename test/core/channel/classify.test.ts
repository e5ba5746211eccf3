import { describe, expect, it } from 'vitest';
import { type ChatReason, classifyThreadReply } from '../../../src/core/channel/classify.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

const seeds = loadSeeds();

describe('classifyThreadReply', () => {
  it.each<[string, ChatReason]>([
    ['', 'no_text'],
    ['   ', 'no_text'],
    ['thanks, this was useful!', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['Really useful, thanks!', 'thanks'],
    ['This was super helpful', 'thanks'],
    ['great answer', 'thanks'],
    ['nice one :clap:', 'thanks'],
    ['+1', 'short_chat'],
    ['congrats on the promo', 'thanks'],
    ['<!channel> <@U1> lol nice one', 'laughter'],
    ['haha I wish I had a story like that', 'laughter'],
    ['lmao', 'laughter'],
    ['<@U2> how long did yours take to write?', 'addressed'],
    ['<@U2> same here', 'thanks'],
    ['<@U2> <@U3>', 'mention_only'],
    ['<!here>', 'mention_only'],
    ['Does anyone know if senior answers should be longer?', 'question'],
    ['What counts as a metric here?', 'question'],
    ['🙂🙂🙂', 'emoji_only'],
    [':tada: :tada:', 'emoji_only'],
    ['👍🏽', 'emoji_only'],
    ['ok', 'short_chat'],
    ['10/10', 'short_chat'],
    ['Ich habe den Fehler gefunden.', 'short_chat'],
  ])('%j is chat (%s)', (text, reason) => {
    expect(classifyThreadReply(text)).toEqual({ kind: 'chat', reason });
  });

  it.each([
    ['a short answer in the first person', 'We shipped it on time.'],
    ['a short answer with "I"', 'I rewrote the retry logic and the errors stopped.'],
    [
      'a terse answer without a pronoun',
      'Noticed the checkout errors, traced them to the cache, patched it and verified with a load test.',
    ],
    ['a strong seed answer', strongText(seeds.strongAnswers[0]!)],
    ['a weak seed answer', seeds.weakAnswers[0]!.text],
    [
      'a long answer that opens with thanks and a mention',
      `Thanks <@U9>! ${strongText(seeds.strongAnswers[1]!)}`,
    ],
    ['a long answer ending in a question', `${seeds.weakAnswers[1]!.text} Was that the right call?`],
    [
      'a long answer with live mentions',
      `<!channel> <!here> <@U123> please look. ${seeds.weakAnswers[0]!.text}`,
    ],
    [
      'an answer in another script',
      '去年我发现我们的支付服务每天有百分之三的请求失败，于是我主动排查了日志并修复了问题。',
    ],
  ])('%s is an answer', (_name, text) => {
    expect(classifyThreadReply(text)).toEqual({ kind: 'answer' });
  });

  it('gives the same result for the same text', () => {
    const text = '<!channel> <@U1> lol nice one';
    expect(classifyThreadReply(text)).toEqual(classifyThreadReply(text));
  });
});
