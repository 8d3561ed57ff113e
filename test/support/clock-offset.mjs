// Loaded with `node --import` into a pfm process under test: a system clock set wrong by
// PFM_TEST_CLOCK_OFFSET_MS milliseconds, as `faketime` would make it, for Date alone (what pfm reads).
import process from 'node:process';

const offset = Number(process.env.PFM_TEST_CLOCK_OFFSET_MS ?? 0);
if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
