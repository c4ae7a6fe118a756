/**
 * What an uploaded file really is, and the same file without the metadata that would identify or
 * locate its author (PRODUCT.md §6): magic bytes per accepted type, and metadata stripping that
 * never re-encodes pixels or samples — segments, chunks and boxes are dropped or blanked, the image
 * and media data are copied byte for byte. Pure: bytes in, bytes out.
 *
 * - JPEG: keeps SOI, APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform), the
 *   tables, frames and scans, and EOI; drops APP1 (EXIF with GPS, XMP), APP3–APP13 (IPTC/Photoshop
 *   in APP13), APP15, COM, and everything after EOI (phones append secondary images there, each
 *   with its own EXIF). The EXIF orientation goes with EXIF: a sideways photo shows sideways.
 * - PNG: keeps the critical chunks and the ancillary chunks that only affect rendering (tRNS, gAMA,
 *   cHRM, sRGB, iCCP, sBIT, pHYs, bKGD, hIST, sPLT, and APNG's acTL/fcTL/fdAT); drops every other
 *   chunk (tEXt, zTXt, iTXt, eXIf, tIME, private ones) and anything after IEND.
 * - MP4: blanks every `udta`, `meta` and `uuid` box (where ©xyz, loci, the QuickTime location key
 *   and XMP live) into a `free` box of the same size filled with zeros, so that every chunk offset
 *   in the file stays valid.
 * - PDF: checked, kept as is (a document's properties are its author's choice to share).
 */

export const ATTACHMENT_CONTENT_TYPES = ["image/jpeg", "image/png", "application/pdf", "video/mp4"] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

export class UnreadableFile extends Error {
  override readonly name = "UnreadableFile";
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The accepted type the bytes are, by their magic numbers, or undefined. */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | undefined {
  const starts = (prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts(PNG_SIGNATURE)) return "image/png";
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (starts([0x66, 0x74, 0x79, 0x70], 4)) return "video/mp4"; // ....ftyp
  return undefined;
}

/** The file without its metadata; throws UnreadableFile when the structure is broken. */
export function stripMetadata(type: AttachmentContentType, bytes: Uint8Array): Uint8Array {
  switch (type) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "video/mp4":
      return blankMp4Metadata(bytes);
    case "application/pdf":
      return bytes;
  }
}

// ── JPEG ────────────────────────────────────────────────────────────────────────────────────────

const JPEG_KEPT_APP = new Set([0xe0, 0xe2, 0xee]); // APP0 JFIF, APP2 ICC, APP14 Adobe
const SOS = 0xda;
const EOI = 0xd9;

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function droppedJpegSegment(marker: number): boolean {
  if (marker === 0xfe) return true; // COM
  return marker >= 0xe0 && marker <= 0xef && !JPEG_KEPT_APP.has(marker);
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)]; // SOI
  let pos = 2;
  for (;;) {
    if (pos >= bytes.length) throw new UnreadableFile("JPEG ends before its end-of-image marker");
    if (bytes[pos] !== 0xff) throw new UnreadableFile(`JPEG: no marker at byte ${pos}`);
    while (bytes[pos + 1] === 0xff) pos++; // fill bytes
    const marker = bytes[pos + 1] as number;
    if (marker === EOI) {
      parts.push(bytes.subarray(pos, pos + 2));
      break; // whatever follows (appended images and their EXIF) is dropped
    }
    if (isStandalone(marker)) {
      parts.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) throw new UnreadableFile("JPEG: truncated segment header");
    const end = pos + 2 + (((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number));
    if (end > bytes.length) throw new UnreadableFile("JPEG: segment runs past the end of the file");
    if (!droppedJpegSegment(marker)) parts.push(bytes.subarray(pos, end));
    pos = end;
    if (marker === SOS) {
      // Entropy-coded data: a 0xFF in it is followed by 0x00 (stuffing) or a restart marker.
      const start = pos;
      while (pos < bytes.length) {
        const next = bytes[pos + 1] as number;
        if (bytes[pos] === 0xff && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        pos++;
      }
      parts.push(bytes.subarray(start, pos));
    }
  }
  return concat(parts);
}

// ── PNG ─────────────────────────────────────────────────────────────────────────────────────────

const PNG_KEPT_CHUNKS = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "pHYs",
  "bKGD",
  "hIST",
  "sPLT",
  "acTL",
  "fcTL",
  "fdAT",
]);

function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  for (;;) {
    if (pos + 12 > bytes.length) throw new UnreadableFile("PNG ends before its IEND chunk");
    const length = readUint32(bytes, pos);
    const end = pos + 12 + length;
    if (end > bytes.length) throw new UnreadableFile("PNG: chunk runs past the end of the file");
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (PNG_KEPT_CHUNKS.has(type)) parts.push(bytes.subarray(pos, end));
    pos = end;
    if (type === "IEND") break;
  }
  return concat(parts);
}

// ── MP4 ─────────────────────────────────────────────────────────────────────────────────────────

/** Boxes whose children are walked (`meta` is blanked before it would be entered). */
const MP4_CONTAINERS = new Set([
  "moov",
  "trak",
  "mdia",
  "minf",
  "edts",
  "dinf",
  "stbl",
  "moof",
  "traf",
  "mvex",
]);
const MP4_BLANKED = new Set(["udta", "meta", "uuid"]);

function blankMp4Metadata(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes); // a copy: same size, same offsets
  walkBoxes(out, 0, out.length);
  return out;
}

function walkBoxes(bytes: Uint8Array, from: number, to: number): void {
  let pos = from;
  while (pos + 8 <= to) {
    let size = readUint32(bytes, pos);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > to) throw new UnreadableFile("MP4: truncated 64-bit box size");
      size = readUint32(bytes, pos + 8) * 2 ** 32 + readUint32(bytes, pos + 12);
      header = 16;
    } else if (size === 0) size = to - pos; // to the end of the enclosing box or file
    if (size < header || pos + size > to) throw new UnreadableFile(`MP4: box at byte ${pos} has a bad size`);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (MP4_BLANKED.has(type)) {
      bytes.set([0x66, 0x72, 0x65, 0x65], pos + 4); // "free"
      bytes.fill(0, pos + header, pos + size);
    } else if (MP4_CONTAINERS.has(type)) {
      walkBoxes(bytes, pos + header, pos + size);
    }
    pos += size;
  }
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
