// Reads an .ics file as Thunderbird does, with ical.js, and prints each event's UID and
// start as UTC (ISO 8601) in JSON: [{"uid": ..., "start": ...}, ...].
// Usage: node tests/clients/ical_starts.mjs calendar.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const tzid = component.getFirstProperty("dtstart").getParameter("tzid");
  if (tzid && event.startDate.zone.tzid !== tzid) {
    throw new Error(`${event.uid}: time zone ${tzid} not defined in the file`);
  }
  const start = new Date(event.startDate.toUnixTime() * 1000);
  return { uid: event.uid, start: start.toISOString().replace(".000Z", "+00:00") };
});
console.log(JSON.stringify(events));
