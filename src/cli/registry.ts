/** Every command plandash knows, in help order. */
import type { CommandSpec } from "./command";
import { completeCommandFor, completionCommand } from "./commands/completion";
import { dashboardCommand } from "./commands/dashboard";
import { demoCommand } from "./commands/demo";
import { doctorCommand } from "./commands/doctor";
import { initCommand } from "./commands/init";
import { lockCommand, lockHoldCommand } from "./commands/lock";
import { newCommand } from "./commands/new";
import { nextCommand } from "./commands/next";
import { openCommand } from "./commands/open";
import { reviewCommand } from "./commands/review";
import { statusCommand } from "./commands/status";
import { trustCommand } from "./commands/trust";
import { watchCommand } from "./commands/watch";

export const COMMANDS: readonly CommandSpec[] = [dashboardCommand, statusCommand, watchCommand, nextCommand, newCommand, reviewCommand, openCommand, demoCommand, initCommand, doctorCommand, trustCommand, lockCommand, completionCommand, lockHoldCommand, completeCommandFor(() => COMMANDS, dashboardCommand)];

export const DEFAULT_COMMAND: CommandSpec = dashboardCommand;
