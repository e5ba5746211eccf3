import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES, REGISTERED } from '../src/adapters/slack/app.js';

const root = new URL('..', import.meta.url).pathname;
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
const schemaPath = join(root, '../shared/vendor/slack-manifest-schema/manifest.schema.1.0.0.json');

/** Slack API methods the Slack adapter calls, found in its source. */
function methodsUsed(): Set<string> {
  const dir = join(root, 'src/adapters/slack');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.ts')) files.push(join(d, e.name));
    }
  };
  walk(dir);
  const found = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(
      /client\.((?:chat|conversations|users|views|files)\.\w+)/g,
    ))
      found.add(m[1]!);
  }
  return found;
}

// Which scope each called method and each subscribed event needs (Slack's method and event docs).
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.open': ['im:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
  'files.uploadV2': ['files:write'],
};
const EVENT_SCOPES: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  member_joined_channel: ['channels:read', 'groups:read'],
  app_home_opened: [],
  app_uninstalled: [],
  tokens_revoked: [],
};

describe('manifest.yml', () => {
  it.skipIf(!existsSync(schemaPath))("validates against Slack's published manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('lists exactly the slash commands the code registers', () => {
    const listed = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(listed).toEqual([...REGISTERED.commands].sort());
  });

  it('subscribes to exactly the events the code listens to', () => {
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    const asListened = new Set(events.map((e) => (e.startsWith('message.') ? 'message' : e)));
    expect([...asListened].sort()).toEqual([...REGISTERED.events].sort());
    // DMs, public and private channels all deliver `message`.
    expect(events).toEqual(expect.arrayContaining(['message.channels', 'message.groups', 'message.im']));
  });

  it('asks for exactly the scopes the called methods and subscribed events need', () => {
    const needed = new Set<string>(['commands']);
    for (const m of methodsUsed()) {
      expect(METHOD_SCOPES, `scope table is missing ${m}`).toHaveProperty([m]);
      for (const s of METHOD_SCOPES[m]!) needed.add(s);
    }
    for (const e of manifest.settings.event_subscriptions.bot_events as string[])
      for (const s of EVENT_SCOPES[e] ?? ['unknown']) needed.add(s);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    // "Add to Slack" asks for the same scopes as the manifest.
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('enables Socket Mode, interactivity and the DM tab', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });
});
