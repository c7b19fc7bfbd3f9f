// The tz-kolkata project's guard: its tests mean something only off UTC (IST is UTC+05:30,
// with no daylight saving), so a run that did not get the zone fails instead of passing in UTC.
if (new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() !== -330 || new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset() !== -330) {
  throw new Error(`tz-kolkata tests run in ${process.env.TZ ?? 'the machine zone'}, not Asia/Kolkata`);
}
