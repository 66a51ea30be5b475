/**
 * A large CSV list cut at record boundaries, so that several worker threads can each read, prepare and
 * decide a part of it (docs/decisions/0020). Each part is a CSV file of its own: the header line, then its
 * records; `recordsBefore` is how many data records of the whole file come before the part's first, so
 * that its rows keep the numbers the whole file gives them (read-list counts every record, blank or not).
 * Works on the bytes: a line feed and a double quote are never part of a multi-byte character in UTF-8 or
 * GB18030.
 */
export interface ListPart {
  content: Buffer;
  recordsBefore: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * The list cut into `count` parts of about the same size, or null when it is not a CSV that can be cut
 * safely: an .xlsx (a zip) or legacy .xls, a file with a carriage return that does not end a line, an
 * unclosed quote, or too few records.
 */
export function splitCsvList(bytes: Buffer, count = 2): ListPart[] | null {
  if (bytes.length < 2 || count < 2) return null;
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) return null;
  let inQuotes = false;
  let records = 0;
  let headerEnd = -1;
  /** Where each part after the first starts, and how many records (the header included) come before. */
  const cuts: { at: number; records: number }[] = [];
  let target = Math.ceil(bytes.length / count);
  for (let p = 0; p < bytes.length; p++) {
    const b = bytes[p]!;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === CR && !inQuotes && bytes[p + 1] !== LF) return null;
    else if (b === LF && !inQuotes) {
      records++;
      if (headerEnd < 0) headerEnd = p + 1;
      else if (p + 1 >= target && p + 1 < bytes.length && cuts.length < count - 1) {
        cuts.push({ at: p + 1, records });
        target = Math.ceil(((cuts.length + 1) * bytes.length) / count);
      }
    }
  }
  if (inQuotes || headerEnd < 0 || !cuts.length) return null;
  const header = bytes.subarray(0, headerEnd);
  const parts: ListPart[] = [{ content: bytes.subarray(0, cuts[0]!.at), recordsBefore: 0 }];
  cuts.forEach((cut, k) =>
    parts.push({
      content: Buffer.concat([header, bytes.subarray(cut.at, cuts[k + 1]?.at ?? bytes.length)]),
      recordsBefore: cut.records - 1,
    }),
  );
  return parts;
}
