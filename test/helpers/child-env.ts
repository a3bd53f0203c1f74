/**
 * A clean environment for child processes: no colour, UTC, HOME and XDG inside the test's temp
 * dir, and no CI: CI services set CI=true, under which @clack/prompts draws differently (1.9:
 * its spinner and task log), so a child would not draw in CI what it draws here. A test that
 * wants any of these passes it in `extra`.
 */
const DROPPED = new Set(["FORCE_COLOR", "NO_COLOR", "COLUMNS", "CI"]);

export function childEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith("PLANDASH_") || DROPPED.has(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", TZ: "Etc/UTC", HOME: home, XDG_CONFIG_HOME: `${home}/.config`, TERM: "xterm-256color", ...extra };
}
