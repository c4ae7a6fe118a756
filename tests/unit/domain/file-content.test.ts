/**
 * Metadata stripping on files built like a phone's: GPS and text gone (read back with an EXIF
 * reader), image and media data byte for byte the same, and magic bytes deciding the type.
 */
import exifr from "exifr";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffContentType, stripMetadata, UnreadableFile } from "../../../functions/domain/file-content";
import {
  exifGpsSegment,
  jpeg,
  jpegImageData,
  jpegSegment,
  mp4WithLocation,
  pngWithText,
} from "../../fixtures/files";

describe("sniffContentType", () => {
  it("knows each accepted type by its magic bytes, and nothing else", () => {
    expect(sniffContentType(jpeg())).toBe("image/jpeg");
    expect(sniffContentType(pngWithText())).toBe("image/png");
    expect(sniffContentType(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toBe("application/pdf");
    expect(sniffContentType(mp4WithLocation())).toBe("video/mp4");
    expect(sniffContentType(Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"))).toBeUndefined(); // a Windows executable
    expect(sniffContentType(Buffer.from("\x7fELF\x02\x01\x01", "latin1"))).toBeUndefined();
    expect(sniffContentType(new Uint8Array())).toBeUndefined();
  });
});

describe("stripMetadata", () => {
  it("JPEG: EXIF with GPS, XMP, IPTC, comments and appended images go; the image data stays byte for byte", async () => {
    const xmp = jpegSegment(0xe1, [
      ...Buffer.from("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Siti</x:xmpmeta>"),
    ]);
    const iptc = jpegSegment(0xed, [...Buffer.from("Photoshop 3.0\0 8BIM Blora")]);
    const comment = jpegSegment(0xfe, [...Buffer.from("taken at -6.9667,111.4167")]);
    const icc = jpegSegment(0xe2, [...Buffer.from("ICC_PROFILE\0\x01\x01profile")]);
    const original = Buffer.concat([
      jpeg({ extraSegments: [exifGpsSegment(), xmp, iptc, comment, icc] }),
      jpeg({ blocks: 1, extraSegments: [exifGpsSegment()] }), // a phone's appended second image
    ]);
    const gps = await exifr.gps(original);
    expect(gps?.latitude).toBeCloseTo(-6.9667, 3);

    const clean = Buffer.from(stripMetadata("image/jpeg", original));
    expect(await exifr.parse(clean, { tiff: true, xmp: true, iptc: true, gps: true })).toBeUndefined();
    expect(await exifr.gps(clean)).toBeUndefined();
    for (const trace of ["Siti", "Blora", "111.4167", "PhoneCam", "Exif"])
      expect(clean.includes(trace)).toBe(false);
    expect(jpegImageData(clean)).toEqual(jpegImageData(jpeg()));
    expect(clean.includes(Buffer.from("ICC_PROFILE"))).toBe(true); // colour profile kept
    expect(clean).toEqual(Buffer.from(stripMetadata("image/jpeg", clean))); // stripping is idempotent
  });

  it("PNG: text and eXIf chunks go; the pixels (IDAT) and rendering chunks stay", async () => {
    const original = pngWithText();
    expect(original.includes("Siti Aminah")).toBe(true);
    const clean = Buffer.from(stripMetadata("image/png", original));
    for (const trace of ["Siti", "GPS", "tEXt", "iTXt", "eXIf", "PhoneCam"])
      expect(clean.includes(trace)).toBe(false);
    const idat = (file: Buffer) => file.subarray(file.indexOf("IDAT") - 4, file.indexOf("IEND") - 4);
    expect(idat(clean)).toEqual(idat(original));
    expect(clean.includes("gAMA")).toBe(true);
    // What an EXIF reader still finds is the image header (size, bit depth, …), nothing of the author.
    const before = await exifr.parse(original, true);
    expect(before).toMatchObject({ Author: "Siti Aminah", Make: "PhoneCam" });
    const after = await exifr.parse(clean, true);
    expect(after).not.toHaveProperty("Author");
    expect(after).not.toHaveProperty("Make");
    expect(after).not.toHaveProperty("latitude");
    expect(
      Object.keys(after ?? {}).every((key) => /^(Image|Bit|Color|Compression|Filter|Interlace)/.test(key)),
    ).toBe(true);
  });

  it("MP4: location atoms are blanked into free boxes of the same size; samples and offsets unchanged", () => {
    const original = mp4WithLocation();
    const clean = Buffer.from(stripMetadata("video/mp4", original));
    expect(clean.length).toBe(original.length);
    for (const trace of ["111.4167", "Blora", "\u00a9xyz", "loci", "udta"])
      expect(clean.includes(Buffer.from(trace, "latin1"))).toBe(false);
    expect(clean.includes("free")).toBe(true);
    expect(clean.subarray(clean.indexOf("mdat") - 4)).toEqual(
      original.subarray(original.indexOf("mdat") - 4),
    );
  });

  it("refuses broken structures instead of passing them through", () => {
    const truncated = jpeg().subarray(0, 30);
    expect(() => stripMetadata("image/jpeg", truncated)).toThrow(UnreadableFile);
    expect(() => stripMetadata("image/png", pngWithText().subarray(0, 40))).toThrow(UnreadableFile);
    const badBox = Buffer.from(mp4WithLocation());
    badBox.writeUInt32BE(1_000_000, 0);
    expect(() => stripMetadata("video/mp4", badBox)).toThrow(UnreadableFile);
  });

  it("never throws anything but UnreadableFile on arbitrary bytes, and never grows a file", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom("image/jpeg", "image/png", "video/mp4"),
        (tail, type) => {
          const head =
            type === "image/jpeg"
              ? [0xff, 0xd8]
              : type === "image/png"
                ? [...pngWithText().subarray(0, 8)]
                : [];
          const bytes = Uint8Array.from([...head, ...tail]);
          try {
            expect(stripMetadata(type as "image/png", bytes).length).toBeLessThanOrEqual(bytes.length);
          } catch (error) {
            expect(error).toBeInstanceOf(UnreadableFile);
          }
        },
      ),
    );
  });
});
