import { describe, expect, it } from 'vitest';
import { isValidTimezone } from '../../../src/core/schedule/schedule.js';
import { TIMEZONE_GROUPS, timezoneGroups } from '../../../src/core/schedule/timezones.js';

describe('the schedule form’s timezones', () => {
  const all = TIMEZONE_GROUPS.flatMap((g) => g.zones);

  it('are real IANA zones, listed once, within Slack’s 100 options with room for two more', () => {
    for (const zone of all) expect(isValidTimezone(zone), zone).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(98);
  });

  it('always offer the admin’s own zone and the channel’s current one', () => {
    const groups = timezoneGroups(['Pacific/Chatham', 'Europe/Berlin', 'Pacific/Chatham', null]);
    expect(groups[0]).toEqual({ label: 'Yours', zones: ['Pacific/Chatham'] });
    expect(groups.flatMap((g) => g.zones).filter((z) => z === 'Europe/Berlin')).toHaveLength(1);
    expect(timezoneGroups(['UTC'])[0]!.label).toBe('UTC');
  });
});
