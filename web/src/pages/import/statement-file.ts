/** A bank statement as it is sent to the server. */
export interface StatementFile {
  fileName: string;
  /** The bytes, base64: a Windows-1252 file must reach the server's decoder unchanged. */
  content: string;
}

/** The server's limit on a statement: checked here too, so a big file fails before uploading. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export async function readStatementFile(file: File): Promise<StatementFile> {
  return { fileName: file.name, content: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole file as arguments overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
