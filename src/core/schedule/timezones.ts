/**
 * Timezones offered in the schedule form, by region. Slack's menus hold at most 100 options, so this is a
 * list of common zones (every region, the usual offsets); the admin's own zone and the channel's current one
 * are always added. A menu can be searched by typing.
 */
export const TIMEZONE_GROUPS: ReadonlyArray<{ label: string; zones: readonly string[] }> = [
  { label: 'UTC', zones: ['UTC'] },
  {
    label: 'Americas',
    zones: [
      'Pacific/Honolulu',
      'America/Anchorage',
      'America/Los_Angeles',
      'America/Vancouver',
      'America/Tijuana',
      'America/Phoenix',
      'America/Denver',
      'America/Edmonton',
      'America/Chicago',
      'America/Mexico_City',
      'America/Winnipeg',
      'America/New_York',
      'America/Toronto',
      'America/Detroit',
      'America/Halifax',
      'America/St_Johns',
      'America/Puerto_Rico',
      'America/Bogota',
      'America/Lima',
      'America/Caracas',
      'America/Santiago',
      'America/Sao_Paulo',
      'America/Argentina/Buenos_Aires',
      'America/Montevideo',
    ],
  },
  {
    label: 'Europe',
    zones: [
      'Atlantic/Reykjavik',
      'Europe/London',
      'Europe/Dublin',
      'Europe/Lisbon',
      'Europe/Madrid',
      'Europe/Paris',
      'Europe/Brussels',
      'Europe/Amsterdam',
      'Europe/Berlin',
      'Europe/Zurich',
      'Europe/Rome',
      'Europe/Vienna',
      'Europe/Prague',
      'Europe/Warsaw',
      'Europe/Stockholm',
      'Europe/Oslo',
      'Europe/Copenhagen',
      'Europe/Helsinki',
      'Europe/Athens',
      'Europe/Bucharest',
      'Europe/Kyiv',
      'Europe/Istanbul',
      'Europe/Moscow',
    ],
  },
  {
    label: 'Africa and the Middle East',
    zones: [
      'Africa/Casablanca',
      'Africa/Lagos',
      'Africa/Accra',
      'Africa/Cairo',
      'Africa/Johannesburg',
      'Africa/Nairobi',
      'Asia/Jerusalem',
      'Asia/Riyadh',
      'Asia/Dubai',
      'Asia/Tehran',
    ],
  },
  {
    label: 'Asia',
    zones: [
      'Asia/Karachi',
      'Asia/Tashkent',
      'Asia/Almaty',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Asia/Dhaka',
      'Asia/Yangon',
      'Asia/Bangkok',
      'Asia/Jakarta',
      'Asia/Ho_Chi_Minh',
      'Asia/Kuala_Lumpur',
      'Asia/Singapore',
      'Asia/Manila',
      'Asia/Shanghai',
      'Asia/Hong_Kong',
      'Asia/Taipei',
      'Asia/Seoul',
      'Asia/Tokyo',
    ],
  },
  {
    label: 'Australia and the Pacific',
    zones: [
      'Australia/Perth',
      'Australia/Darwin',
      'Australia/Adelaide',
      'Australia/Brisbane',
      'Australia/Sydney',
      'Australia/Melbourne',
      'Australia/Hobart',
      'Pacific/Guam',
      'Pacific/Auckland',
      'Pacific/Fiji',
    ],
  },
];

/** The groups with `extra` zones (the admin's, the channel's) added where missing, under "Yours". */
export function timezoneGroups(
  extra: Array<string | null | undefined>,
): Array<{ label: string; zones: string[] }> {
  const listed = new Set(TIMEZONE_GROUPS.flatMap((g) => g.zones));
  const mine = [...new Set(extra.filter((z): z is string => Boolean(z) && !listed.has(z!)))];
  return [
    ...(mine.length ? [{ label: 'Yours', zones: mine }] : []),
    ...TIMEZONE_GROUPS.map((g) => ({ ...g, zones: [...g.zones] })),
  ];
}
