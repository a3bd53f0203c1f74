/** Times as the dashboard shows them: local wall-clock `HH:MM:SS`. */

export function clockTime(ms: number): string {
  if (!Number.isFinite(ms)) return "--:--:--";
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** A record's ISO time as the dashboard shows it: the time today, else the date and time; "" when unreadable. */
export function sinceText(iso: string, nowMs: number): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return "";
  const sameDay = new Date(ms).toDateString() === new Date(nowMs).toDateString();
  return sameDay ? clockTime(ms) : `${new Date(ms).toISOString().slice(0, 10)} ${clockTime(ms)}`;
}
