import { customType } from 'drizzle-orm/pg-core';

/** Binary content; both drivers hand it back as a Buffer (PGlite as a Uint8Array, wrapped here). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});
