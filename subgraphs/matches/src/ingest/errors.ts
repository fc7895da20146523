/** An import stops at the first malformed row and says where it is, so the file can be fixed and re-run. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`);
    this.name = 'ImportError';
  }
}
