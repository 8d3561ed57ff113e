import { userIdFor } from '../../src/domain/ids.js';

/** The user of the sync tests (scenarios, faults, properties): one name, so its id is the same everywhere. */
export const USER = 'ann';
export const USER_ID = userIdFor(USER);
