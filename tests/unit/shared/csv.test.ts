import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvDocument, csvField } from "../../../functions/shared/csv";

describe("CSV (RFC 4180)", () => {
  it("quotes what needs quoting and neutralises formulas", () => {
    expect(csvField('Dinas "Bina Marga", Jawa Tengah')).toBe('"Dinas ""Bina Marga"", Jawa Tengah"');
    expect(csvField("baris\r\nbaru")).toBe('"baris\r\nbaru"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(null)).toBe("");
  });

  it("any text survives a spreadsheet parser, Indonesian characters included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "grapheme" }), { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        (rows) => {
          const text = csvDocument(["Nama", "Catatan"], rows);
          const parsed = parse(text, { bom: true }) as string[][];
          const expected = rows.map((row) =>
            row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)),
          );
          expect(parsed).toEqual([["Nama", "Catatan"], ...expected]);
        },
      ),
    );
    const text = csvDocument(
      ["Instansi"],
      [["Dinas Pendidikan, Pemuda & Olahraga — “Disdikpora” Kabupaten Blora"]],
    );
    expect(parse(text, { bom: true })).toEqual([
      ["Instansi"],
      ["Dinas Pendidikan, Pemuda & Olahraga — “Disdikpora” Kabupaten Blora"],
    ]);
  });
});
