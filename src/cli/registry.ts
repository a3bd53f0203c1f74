/** Every command plandash knows, in help order. */
import type { CommandSpec } from "./command";
import { dashboardCommand } from "./commands/dashboard";
import { initCommand } from "./commands/init";
import { statusCommand } from "./commands/status";

export const COMMANDS: readonly CommandSpec[] = [dashboardCommand, statusCommand, initCommand];

export const DEFAULT_COMMAND: CommandSpec = dashboardCommand;
