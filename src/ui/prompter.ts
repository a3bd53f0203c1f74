/**
 * The dashboard's questions — a text line (filter, fix note) and a menu — behind a small port,
 * so the loop is tested with scripted answers. The real one is clack's, drawn where the loop put
 * the cursor. A cancelled prompt (Esc, Ctrl-C) is null, never an exception.
 */
import type { TerminalPort } from "../ports";

/**
 * clack is loaded at the first question, not with this module: at load it styles text (node:util
 * styleText), which makes process.stdout and stderr, and pulls in node:readline — about 10 ms
 * and 10 MB at the start of every command, `--version` and `status --json` included.
 */
const clack = (): Promise<typeof import("@clack/prompts")> => import("@clack/prompts");

export interface MenuOption<T> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
  readonly disabled?: boolean;
}

export interface Prompter {
  text(options: { readonly message: string; readonly initial?: string; readonly placeholder?: string; readonly required?: string }): Promise<string | null>;
  /** `maxItems`: how many options fit (the rest scroll). */
  select<T>(options: { readonly message: string; readonly options: readonly MenuOption<T>[]; readonly initial?: T; readonly maxItems?: number }): Promise<T | null>;
}

/** `colors`: the screen's decision (--no-color, NO_COLOR, FORCE_COLOR), which clack's styling is told before each prompt. */
export function clackPrompter(term: TerminalPort, colors: boolean): Prompter {
  const io = { input: term.input as NodeJS.ReadStream, output: term.output as NodeJS.WriteStream };
  const load = (): ReturnType<typeof clack> => {
    term.styleColors(colors);
    return clack();
  };
  return {
    async text(o) {
      const { isCancel, text } = await load();
      const answer = await text({
        ...io,
        message: o.message,
        ...(o.initial === undefined ? {} : { initialValue: o.initial }),
        ...(o.placeholder === undefined ? {} : { placeholder: o.placeholder }),
        ...(o.required === undefined ? {} : { validate: (v: string | undefined) => ((v ?? "").trim() === "" ? o.required : undefined) }),
      });
      return isCancel(answer) ? null : answer;
    },
    async select<T>(o: { readonly message: string; readonly options: readonly MenuOption<T>[]; readonly initial?: T; readonly maxItems?: number }) {
      const { isCancel, select } = await load();
      const options = o.options.map((x) => ({ value: x.value, label: x.label, ...(x.hint === undefined ? {} : { hint: x.hint }), ...(x.disabled === true ? { disabled: true } : {}) }));
      const answer = await select({
        ...io,
        message: o.message,
        options: options as Parameters<typeof select<T>>[0]["options"],
        ...(o.initial === undefined ? {} : { initialValue: o.initial }),
        ...(o.maxItems === undefined ? {} : { maxItems: o.maxItems }),
      });
      return isCancel(answer) ? null : (answer as T);
    },
  };
}

/** Rows a prompt needs at the bottom of the screen (clack draws a guide line above and below). */
export function promptHeight(optionCount: number): number {
  return optionCount === 0 ? 5 : optionCount + 6;
}

/** The fewest rows a menu can be drawn in (two options shown, the rest scrolled). */
export const MIN_MENU_ROWS = promptHeight(2);
