/**
 * A short message for a person, with the words they typed kept apart: `text` holds `{name}` placeholders and
 * `values` their user-supplied values, so each adapter escapes them its own way (Slack: no live mentions or
 * broken formatting; terminal: as typed). `text` may use `code` and *bold*; the terminal prints them plain.
 */
export interface Notice {
  text: string;
  values?: Record<string, string>;
}

export function notice(text: string, values?: Record<string, string>): Notice {
  return values ? { text, values } : { text };
}

/** The notice's text with its values filled in, each passed through `escapeValue`. */
export function noticeText(n: Notice, escapeValue: (value: string) => string = (v) => v): string {
  if (!n.values) return n.text;
  return n.text.replace(/\{(\w+)\}/g, (all, name: string) =>
    n.values && name in n.values ? escapeValue(n.values[name]!) : all,
  );
}
