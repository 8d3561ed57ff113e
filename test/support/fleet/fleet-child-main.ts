import { FleetChild } from './fleet-child.js';
import type { FleetCommand, FleetReply } from './fleet-messages.js';

// A device process of the fleet, forked by fleet.ts: commands come in one at a time over IPC, each answered
// when done. It ends when the conductor disconnects.
const child = new FleetChild();
const reply = (message: FleetReply) => process.send?.(message);
process.on('message', (command: FleetCommand) => {
  child
    .handle(command)
    .then(reply, (e: unknown) =>
      reply({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
});
process.on('disconnect', () => process.exit(0));
