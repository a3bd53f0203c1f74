import { expect, test } from "bun:test";
import { renderTable, type Column } from "../../src/ui/table";

type Row = { readonly a: string; readonly b: string };
const columns: Column<Row>[] = [
  { header: "A", cell: (r) => r.a, min: 4 },
  { header: "B", cell: (r) => r.b, dropOrder: 1 },
  { header: "S", cell: () => "ok", floor: 10 },
];
const rows: Row[] = [{ a: "alpha-beta", b: "kept" }];

test("a floor holds while there is room", () => {
  expect(renderTable(columns, rows, { width: 80, ellipsis: "…" })[1]).toBe("alpha-beta  kept  ok");
  expect(renderTable(columns, rows, { width: 80, ellipsis: "…" })[0]).toBe("A           B     S");
});

test("a floor gives way before any text is cut or a column is dropped", () => {
  // 10 + 2 + 4 + 2 + 10 = 28 with the floor; 20 without it.
  expect(renderTable(columns, rows, { width: 20, ellipsis: "…" })[1]).toBe("alpha-beta  kept  ok");
});

test("cells are sanitized before they are measured", () => {
  const lines = renderTable(columns, [{ a: "\x1b[2J", b: "x" }], { width: 80, ellipsis: "…" });
  expect(lines[1]).toBe("␛[2J  x  ok");
});
