/** Achievement definitions parsed from a plan file (SPEC §1.3). */
import { compareAchievementIds } from "./ids";
import { forEachLineOutsideFences, linesOutsideFences } from "./lines";

export interface Definition {
  readonly id: string;
  readonly title: string;
  readonly markedDone: boolean;
}

export interface ParsedAchievements {
  readonly definitions: readonly Definition[];
  readonly mode: "index" | "fallback";
}

const ACHIEVEMENT_WORD = /achievement/i;
const HEADING_MARKER = /^#{1,6}\s+/;
const LIST_MARKER = /^(?:[-*+]|\d+[.)])\s+/;
const CHECKBOX = /^\[([ xX])\]\s*/;
const NON_ALNUM_PREFIX = /^[^A-Za-z0-9]+/;
// `[^]*`, not `.*`: a title may hold U+2028/U+2029, which `.` does not match (SPEC §1.3).
const BODY = /^achievement\s+(\d+(?:\.\d+)+)(?:\*\*|__)?\s*(?:$|[:\-–—]([^]*)$)/i;

/**
 * One definition line, or null. One heading marker *or* one list marker is stripped, not both,
 * so `### 1. Achievement 1.1` defines nothing.
 */
export function parseDefinitionLine(line: string): Definition | null {
  // Most lines of a plan are prose; this cheap test skips them before any stripping.
  if (!ACHIEVEMENT_WORD.test(line)) return null;
  let rest = line.trimStart();
  const heading = HEADING_MARKER.exec(rest);
  if (heading !== null) {
    rest = rest.slice(heading[0].length);
  } else {
    const list = LIST_MARKER.exec(rest);
    if (list !== null) rest = rest.slice(list[0].length);
  }
  let markedDone = false;
  const box = CHECKBOX.exec(rest);
  if (box !== null) {
    markedDone = box[1] !== " ";
    rest = rest.slice(box[0].length);
  }
  const prefix = NON_ALNUM_PREFIX.exec(rest);
  if (prefix !== null) {
    if (prefix[0].includes("✅")) markedDone = true;
    rest = rest.slice(prefix[0].length);
  }
  const body = BODY.exec(rest);
  if (body === null) return null;
  const id = body[1] ?? "";
  const title = (body[2] ?? "").replace(/\*\*|__/g, "").trim();
  return { id, title, markedDone };
}

const ANY_HEADING = /^(#{1,6})\s/;

/** SPEC §1.3 index mode, else fallback mode. The first definition of an id wins. */
export function parseAchievements(text: string): ParsedAchievements {
  const fromIndex = indexSectionDefinitions(text);
  if (fromIndex.length > 0) return { definitions: firstOfEachId(fromIndex), mode: "index" };
  const all = linesOutsideFences(text).map((l) => parseDefinitionLine(l.text)).filter((d): d is Definition => d !== null);
  const unique = firstOfEachId(all);
  return { definitions: [...unique].sort((a, b) => compareAchievementIds(a.id, b.id)), mode: "fallback" };
}

const INDEX_HEADING = /achievement index/i;

/** The definitions of the first Achievement Index section; the document is read only to its end. */
function indexSectionDefinitions(text: string): Definition[] {
  const found: Definition[] = [];
  let level = 0;
  forEachLineOutsideFences(text, (line) => {
    const heading = line.startsWith("#") ? ANY_HEADING.exec(line) : null;
    if (level === 0) {
      if (heading !== null && INDEX_HEADING.test(line)) level = (heading[1] ?? "#").length;
      return true;
    }
    if (heading !== null && (heading[1] ?? "").length <= level) return false;
    const definition = parseDefinitionLine(line);
    if (definition !== null) found.push(definition);
    return true;
  });
  return found;
}

function firstOfEachId(definitions: readonly Definition[]): Definition[] {
  const seen = new Set<string>();
  return definitions.filter((d) => {
    if (seen.has(d.id)) return false;
    seen.add(d.id);
    return true;
  });
}
