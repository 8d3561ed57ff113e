import type { FastifyInstance, FastifyReply } from 'fastify';
import { HUB_PROTOCOL_VERSION, hubPrefix, OUTDATED_DEVICE } from '../../sync/hub-protocol.js';

/**
 * What a hub answers a device that speaks another sync protocol than its own, in words the device shows as they
 * are, with the hub's protocol beside them. An older device's routes are still here, for that answer only:
 * 426 Upgrade Required, before its request body is even read (a protocol 1 push can be megabytes), and never
 * worth a retry to the device. A device newer than the hub asks for routes this hub never had (404), and is
 * told to have the hub upgraded instead.
 */
export function refuseOlderProtocols(app: FastifyInstance): void {
  for (let protocol = 1; protocol < HUB_PROTOCOL_VERSION; protocol++) {
    app.all(
      `${hubPrefix(protocol)}/*`,
      { onRequest: async (_request, reply) => refuse(reply, 426, OUTDATED_DEVICE) },
      // Never reached: the onRequest hook has answered.
      async (_request, reply) => refuse(reply, 426, OUTDATED_DEVICE),
    );
  }
}

/** The protocol of a path under `/sync/vN` newer than this hub's, else null. */
export function newerProtocolOf(url: string): number | null {
  const match = /^\/sync\/v(\d{1,6})(?:[/?]|$)/.exec(url);
  const protocol = match ? Number(match[1]) : 0;
  return protocol > HUB_PROTOCOL_VERSION ? protocol : null;
}

/** The not-found answer to a route of a newer protocol. */
export function refuseNewerProtocol(reply: FastifyReply, protocol: number): FastifyReply {
  return refuse(
    reply,
    404,
    `This hub speaks sync protocol ${HUB_PROTOCOL_VERSION}, older than this device's ${protocol}; upgrade pfm on the hub`,
  );
}

function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error, protocol: HUB_PROTOCOL_VERSION });
}
