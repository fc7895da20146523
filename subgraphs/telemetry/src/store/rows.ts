/**
 * What every area of the store writes rows with: multi-row inserts cut to what one statement may bind,
 * and `Float64Array` blobs to and from the database driver's buffers.
 */

/** Rows per multi-row statement: SQLite accepts 32,766 bound values a statement, PostgreSQL 65,535. */
const MAX_BOUND_VALUES = 32_000;

export async function insertInBatches<Row extends object>(
  rows: readonly Row[],
  insert: (rows: Row[]) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += perStatement) await insert(rows.slice(i, i + perStatement));
}

/** The bytes of a Float64Array, without copying them. */
export const bytes = (array: Float64Array): Buffer =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/** A blob back into a Float64Array, copying only when the driver's buffer is not 8-byte aligned. */
export function float64s(blob: Uint8Array): Float64Array {
  if (blob.byteOffset % Float64Array.BYTES_PER_ELEMENT === 0) {
    return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / Float64Array.BYTES_PER_ELEMENT);
  }
  return new Float64Array(Uint8Array.from(blob).buffer);
}
