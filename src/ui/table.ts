/**
 * A plain-text table that always fits the given width: flexible columns shrink first, then
 * optional columns are dropped; cells are cut with an ellipsis, never wrapped. Colour is applied
 * after fitting so escape codes never count toward width.
 *
 * Every cell and header passes the sanitizer here (SPEC §3.1), so no view can forget it: cells
 * hold names, titles and groups taken from files.
 */
import { sanitize } from "../core/sanitize";
import { displayWidth, fit } from "./truncate";

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  readonly paint?: (text: string, row: Row) => string;
  /** Shrinks down to `min` when the table is too wide. */
  readonly min?: number;
  readonly max?: number;
  /** The column is at least this wide when there is room (a stable layout under live changes). */
  readonly floor?: number;
  /** Lower numbers are dropped first when shrinking is not enough; undefined = never dropped. */
  readonly dropOrder?: number;
  readonly align?: "left" | "right";
}

const GAP = 2;

export interface TableOptions<Row = unknown> {
  readonly width: number;
  readonly ellipsis: string;
  /** Visible form of control characters: ␛ with unicode, \x1b without (default true). */
  readonly unicode?: boolean;
  readonly headerPaint?: (text: string) => string;
  /**
   * Rows whose cells set the column widths (default: the rows drawn). A viewport draws a slice
   * but measures the whole list, so widths do not jump as it scrolls or as one row changes.
   */
  readonly measure?: readonly Row[];
  /** Content widths by column header, measured before (see contentWidths): no row is measured again. */
  readonly contentWidths?: Readonly<Record<string, number>>;
}

/** The widest cell (or header) of each column over `rows`, by header: what a viewport measures once per data change. */
export function contentWidths<Row>(columns: readonly Column<Row>[], rows: readonly Row[], unicode = true): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of columns) {
    let widest = displayWidth(sanitize(c.header, unicode));
    for (const r of rows) widest = Math.max(widest, displayWidth(sanitize(c.cell(r), unicode)));
    out[c.header] = widest;
  }
  return out;
}

export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], options: TableOptions<Row>): string[] {
  const unicode = options.unicode ?? true;
  const cellText = (c: Column<Row>, row: Row): string => sanitize(c.cell(row), unicode);
  const headerText = (c: Column<Row>): string => sanitize(c.header, unicode);
  let active = [...columns];
  const measured = new Map<Column<Row>, number>();
  const content = (c: Column<Row>): number => {
    const known = measured.get(c);
    if (known !== undefined) return known;
    let widest = options.contentWidths?.[c.header];
    if (widest === undefined) {
      widest = displayWidth(headerText(c));
      for (const r of options.measure ?? rows) widest = Math.max(widest, displayWidth(cellText(c, r)));
    }
    const width = Math.min(widest, c.max ?? Number.POSITIVE_INFINITY);
    measured.set(c, width);
    return width;
  };
  const natural = (c: Column<Row>): number => Math.max(content(c), Math.min(c.floor ?? 0, c.max ?? Number.POSITIVE_INFINITY));
  let widths = active.map(natural);
  const total = (): number => widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);

  for (;;) {
    let excess = total() - options.width;
    if (excess <= 0) break;
    // A floor holds only while there is room: its slack goes before any text is cut or dropped.
    for (let i = 0; i < widths.length && excess > 0; i++) {
      const c = active[i];
      const slack = c === undefined ? 0 : (widths[i] ?? 0) - content(c);
      if (slack <= 0) continue;
      const take = Math.min(slack, excess);
      widths[i] = (widths[i] ?? 0) - take;
      excess -= take;
    }
    if (excess <= 0) break;
    // Take one cell at a time from the widest column that can still shrink, so long
    // columns give way before short ones are cut.
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        const min = active[i]?.min;
        if (min === undefined || (widths[i] ?? 0) <= min) continue;
        if (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
      }
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
      excess -= 1;
    }
    if (excess <= 0) break;
    const droppable = active.filter((c) => c.dropOrder !== undefined).sort((a, b) => (a.dropOrder ?? 0) - (b.dropOrder ?? 0))[0];
    if (droppable === undefined) break;
    active = active.filter((c) => c !== droppable);
    widths = active.map(natural);
  }

  const lastIndex = active.length - 1;
  const line = (cells: string[]): string => {
    const joined = cells.join(" ".repeat(GAP));
    return joined.trimEnd();
  };
  const place = (c: Column<Row>, i: number, text: string): string => {
    const w = widths[i] ?? 0;
    const fitted = fit(text, w, options.ellipsis);
    if (c.align === "right") {
      const trimmed = fitted.trimEnd();
      return " ".repeat(w - displayWidth(trimmed)) + trimmed;
    }
    return i === lastIndex ? fitted.trimEnd() : fitted;
  };
  const header = line(active.map((c, i) => place(c, i, headerText(c))));
  const out = [options.headerPaint === undefined ? header : options.headerPaint(header)];
  for (const row of rows) {
    out.push(
      line(
        active.map((c, i) => {
          const placed = place(c, i, cellText(c, row));
          if (c.paint === undefined) return placed;
          const text = placed.trimEnd();
          return c.paint(text, row) + placed.slice(text.length);
        }),
      ),
    );
  }
  return out;
}

/** The same columns over another row type (a row that wraps the original one). */
export function mapColumns<A, B>(columns: readonly Column<A>[], pick: (row: B) => A): Column<B>[] {
  return columns.map((c) => {
    const paint = c.paint;
    return {
      ...c,
      cell: (row: B) => c.cell(pick(row)),
      ...(paint === undefined ? {} : { paint: (t: string, row: B) => paint(t, pick(row)) }),
    } as Column<B>;
  });
}
