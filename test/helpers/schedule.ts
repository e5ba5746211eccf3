import type { ChannelSchedule } from '../../src/core/schedule/schedule.js';

/** A channel schedule for tests: 09:00 UTC every day, SDE2, public score cards, set up by UADMIN. */
export function dailySchedule(channelId: string, overrides: Partial<ChannelSchedule> = {}): ChannelSchedule {
  return {
    teamId: 'T0TEST',
    channelId,
    localTime: '09:00',
    timezone: 'UTC',
    weekdays: [0, 1, 2, 3, 4, 5, 6],
    level: 'sde2',
    privacy: 'public',
    weighted: false,
    paused: false,
    pauseReason: null,
    digestWeekday: null,
    createdBy: 'UADMIN',
    ...overrides,
  };
}
