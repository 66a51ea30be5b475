/**
 * A large CSV list cut in two at a record boundary, so that two worker threads can each read, prepare and
 * decide half of it (docs/decisions/0020). Each part is a CSV file of its own: the header line, then its
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
 * The list cut near its middle, or null when it is not a CSV that can be cut safely: an .xlsx (a zip) or
 * legacy .xls, a file with a carriage return that does not end a line, or an unclosed quote.
 */
export function splitCsvList(bytes: Buffer): [ListPart, ListPart] | null {
  if (bytes.length < 2) return null;
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) return null;
  const middle = bytes.length >> 1;
  let inQuotes = false;
  let records = 0;
  let headerEnd = -1;
  let cut = -1;
  let recordsAtCut = 0;
  for (let p = 0; p < bytes.length; p++) {
    const b = bytes[p]!;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === CR && !inQuotes && bytes[p + 1] !== LF) return null;
    else if (b === LF && !inQuotes) {
      records++;
      if (headerEnd < 0) headerEnd = p + 1;
      if (cut < 0 && p + 1 >= middle && p + 1 < bytes.length) {
        cut = p + 1;
        recordsAtCut = records;
      }
    }
  }
  if (inQuotes || headerEnd < 0 || cut < 0 || cut <= headerEnd) return null;
  return [
    { content: bytes.subarray(0, cut), recordsBefore: 0 },
    {
      content: Buffer.concat([bytes.subarray(0, headerEnd), bytes.subarray(cut)]),
      recordsBefore: recordsAtCut - 1,
    },
  ];
}
