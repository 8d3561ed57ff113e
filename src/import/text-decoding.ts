/** Bank exports come as UTF-8 (with or without a BOM), UTF-16 from spreadsheet tools, or Windows-1252. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/**
 * Decode a statement's bytes. A BOM decides; otherwise strict UTF-8 is tried first, because text in any
 * other encoding with a non-ASCII byte (é, ü, €) is almost never valid UTF-8, and Windows-1252 (a superset
 * of Latin-1 for printable characters, as the WHATWG decoder maps it) is the fallback older bank exports use.
 */
export function decodeStatement(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
