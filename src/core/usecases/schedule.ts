import { LEVELS, type Level } from '../content/schema.js';
import { type Notice, notice } from '../notice.js';
import {
  CHANNEL_PRIVACIES,
  type ChannelPrivacy,
  type ChannelSchedule,
  isValidLocalTime,
  isValidTimezone,
  localDate,
  nextRunAt,
} from '../schedule/schedule.js';
import type { Actor, CoreDeps, Effects } from './types.js';

const NOT_ADMIN = notice(
  "Only workspace admins (or people in ADMIN_USER_IDS) can change this channel's daily question. Ask one of them, or practise privately with `/star practice`.",
);

/** What the schedule form sends. */
export interface ScheduleInput {
  channelId: string;
  time: string;
  timezone: string;
  weekdays: number[];
  level: string;
  privacy: string;
  weighted: boolean;
  /** Weekday of the weekly digest, or null for none. */
  digestWeekday: number | null;
}

export type ScheduleField = 'time' | 'timezone' | 'weekdays' | 'level' | 'privacy';

/** The checks a schedule must pass, one message per field. */
export function validateSchedule(input: ScheduleInput): Partial<Record<ScheduleField, Notice>> {
  const errors: Partial<Record<ScheduleField, Notice>> = {};
  if (!isValidLocalTime(input.time)) errors.time = notice('Pick a time, e.g. 09:00.');
  if (!isValidTimezone(input.timezone))
    errors.timezone = notice('Pick a timezone such as Europe/Berlin or America/New_York.');
  if (!input.weekdays.length || input.weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    errors.weekdays = notice('Pick at least one day.');
  if (!(LEVELS as readonly string[]).includes(input.level)) errors.level = notice('Pick a level.');
  if (!(CHANNEL_PRIVACIES as readonly string[]).includes(input.privacy))
    errors.privacy = notice('Pick who sees the score cards.');
  return errors;
}

/** Saves a channel's daily question schedule; only admins may, checked here for every surface. */
export async function saveSchedule(deps: CoreDeps, input: ScheduleInput, actor: Actor): Promise<Effects> {
  // Checked at submit too, first: the form may have been opened (or forged) by someone who is not an admin.
  if (!(await actor.isAdmin())) return { errors: { time: NOT_ADMIN } };
  const errors = validateSchedule(input);
  if (Object.keys(errors).length) return { errors };
  const schedule: ChannelSchedule = {
    teamId: actor.teamId,
    channelId: input.channelId,
    localTime: input.time,
    timezone: input.timezone,
    weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
    level: input.level as Level,
    privacy: input.privacy as ChannelPrivacy,
    weighted: input.weighted,
    paused: false,
    pauseReason: null,
    digestWeekday: input.digestWeekday,
    createdBy: actor.userId,
  };
  await deps.channels.saveSchedule(schedule, deps.clock());
  return {
    notify: {
      channel: input.channelId,
      reply: { kind: 'schedule_saved', schedule, nextRun: nextRunAt(schedule, deps.clock()) },
    },
  };
}

/** The schedule form, prefilled from the channel's schedule or with the admin's own timezone. */
export async function openSchedule(deps: CoreDeps, actor: Actor, channelId: string): Promise<Effects> {
  if (!(await actor.isAdmin())) return { reply: { kind: 'notice', notice: NOT_ADMIN } };
  const current = await deps.channels.getSchedule(channelId);
  const timezone = current?.timezone ?? (await actor.timezone());
  return { modal: { kind: 'schedule', channelId, current, timezone } };
}

/** Pauses or resumes a channel's daily question. */
export async function setPaused(
  deps: CoreDeps,
  actor: Actor,
  input: { channelId: string; paused: boolean },
): Promise<Effects> {
  if (!(await actor.isAdmin())) return { reply: { kind: 'notice', notice: NOT_ADMIN } };
  const current = await deps.channels.getSchedule(input.channelId);
  if (!current)
    return {
      reply: {
        kind: 'notice',
        notice: notice('This channel has no daily question yet. Run `/star schedule` to set one up.'),
      },
    };
  const now = deps.clock();
  await deps.channels.setPaused(
    input.channelId,
    input.paused,
    input.paused ? `paused by ${actor.userId}` : null,
    now,
  );
  if (input.paused)
    return {
      reply: { kind: 'notice', notice: notice('Paused: no daily questions here until `/star resume`.') },
    };
  return { reply: { kind: 'resumed', nextRun: nextRunAt(current, now) } };
}

/** A schedule for a channel that has none: today's question with the defaults, in the admin's timezone. */
function defaultSchedule(actor: Actor, channelId: string, timezone: string): ChannelSchedule {
  return {
    teamId: actor.teamId,
    channelId,
    localTime: '09:00',
    timezone,
    weekdays: [1, 2, 3, 4, 5],
    level: 'sde2',
    privacy: 'public',
    weighted: false,
    paused: false,
    pauseReason: null,
    digestWeekday: null,
    createdBy: actor.userId,
  };
}

/**
 * Today's question, now, in any channel the bot is in: with the channel's schedule, or the defaults (SDE II,
 * the usual rotation) when it has none. Claimed like a scheduled one: once per channel and day; a question
 * that could not be posted earlier today is tried again.
 */
export async function promptNow(deps: CoreDeps, actor: Actor, channelId: string): Promise<Effects> {
  if (!(await actor.isAdmin())) return { reply: { kind: 'notice', notice: NOT_ADMIN } };
  const scheduled = await deps.channels.getSchedule(channelId);
  const schedule = scheduled ?? defaultSchedule(actor, channelId, await actor.timezone());
  const now = deps.clock();
  const today = await deps.channels.promptForDay(channelId, localDate(now, schedule.timezone));
  if (today?.status === 'posted' || today?.status === 'pending')
    return {
      reply: {
        kind: 'notice',
        notice: notice("Today's question is already in this channel; answer it in its thread."),
      },
    };
  const record = today ? { ...today, dueAt: now } : await deps.channelService.promptNow(schedule, now);
  if (!record)
    return { reply: { kind: 'notice', notice: notice("Today's question is already in this channel.") } };
  return { prompt: { record, scheduled: scheduled !== null } };
}
