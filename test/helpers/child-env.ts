/** A clean environment for child processes: no colour, UTC, HOME and XDG inside the test's temp dir. */
export function childEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith("PLANDASH_") || k === "FORCE_COLOR" || k === "NO_COLOR" || k === "COLUMNS") continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", TZ: "Etc/UTC", HOME: home, XDG_CONFIG_HOME: `${home}/.config`, TERM: "xterm-256color", ...extra };
}
