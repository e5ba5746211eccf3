import { type Rng, STRONG } from './harness.js';

/** Hostile and odd message texts, as Slack would deliver them (user-typed `<` arrives as `&lt;`). */
const BASE: string[] = [
  // empty and whitespace
  '',
  ' ',
  '   ',
  '\n',
  '\n\n\n',
  '\t',
  ' \t \n ',
  '\r\n',
  '\u00a0',
  '\u3000',
  // very long
  'a'.repeat(40_000),
  `${STRONG} `.repeat(40).slice(0, 40_000),
  'word '.repeat(8000),
  'x'.repeat(3001),
  `${'\n'.repeat(4000)}end`,
  '🙂'.repeat(10_000),
  `${'<!channel> '.repeat(3600)}`,
  `${'<@U0LONG> '.repeat(4000)}`,
  // emoji only
  '🙂',
  '👍🏽👍🏽👍🏽',
  '🏳️‍🌈',
  '👨‍👩‍👧‍👦',
  ':tada:',
  ':tada: :tada: :white_check_mark:',
  ':+1::skin-tone-3:',
  '🔥💯🚀',
  // code
  '`code`',
  '```rm -rf /```',
  '```\n<!channel>\n```',
  '```\nSELECT * FROM answers;\n```',
  `\`\`\`${'x'.repeat(5000)}`,
  '`<@U123>`',
  '```js\nconsole.log("hi")\n```',
  // entities and markup
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;lt;!channel&amp;gt;',
  '&lt;!channel&gt;',
  '&gt;&gt;&gt; quoted',
  '&',
  '&#x202E;',
  '&lt;@U123&gt;',
  '*bold* _italic_ ~strike~ `code`',
  '> quote\n>> nested',
  '>>> block quote <!here>',
  '• bullet\n• bullet',
  '~~~~~~~~~~',
  '____',
  '****',
  // RTL, CJK, mixed scripts
  'مرحبا، لقد قمت بتحسين أداء النظام بنسبة ٣٠٪',
  'שלום, הובלתי את הצוות והשגנו ירידה של 40% בתקלות',
  'abc\u202Edef\u202C',
  '\u202E<!channel>',
  '我负责迁移数据库，结果延迟降低了百分之四十。',
  'チームを率いて、障害を半分に減らしました。',
  '저는 팀을 이끌어 오류를 30% 줄였습니다.',
  'Situation: 我们的系统很慢。Task: 提升性能。Action: 我重写了缓存。Result: 延迟降低40%。',
  'Ελληνικά κείμενο με αποτέλεσμα 20%',
  'Кириллица: я снизил задержку на 25%',
  'हिन्दी में उत्तर',
  'ñandú café naïve',
  // zero-width and invisible
  '\u200B',
  '\u200B\u200C\u200D',
  '\uFEFF',
  '\u2060',
  '\u200B<!channel>',
  '<!\u200Bchannel>',
  '<\u200B!here>',
  '\u00AD',
  '\u180E',
  'a\u0301\u0301\u0301\u0301\u0301',
  'Z̴̡̧̛̛͓̜̯͇͚̳͇̗̣̬̮̓̈̓̽̓̊͂͆̐̕a̸̧̡̛̪̹̮̭̫͔̘͍̘̳̿̉͗̈́̉̑̆̿̒̕͜͝l̵͎͍̬̰̙̘̰̝̝̮̈́̆̽̈́̃̓̎̏̕͝g̷̨̢̛̟̝̩̥̬̜͍̗̱̀̆͑̾͛̀̓̓̈́͝͝o̶',
  // broadcasts and mentions
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!channel|channel>',
  '<!here|here>',
  '<!everyone|everyone>',
  '<!subteam^S0123|@team>',
  '<!subteam^S0123>',
  '<@U123>',
  '<@U123|bob>',
  '<@W123ABC>',
  '<@UADMIN> please',
  '<#C123|general>',
  '<#C123>',
  '<!date^1392734382^{date_short}|Feb 18, 2014>',
  '@channel',
  '@here',
  '@everyone',
  'hey <!channel> look at my answer',
  'cc <!here> <!channel> <!everyone> <@U1> <@U2>',
  // links
  '<https://evil.example|click me>',
  '<http://x.y>',
  '<https://example.com/a?b=c&amp;d=e>',
  '<mailto:a@b.c|mail me>',
  '<javascript:alert(1)|x>',
  '<slack://open>',
  'https://example.com',
  'www.example.com',
  '<https://example.com|<!channel>>',
  '<tel:+15555555555|call>',
  // control characters and broken unicode
  '\u0000',
  'a\u0000b',
  '\u0007\u0008',
  '\u001b[31mred\u001b[0m',
  '\uD800',
  '\uDFFF',
  'x\uD83Dy',
  '\u2028\u2029',
  '\u0085',
  // injections and format strings
  "'; DROP TABLE answers; --",
  "Robert'); DROP TABLE stories;--",
  '" OR 1=1 --',
  '{"type":"section","text":{"type":"mrkdwn","text":"<!channel>"}}',
  '[{"type":"divider"}]',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder typed by a person
  '${process.env.SLACK_BOT_TOKEN}',
  '{{7*7}}',
  '%s%s%s%n',
  '../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  '{"__proto__":{"admin":true}}',
  'xoxb-not-a-real-token-but-looks-like-one',
  // numbers and literals
  '0',
  '-1',
  'NaN',
  'null',
  'undefined',
  'true',
  '1e309',
  '9007199254740993',
  // words the app listens for
  'help',
  '?',
  'practice',
  'end',
  'skip',
  'hint',
  'next',
  'stop',
  'mock',
  'walkthrough dive deep',
  'practice <!channel>',
  'practice ownership senior',
  // STAR-shaped answers carrying hostile bits where a card may quote them
  `Situation: our deploys failed <!channel>. ${STRONG}`,
  `${STRONG}\nResult: <!here> we cut errors by 40%.`,
  `Action: I pinged <@U999> and <!subteam^S1|@oncall> then fixed it. ${STRONG}`,
  `I decided &lt;!channel&gt; to rewrite the cache. ${STRONG}`,
  `We escalated to <#C42|ops>, and I owned the fix: <https://evil.example|runbook>. ${STRONG}`,
  `Situation: *urgent* _really_ ~not~ \`code\`. Task: ship. Action: I led it. Result: 30% faster.`,
  'Situation: S. Task: T. Action: A. Result: R.',
  'Situation:\nTask:\nAction:\nResult:',
  'I I I I I I I I I I I I I I I I I I I I',
  'we we we we we we we we we we',
  '100% 200% 300% $1,000,000 10x',
];

/** ≥200 corpus texts: the base list plus variants wrapped around a real answer. */
export function corpus(): string[] {
  const wrapped = BASE.filter((t) => t.length < 2000)
    .slice(0, 80)
    .map((t, i) => (i % 2 ? `${t} ${STRONG.slice(0, 600)}` : `${STRONG.slice(0, 600)} ${t}`));
  return [...BASE, ...wrapped];
}

const FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U',
  '<@',
  '<#C1|x>',
  '<!',
  '>',
  '<',
  '&lt;',
  '&gt;',
  '&amp;',
  '`',
  '```',
  '*',
  '_',
  '~',
  '\u200B',
  '\u202E',
  '\n',
  ' ',
  '🙂',
  '👍🏽',
  '中',
  'ش',
  '\u0000',
  '\uD800',
  'Situation:',
  'Result: 40%',
  'I led',
  'we',
  '<https://x.y|z>',
  '%s',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder typed by a person
  '${x}',
  '\\',
  '"',
  "'",
];

/** Seeded random strings: markup fragments, random code points and plain words, up to ~6,000 chars. */
export function randomInputs(rng: Rng, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    const len = rng.chance(0.1) ? rng.int(200, 1500) : rng.int(0, 60);
    for (let k = 0; k < len; k++) {
      const r = rng.next();
      if (r < 0.4) parts.push(rng.pick(FRAGMENTS));
      else if (r < 0.7) parts.push(String.fromCodePoint(rng.int(0x20, 0x2fff)));
      else if (r < 0.8) parts.push(String.fromCodePoint(rng.int(0x1f300, 0x1faff)));
      else
        parts.push(
          rng.pick([
            'the',
            'outage',
            'I',
            'owned',
            'customer',
            'latency',
            'reduced',
            'because',
            'team',
            '30%',
          ]),
        );
    }
    out.push(parts.join(rng.chance(0.5) ? ' ' : ''));
  }
  return out;
}
